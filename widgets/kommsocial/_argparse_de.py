"""argparse with German help texts and error messages.

argparse looks its user-visible strings up through the module-level ``_``
(gettext) at call time, so a small translation table is enough.
"""

from __future__ import annotations

import argparse
import sys
from typing import NoReturn

_GERMAN = {
    "usage: ": "Aufruf: ",
    "positional arguments": "Argumente",
    "options": "Optionen",
    "optional arguments": "Optionen",
    "show this help message and exit": "diese Hilfe anzeigen und beenden",
    "the following arguments are required: %s": "diese Angaben fehlen: %s",
    "unrecognized arguments: %s": "unbekannte Angaben: %s",
    "expected one argument": "erwartet einen Wert",
    "invalid choice: %(value)r (choose from %(choices)s)": "ungültige Wahl: %(value)r (möglich: %(choices)s)",
    "invalid %(type)s value: %(value)r": "ungültiger Wert: %(value)r",
    "argument %(argument_name)s: %(message)s": "Angabe %(argument_name)s: %(message)s",
    "not allowed with argument %s": "nicht zusammen mit %s erlaubt",
    "one of the arguments %s is required": "eine dieser Angaben ist nötig: %s",
    "ambiguous option: %(option)s could match %(matches)s": "mehrdeutige Option: %(option)s passt zu %(matches)s",
    "%(prog)s: error: %(message)s\n": "%(prog)s: Fehler: %(message)s\n",
}


def _translate(text: str) -> str:
    return _GERMAN.get(text, text)


argparse._ = _translate  # type: ignore[attr-defined]


class _Formatter(argparse.RawDescriptionHelpFormatter):
    """Keeps the description as written; room for „name (alias)“ before the help column."""

    def __init__(self, prog: str) -> None:
        super().__init__(prog, max_help_position=34)


class GermanParser(argparse.ArgumentParser):
    """ArgumentParser that speaks German and offers -h/--hilfe/--help."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("add_help", False)
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)
        self.add_argument(
            "-h", "--hilfe", "--help", action="help", default=argparse.SUPPRESS,
            help="diese Hilfe anzeigen und beenden",
        )

    def error(self, message: str) -> NoReturn:
        """Print usage and a German error, exit 2 (unusable input)."""
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: Fehler: {message}\nHilfe: {self.prog} --hilfe\n")


def subcommands(parser: argparse.ArgumentParser, title: str = "Befehle",
                metavar: str = "BEFEHL") -> argparse._SubParsersAction:
    """Sub-commands of a command group; the group alone prints its help and exits 2."""
    def _help(_args: argparse.Namespace) -> int:
        parser.print_help()
        return 2

    parser.set_defaults(func=_help)
    return parser.add_subparsers(title=title, metavar=metavar, parser_class=GermanParser)


# Umlaut spellings accepted as hidden aliases, so that „prüfen“ works as well as „pruefen“.
_UMLAUT_SPELLINGS = {
    "pruefen": "prüfen", "loeschen": "löschen", "rueckmeldung": "rückmeldung",
    "zusammenfuehren": "zusammenführen", "faelle": "fälle",
}


def command(sub: argparse._SubParsersAction, name: str, *, english: str | None = None,
            **kwargs) -> argparse.ArgumentParser:
    """A sub-command with a German name. Its English name stays an alias (shown in the help) so that
    existing scripts and readers of English docs (nbgrader's, for example) keep working; the umlaut
    spelling of the name is a hidden alias."""
    parser: argparse.ArgumentParser = sub.add_parser(name, aliases=[english] if english else [], **kwargs)
    spelled = _UMLAUT_SPELLINGS.get(name)
    if spelled:
        sub._name_parser_map[spelled] = parser  # argparse lists only declared aliases
    return parser


def add_number_option(parser: argparse.ArgumentParser, *, default: int | None, help: str) -> None:
    """The reproducible-selection number as ``--nummer N`` (stored as ``seed``).

    ``--seed`` stays accepted for existing scripts but is not shown: users read German.
    """
    parser.add_argument("--nummer", dest="seed", type=int, default=default, metavar="N", help=help)
    parser.add_argument("--seed", dest="seed", type=int, default=argparse.SUPPRESS, help=argparse.SUPPRESS)
