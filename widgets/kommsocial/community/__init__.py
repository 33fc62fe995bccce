"""The community room of KommSocial: comment bank, triage scoring, reply checks, Netiquette builder.

Public API (engine only, no widgets)::

    from kommsocial.community import load_bank, get_comment, bewerte, TriageSession
    from kommsocial.community import pruefe_antwort, baue_netiquette, load_netiquette
"""

from __future__ import annotations

from kommsocial.community.bank import get_comment, load_bank
from kommsocial.community.netiquette import baue_netiquette, load_netiquette
from kommsocial.community.reply import AntwortPruefung, Pruefpunkt, pruefe_antwort
from kommsocial.community.schema import AKTION_LABELS, AKTIONEN, KATEGORIEN, Kommentar, normalize_action
from kommsocial.community.triage import Bewertung, TriageSession, bewerte, bewerte_zuordnung

__all__ = [
    "AKTIONEN", "AKTION_LABELS", "AntwortPruefung", "Bewertung", "KATEGORIEN", "Kommentar", "Pruefpunkt",
    "TriageSession", "baue_netiquette", "bewerte", "bewerte_zuordnung", "get_comment", "load_bank",
    "load_netiquette", "normalize_action", "pruefe_antwort",
]
