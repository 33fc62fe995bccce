"""KommSocial: training toolkit for social-media staff of German municipalities."""

__version__ = "0.1.0"
