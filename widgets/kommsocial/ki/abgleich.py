"""Source-vs-draft comparison: numbers, dates, times, weekdays, links, phone numbers, names and quotes.

Every such detail in the AI draft is looked up in the source text. What the source
does not contain is "nicht belegt". Dates, times, numbers (digits and words), phone
numbers, e-mail addresses and links come from the assessment engine
(`kommsocial.assess.entities`), so "12. Juni", "12.06." and "zwölften Juni" are the same
date and "16 Uhr", "16.00 Uhr" and "16:00" the same time. The check is deliberately
literal beyond that: a correct number in the wrong place is not found (the course says
so), and "belegt" never means "fit to publish" (personal data from internal notes is
"belegt" too).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from functools import lru_cache
from typing import Literal, cast

import regex

from kommsocial._german import WEEKDAYS
from kommsocial.assess.entities import Entity, find_entities

Art = Literal["zahl", "datum", "uhrzeit", "wochentag", "link", "email", "telefon", "name", "zitat"]

ART_TEXT: dict[str, str] = {
    "zahl": "Zahl", "datum": "Datum", "uhrzeit": "Uhrzeit", "wochentag": "Wochentag", "link": "Link",
    "email": "E-Mail-Adresse", "telefon": "Telefonnummer", "name": "Name", "zitat": "Zitat",
}

# Calendar order (date.weekday()), the engine's weekday values index into it.
_WEEKDAYS = tuple(w.lower() for w in WEEKDAYS)
# "Samstag, 5. Dezember" / "Samstag, den 5. Dezember": the weekday belongs to the date that follows.
_WEEKDAY_GAP = regex.compile(r",?\s+(?:den\s+)?")
# "7. bis 23. Dezember": the first day takes the month and year of the second.
_RANGE_HEAD = regex.compile(r"(?<![\d.])(\d{1,2})\.\s*(?:bis|–|-|und)\s*(?:zum\s+)?$", regex.I)
# "außer Acht lassen", "in Acht nehmen": the word, not the number.
_ACHT_IDIOM = regex.compile(r"(?:außer|in)\s+$", regex.I)
_QUOTE_RE = regex.compile(r"„(?P<q>[^“”\"]{8,}?)[“”\"]|»(?P<q2>[^«]{8,}?)«|\"(?P<q3>[^\"]{8,}?)\"")
_NAME = r"(?P<name>\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?(?:\s+\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?)?)"
_ROLES = (
    r"Oberbürgermeister(?:in)?|Bürgermeister(?:in)?|Ortsbürgermeister(?:in)?|Landrat|Landrätin|Stadtbaurat|"
    r"Stadtbaurätin|Stadtrat|Stadträtin|Kämmerer|Kämmerin|Dezernent(?:in)?|Amtsleiter(?:in)?|Leiter(?:in)?|"
    r"Pressesprecher(?:in)?|Sprecher(?:in)?|Stadtbrandmeister(?:in)?|Wehrführer(?:in)?|Schulleiter(?:in)?|"
    r"Herr|Frau|Dr\.|Prof\."
)
_NAME_RE = regex.compile(
    r"(?<!\p{L})(?:(?:" + _ROLES + r")|(?:sagt|sagte|erklärt|erklärte|betont|betonte|so))\s+(?:Dr\.\s+)?" + _NAME)
_FIGURE = regex.compile(r"\d+(?:[.,]\d+)?|\p{L}+")
_UNIT_STEM = {"sekunde": "sekunde", "minute": "minute", "min": "minute", "stunde": "stunde", "std": "stunde",
              "tag": "tag", "woche": "woche", "monat": "monat", "jahr": "jahr"}


@dataclass(frozen=True)
class Angabe:
    """One checkable detail of the draft: kind, text, span, whether the source contains it, German note."""

    art: Art
    text: str
    start: int
    end: int
    belegt: bool
    hinweis: str

    def to_dict(self) -> dict:
        """JSON form (`kommsocial ki pruefen --json`)."""
        return asdict(self)


@dataclass(frozen=True)
class _Date:
    """A date of a text with the weekday written before it (if any) and its span."""

    day: int
    month: int
    year: int | None
    weekday: str | None
    start: int
    end: int


def _norm_words(text: str) -> str:
    return " ".join(regex.findall(r"[\p{L}\p{N}]+", text.lower()))


def _unit(unit: str) -> str:
    """Duration unit without plural ending: "Minuten" → "minute", "Std." → "stunde"."""
    u = unit.lower().rstrip(".")
    for stem, canon in _UNIT_STEM.items():
        if u.startswith(stem):
            return canon
    return u


def _is_number(text: str, e: Entity) -> bool:
    """Whether a "zahl" entity states a figure (not a rank like "dritte" or the idiom "außer Acht")."""
    if e.role == "rang":
        return False
    return not (e.text.lower() == "acht" and _ACHT_IDIOM.search(text[max(0, e.start - 8):e.start]))


def _dates(text: str, entities: list[Entity]) -> list[_Date]:
    """Every date of the text: a weekday before it joins it, a range "7. bis 23. Dezember" gives two dates."""
    out: list[_Date] = []
    for i, e in enumerate(entities):
        if e.kind != "datum":
            continue
        day, month, year = cast(tuple[int, int, 'int | None'], e.value)
        start, weekday = e.start, None
        prev = entities[i - 1] if i > 0 else None
        if prev is not None and prev.kind == "wochentag" and _WEEKDAY_GAP.fullmatch(text[prev.end:e.start]):
            start, weekday = prev.start, _WEEKDAYS[int(prev.value)]  # type: ignore[call-overload]
        head = _RANGE_HEAD.search(text[max(0, e.start - 30):e.start])
        if head is not None and weekday is None:
            first = max(0, e.start - 30) + head.start(1)
            out.append(_Date(int(head.group(1)), month, year, None, first, first + len(head.group(1)) + 1))
        out.append(_Date(day, month, year, weekday, start, e.end))
    return out


class _Facts:
    """What the source contains, in canonical forms."""

    def __init__(self, text: str) -> None:
        ents = find_entities(text)
        self.dates = _dates(text, ents)
        self.numbers: set[float] = set()
        self.durations: set[tuple[float, str]] = set()
        self.times: set[str] = set()
        self.weekdays: set[int] = set()
        self.urls: set[str] = set()
        self.emails: set[str] = set()
        self.phones: set[str] = set()
        for e in ents:
            if e.kind == "zahl" and _is_number(text, e) or e.kind == "alter" and e.value is not None:
                self.numbers.add(float(e.value))  # type: ignore[arg-type]
            elif e.kind == "dauer":
                value, unit = cast(tuple[int, str], e.value)
                self.durations.add((float(value), _unit(unit)))
                self.numbers.add(float(value))
            elif e.kind == "uhrzeit":
                self.times.update(e.value)  # type: ignore[arg-type]
            elif e.kind == "wochentag":
                self.weekdays.add(int(e.value))  # type: ignore[call-overload]
            elif e.kind == "url":
                self.urls.add(str(e.value))
            elif e.kind == "email":
                self.emails.add(str(e.value))
            elif e.kind == "telefon":
                self.phones.add(str(e.value))
        # A year stated in a date ("11.01.2027") supports "2027" on its own.
        self.numbers |= {float(d.year) for d in self.dates if d.year}
        self.words = set(_norm_words(text).split())
        self.flat = _norm_words(text)

    def has_date(self, d: _Date) -> bool:
        for s in self.dates:
            if (s.day, s.month) != (d.day, d.month) or (d.year and s.year and d.year != s.year):
                continue
            if d.weekday and _weekday_of(s.day, s.month, d.year or s.year, s.weekday) != d.weekday:
                continue
            return True
        return False


def _weekday_of(day: int, month: int, year: int | None, stated: str | None) -> str | None:
    """The weekday of a date: from the calendar when the year is known, else as stated in the source."""
    if year:
        try:
            return _WEEKDAYS[dt.date(year, month, day).weekday()]
        except ValueError:
            return None
    return stated


@lru_cache(maxsize=32)
def _facts(quelle: str) -> _Facts:
    """Facts of a source, cached: the widget re-checks many versions against the same source."""
    return _Facts(quelle)


def abgleich(quelle: str, entwurf: str) -> list[Angabe]:
    """All checkable details of `entwurf`, each marked belegt/nicht belegt against `quelle`, in text order."""
    src = _facts(quelle)
    ents = find_entities(entwurf)
    found: list[Angabe] = []
    used: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return not any(a < e and s < b for s, e in used)

    def add(art: Art, a: int, b: int, ok: bool, hinweis: str) -> None:
        used.append((a, b))
        found.append(Angabe(art, entwurf[a:b], a, b, ok, hinweis))

    def note(ok: bool, what: str) -> str:
        return (f"{what} steht so in der Quelle." if ok
                else f"{what} steht nicht in der Quelle. Prüfen Sie, woher die Angabe kommt.")

    for e in ents:
        if e.kind == "email":
            ok = e.value in src.emails
            add("email", e.start, e.end, ok, note(ok, "Diese E-Mail-Adresse"))
        elif e.kind == "url":
            ok = e.value in src.urls
            add("link", e.start, e.end, ok, note(ok, "Dieser Link"))
    for m in _QUOTE_RE.finditer(entwurf):
        group = next(g for g in ("q", "q2", "q3") if m.group(g))
        ok = _norm_words(m.group(group)) in src.flat
        # the span is the quoted words without the quotation marks, so views can add their own
        add("zitat", m.start(group), m.end(group), ok,
            "Das Zitat steht wörtlich in der Quelle." if ok else
            "Dieses Zitat steht nicht in der Quelle. Hat die Person das wirklich gesagt und freigegeben?")
    for d in _dates(entwurf, ents):
        if free(d.start, d.end):
            ok = src.has_date(d)
            add("datum", d.start, d.end, ok, note(ok, "Dieses Datum" + (" mit diesem Wochentag" if d.weekday else "")))
    for e in ents:
        if not free(e.start, e.end):
            continue
        if e.kind == "uhrzeit":
            ok = all(t in src.times for t in e.value)  # type: ignore[attr-defined]
            add("uhrzeit", e.start, e.end, ok, note(ok, "Diese Uhrzeit"))
        elif e.kind == "wochentag":
            ok = e.value in src.weekdays
            add("wochentag", e.start, e.end, ok, note(ok, "Dieser Wochentag"))
        elif e.kind == "telefon":
            ok = e.value in src.phones
            add("telefon", e.start, e.end, ok, note(ok, "Diese Telefonnummer"))
        elif e.kind == "dauer":
            # the figure is the finding ("5" of "5 Minuten"), the unit decides whether the source has it
            value, unit = cast(tuple[int, str], e.value)
            ok = (float(value), _unit(unit)) in src.durations
            figure = _FIGURE.match(e.text)
            add("zahl", e.start, e.start + (figure.end() if figure else len(e.text)), ok, note(ok, "Diese Zahl"))
        elif (e.kind == "zahl" and _is_number(entwurf, e)) or (e.kind == "alter" and e.value is not None):
            ok = float(e.value) in src.numbers  # type: ignore[arg-type]
            add("zahl", e.start, e.end, ok, note(ok, "Diese Zahl"))
    for m in _NAME_RE.finditer(entwurf):
        a, b = m.span("name")
        if free(a, b):
            ok = all(w in src.words for w in _norm_words(m.group("name")).split())
            add("name", a, b, ok, note(ok, "Dieser Name"))
    found.sort(key=lambda x: (x.start, x.end))
    return found


def nicht_belegt(angaben: list[Angabe]) -> list[Angabe]:
    """Only the details the source does not contain."""
    return [a for a in angaben if not a.belegt]

