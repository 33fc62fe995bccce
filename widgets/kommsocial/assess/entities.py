"""Dates, times, durations, numbers (digits and words), phone numbers, URLs and e-mails with spans.

Every number gets a role, so a rule can tell a time of day ("16 Uhr"), a duration until the
next update ("in 30 Minuten"), a phone number, a house number or an age from a count
("20 Verletzte"), which is what "no unconfirmed figures" is about.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kommsocial import _german
from kommsocial.assess.numbers import is_ordinal, word_value
from kommsocial.platforms import URL_TLDS

# Lower-case month and weekday words (names, abbreviations) with their numbers (weekday: Monday is 0).
MONTHS = {m.lower(): i for i, m in enumerate(_german.MONTHS, start=1)} | _german.MONTH_ABBREVIATIONS
WEEKDAYS = {word: i for name, i in _german.WEEKDAY_NAMES.items()
            for word in (name.lower(), _german.WEEKDAYS_SHORT[i].lower())}
_MONTH_FULL = "|".join(m.lower() for m in _german.MONTHS)
_MONTH_ABBR = "|".join(sorted(_german.MONTH_ABBREVIATIONS, key=len, reverse=True))
# A full month name never takes the period: "am 12. Juni." ends the sentence.
_MONTH = f"(?:{_MONTH_FULL})(?![a-zäöüß])|(?:{_MONTH_ABBR})(?![a-zäöüß])\\.?"
_NUMWORD = r"[A-Za-zÄÖÜäöüß]+"
_TRAIL = ".,;:!?)»“\"'"

_URL = re.compile(
    r"(?:https?://|www\.)[^\s<>\"]+|\b[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?-i:example|" + URL_TLDS + r")"
    r"\b(?:/[^\s<>\"]*)?",
    re.IGNORECASE,
)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(
    r"(?<![\d.,:/])(?:\+\s?49[\s/-]*(?:\(0\)\s?)?|0)\d{2,5}\)?(?:[\s/-]?\d{2,})(?:[\s-]\d{1,6})?(?![\d.,:]\d)"
)
_SERVICE = re.compile(r"(?<![\d.,:/-])(?:110|112|115|116\s?117)(?![\d.,:/-]\d)")
_TIME_RANGE = re.compile(
    r"(?<![\d.:])(\d{1,2})(?:[:.](\d{2}))?\s*(?:Uhr\s*)?(?:-|–|bis)\s*(\d{1,2})(?:[:.](\d{2}))?\s*(?:Uhr\b|h\b)",
    re.IGNORECASE,
)
_TIME_UHR = re.compile(r"(?<![\d.:])(\d{1,2})(?:[:.](\d{2}))?\s*(?:Uhr\b|h\b)", re.IGNORECASE)
_TIME_WORD = re.compile(r"\b(" + _NUMWORD + r")\s+Uhr\b(?:\s+(morgens|vormittags|mittags|nachmittags|abends))?",
                        re.IGNORECASE)
_TIME_COLON = re.compile(r"(?<![\d.:])(\d{1,2}):(\d{2})(?![\d:])")
_DATE_NUM = re.compile(r"(?<![\d.])(\d{1,2})\.\s?(\d{1,2})\.(?:\s?(\d{4})|(\d{2}))?(?![\d:]|\.\d)")
_DATE_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_DATE_MONTH = re.compile(r"(?<![\d.])(\d{1,2})\.?\s*(" + _MONTH + r")(?:\s*(\d{4}))?", re.IGNORECASE)
_DATE_WORD = re.compile(r"\b(" + _NUMWORD + r")\s+(" + _MONTH + r")", re.IGNORECASE)
_WEEKDAY = re.compile(r"\b(" + "|".join(w.lower() for w in _german.WEEKDAY_NAMES) + r")s?\b", re.IGNORECASE)
_DURATION = re.compile(
    r"(?<![\d.:])(\d+(?:[.,]\d+)?|" + _NUMWORD + r")\s*(sekunden?|minuten?|min\.?|stunden?|std\.?|tagen?|tage|"
    r"wochen?|monaten?|monate|jahren?|jahre)\b",
    re.IGNORECASE,
)
_AGE = re.compile(r"\b(?:ab|unter|über|bis|von)\s+(\d{1,2}|" + _NUMWORD + r")\s+jahren?\b|\b(\d{1,2}|" + _NUMWORD
                  + r")\s+jahre\s+alt\b|\b(\d{1,2})-jährige?n?\b", re.IGNORECASE)
_DIGITS = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)*(?![\w]|[.,]\d)")
_WORD = re.compile(r"[A-Za-zÄÖÜäöüß]+")
_STREET_BEFORE = re.compile(r"(?:straße|str\.|weg|allee|platz|gasse|ring|damm|ufer|haus|markt|chaussee|pfad)\s*$",
                            re.IGNORECASE)
_NUMBER_BEFORE = re.compile(r"(?:nr\.?|nummer|kassenzeichen|aktenzeichen|az\.?|zeichen|#)\s*$", re.IGNORECASE)
_MONEY_AFTER = re.compile(r"^\s*(?:€|euro\b|eur\b)", re.IGNORECASE)
_PERCENT_AFTER = re.compile(r"^\s*(?:%|prozent\b)", re.IGNORECASE)


@dataclass(frozen=True)
class Entity:
    """A recognised expression: kind, span, surface text and normalised value.

    kind is one of url, email, telefon, datum, wochentag, uhrzeit, dauer, alter, zahl.
    For "zahl" the role says what the number is: anzahl, jahr, adresse, nummer, geld, prozent.
    """

    kind: str
    start: int
    end: int
    text: str
    value: object
    role: str = ""


def normalize_url(url: str) -> str:
    """URL without scheme, "www.", trailing slash or punctuation, lower-case."""
    u = url.strip().rstrip(_TRAIL).lower()
    u = re.sub(r"^https?://", "", u)
    u = re.sub(r"^www\.", "", u)
    return u.rstrip("/")


def phone_digits(number: str) -> str:
    """Digits of a phone number, +49 written as leading 0: "+49 123 4567-0" → "012345670"."""
    n = re.sub(r"\(0\)", "", number.strip())
    n = re.sub(r"^\+\s?49", "0", n)
    return re.sub(r"\D", "", n)


def _time(h: str, m: str | None) -> str | None:
    hour, minute = int(h), int(m or 0)
    return f"{hour:02d}:{minute:02d}" if hour <= 24 and minute < 60 else None


def _value(token: str) -> int | None:
    if token.isdigit():
        return int(token)
    return word_value(token)


class _Finder:
    """Collects non-overlapping entities; earlier (more specific) patterns win."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.taken = [False] * len(text)
        self.found: list[Entity] = []

    def free(self, start: int, end: int) -> bool:
        return not any(self.taken[start:end])

    def add(self, kind: str, start: int, end: int, value: object, role: str = "") -> None:
        while end > start and self.text[end - 1] in _TRAIL and kind in {"url", "email"}:
            end -= 1
        if end <= start or not self.free(start, end):
            return
        self.taken[start:end] = [True] * (end - start)
        self.found.append(Entity(kind, start, end, self.text[start:end], value, role))


