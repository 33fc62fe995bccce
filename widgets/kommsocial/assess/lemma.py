"""German lemmas, parts of speech and compound parts (HanTa), cached per word form.

HanTa was chosen by measurement (scripts/compare_lemmatizers.py, see README.md):
higher accuracy on our word list than simplemma, with part of speech and
compound splitting, and its model ships inside the wheel. Word-level analysis
without sentence context is cached, so a text typed again costs microseconds.
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

# Forms HanTa gets wrong on our word list (measured) or that matter for the rubrics.
_OVERRIDES = {
    "überflutet": ("überfluten", "VV(PP)"),
    "übertrieben": ("übertreiben", "VV(PP)"),
    "übertreibt": ("übertreiben", "VV(FIN)"),
    "gefährdet": ("gefährden", "VV(PP)"),
    "evakuiert": ("evakuieren", "VV(PP)"),
    "bitte": ("bitte", "ADV"),
    "nina": ("nina", "NE"),
}


class WordInfo(NamedTuple):
    """Lemma (case-folded), HanTa part-of-speech tag and compound parts of one word form."""

    lemma: str
    pos: str
    parts: tuple[str, ...]


@lru_cache(maxsize=1)
def _tagger():
    from HanTa import HanoverTagger as ht

    return ht.HanoverTagger("morphmodel_ger.pgz")


@lru_cache(maxsize=65536)
def analyze_word(word: str) -> WordInfo:
    """Lemma, POS and compound parts of a single word form (no sentence context)."""
    key = word.casefold()
    if key in _OVERRIDES:
        lemma, pos = _OVERRIDES[key]
        return WordInfo(lemma, pos, (lemma,))
    tagger = _tagger()
    lemma, pos = tagger.analyze(word)
    parts: tuple[str, ...] = (lemma.casefold(),)
    if pos.startswith("NN"):
        # Morphemes are stems ("unterkünft"); they only tell whether the noun is a compound.
        _stem, morphemes, _pos = tagger.analyze(word, taglevel=3)
        stems = tuple(m.casefold() for m, tag in morphemes if tag.startswith(("NN", "NE", "ADJ", "VV")))
        if len(stems) > 1:
            parts = stems
    return WordInfo(lemma.casefold(), pos, parts)


def is_verb(pos: str) -> bool:
    """Whether a HanTa tag is a verb (full, auxiliary or modal)."""
    return pos.startswith(("VV", "VA", "VM"))


def is_finite_verb(pos: str) -> bool:
    """Whether a HanTa tag is a finite or imperative verb form."""
    return is_verb(pos) and ("FIN" in pos or "IMP" in pos)


def warm_up() -> None:
    """Load the model (about 0.25 s) before the first judgement."""
    analyze_word("Feuerwache")


@lru_cache(maxsize=4096)
def finite_in_context(words: tuple[str, ...]) -> bool:
    """Whether HanTa, tagging the words as one sentence, finds a finite verb.

    Word-level tags cannot tell "fahren" (infinitive) from "Die Busse fahren" (3rd person plural);
    the sentence tagger can. Used only for sentences without a finite verb at word level.
    """
    if not words:
        return False
    return any(is_finite_verb(pos) for _w, _lemma, pos in _tagger().tag_sent(list(words)))
