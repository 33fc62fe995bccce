"""Example Impressum profiles (YAML) for `kommsocial recht impressum` and the course."""
