"""Exercise "Wofür taugt ein KI-Werkzeug?": tasks with a recommended level, checked against the user's guess."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from kommsocial._data import load_model, package_file
from kommsocial.errors import InputError

Stufe = Literal["gut", "vorsicht", "ungeeignet"]
STUFEN: dict[str, str] = {
    "gut": "gut geeignet (mit Prüfung)",
    "vorsicht": "nur mit besonderer Vorsicht",
    "ungeeignet": "nicht geeignet",
}


class Aufgabe(BaseModel):
    """One task someone might hand to an AI tool, with the recommended level and the reason."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str = Field(pattern=r"^[a-z0-9_]+$")
    aufgabe: str
    stufe: Stufe
    begruendung: str = Field(min_length=20)


class EinsatzDatei(BaseModel):
    """The file `einsatz.yaml`."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    stand: dt.date
    quelle: str
    aufgaben: list[Aufgabe] = Field(min_length=3)


@dataclass(frozen=True)
class Rueckmeldung:
    """Feedback on one task: the user's level, the recommended one, the reason."""

    aufgabe: Aufgabe
    antwort: str | None

    @property
    def richtig(self) -> bool:
        """True if the user chose the recommended level."""
        return self.antwort == self.aufgabe.stufe

    def text(self) -> str:
        """One German line for the notebook."""
        mark = "✔" if self.richtig else ("–" if self.antwort is None else "✘")
        return (f"{mark} {self.aufgabe.aufgabe}\n   Empfehlung: {STUFEN[self.aufgabe.stufe]}. "
                f"{self.aufgabe.begruendung}")


@lru_cache(maxsize=1)
def load_aufgaben() -> EinsatzDatei:
    """The shipped task list (validated)."""
    return load_model(EinsatzDatei, package_file("kommsocial.ki", "einsatz.yaml"))


def pruefe_einschaetzung(antworten: dict[str, str]) -> list[Rueckmeldung]:
    """Compare the user's levels (task id → "gut"/"vorsicht"/"ungeeignet"; empty = not answered).

    Raises:
        InputError: for an unknown task id or level.
    """
    data = load_aufgaben()
    ids = {a.id for a in data.aufgaben}
    for key, value in antworten.items():
        if key not in ids:
            raise InputError(f"Eine Aufgabe „{key}“ gibt es nicht.", hint="Möglich sind: " + ", ".join(sorted(ids)))
        if value and value not in STUFEN:
            raise InputError(f"„{value}“ ist keine Stufe (Aufgabe „{key}“).",
                             hint="Schreiben Sie „gut“, „vorsicht“ oder „ungeeignet“.")
    return [Rueckmeldung(a, antworten.get(a.id) or None) for a in data.aufgaben]
