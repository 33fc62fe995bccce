"""The ids of the text checker's style rules, in the order they run: the one place they are written.

A Hausstil switches rules off or changes their severity by these ids (`kommsocial.text.hausstil`).
Each id is also the name of its function in `kommsocial.text.rules`, with "_" for "-"
(`alt-text` is `media.alt_text`); rules/__init__.py finds the functions by that name and fails on
import if a function is missing or has no id. The ids live here, below both, because hausstil.py
needs them to validate a Hausstil and rules/context.py imports hausstil, so hausstil cannot import
the rules (tests/test_import_graph.py forbids the cycle).
"""

from __future__ import annotations

RULE_IDS: tuple[str, ...] = (
    "laenge", "satzlaenge", "lesbarkeit", "amtsdeutsch", "nominalstil", "passiv", "abkuerzung",
    "hashtags", "hashtag-schreibweise", "alt-text", "w-fragen",
)
