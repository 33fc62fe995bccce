"""Style rules: each module adds `Finding`s for one concern; `ALL` runs them in a fixed order."""

from __future__ import annotations

from collections.abc import Callable

from kommsocial._findings import Finding
from kommsocial.text.rules import hashtags, length, lexical, media, press, sentences
from kommsocial.text.rules.context import Context

Rule = Callable[[Context], list[Finding]]

# (rule id, function); the id is used to switch rules off in a Hausstil.
ALL: tuple[tuple[str, Rule], ...] = (
    ("laenge", length.laenge),
    ("satzlaenge", sentences.satzlaenge),
    ("lesbarkeit", sentences.lesbarkeit),
    ("amtsdeutsch", lexical.amtsdeutsch),
    ("nominalstil", sentences.nominalstil),
    ("passiv", sentences.passiv),
    ("abkuerzung", lexical.abkuerzung),
    ("hashtags", hashtags.hashtags),
    ("hashtag-schreibweise", hashtags.schreibweise),
    ("alt-text", media.alt_text),
    ("w-fragen", press.w_fragen),
)

__all__ = ["ALL", "Context", "Rule"]
