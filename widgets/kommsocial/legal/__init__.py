"""The legal room of KommSocial: knowledge cards, decision trees, quiz bank, Impressum check.

Public API (stable, additive changes only; see FORMAT.md)::

    from kommsocial.legal import load_cards, load_trees, load_tree, load_quiz
    from kommsocial.legal import TreeSession, draw, score, check_impressum
"""

from __future__ import annotations

from kommsocial.legal.data import (
    DISCLAIMER,
    clear_cache,
    footer,
    get_card,
    load_cards,
    load_quiz,
    load_tree,
    load_trees,
    stand_of,
)
from kommsocial.legal.freshness import months_before, stale_cards
from kommsocial.legal.impressum import (
    ImpressumBefund,
    ImpressumErgebnis,
    ImpressumProfil,
    check_impressum,
    load_profile,
)
from kommsocial.legal.quizbank import Result, draw, score
from kommsocial.legal.tree import Schritt, TreeSession, all_paths, tree_as_text

__all__ = [
    "DISCLAIMER", "ImpressumBefund", "ImpressumErgebnis", "ImpressumProfil", "Result", "Schritt", "TreeSession",
    "all_paths", "check_impressum", "clear_cache", "draw", "footer", "get_card", "load_cards", "load_profile",
    "load_quiz", "load_tree", "load_trees", "months_before", "score", "stale_cards", "stand_of", "tree_as_text",
]
