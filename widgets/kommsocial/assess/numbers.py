"""German number words as values: "zwölf" → 12, "zweiundzwanzig" → 22, "zwölften" → 12 (ordinal)."""

from __future__ import annotations

import re

from kommsocial._german import VAGUE_COUNTS
from kommsocial._german import number_word_value as _cardinal

_ORDINAL_STEMS = {"erst": 1, "zweit": 2, "dritt": 3, "viert": 4, "fünft": 5, "sechst": 6, "siebt": 7, "acht": 8}
_ORD_SUFFIX = re.compile(r"(?:sten|ster|stem|stes|ste|ten|ter|tem|tes|te)$")


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
