"""KI room: review AI drafts against their source press release (comparison, text check, scoring).

Main entry points: `pruefe(quelle, entwurf, plattform)`, `abgleich(quelle, entwurf)`,
`load_bank()`, `bewerte(fall, angekreuzt, urteil)`.
"""

from __future__ import annotations

from kommsocial.ki.abgleich import Angabe, abgleich, nicht_belegt
from kommsocial.ki.bewertung import Bewertung, bewerte, bewerte_stellen
from kommsocial.ki.data import footer, get_case, load_bank
from kommsocial.ki.pruefung import Pruefung, pruefe

__all__ = ["Angabe", "Bewertung", "Pruefung", "abgleich", "bewerte", "bewerte_stellen", "footer", "get_case",
           "load_bank", "nicht_belegt", "pruefe"]
