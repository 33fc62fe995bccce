"""KommSocial: training toolkit for social-media staff of German municipalities."""

from importlib.metadata import PackageNotFoundError, version

try:  # the version is defined once, in pyproject.toml
    __version__ = version("kommsocial")
except PackageNotFoundError:  # imported from a source tree that was never installed
    __version__ = "0+unbekannt"
