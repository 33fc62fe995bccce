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
from kommsocial.text.tokens import MONTHS, Sentence, mask, sentences

LABEL = "Entwurf – bitte prüfen und anpassen"
_WEEKDAYS = r"(?:Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonnabend|Sonntag)"
_WEEKDAY = r"(?:" + _WEEKDAYS + r",?\s+(?:den\s+)?)?"
_DAY_PART = r"\d{1,2}\.\s?(?:\d{1,2}\.(?:\s?\d{2,4})?|(?:" + MONTHS + r")(?!\p{L})(?:\s+\d{4})?)"
_DATE_RE = regex.compile(r"(?<![\d.])" + _WEEKDAY + _DAY_PART, regex.IGNORECASE)
# "vom 18. bis 20. Juni 2027", "von Montag, 7. Dezember 2026, bis einschließlich Freitag, 11. Dezember 2026"
_RANGE_RE = regex.compile(
    r"(?<!\w)(?:vom|von|ab)\s+(?P<von>" + _WEEKDAY + r"\d{1,2}\.(?:\s?(?:\d{1,2}\.(?:\s?\d{2,4})?|(?:"
    + MONTHS + r")(?!\p{L})(?:\s+\d{4})?))?),?\s+bis\s+(?P<bis>(?:einschließlich\s+|zum\s+)?"
    + _WEEKDAY + _DAY_PART + r")",
    regex.IGNORECASE,
)
_EVENT_CUES = frozenset({"am", "ab", "vom", "von", "bis", "zum", "seit", "an"})
_WEEKDAY_WORD_RE = regex.compile(r"(?<!\w)(?:" + _WEEKDAYS + r"|Wochenende|heute|morgen)(?!\w)", regex.IGNORECASE)
_T = r"(?<![\d.:])\d{1,2}(?:[.:]\d{2})?"
_TIME_RE = regex.compile(
    r"(?:(?:ab|um|von|gegen|bis)\s+)?" + _T + r"(?:\s*Uhr)?\s*(?:bis|–|-)\s*" + _T + r"\s*Uhr"
    r"|(?:(?:ab|um|von|gegen|bis)\s+)?" + _T + r"\s*Uhr"
)
_PLACE_SUFFIX = (
    r"(?:straße|str\.|weg|platz|allee|gasse|ring|damm|ufer|park|halle|haus|zentrum|schule|bad|markt|"
    r"bahnhof|kirche|saal|stadion|bücherei|bibliothek|museum|hof|garten|rathaus|gelände)"
)
_PLACE_RE = regex.compile(
    r"(?<!\w)(?:(?:auf\s+dem|auf\s+der|in\s+der|im\s+Bereich\s+der|im\s+Bereich\s+des|im|am|an\s+der|"
    r"vor\s+dem|vor\s+der|in|beim|bei\s+der|entlang\s+der|entlang\s+des|zwischen\s+dem|zwischen\s+der|vom|"
    r"von\s+der|zum|zur|in\s+den|auf\s+den|über\s+die|über\s+den)\s+)"
    r"((?:\p{Lu}[\p{L}-]*\s+){0,3}\p{Lu}?[\p{L}-]*" + _PLACE_SUFFIX + r"(?:\s+\d+\w?)?"
    r"(?:\s*\((?:[^()]{1,60})\))?)",
)
_BARE_PLACE_RE = regex.compile(r"(?<!\w)\p{Lu}[\p{L}-]*" + _PLACE_SUFFIX + r"(?!\w)")
_ADDRESS_RE = regex.compile(r"\p{Lu}[\p{L}-]*" + _PLACE_SUFFIX + r"\s+\d+\w?(?:,\s*\d{5}\s+\p{Lu}\p{L}+)?")
# The head of a release: label line ("Pressemitteilung der Stadt …, Nr. 187/2026") and dateline
# ("Musterstadt, 30. November 2026" on its own line or "Musterstadt, 02.11.2026 – Die Stadt …").
_LABEL_RE = regex.compile(
    r"[^\S\n]*(?:pressemitteilung|presseinformation|medieninformation)\b[^\S\n]*[:\-–]?", regex.IGNORECASE
)
_DATELINE_RE = regex.compile(
    r"[^\S\n]*(?:(?!" + _WEEKDAYS + r",)\p{Lu}[\p{L}. ()-]*,\s*(?:den\s+)?" + _WEEKDAY + _DAY_PART
    + r"(?:[^\S\n]*$|\s*[–-]\s*)"
    r"|(?:den\s+)?" + _DAY_PART + r"[^\S\n]*$)",  # or the date alone (with a weekday it is rather a subheadline)
    regex.IGNORECASE | regex.MULTILINE,
)
_HEAD_LINES = 6
# Contact blocks are not about the event: "Pressekontakt: …", "Kontakt:", "V.i.S.d.P.", "Ansprechpartnerin …".
_CONTACT_RE = regex.compile(
    r"^[^\S\n]*(?:(?:Pressekontakt|Medienkontakt|Presseanfragen|Ansprechpartner\w*|Ansprechperson\w*"
    r"|V\.\s?i\.\s?S\.\s?d\.\s?P\.)(?=[\s:,]|$)|(?:Kontakt|Rückfragen)(?=[^\S\n]*(?::|$)))",
    regex.IGNORECASE | regex.MULTILINE,
)
_LABEL_ONLY_RE = regex.compile(r"[^\S\n]*:?[^\S\n]*")
_PARAGRAPH_END_RE = regex.compile(r"\n[^\S\n]*\n")
_NOT_NEWLINE_RE = regex.compile(r"[^\n]")
_NON_SPACE_RE = regex.compile(r"\S")


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
    dateline: str | None = None  # date of the release itself: never the event date


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    """Text with the spans replaced by spaces (line breaks and offsets kept)."""
    for a, b in spans:
        text = text[:a] + _NOT_NEWLINE_RE.sub(" ", text[a:b]) + text[b:]
    return text


