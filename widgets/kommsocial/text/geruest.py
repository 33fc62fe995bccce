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
from kommsocial._german import WEEKDAY_NAMES, plural
from kommsocial.errors import InputError
from kommsocial.text.tokens import MONTHS, Sentence, mask, sentences

LABEL = "Entwurf – bitte prüfen und anpassen"
_WEEKDAYS = "(?:" + "|".join(WEEKDAY_NAMES) + ")"
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
    headline: str | None = None
    body_sentences: list[str] = field(default_factory=list)
    hashtags: list[str] = field(default_factory=list)
    town: str | None = None
    words: frozenset[str] = frozenset()


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
    first_full = full[0].start if full else len(body)
    heads = [s for s in sents if s.end <= first_full and len(s.words) >= 3 and body[s.end - 1 : s.end] not in ".!?"
             and not _TAG_IN_TEXT_RE.search(body[s.start : s.end]) and not _NOT_HEADLINE_RE.match(body, s.start)]
    body_sents = []
    for s in sents:
        if s.start < first_full or body[s.end - 1 : s.end] not in ".!?" or len(s.words) < 3:
            continue
        raw = body[s.start : s.end]
        if platforms.find_urls(raw) or "@" in raw:
            continue  # link and e-mail lines: the link gets its own line, contacts stay out
        if any(raw.count(q) for q in _QUOTE_CHARS):
            continue  # quotes only whole and verbatim: left to the author
        body_sents.append(" ".join(_TAG_IN_TEXT_RE.sub("", raw).split()))
    town = _TOWN_RE.search(text)
    return _Facts(
        headline=" ".join(body[heads[0].start : heads[0].end].split()) if heads else None,
        body_sentences=body_sents,
        hashtags=_TAG_IN_TEXT_RE.findall(body),
        town=town.group(1) if town else None,
        words=frozenset(regex.findall(r"\p{L}+", text)),
        lead=lead,
        date=date,
        time=_pick_time(masked, sents, (d_start, d_end)),
        place=place_text,
        link=body[link_span[0] : link_span[1]] if link_span else None,
        dateline=dateline,
    )


_TOWN_RE = regex.compile(r"(?<!\w)(?:Stadt|Gemeinde|Landkreis)\s+(\p{Lu}\p{Ll}+)(?!\w)")
_TAG_IN_TEXT_RE = regex.compile(r"(?<![\w#])#[\p{L}\d_]+")
_QUOTE_CHARS = ("„", "“", "”", "»", "«", '"')
# "what to do": a sentence that invites, asks or tells the reader how to take part
_ACTION_RE = regex.compile(
    r"(?<!\p{L})(?:können|kann|bitte|bittet|Anmeldung|anmelden|melden|Eintritt|mitbringen|mitzubringen|beantragen|"
    r"nutzen|kostenlos|kostenfrei|frei|geöffnet|Sprechstunde|Fragen|Umleitung|informieren|aufzukochen|gilt)(?!\p{L})"
)
# "Lagemeldung der Stadt …, 11.01.2027, 9 Uhr": a label line, not the news
_NOT_HEADLINE_RE = regex.compile(r"(?:Lage|Presse|Medien)?(?:meldung|mitteilung|information)(?!\p{L})",
                                  regex.IGNORECASE)
_DEFAULT_TAGS = {"x": 1, "bluesky": 1, "threads": 1, "mastodon": 2, "facebook": 2}


@dataclass
class _Candidate:
    original: str
    text: str
    notes: list[str]
    problem: str | None  # why the sentence cannot be used (None: usable)


def _plain_problem(text: str, bound: int) -> str | None:
    """Why a (rewritten) sentence cannot go into a draft: Amtsdeutsch left or too many words."""
    from kommsocial.text import lexicon

    masked = mask(text)
    hits = lexicon.amtsdeutsch_matcher().find(masked)
    if hits:
        return "Amtsdeutsch ohne passende einfache Form („" + text[hits[0].start : hits[0].end] + "“)"
    for s in sentences(text, masked):
        if len(s.words) > bound:
            return f"{len(s.words)} Wörter (höchstens {bound})"
    return None


