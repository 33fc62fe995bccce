"""Data folder (YAML) of the legal room; a package so the files ship with the wheel."""
