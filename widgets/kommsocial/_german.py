"""German formatting for what users read, in one place.

Numbers (thousands with a point, decimal comma, percent), dates (21.11.2026), month and weekday
names, number words in both directions ("zwölf" ↔ 12) and the „Stand: … – keine Rechtsberatung“
line. A ground-floor module: it imports nothing from the package, so every layer may use it.
"""

from __future__ import annotations

import datetime as _dt
import re

# --- numbers -------------------------------------------------------------------------------------


def thousands(n: int) -> str:
    """A count as German readers write it: 2.200."""
    return f"{n:,}".replace(",", ".")


def plural(n: float, one: str, many: str) -> str:
    """The word that goes with the count: plural(1, "Satz", "Sätze") is "Satz"."""
    return one if n == 1 else many


def decimal(value: float, digits: int | None = None, *, grouping: bool = False, trim: bool = False) -> str:
    """A number with a decimal comma: decimal(3.5, 1) is "3,5".

    digits=None writes the shortest form (Python's "g": 2.5, 3, 0.125); grouping puts a point between
    thousands (1.234,5); trim drops an all-zero fraction (decimal(12.0, 1, trim=True) is "12").
    """
    if digits is None:
        text = f"{value:,g}" if grouping else f"{value:g}"
    else:
        text = f"{value:,.{digits}f}" if grouping else f"{value:.{digits}f}"
        if trim and digits:
            text = text.removesuffix("." + "0" * digits)
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def percent(value: float, digits: int = 2) -> str:
    """A percentage with a decimal comma and a space before the sign: "3,50 %"."""
    return f"{decimal(value, digits)} %"


def number(value: float) -> str:
    """A number as German readers write it: 12.500, 3,52, 65,9 (at most two decimals, no trailing zeros)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return thousands(value)
    text = decimal(float(value), 2, grouping=True)
    return text.rstrip("0").rstrip(",") if "," in text else text


# --- dates, months, weekdays ---------------------------------------------------------------------

# strftime patterns, for pandas, matplotlib and parsing, where a function per value does not fit.
DATE_FORMAT = "%d.%m.%Y"
DAY_MONTH_FORMAT = "%d.%m."

MONTHS = ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
          "November", "Dezember")
# Abbreviations a text may use (lower case, without the period), with the month's number.
MONTH_ABBREVIATIONS = {"jan": 1, "feb": 2, "mär": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
                       "okt": 10, "nov": 11, "dez": 12}
# Calendar order, as date.weekday() counts (Monday is 0).
WEEKDAYS = ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag")
WEEKDAYS_SHORT = ("Mo", "Di", "Mi", "Do", "Fr", "Sa", "So")
# Every weekday name a text may use: "Sonnabend" is the northern and eastern word for Samstag.
WEEKDAY_NAMES = {**{name: i for i, name in enumerate(WEEKDAYS[:6])}, "Sonnabend": 5, "Sonntag": 6}


def datum(d: _dt.date, *, weekday: bool = False) -> str:
    """A date as German readers write it: 21.11.2026 (with weekday: "Samstag, 21.11.2026")."""
    text = f"{d:%d.%m.%Y}"
    return f"{WEEKDAYS[d.weekday()]}, {text}" if weekday else text


def day_month(d: _dt.date) -> str:
    """Day and month without the year: 21.11."""
    return f"{d:%d.%m.}"


def date_time(d: _dt.datetime) -> str:
    """Date and clock time: 21.11.2026 09:30."""
    return f"{d:%d.%m.%Y %H:%M}"


def month_name(month: int) -> str:
    """The month's name for its number (1 is Januar)."""
    return MONTHS[month - 1]


def month_year(d: _dt.date) -> str:
    """Month and year as a calendar heading: "November 2026"."""
    return f"{month_name(d.month)} {d.year}"


def weekday_name(d: _dt.date, *, short: bool = False) -> str:
    """The date's weekday: "Samstag" (short: "Sa")."""
    return (WEEKDAYS_SHORT if short else WEEKDAYS)[d.weekday()]


# --- „Stand“ ---------------------------------------------------------------------------------------