def _candidates(f: _Facts, bound: int) -> tuple[list[_Candidate], _Candidate | None]:
    """Body sentences and the headline, rewritten into plain language, each marked usable or not."""
    from kommsocial.text.vereinfachen import vereinfache

    out = []
    for sent in f.body_sentences:
        text, notes = vereinfache(sent, f.words)
        out.append(_Candidate(sent, text, notes, _plain_problem(text, bound)))
    head = None
    if f.headline:
        text, notes = vereinfache(f.headline, f.words)
        text = text.rstrip(":;,– ") + ("" if text[-1:] in ".!?" else ".")
        head = _Candidate(f.headline, text, notes, _plain_problem(text, bound))
    return out, head


def _camel(tag: str, words: frozenset[str], town: str | None = None) -> str:
    """"#stadtfestmusterstadt" → "#StadtfestMusterstadt" (split into known words); else first letter up."""
    from kommsocial.text.rules.hashtags import split_compound

    body = tag.lstrip("#")
    if any(ch.isupper() for ch in body[1:]):
        return "#" + body
    parts = split_compound(body, words - {body.lower()})
    parts = parts if parts and len(parts) > 1 else None
    if parts is None and town and town.lower() in body.lower() and body.lower() != town.lower():
        i = body.lower().index(town.lower())  # "#stadtfestmusterstadt": at least the town is a word of its own
        parts = [x for x in (body[:i], body[i : i + len(town)], body[i + len(town) :]) if x]
    return "#" + "".join(p[:1].upper() + p[1:] for p in parts or [body])


def _hashtags(f: _Facts, platform_id: str, rules: platforms.Platform) -> list[str]:
    """The press release's own hashtags in CamelCase, then the town; within the platform's limit."""
    n = _DEFAULT_TAGS.get(platform_id, 3)
    if rules.hashtag_limit is not None:
        n = min(n, rules.hashtag_limit)
    tags: list[str] = []
    for t in f.hashtags + ([f"#{f.town}"] if f.town else []):
        camel = _camel(t, frozenset(w.lower() for w in f.words), f.town)
        if camel.lower() not in {x.lower() for x in tags}:
            tags.append(camel)
    return tags[:n]


def _compose(core: str, extras: list[str], f: _Facts, tags: list[str], place: bool = True) -> str:
    """Core message, date/time and place (unless the text names them), what to do, link, hashtags."""
    said = " ".join([core, *extras])
    lines = [core] if core else []
    when = [x for x in (f.date, f.time) if x]
    if when and not all(x in said for x in when):
        lines.append("📅 " + ", ".join(when))  # date and time together: a time alone is no appointment
    if place and f.place and f.place not in said:
        lines.append(f"📍 {f.place}")
    if extras:
        lines.append(" ".join(extras))
    if f.link and f.link not in said:
        lines.append(f"Mehr: {f.link}")
    if tags:
        lines.append(" ".join(tags))
    return "\n".join(lines)


def _passes(text: str, platform_id: str) -> bool:
    """Our own checker: no error and no Amtsdeutsch finding."""
    from kommsocial.text.engine import analyze

    report = analyze(text, platform=platform_id, pressemitteilung=False)
    return not any(x.severity == "fehler" or x.rule == "amtsdeutsch" for x in report.findings)


