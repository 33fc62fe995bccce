"""Reading what people type into a field: a number, a list of row numbers. Shared by the code-free exercises
(ui/uebung.py) and the graded text answers (seminar/text_answers.py); no widgets here."""

from __future__ import annotations

import re

_NUMBER = re.compile(r"^[+-]?\d+(?:[.,]\d+)?$")


def parse_number(text: str) -> float | None:
    """A number as people type it: „43,5“, „43.5“, „43,5 %“; None if it is not one."""
    cleaned = text.strip().removesuffix("%").strip().replace(" ", "")
    if not _NUMBER.match(cleaned):
        return None
    return float(cleaned.replace(",", "."))


def parse_rows(text: str) -> list[int] | None:
    """Row numbers separated by commas, semicolons or spaces („4, 9 12“); None if something else is typed."""
    parts = [p for p in re.split(r"[,;\s]+", text.strip()) if p]
    if not all(p.isdigit() for p in parts):
        return None
    return [int(p) for p in parts]
