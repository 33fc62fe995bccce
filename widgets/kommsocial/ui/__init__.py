"""ipywidgets views: thin, one component per module; they only call engines."""