def entwurf(pressemitteilung: str, platform: str) -> Draft:
    """Starting draft for one platform that passes the text checker; labelled as a draft to check.

    The draft is built from whole sentences of the press release: the core message first
    (the lead, or the headline when the lead is too long or keeps Amtsdeutsch), then date,
    time and place, then what to do, then the link and hashtags. Sentences are rewritten
    into plain language where the lexicon's alternative fits (`kommsocial.text.vereinfachen`);
    a sentence that still has Amtsdeutsch or too many words is left out, never cut off.

    Raises:
        InputError: empty press release or unknown platform.
    """
    if not pressemitteilung or not pressemitteilung.strip():
        raise InputError("Die Pressemitteilung ist leer.", hint="Fügen Sie den Text der Pressemitteilung ein.")
    rules = platforms.get(platform)
    pid = platform.strip().lower()
    facts = _facts(pressemitteilung)
    from kommsocial.text import hausstil as hausstil_mod

    bound = hausstil_mod.load(None).satzlaenge.warnung
    cands, head = _candidates(facts, bound)
    usable = [c for c in cands if c.problem is None]
    # the core message: the headline when it reads plainly (it is the news in a few words), else the lead;
    # the other sentences follow in the press release's order (most important first)
    lead_ok = bool(cands) and cands[0].problem is None
    if head is not None and head.problem is None:
        core_c: _Candidate | None = head
    else:
        core_c = usable[0] if usable else None
    rest = [c for c in usable if c is not core_c]
    n_extra = 1 if rules.limit <= 300 else 2 if rules.limit <= 500 else 5
    tags = _hashtags(facts, pid, rules)

    def fits(text: str) -> bool:
        return platforms.counted_length(text, rules) <= rules.limit

    core_options = [c for c in ([core_c] if core_c else []) + [c for c in usable if c is not core_c]]
    chosen_core: _Candidate | None = None
    for c in core_options:  # the first core message that fits with date, place and link
        if fits(_compose(c.text, [], facts, [])):
            chosen_core = c
            break
    core_text = chosen_core.text if chosen_core else ""
    place = fits(_compose(core_text, [], facts, []))
    extras: list[_Candidate] = []
    for c in rest:
        if c is chosen_core or len(extras) >= n_extra:
            continue
        if fits(_compose(core_text, [e.text for e in extras] + [c.text], facts, [], place)):
            extras.append(c)
    use_tags = tags if fits(_compose(core_text, [e.text for e in extras], facts, tags, place)) else []
    text = _compose(core_text, [e.text for e in extras], facts, use_tags, place)
    while not _passes(text, pid) and extras:  # the checker has the last word: drop sentences from the end
        extras.pop()
        text = _compose(core_text, [e.text for e in extras], facts, use_tags, place)
    if not _passes(text, pid):
        chosen_core, use_tags = None, []
        text = _compose("", [], facts, [], place)

    hinweise = [f"{LABEL}."]
    used = ([chosen_core] if chosen_core else []) + extras
    changes = [n for c in used for n in c.notes]
    if changes:
        hinweise.append("Geändert: " + "; ".join(changes) + ". Prüfen Sie, ob der Sinn stimmt.")
    if chosen_core is None:
        hinweise.append("Kein Satz der Pressemitteilung passt ohne Amtsdeutsch und in der Länge. "
                        "Schreiben Sie die Kernbotschaft selbst in einem kurzen Satz.")
    elif not lead_ok:
        source = "der Überschrift" if chosen_core is head else "einem späteren Satz"
        hinweise.append(f"Die Kernbotschaft stammt aus {source}, weil der erste Satz nicht passt (siehe "
                        "„Weggelassen“). Prüfen Sie, ob sie das Wichtigste sagt.")
    dropped = [c for c in cands[:3] if c.problem is not None]
    for c in dropped:
        short = " ".join(c.original.split()[:8])
        hinweise.append(f"Weggelassen: „{short} …“ – {c.problem}. Übernehmen Sie das Wichtige in eigenen Worten.")
    if not place and facts.place:
        hinweise.append(f"Der Ort ({facts.place}) passt nicht mehr in den Beitrag. Nennen Sie ihn, falls wichtig.")
    missing = [n for n, v in (("Datum", facts.date), ("Ort", facts.place), ("Link", facts.link)) if not v]
    if missing:
        hinweise.append("In der Pressemitteilung nicht gefunden: " + ", ".join(missing) + ". Bitte ergänzen.")
    if not facts.date and facts.dateline:
        hinweise.append(
            f"Das Datum {facts.dateline} oben ist das Datum der Pressemitteilung, kein Termin. "
            "Nennen Sie den Termin, falls es einen gibt."
        )
    hinweise.append("Prüfen Sie: Stimmen Datum, Uhrzeit, Ort und Link mit der Pressemitteilung überein?")
    if rules.hashtag_limit is not None:
        n = rules.hashtag_limit
        hinweise.append(f"{rules.name} erlaubt höchstens {n} {plural(n, 'Hashtag', 'Hashtags')}; wählen Sie passende.")
    elif use_tags:
        hinweise.append("Hashtags aus der Pressemitteilung; wählen Sie passende.")
    if rules.alt_text_limit is not None:
        hinweise.append("Mit Bild: Alternativtext nicht vergessen.")
    return Draft(
        text=text,
        platform=pid,
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
