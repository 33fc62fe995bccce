"""Style rules: each module adds `Finding`s for one concern; `ALL` runs them in a fixed order."""

from __future__ import annotations

from collections.abc import Callable

from kommsocial._findings import Finding
from kommsocial.text.rule_ids import RULE_IDS
from kommsocial.text.rules import hashtags, length, lexical, media, press, sentences
from kommsocial.text.rules.context import Context

Rule = Callable[[Context], list[Finding]]

# Every rule function; its name is its id with "_" for "-". The ids and their order are written once,
# in kommsocial.text.rule_ids (hausstil.py validates a Hausstil against them and cannot import this
# package); pairing by name instead of typing each id again beside its function keeps them in one place.
_FUNCTIONS: tuple[Rule, ...] = (
    length.laenge, sentences.satzlaenge, sentences.lesbarkeit, lexical.amtsdeutsch, sentences.nominalstil,
    sentences.passiv, lexical.abkuerzung, hashtags.hashtags, hashtags.hashtag_schreibweise, media.alt_text,
    press.w_fragen,
)
_BY_ID = {function.__name__.replace("_", "-"): function for function in _FUNCTIONS}
if sorted(_BY_ID) != sorted(RULE_IDS):  # not an assert: it must hold under python -O too
    raise RuntimeError(f"rule functions {sorted(_BY_ID)} do not match RULE_IDS {sorted(RULE_IDS)}")

# (rule id, function) in the order of RULE_IDS; the id is used to switch rules off in a Hausstil.
ALL: tuple[tuple[str, Rule], ...] = tuple((rule_id, _BY_ID[rule_id]) for rule_id in RULE_IDS)

__all__ = ["ALL", "RULE_IDS", "Context", "Rule"]