def _head_spans(text: str) -> tuple[list[tuple[int, int]], str | None]:
    """Spans of the label line and the dateline at the top, and the dateline's date."""
    spans: list[tuple[int, int]] = []
    dateline = None
    pos, seen = 0, 0
    while pos < len(text) and seen < _HEAD_LINES:
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        line = text[pos:end]
        if line.strip():
            seen += 1
            label = _LABEL_RE.match(line)
            rest = line[label.end() :].strip() if label else ""
            if label and len(rest) < 80 and rest[-1:] not in (".", "!", "?"):
                spans.append((pos, end))  # "Pressemitteilung der Stadt Musterstadt, Nr. 187/2026"
                date = _DATE_RE.search(line)
                dateline = dateline or (date and " ".join(date.group().split()))
            elif label:
                spans.append((pos, pos + label.end()))
            elif dateline is None and (m := _DATELINE_RE.match(text, pos, end)):
                spans.append((m.start(), m.end()))
                date = _DATE_RE.search(m.group())
                dateline = " ".join(date.group().split()) if date else None
        pos = end + 1
    return spans, dateline


def _contact_spans(text: str) -> list[tuple[int, int]]:
    """Spans of contact blocks: from the label to the end of its paragraph (the next one if the label stands alone)."""
    spans = []
    for m in _CONTACT_RE.finditer(text):
        line_end = text.find("\n", m.end())
        line_end = len(text) if line_end < 0 else line_end
        search_from = m.end()
        if _LABEL_ONLY_RE.fullmatch(text, m.end(), line_end):
            # "Pressekontakt:" alone on its line: the block is the following paragraph
            nxt = _NON_SPACE_RE.search(text, line_end)
            search_from = nxt.start() if nxt else len(text)
        para_end = _PARAGRAPH_END_RE.search(text, search_from)
        spans.append((m.start(), para_end.start() if para_end else len(text)))
    return spans


def _pick_date(masked: str) -> tuple[str | None, int, int]:
    """The event date: the first one with an event cue ("am", "ab", "vom … bis"), else the first; with its span."""
    found: list[tuple[bool, int, int, str]] = []
    for m in _RANGE_RE.finditer(masked):
        text = m.group("von").rstrip(", ") + " bis " + m.group("bis")
        found.append((True, m.start(), m.end(), text))
    for m in _DATE_RE.finditer(masked):
        if any(a <= m.start() < b for _, a, b, _ in found):
            continue
        before = masked[: m.start()].split()
        cue = bool(before) and before[-1].lower() in _EVENT_CUES
        found.append((cue, m.start(), m.end(), m.group()))
    if not found:
        return None, -1, -1
    _, start, end, text = min(found, key=lambda f: (not f[0], f[1]))
    return " ".join(text.split()), start, end