DISCLAIMER = "keine Rechtsberatung"


def stand(when: _dt.date | str, *, disclaimer: bool = False, label: str = "Stand") -> str:
    """„Stand: 21.11.2026“, with disclaimer „Stand: 21.11.2026 – keine Rechtsberatung“ (no final period).

    when is a date or a text already written out („21.11.2025 bis 21.11.2026“); label replaces
    "Stand" („Stand der Vorlage“).
    """
    text = f"{label}: {datum(when) if isinstance(when, _dt.date) else when}"
    return f"{text} – {DISCLAIMER}" if disclaimer else text


# --- number words --------------------------------------------------------------------------------

# The one table of German number words; compounds ("zweiundzwanzig", "dreihundert") are built from it.
NUMBER_WORDS = {
    "null": 0, "ein": 1, "eins": 1, "eine": 1, "zwei": 2, "zwo": 2, "drei": 3, "vier": 4, "fünf": 5,
    "sechs": 6, "sieben": 7, "acht": 8, "neun": 9, "zehn": 10, "elf": 11, "zwölf": 12, "dreizehn": 13,
    "vierzehn": 14, "fünfzehn": 15, "sechzehn": 16, "siebzehn": 17, "achtzehn": 18, "neunzehn": 19,
    "zwanzig": 20, "dreißig": 30, "vierzig": 40, "fünfzig": 50, "sechzig": 60, "siebzig": 70,
    "achtzig": 80, "neunzig": 90, "hundert": 100, "tausend": 1000,
}
# Words that state a count without a figure ("Dutzende Verletzte").
VAGUE_COUNTS = {"dutzend": 12, "dutzende": 12, "hunderte": 100, "tausende": 1000}
# "ein", "eine" and "eins" are mostly articles when they stand alone.
ARTICLE_LIKE = frozenset({"ein", "eine", "eins"})

_UNITS = {w: v for w, v in NUMBER_WORDS.items() if v < 20}
_TENS = {w: v for w, v in NUMBER_WORDS.items() if 20 <= v < 100}
_WORD_OF = {v: w for w, v in reversed(NUMBER_WORDS.items()) if w not in {"ein", "eine", "zwo"}}


def number_word_value(word: str) -> int | None:
    """Value of a German cardinal number word, lower case: "zwölf" → 12, "dreihundertzwei" → 302; else None."""
    if word in NUMBER_WORDS:
        return NUMBER_WORDS[word]
    if word in {"einhundert", "eintausend"}:
        return NUMBER_WORDS[word[3:]]
    m = re.fullmatch(r"(\w+?)und(\w+zig|dreißig)", word)
    if m and m.group(1) in _UNITS and m.group(2) in _TENS:
        return _UNITS[m.group(1)] + _TENS[m.group(2)]
    for big, factor in (("tausend", 1000), ("hundert", 100)):
        if big in word:
            head, _, tail = word.partition(big)
            h = number_word_value(head) if head else 1
            t = number_word_value(tail) if tail else 0
            if h is not None and t is not None:
                return h * factor + t
    return None


def in_words(n: int) -> str:
    """A whole number from 0 to 999.999 in German words: 12 → "zwölf", 21 → "einundzwanzig", 101 → "hunderteins"."""
    if not 0 <= n < 1_000_000:
        raise ValueError(f"in_words covers 0 to 999999, not {n}")
    if n in _WORD_OF:
        return _WORD_OF[n]
    if n < 100:
        unit, ten = n % 10, n - n % 10
        return ("ein" if unit == 1 else _WORD_OF[unit]) + "und" + _WORD_OF[ten]
    for factor in (1000, 100):
        if n >= factor:
            head, tail = divmod(n, factor)
            word = _WORD_OF[factor]
            # "hundert", not "einshundert"; "hunderteintausend", not "hunderteinstausend".
            prefix = "" if head == 1 else in_words(head).removesuffix("s" if head % 10 == 1 else "")
            return prefix + word + (in_words(tail) if tail else "")
    raise AssertionError(n)  # pragma: no cover - every n < 1.000.000 is covered above
