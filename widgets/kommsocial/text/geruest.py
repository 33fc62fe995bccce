"""Gerüst-Vorschlag: extractive starting drafts per platform from a press release.

The draft takes the lead sentence, date/time, place and link from the press release
and shortens the lead until the post fits the platform limit (counted the platform's
own way). It is a starting point, never a finished post.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field

import regex

from kommsocial import platforms
from kommsocial.errors import InputError
from kommsocial.text.tokens import MONTHS, mask, sentences

LABEL = "Entwurf – bitte prüfen und anpassen"
_WEEKDAY = r"(?:(?:Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonnabend|Sonntag),?\s+(?:den\s+)?)?"
_DATE_RE = regex.compile(
    _WEEKDAY + r"\d{1,2}\.\s?(?:\d{1,2}\.(?:\s?\d{2,4})?|(?:" + MONTHS.replace("|", "|") + r")(?:\s+\d{4})?)",
    regex.IGNORECASE,
)
_TIME_RE = regex.compile(
    r"(?:(?:ab|um|von|gegen)\s+)?\d{1,2}(?:[.:]\d{2})?(?:\s*(?:bis|–|-)\s*\d{1,2}(?:[.:]\d{2})?)?\s*Uhr"
)
_PLACE_SUFFIX = (
    r"(?:straße|str\.|weg|platz|allee|gasse|ring|damm|ufer|park|halle|haus|zentrum|schule|bad|markt|"
    r"bahnhof|kirche|saal|stadion|bücherei|bibliothek|museum|hof|garten|rathaus|gelände)"
)
_PLACE_RE = regex.compile(
    r"(?<!\w)(?:(?:auf\s+dem|auf\s+der|in\s+der|im|am|an\s+der|vor\s+dem|vor\s+der|in|beim|bei\s+der|"
    r"entlang\s+der|entlang\s+des|zwischen\s+dem|zwischen\s+der|vom|von\s+der|zum|zur|in\s+den|"
    r"auf\s+den|über\s+die|über\s+den)\s+)"
    r"((?:\p{Lu}[\p{L}-]*\s+){0,3}\p{Lu}?[\p{L}-]*" + _PLACE_SUFFIX + r"(?:\s+\d+\w?)?"
    r"(?:\s*\((?:[^()]{1,60})\))?)",
)
_BARE_PLACE_RE = regex.compile(r"(?<!\w)\p{Lu}[\p{L}-]*" + _PLACE_SUFFIX + r"(?!\w)")
_ADDRESS_RE = regex.compile(r"\p{Lu}[\p{L}-]*" + _PLACE_SUFFIX + r"\s+\d+\w?(?:,\s*\d{5}\s+\p{Lu}\p{L}+)?")
_DATELINE_RE = regex.compile(
    r"^\s*(?:pressemitteilung|presseinformation|medieninformation)\s*[:\-–]?\s*", regex.IGNORECASE
)
_DATELINE2_RE = regex.compile(
    r"^[^\S\n]*\p{Lu}[\p{L}-]*,\s*(?:den\s+)?\d{1,2}\.\s?(?:\d{1,2}\.|(?:" + MONTHS + r"))\s*\d{2,4}\s*[–-]\s*",
    regex.IGNORECASE | regex.MULTILINE,
)


@dataclass
class Draft:
    """A starting draft for one platform with notes on what to check."""

    text: str
    platform: str
    hinweise: list[str] = field(default_factory=list)
    counted: int = 0
    limit: int = 0
    unit: str = ""
    label: str = LABEL

    def to_dict(self) -> dict:
        """JSON form (used by `kommsocial entwurf --json`)."""
        return asdict(self)


@dataclass
class _Facts:
    lead: list[str]
    date: str | None
    time: str | None
    place: str | None
    link: str | None


def _body(pm: str) -> str:
    """Press release without the "Pressemitteilung" label and the dateline ("Musterstadt, 1.11.2026 –").

    The dateline's date is the publishing date, not the date of the event.
    """
    text = _DATELINE_RE.sub("", pm.strip(), count=1)
    return _DATELINE2_RE.sub("", text, count=1)


def _facts(pm: str) -> _Facts:
    body = _body(pm)
    masked = mask(body)
    sents = sentences(body, masked)
    # the lead: full sentences (ending in . ! ?) with at least 6 words; skips headline and contact lines
    full = [s for s in sents if len(s.words) >= 6 and body[s.end - 1 : s.end] in ".!?"]
    lead = [" ".join(body[s.start : s.end].split()) for s in (full or sents)[:3]] or [body.strip()]
    date = _DATE_RE.search(masked)
    time = _TIME_RE.search(masked)
    place = _ADDRESS_RE.search(masked) or _PLACE_RE.search(masked) or _BARE_PLACE_RE.search(masked)
    place_text = None
    if place is not None:
        grp = place.group(1) if place.re is _PLACE_RE else place.group()
        place_text = " ".join(grp.split())
    urls = platforms.find_urls(body)
    with_scheme = platforms.find_urls(body, with_scheme_only=True)
    link_span = (with_scheme or urls or [None])[0]
    return _Facts(
        lead=lead,
        date=" ".join(date.group().split()) if date else None,
        time=" ".join(time.group().split()) if time else None,
        place=place_text,
        link=body[link_span[0] : link_span[1]] if link_span else None,
    )


def _compose(lead: str, f: _Facts) -> str:
    lines = [lead]
    when = ", ".join(x for x in (f.date, f.time) if x and x not in lead)
    if when:
        lines.append(f"📅 {when}")
    if f.place and f.place not in lead:
        lines.append(f"📍 {f.place}")
    if f.link and f.link not in lead:
        lines.append(f"Mehr: {f.link}")
    return "\n".join(lines)


def _shorten(words: list[str], n: int) -> str:
    text = " ".join(words[:n]).rstrip(",;:–-")
    return text if n >= len(words) else text + " …"


def entwurf(pressemitteilung: str, platform: str) -> Draft:
    """Starting draft for one platform that respects its limit; labelled as a draft to check.

    Raises:
        InputError: empty press release or unknown platform.
    """
    if not pressemitteilung or not pressemitteilung.strip():
        raise InputError("Die Pressemitteilung ist leer.", hint="Fügen Sie den Text der Pressemitteilung ein.")
    rules = platforms.get(platform)
    facts = _facts(pressemitteilung)
    n_sent = 1 if rules.limit <= 300 else 2 if rules.limit <= 500 else 3
    words = " ".join(facts.lead[:n_sent]).split()
    # keep the lead as long as possible: binary search over the number of lead words
    lo, hi = 0, len(words)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if platforms.counted_length(_compose(_shorten(words, mid), facts), rules) <= rules.limit:
            lo = mid
        else:
            hi = mid - 1
    text = _compose(_shorten(words, lo), facts)
    hinweise = [f"{LABEL}."]
    if lo < len(words):
        hinweise.append("Der erste Satz wurde gekürzt (…). Formulieren Sie ihn für die Plattform neu.")
    if platforms.counted_length(text, rules) > rules.limit:
        # even date, place and link alone are too long: fall back to a hard cut
        while text and platforms.counted_length(text + " …", rules) > rules.limit:
            text = text[:-1]
        text = text.rstrip() + " …"
        hinweise.append("Auch Datum, Ort und Link passen nicht ganz. Bitte kürzen Sie von Hand.")
    missing = [n for n, v in (("Datum", facts.date), ("Ort", facts.place), ("Link", facts.link)) if not v]
    if missing:
        hinweise.append("In der Pressemitteilung nicht gefunden: " + ", ".join(missing) + ". Bitte ergänzen.")
    if rules.hashtag_limit is not None:
        hinweise.append(f"{rules.name} erlaubt höchstens {rules.hashtag_limit} Hashtag(s); wählen Sie passende.")
    if rules.alt_text_limit is not None:
        hinweise.append("Mit Bild: Alternativtext nicht vergessen.")
    return Draft(
        text=text,
        platform=platform.strip().lower(),
        hinweise=hinweise,
        counted=platforms.counted_length(text, rules),
        limit=rules.limit,
        unit=rules.einheit,
    )


def entwuerfe(pressemitteilung: str, platform_ids: Iterable[str] | None = None) -> list[Draft]:
    """Drafts for several platforms (default: all)."""
    ids = list(platform_ids) if platform_ids is not None else platforms.platform_ids()
    return [entwurf(pressemitteilung, p) for p in ids]
