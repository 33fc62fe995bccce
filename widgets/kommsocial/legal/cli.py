"""Sub-commands of the legal room (`kommsocial ...`)."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    """Add this room's sub-commands to the `kommsocial` parser."""
