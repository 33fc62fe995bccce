"""Form items on the project's text engine: length, hashtags, Amtsdeutsch, sentence length, readability, alt text."""

from __future__ import annotations

from functools import lru_cache

from kommsocial import platforms
from kommsocial.assess.doc import Doc
from kommsocial.assess.outcome import Outcome, Span, span
from kommsocial.assess.schema import Item
from kommsocial.text.engine import analyze
from kommsocial.text.report import Report


@lru_cache(maxsize=256)
def _report(text: str, platform: str) -> Report:
    return analyze(text, platform=platform)


def laenge(item: Item, doc: Doc, platform: str) -> Outcome:
    """Met if the text fits the platform (counted its way) and is at least `min_zeichen` long."""
    p = platforms.get(platform)
    n = platforms.counted_length(doc.text, p)
    low = item.min_zeichen or 0
    ok = low <= len(doc.text.strip()) and n <= p.limit
    return Outcome(ok, (), f"{low} bis {p.limit} {p.einheit} ({p.name}), gezählt: {n}")


def hashtags(item: Item, doc: Doc, platform: str) -> Outcome:
    """Met within the hashtag limit (platform's or the task's), multi-word hashtags in CamelCase."""
    p = platforms.get(platform)
    tags = platforms.find_hashtags(doc.text)
    limits = [x for x in (p.hashtag_limit, item.max_hashtags) if x is not None]
    limit = min(limits) if limits else None
    bad = [f for f in _report(doc.text, platform).findings if f.rule == "hashtag-schreibweise"]
    ok = (limit is None or len(tags) <= limit) and not bad
    spans = tuple(span(doc.text, f.start, f.end) for f in bad)
    return Outcome(ok, spans, f"höchstens {limit} Hashtags, in CamelCase (gefunden: {len(tags)})")


def amtsdeutsch(item: Item, doc: Doc, platform: str) -> Outcome:
    """Met without Amtsdeutsch (the text engine's lexicon)."""
    hits = [f for f in _report(doc.text, platform).findings if f.rule == "amtsdeutsch"]
    spans = tuple(Span(f.start, f.end, f"{doc.text[f.start:f.end]} → {f.suggestion}") for f in hits)
    return Outcome(not hits, spans, "kein Wort aus der Amtsdeutsch-Liste")


def satzlaenge(item: Item, doc: Doc, platform: str) -> Outcome:
    """Met if no sentence has more than `max_woerter` words."""
    from kommsocial.text.tokens import sentences

    limit = item.max_woerter or 20
    long = [s for s in sentences(doc.text) if len(s.words) > limit]
    spans = tuple(span(doc.text, s.start, s.end) for s in long)
    return Outcome(not long, spans, f"höchstens {limit} Wörter je Satz")


def lesbarkeit(item: Item, doc: Doc, platform: str) -> Outcome:
    """Met if the Flesch-Amstad value reaches `flesch_min`."""
    value = _report(doc.text, platform).readability.flesch_amstad
    need = item.flesch_min or 0
    return Outcome(value >= need, (), f"Flesch-Amstad mindestens {need:g} (gemessen: {value:.0f})")


def alt_text(item: Item, doc: Doc, platform: str) -> Outcome:
    """Met if the text is a usable image description (the text engine's alt-text rule, length)."""
    found = [f for f in analyze("", platform=platform, image=True, alt_text=doc.text).findings
             if f.rule == "alt-text"]
    low = item.min_zeichen or 0
    ok = not found and len(doc.text.strip()) >= low
    return Outcome(ok, (), f"Regel „alt-text“ ohne Befund, mindestens {low} Zeichen"
                   + (f" ({found[0].message})" if found else ""))