def _pick_time(masked: str, sents: list[Sentence], date_span: tuple[int, int]) -> str | None:
    """A time that belongs to the date: in its sentence or in one of the next two that name no other day."""
    times = list(_TIME_RE.finditer(masked))
    if date_span[0] < 0:
        return " ".join(times[0].group().split()) if times else None
    idx = next((i for i, s in enumerate(sents) if s.start <= date_span[0] < s.end), None)
    if idx is None:
        return None
    for k, s in enumerate(sents[idx : idx + 3]):
        seg = masked[s.start : s.end]
        if k and (_DATE_RE.search(seg) or _WEEKDAY_WORD_RE.search(seg)):
            continue  # "Am Sonntag von 11 bis 17 Uhr": that time belongs to another day
        for t in times:
            if s.start <= t.start() < s.end:
                return " ".join(t.group().split())
    return None


def _facts(pm: str) -> _Facts:
    text = pm.strip()
    head, dateline = _head_spans(text)
    # the dateline is the publishing date and contact blocks are about the press office, not the event
    body = _blank(text, head + _contact_spans(text))
    masked = mask(body)
    sents = sentences(body, masked)
    # the lead: full sentences (ending in . ! ?) with at least 6 words; skips headline and contact lines
    full = [s for s in sents if len(s.words) >= 6 and body[s.end - 1 : s.end] in ".!?"]
    lead = [" ".join(body[s.start : s.end].split()) for s in (full or sents)[:3]] or [" ".join(text.split())]
    date, d_start, d_end = _pick_date(masked)
    place = _ADDRESS_RE.search(masked) or _PLACE_RE.search(masked) or _BARE_PLACE_RE.search(masked)
    place_text = None
    if place is not None:
        grp = place.group(1) if place.re is _PLACE_RE else place.group()
        place_text = " ".join(grp.split())
    urls = platforms.find_urls(body)
    with_scheme = platforms.find_urls(body, with_scheme_only=True)
    link_span = (with_scheme or urls)[0] if urls else None  # a URL with scheme is among `urls` too
    return _Facts(
        lead=lead,
        date=date,
        time=_pick_time(masked, sents, (d_start, d_end)),
        place=place_text,
        link=body[link_span[0] : link_span[1]] if link_span else None,
        dateline=dateline,
    )


def _compose(lead: str, f: _Facts, dedupe: bool = True) -> str:
    """Lead plus date/time, place and link lines; with dedupe, lines whose facts the lead already shows are left out."""
    lines = [lead]
    when = [x for x in (f.date, f.time) if x]
    if when and not (dedupe and all(x in lead for x in when)):
        lines.append("📅 " + ", ".join(when))  # date and time together: a time alone is no appointment
    if f.place and not (dedupe and f.place in lead):
        lines.append(f"📍 {f.place}")
    if f.link and not (dedupe and f.link in lead):
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
    # keep the lead as long as possible: binary search over the number of lead words. All fact lines
    # are counted while searching (the length then grows with the lead); leaving out lines whose facts
    # the shown lead already contains can only make the result shorter.
    lo, hi = 0, len(words)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if platforms.counted_length(_compose(_shorten(words, mid), facts, dedupe=False), rules) <= rules.limit:
            lo = mid
        else:
            hi = mid - 1
    if lo < len(words) and platforms.counted_length(_compose(" ".join(words), facts), rules) <= rules.limit:
        lo = len(words)  # the full lead fits once the facts it already names are not repeated
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
    if not facts.date and facts.dateline:
        hinweise.append(
            f"Das Datum {facts.dateline} oben ist das Datum der Pressemitteilung, kein Termin. "
            "Nennen Sie den Termin, falls es einen gibt."
        )
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
    """Drafts for several platforms (default: all); a press release over MAX_TEXT_CHARS → InputError."""
    from kommsocial._io import check_text_length

    check_text_length(pressemitteilung, what="Die Pressemitteilung")
    ids = list(platform_ids) if platform_ids is not None else platforms.platform_ids()
    return [entwurf(pressemitteilung, p) for p in ids]
