"""The strategy room of KommSocial: maturity self-check and Dienstanweisung builder.

Public API (see FORMAT.md)::

    from kommsocial.strategie import load_modell, profile, profile_markdown
    from kommsocial.strategie import load_vorlage, build, default_auswahl
"""

from __future__ import annotations

from kommsocial.strategie.dienstanweisung import (
    DEFAULT_KOMMUNE,
    DEFAULT_STELLE,
    Entwurf,
    build,
    check_auswahl,
    default_auswahl,
    load_auswahl,
    load_vorlage,
)
from kommsocial.strategie.reifegrad import (
    DimensionErgebnis,
    Empfehlung,
    Profil,
    check_answers,
    load_answers,
    load_modell,
    profile,
    profile_markdown,
    rank,
)

__all__ = [
    "DEFAULT_KOMMUNE", "DEFAULT_STELLE", "DimensionErgebnis", "Empfehlung", "Entwurf", "Profil", "build",
    "check_answers", "check_auswahl", "default_auswahl", "load_answers", "load_auswahl", "load_modell",
    "load_vorlage", "profile", "profile_markdown", "rank",
]
