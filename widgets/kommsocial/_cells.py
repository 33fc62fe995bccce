"""Spreadsheet cells from untrusted text: no formula ever starts in a CSV or xlsx export.

Excel and LibreOffice run a cell that starts with ``=``, ``+``, ``-`` or ``@`` as a
formula (``=HYPERLINK(…)``, ``=cmd|' /C calc'!A0``), also after leading blanks, tabs
or line breaks and with full-width signs. Every exporter passes its values through
:func:`neutralise_cell`, which puts an apostrophe in front, as OWASP recommends.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

# Formula starts, including the full-width forms (U+FF1D = U+FF0B + U+FF0D - U+FF20 @).
_FORMULA_START = frozenset("=+-@\t\r\n\uff1d\uff0b\uff0d\uff20")
# A plain number such as "-12" or "-1,5" is no formula; spreadsheets read it as a number.
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:[.,]\d+)?|[.,]\d+)(?:[eE][+-]?\d+)?")


def starts_formula(text: str) -> bool:
    """True when a spreadsheet program could run `text` as a formula."""
    stripped = text.lstrip(" \u00a0\u3000")
    if not stripped:
        return False
    if stripped[0] in "\t\r\n":
        return True
    if stripped[0] not in _FORMULA_START:
        return False
    return _PLAIN_NUMBER.fullmatch(stripped) is None


def neutralise_cell(value: Any) -> Any:
    """The value itself, or for a formula-like string the string with a leading apostrophe.

    Numbers, dates and None pass unchanged, so a negative number stays a number.
    """
    if isinstance(value, str) and starts_formula(value):
        return "'" + value
    return value


def neutralise_row(values: Iterable[Any]) -> list[Any]:
    """:func:`neutralise_cell` for every value of one row."""
    return [neutralise_cell(v) for v in values]
