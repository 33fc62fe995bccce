"""German number words as values: "zwölf" → 12, "zweiundzwanzig" → 22, "zwölften" → 12 (ordinal)."""

from __future__ import annotations

import re

_UNITS = {
    "null": 0, "ein": 1, "eins": 1, "eine": 1, "zwei": 2, "zwo": 2, "drei": 3, "vier": 4, "fünf": 5,
    "sechs": 6, "sieben": 7, "acht": 8, "neun": 9, "zehn": 10, "elf": 11, "zwölf": 12, "dreizehn": 13,
    "vierzehn": 14, "fünfzehn": 15, "sechzehn": 16, "siebzehn": 17, "achtzehn": 18, "neunzehn": 19,
}
_TENS = {
    "zwanzig": 20, "dreißig": 30, "vierzig": 40, "fünfzig": 50, "sechzig": 60, "siebzig": 70,
    "achtzig": 80, "neunzig": 90,
}
_ORDINAL_STEMS = {"erst": 1, "zweit": 2, "dritt": 3, "viert": 4, "fünft": 5, "sechst": 6, "siebt": 7, "acht": 8}
# Words that state a count without a figure ("Dutzende Verletzte").
VAGUE_COUNTS = {"dutzend": 12, "dutzende": 12, "hunderte": 100, "tausende": 1000}
_ORD_SUFFIX = re.compile(r"(?:sten|ster|stem|stes|ste|ten|ter|tem|tes|te)$")
# "ein", "eine" and "eins" are left out of counting on their own: mostly articles.
ARTICLE_LIKE = {"ein", "eine", "eins"}


def _cardinal(word: str) -> int | None:
    if word in _UNITS:
        return _UNITS[word]
    if word in _TENS:
        return _TENS[word]
    if word in {"hundert", "einhundert"}:
        return 100
    if word in {"tausend", "eintausend"}:
        return 1000
    m = re.fullmatch(r"(\w+?)und(\w+zig|dreißig)", word)
    if m and m.group(1) in _UNITS and m.group(2) in _TENS:
        return _UNITS[m.group(1)] + _TENS[m.group(2)]
    for big, factor in (("tausend", 1000), ("hundert", 100)):
        if big in word:
            head, _, tail = word.partition(big)
            h = _cardinal(head) if head else 1
            t = _cardinal(tail) if tail else 0
            if h is not None and t is not None:
                return h * factor + t
    return None


def is_ordinal(word: str) -> bool:
    """Whether a number word is an ordinal ("zweite", "erster", "zwölften"): a rank, not a count."""
    w = word.lower()
    return _cardinal(w) is None and w not in VAGUE_COUNTS and word_value(w) is not None


def word_value(word: str) -> int | None:
    """Value of a German number word (cardinal or ordinal), case-insensitive; None if it is none."""
    w = word.lower().replace("dreissig", "dreißig")
    if w in VAGUE_COUNTS:
        return VAGUE_COUNTS[w]
    value = _cardinal(w)
    if value is not None:
        return value
    for stem, v in _ORDINAL_STEMS.items():
        if re.fullmatch(stem + r"(?:e|er|en|em|es)", w):
            return v
    m = _ORD_SUFFIX.search(w)
    if m and len(w) > 4:
        return _cardinal(w[: m.start()])
    return None
