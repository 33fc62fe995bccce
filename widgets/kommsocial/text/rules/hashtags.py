"""Hashtag rules: `hashtags` (more than the platform or Hausstil allows) and `hashtag-schreibweise`."""

from __future__ import annotations

from functools import lru_cache

from kommsocial._data import package_file
from kommsocial._findings import Finding
from kommsocial._german import datum
from kommsocial.platforms import find_hashtags
from kommsocial.text.rules.context import Context

_SHORT_OK = {"am", "im", "in", "zu", "ab", "an", "wir"}
_LINKS = ("", "s", "n", "en", "es", "e")  # Fugenlaute: "stadtrat-s-sitzung"
# Parts that show a tag is several words, not one German compound ("#sommerferien" is one word):
# place names and function words.
_BOUNDARY_WORDS = {
    "musterstadt", "musterland", "niedersachsen", "deutschland", "europa", "der", "die", "das",
    "und", "im", "am", "in", "zum", "zur", "von", "mit", "wir", "sind", "für", "euch", "uns",
    "alle", "mein", "meine", "unser", "unsere", "ist", "live", "open", "air", "news", "info",
}


@lru_cache(maxsize=1)
def _lexicon() -> frozenset[str]:
    path = package_file("kommsocial.text", "woerter.txt")
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip().lower() for w in lines if w.strip() and not w.startswith("#"))


def split_compound(tag: str, extra: frozenset[str] = frozenset()) -> list[str] | None:
    """Split a lower-case tag into known words with the fewest parts; None if impossible."""
    words = _lexicon() | extra
    t = tag.lower()
    n = len(t)
    best: list[list[str] | None] = [None] * (n + 1)
    best[0] = []
    for i in range(1, n + 1):
        for j in range(max(0, i - 30), i):
            prev = best[j]
            if prev is None:
                continue
            part = t[j:i]
            if len(part) < 2 or (len(part) < 3 and part not in _SHORT_OK):
                continue
            if any(part.endswith(link) and part[: len(part) - len(link)] in words
                   for link in _LINKS if len(part) > len(link) + 1):
                cand = prev + [tag[j:i]]
                if best[i] is None or len(cand) < len(best[i] or []):
                    best[i] = cand
    return best[n]


def hashtags(ctx: Context) -> list[Finding]:
    """Error above the platform's hashtag limit; warning above the Hausstil limit."""
    tags = find_hashtags(ctx.text)
    p = ctx.platform
    found = []
    if p.hashtag_limit is not None and len(tags) > p.hashtag_limit:
        extra = tags[p.hashtag_limit :]
        found.append(
            ctx.finding(
                "hashtags",
                "fehler",
                f"Ihr Beitrag hat {len(tags)} Hashtags, {p.name} erlaubt {p.hashtag_limit}. "
                f"Entfernen Sie {len(tags) - p.hashtag_limit}.",
                extra[0][0],
                extra[-1][1],
                suggestion="Behalten Sie die wichtigsten Hashtags, z. B. den Ort und das Thema.",
                threshold=f"max. {p.hashtag_limit} Hashtags ({p.hashtag_quelle or p.quelle}, Stand {datum(p.stand)})",
            )
        )
        return found
    own = ctx.hausstil.hashtags.max
    if own is not None and len(tags) > own:
        extra = tags[own:]
        found.append(
            ctx.finding(
                "hashtags",
                "warnung",
                f"Ihr Beitrag hat {len(tags)} Hashtags, Ihr Hausstil sieht höchstens {own} vor.",
                extra[0][0],
                extra[-1][1],
                suggestion="Weniger, dafür passende Hashtags.",
                threshold=f"max. {own} Hashtags {ctx.hausstil.source('hashtags', 'max')}",
            )
        )
    return found


def hashtag_schreibweise(ctx: Context) -> list[Finding]:
    """Warning for multi-word hashtags without capitals (screen readers cannot split them)."""
    found = []
    text_words: frozenset[str] | None = None
    for start, end, tag in find_hashtags(ctx.text):
        if any(ch.isupper() for ch in tag[1:]) or len(tag) < 6 or tag.lower() in _lexicon():
            continue
        if text_words is None:  # built only when a tag needs splitting
            text_words = frozenset(w.text.lower() for s in ctx.sentences for w in s.words if len(w.text) >= 3)
        parts = split_compound(tag, text_words - {tag.lower()})
        if not parts or len(parts) < 2:
            continue
        if len(parts) < 3 and not any(p.lower() in _BOUNDARY_WORDS for p in parts):
            continue  # probably one compound noun like "#Sommerferien"
        camel = "#" + "".join(p[:1].upper() + p[1:].lower() for p in parts)
        found.append(
            ctx.finding(
                "hashtag-schreibweise",
                "warnung",
                f"Schreiben Sie „#{tag}“ als {camel}: Mit Großbuchstaben am Wortanfang lesen "
                "Menschen und Screenreader den Hashtag leichter.",
                start,
                end,
                suggestion=camel,
                threshold="Mehrwort-Hashtags in CamelCase (Barrierefreiheit; Standard)",
            )
        )
    return found