def find_entities(text: str) -> list[Entity]:
    """All entities in the text, sorted by position."""
    f = _Finder(text)
    for m in _EMAIL.finditer(text):
        f.add("email", m.start(), m.end(), m.group().lower())
    for m in _URL.finditer(text):
        if "@" not in m.group():
            f.add("url", m.start(), m.end(), normalize_url(m.group()))
    for m in _PHONE.finditer(text):
        if len(phone_digits(m.group())) >= 6:
            f.add("telefon", m.start(), m.end(), phone_digits(m.group()))
    for m in _SERVICE.finditer(text):
        f.add("telefon", m.start(), m.end(), phone_digits(m.group()))
    for m in _TIME_RANGE.finditer(text):
        a, b = _time(m.group(1), m.group(2)), _time(m.group(3), m.group(4))
        if a and b:
            f.add("uhrzeit", m.start(), m.end(), (a, b))
    for m in _TIME_UHR.finditer(text):
        t = _time(m.group(1), m.group(2))
        if t:
            f.add("uhrzeit", m.start(), m.end(), (t,))
    for m in _TIME_WORD.finditer(text):
        v = word_value(m.group(1))
        if v is not None and v < 12 and (m.group(2) or "").lower() in {"nachmittags", "abends"}:
            v += 12  # "vier Uhr nachmittags" is 16:00
        if v is not None and v <= 24:
            f.add("uhrzeit", m.start(), m.end(), (f"{v:02d}:00",))
    for m in _DATE_ISO.finditer(text):
        f.add("datum", m.start(), m.end(), (int(m.group(3)), int(m.group(2)), int(m.group(1))))
    for m in _DATE_MONTH.finditer(text):
        day, year = int(m.group(1)), m.group(3)
        if 1 <= day <= 31:
            month = MONTHS[m.group(2).lower().rstrip(".")]
            f.add("datum", m.start(), m.end(), (day, month, int(year) if year else None))
    for m in _DATE_WORD.finditer(text):
        word_day = word_value(m.group(1))
        if word_day is not None and 1 <= word_day <= 31 and m.group(1).lower() not in _german.ARTICLE_LIKE:
            f.add("datum", m.start(), m.end(), (word_day, MONTHS[m.group(2).lower().rstrip(".")], None))
    for m in _DATE_NUM.finditer(text):
        day, month, year = int(m.group(1)), int(m.group(2)), m.group(3) or m.group(4)
        if 1 <= day <= 31 and 1 <= month <= 12:
            y = int(year) + (2000 if year and len(year) == 2 else 0) if year else None
            f.add("datum", m.start(), m.end(), (day, month, y))
    for m in _TIME_COLON.finditer(text):
        t = _time(m.group(1), m.group(2))
        if t:
            f.add("uhrzeit", m.start(), m.end(), (t,))
    for m in _WEEKDAY.finditer(text):
        f.add("wochentag", m.start(), m.end(), WEEKDAYS[m.group(1).lower()])
    for m in _AGE.finditer(text):
        f.add("alter", m.start(), m.end(), _value(next(g for g in m.groups() if g)))
    for m in _DURATION.finditer(text):
        v = _value(m.group(1).replace(",", ".").split(".")[0])
        if v is not None or m.group(1).lower() in {"einer", "einen", "eine", "ein"}:
            f.add("dauer", m.start(), m.end(), (v if v is not None else 1, m.group(2).lower()))
    for m in _DIGITS.finditer(text):
        f.add("zahl", m.start(), m.end(), _digits_value(m.group()), _role(text, m.start(), m.end()))
    for m in _WORD.finditer(text):
        w = m.group()
        if w.lower() in _german.ARTICLE_LIKE:
            continue
        v = word_value(w)
        if v is not None:
            # "zweite Fälschung", "erster Beitrag": a rank, not a count of people or things.
            role = "rang" if is_ordinal(w) else _role(text, m.start(), m.end())
            f.add("zahl", m.start(), m.end(), v, role)
    return sorted(f.found, key=lambda e: e.start)


def _digits_value(s: str) -> float:
    t = s.replace(".", "") if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", s) else s.replace(",", ".")
    try:
        return float(t)
    except ValueError:
        return float(re.sub(r"\D", "", s) or 0)


def _role(text: str, start: int, end: int) -> str:
    before, after = text[max(0, start - 20):start], text[end:end + 12]
    digits = text[start:end]
    if _MONEY_AFTER.match(after):
        return "geld"
    if _PERCENT_AFTER.match(after):
        return "prozent"
    if _NUMBER_BEFORE.search(before) or after.startswith(("/", "-")) or before.endswith(("/", "-")):
        return "nummer"
    if _STREET_BEFORE.search(before):
        return "adresse"
    if digits.isdigit() and len(digits) == 4 and 1900 <= int(digits) <= 2100:
        return "jahr"
    line_start = text.rfind("\n", 0, start) + 1
    if not text[line_start:start].strip() and after.startswith((".", ")")):
        return "nummer"  # list item "1." at the start of a line
    return "anzahl"
