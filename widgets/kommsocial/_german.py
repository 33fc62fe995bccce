"""German number words for what users read: thousands with a point, singular or plural."""

from __future__ import annotations


def thousands(n: int) -> str:
    """A count as German readers write it: 2.200."""
    return f"{n:,}".replace(",", ".")


def plural(n: float, one: str, many: str) -> str:
    """The word that goes with the count: plural(1, "Satz", "Sätze") is "Satz"."""
    return one if n == 1 else many


def number(value: float) -> str:
    """A number as German readers write it: 12.500, 3,52, 65,9 (at most two decimals, no trailing zeros)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return thousands(value)
    text = f"{float(value):,.2f}".replace(",", "X").replace(".", ",").replace("X", ".")
    return text.rstrip("0").rstrip(",") if "," in text else text
