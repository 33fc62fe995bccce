"""The `kommsocial` command: a thin German front over the engines.

Each room (text, crisis, legal, plan, analytics, seminar) registers its own
sub-commands in `kommsocial/<room>/cli.py` through `register(subparsers)`; the
handler is stored as `func` and returns the exit code.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

import kommsocial
from kommsocial import _argparse_de
from kommsocial.errors import KommSocialError

# Modules that add sub-commands, in the order they appear in `kommsocial --help`.
COMMAND_MODULES = (
    "kommsocial.launch",
    "kommsocial.text.cli",
    "kommsocial.crisis.cli",
    "kommsocial.legal.cli",
    "kommsocial.plan.cli",
    "kommsocial.analytics.cli",
    "kommsocial.community.cli",
    "kommsocial.seminar.cli",
    "kommsocial.ki.cli",
    "kommsocial.strategie.cli",
)


def build_parser() -> argparse.ArgumentParser:
    """Build the top-level parser with every room's sub-commands."""
    parser = _argparse_de.GermanParser(
        prog="kommsocial",
        description="KommSocial – Schulungswerkzeug für Social Media in Kommunen.",
        epilog="Hilfe zu einem Befehl: kommsocial BEFEHL --hilfe",
    )
    parser.add_argument("--version", action="version", version=f"kommsocial {kommsocial.__version__}",
                        help="Versionsnummer anzeigen und beenden")
    sub = parser.add_subparsers(title="Befehle", metavar="BEFEHL", parser_class=_argparse_de.GermanParser)
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script; returns the process exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "func"):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except KommSocialError as exc:
        print(f"Fehler: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("Abgebrochen.", file=sys.stderr)
        return 130
    except BrokenPipeError:  # output piped into `head` or a pager that closed early: nothing went wrong
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 (the interpreter closes it at exit)
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
