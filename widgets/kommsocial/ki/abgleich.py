"""Source-vs-draft comparison: numbers, dates, times, weekdays, links, phone numbers, names and quotes.

Every such detail in the AI draft is looked up in the source text. What the source
does not contain is "nicht belegt". The check is deliberately literal: a correct
number in the wrong place is not found (the course says so), and "belegt" never
means "fit to publish" (personal data from internal notes is "belegt" too).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from functools import lru_cache
from typing import Literal

import regex

from kommsocial import platforms

Art = Literal["zahl", "datum", "uhrzeit", "wochentag", "link", "email", "telefon", "name", "zitat"]

ART_TEXT: dict[str, str] = {
    "zahl": "Zahl", "datum": "Datum", "uhrzeit": "Uhrzeit", "wochentag": "Wochentag", "link": "Link",
    "email": "E-Mail-Adresse", "telefon": "Telefonnummer", "name": "Name", "zitat": "Zitat",
}

_MONTH_NUM = {
    "januar": 1, "jan": 1, "februar": 2, "feb": 2, "märz": 3, "mär": 3, "april": 4, "apr": 4, "mai": 5,
    "juni": 6, "jun": 6, "juli": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9,
    "oktober": 10, "okt": 10, "november": 11, "nov": 11, "dezember": 12, "dez": 12,
}
# Calendar order (date.weekday()); "sonnabend" is matched too and read as Samstag.
_WEEKDAYS = ("montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag")
_WEEKDAY_ALT = (*_WEEKDAYS, "sonnabend")
_NUMBER_WORDS = {
    "zwei": "2", "drei": "3", "vier": "4", "fünf": "5", "sechs": "6", "sieben": "7", "acht": "8", "neun": "9",
    "zehn": "10", "elf": "11", "zwölf": "12", "zwanzig": "20", "dreißig": "30", "hundert": "100",
}
# Full month names never take a dot; abbreviations may ("Dez."), so "30. November." keeps its full stop outside.
_M = (r"(?P<mon>januar|februar|märz|april|mai|juni|juli|august|september|oktober|november|dezember|"
      r"(?:jan|feb|mär|apr|jun|jul|aug|sept|sep|okt|nov|dez)(?!\p{L})\.?)(?!\p{L})")
_WD = r"(?:(?P<wd>" + "|".join(_WEEKDAY_ALT) + r"),?\s+(?:den\s+)?)?"
_YEAR = r"(?:\s*(?P<year>\d{4}|\d{2})(?!\d))?"
# "7. bis 23. Dezember": the first day takes the month of the second.
_RANGE_RE = regex.compile(
    r"(?<!\d)(?P<d1>\d{1,2})\.\s*(?:bis|–|-|und)\s*(?:zum\s+)?(?P<d2>\d{1,2})\.\s*" + _M + _YEAR, regex.I)
_DATE_RE = regex.compile(
    _WD + r"(?<!\d)(?P<day>\d{1,2})\.\s?(?:(?P<mnum>\d{1,2})\.(?:\s?(?P<year2>\d{4}|\d{2})(?!\d))?|" + _M + _YEAR + r")",
    regex.I,
)
_TIME_RE = regex.compile(
    r"(?<![\d.,])(?P<t1>\d{1,2}(?:[.:]\d{2})?)(?:\s*(?:bis|–|-)\s*(?P<t2>\d{1,2}(?:[.:]\d{2})?))?\s*Uhr(?!\p{L})")
_WEEKDAY_RE = regex.compile(r"(?<!\p{L})(?P<wd>" + "|".join(_WEEKDAY_ALT) + r")s?(?!\p{L})", regex.I)
_EMAIL_RE = regex.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# German landline/mobile numbers: area code starting with 0, optional separator, subscriber number.
_PHONE_RE = regex.compile(r"(?<![\d,.])(?:\+49\s?|0)\d{2,5}(?:\s?[/-]\s?|\s)\d{2,}(?:[\s-]\d+)*(?![\d,])")
_NUMBER_RE = regex.compile(r"(?<![\d\p{L}])\d{1,3}(?:\.\d{3})+(?:,\d+)?|(?<![\d\p{L}])\d+(?:,\d+)?")
_NUMBER_WORD_RE = regex.compile(r"(?<!\p{L})(?P<w>" + "|".join(_NUMBER_WORDS) + r")(?!\p{L})", regex.I)
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


def _num(text: str) -> str:
    """Canonical number: "1.400" → "1400", "3,10" → "3.1", "03" → "3"."""
    t = text.replace(".", "").replace(",", ".")
    try:
        value = float(t)
    except ValueError:
        return t
    return str(int(value)) if value.is_integer() else repr(value)


def _time(text: str) -> str:
    hour, _, minute = text.replace(".", ":").partition(":")
    return f"{int(hour):02d}:{int(minute or 0):02d}"


def _year(text: str | None) -> int | None:
    if not text:
        return None
    y = int(text)
    return y + 2000 if y < 100 else y


def _norm_words(text: str) -> str:
    return " ".join(regex.findall(r"[\p{L}\p{N}]+", text.lower()))


def _url_key(url: str) -> str:
    u = url.lower().rstrip("/.,;:!?)")
    u = regex.sub(r"^[a-z]+://", "", u)
    return u.removeprefix("www.").rstrip("/")


class _Facts:
    """What the source contains, in canonical forms."""

    def __init__(self, text: str) -> None:
        self.numbers: set[str] = {_num(m.group()) for m in _NUMBER_RE.finditer(text)}
        self.numbers |= {_NUMBER_WORDS[m.group("w").lower()] for m in _NUMBER_WORD_RE.finditer(text)}
        self.dates = [(d, mo, y, wd) for d, mo, y, wd, _s, _e in _dates(text)]
        self.times = {_time(t) for m in _TIME_RE.finditer(text) for t in (m.group("t1"), m.group("t2")) if t}
        self.weekdays = {_canon_wd(m.group("wd").lower()) for m in _WEEKDAY_RE.finditer(text)}
        self.urls = {_url_key(text[s:e]) for s, e in platforms.find_urls(text)}
        self.emails = {m.group().lower() for m in _EMAIL_RE.finditer(text)}
        self.phones = {regex.sub(r"\D", "", m.group()) for m in _PHONE_RE.finditer(text)}
        self.words = set(_norm_words(text).split())
        self.flat = _norm_words(text)

    def has_date(self, day: int, month: int, year: int | None, weekday: str | None) -> bool:
        for d, mo, y, wd in self.dates:
            if (d, mo) != (day, month) or (year and y and year != y):
                continue
            if weekday and _weekday_of(d, mo, year or y, wd) != _canon_wd(weekday):
                continue
            return True
        return False


def _canon_wd(weekday: str) -> str:
    return "samstag" if weekday == "sonnabend" else weekday


def _weekday_of(day: int, month: int, year: int | None, stated: str | None) -> str | None:
    """The weekday of a date: from the calendar when the year is known, else as stated in the source."""
    if year:
        try:
            return _WEEKDAYS[dt.date(year, month, day).weekday()]
        except ValueError:
            return None
    return _canon_wd(stated) if stated else None


@lru_cache(maxsize=32)
def _facts(quelle: str) -> _Facts:
    """Facts of a source, cached: the widget re-checks many versions against the same source."""
    return _Facts(quelle)


def _dates(text: str) -> list[tuple[int, int, int | None, str | None, int, int]]:
    """(day, month, year, weekday, start, end) of every date, ranges split into their days."""
    out: list[tuple[int, int, int | None, str | None, int, int]] = []
    taken: list[tuple[int, int]] = []
    for m in _RANGE_RE.finditer(text):
        mon = _MONTH_NUM[m.group("mon").lower().rstrip(".")]
        year = _year(m.group("year"))
        out.append((int(m.group("d1")), mon, year, None, m.start("d1"), m.end("d1") + 1))
        out.append((int(m.group("d2")), mon, year, None, m.start("d2"), m.end()))
        taken.append(m.span())
    for m in _DATE_RE.finditer(text):
        if any(a <= m.start("day") < b for a, b in taken):
            continue
        if m.group("mnum"):
            mon, year = int(m.group("mnum")), _year(m.group("year2"))
        else:
            mon, year = _MONTH_NUM[m.group("mon").lower().rstrip(".")], _year(m.group("year"))
        if 1 <= int(m.group("day")) <= 31 and 1 <= mon <= 12:
            wd = m.group("wd").lower() if m.group("wd") else None
            out.append((int(m.group("day")), mon, year, wd, m.start(), m.end()))
    return out


def abgleich(quelle: str, entwurf: str) -> list[Angabe]:
    """All checkable details of `entwurf`, each marked belegt/nicht belegt against `quelle`, in text order."""
    src = _facts(quelle)
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

    for s, e in platforms.find_urls(entwurf):
        if "@" in entwurf[max(0, s - 1):e]:
            continue  # the domain part of an e-mail address
        ok = _url_key(entwurf[s:e]) in src.urls
        add("link", s, e, ok, note(ok, "Dieser Link"))
    for m in _EMAIL_RE.finditer(entwurf):
        ok = m.group().lower() in src.emails
        used[:] = [(a, b) for a, b in used if not (a >= m.start() and b <= m.end())]
        found[:] = [f for f in found if not (f.art == "link" and f.start >= m.start() and f.end <= m.end())]
        add("email", m.start(), m.end(), ok, note(ok, "Diese E-Mail-Adresse"))
    for m in _QUOTE_RE.finditer(entwurf):
        group = next(g for g in ("q", "q2", "q3") if m.group(g))
        ok = _norm_words(m.group(group)) in src.flat
        # the span is the quoted words without the quotation marks, so views can add their own
        add("zitat", m.start(group), m.end(group), ok,
            "Das Zitat steht wörtlich in der Quelle." if ok else
            "Dieses Zitat steht nicht in der Quelle. Hat die Person das wirklich gesagt und freigegeben?")
    for d, mo, y, wd, a, b in _dates(entwurf):
        if not free(a, b):
            continue
        ok = src.has_date(d, mo, y, wd)
        add("datum", a, b, ok, note(ok, "Dieses Datum" + (" mit diesem Wochentag" if wd else "")))
    for m in _TIME_RE.finditer(entwurf):
        if not free(*m.span()):
            continue
        times = [_time(t) for t in (m.group("t1"), m.group("t2")) if t]
        ok = all(t in src.times for t in times)
        add("uhrzeit", m.start(), m.end(), ok, note(ok, "Diese Uhrzeit"))
    for m in _WEEKDAY_RE.finditer(entwurf):
        if free(*m.span()):
            ok = _canon_wd(m.group("wd").lower()) in src.weekdays
            add("wochentag", m.start(), m.end(), ok, note(ok, "Dieser Wochentag"))
    for m in _PHONE_RE.finditer(entwurf):
        if free(*m.span()):
            ok = regex.sub(r"\D", "", m.group()) in src.phones
            add("telefon", m.start(), m.end(), ok, note(ok, "Diese Telefonnummer"))
    for m in _NUMBER_RE.finditer(entwurf):
        if free(*m.span()):
            ok = _num(m.group()) in src.numbers
            add("zahl", m.start(), m.end(), ok, note(ok, "Diese Zahl"))
    for m in _NUMBER_WORD_RE.finditer(entwurf):
        if free(*m.span()):
            ok = _NUMBER_WORDS[m.group("w").lower()] in src.numbers
            add("zahl", m.start(), m.end(), ok, note(ok, "Diese Zahl"))
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
