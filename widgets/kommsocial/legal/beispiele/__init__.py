"""Example Impressum profiles (YAML) for `kommsocial legal impressum` and the course."""
