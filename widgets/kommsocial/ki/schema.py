"""Pydantic schema of the AI-draft review bank (`faelle.yaml`): cases, planted problems, labelling verdict."""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

AUTOMATIK_TEXT: dict[str, str] = {
    "abgleich": "Abgleich mit der Quelle",
    "textpruefung": "Textprüfung (Amtsdeutsch, Ton, Länge)",
}

ProblemTyp = Literal[
    "erfundene_zahl", "falsches_datum", "falsche_tatsache", "erfundenes_zitat", "amtsdeutsch",
    "werbesprache", "fehlende_kennzeichnung", "personenbezogene_daten", "plattformlaenge", "erfundener_link",
]

# German labels shown in the widget, the CLI and the notebooks.
TYP_TEXT: dict[str, str] = {
    "erfundene_zahl": "Erfundene Zahl",
    "falsches_datum": "Falsches Datum oder falsche Uhrzeit",
    "falsche_tatsache": "Falsche Tatsache (anders als in der Quelle)",
    "erfundenes_zitat": "Erfundenes Zitat",
    "amtsdeutsch": "Amtsdeutsch",
    "werbesprache": "Werbesprache, übertriebener Ton",
    "fehlende_kennzeichnung": "Fehlende KI-Kennzeichnung",
    "personenbezogene_daten": "Personenbezogene Daten",
    "plattformlaenge": "Zu lang für die Plattform",
    "erfundener_link": "Erfundener Link, erfundene Adresse oder Nummer",
}


def _find(text: str, passage: str) -> tuple[int, int] | None:
    """Span of `passage` in `text`; any run of whitespace matches any other (drafts wrap in YAML)."""
    pattern = r"\s+".join(re.escape(part) for part in passage.split())
    m = re.search(pattern, text)
    return m.span() if m else None


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Problem(_Strict):
    """A problem planted in the draft: type, the exact passage (None = whole draft), explanation."""

    id: str = Field(pattern=r"^[a-z0-9_]+$")
    typ: ProblemTyp
    stelle: str | None = None
    erklaerung: str = Field(min_length=20)
    # Which automatic check points at the passage: "abgleich" (source comparison), "textpruefung"
    # (Amtsdeutsch, tone, length); empty = only careful reading finds it. Tests verify this claim.
    automatisch: list[Literal["abgleich", "textpruefung"]] = Field(default_factory=list)
    # How the problem appears in the tick list (a neutral description, not the solution).
    aussage: str = Field(min_length=5)


class Ablenker(_Strict):
    """A correct passage offered in the tick list; ticking it is a false alarm."""

    id: str = Field(pattern=r"^[a-z0-9_]+$")
    stelle: str
    aussage: str = Field(min_length=5)
    erklaerung: str = Field(min_length=10)


class Kennzeichnung(_Strict):
    """The labelling question of a case: situation, answers along the `ki-kennzeichnung` tree, verdict id."""

    situation: str = Field(min_length=20)
    antworten: dict[str, str] = Field(min_length=1)
    urteil: str


class Fall(_Strict):
    """One review case: fictional press release, written example of an AI draft, planted problems."""

    id: str = Field(pattern=r"^[a-z0-9_]+$")
    titel: str
    plattform: str
    auftrag: str = Field(min_length=10)
    quelle: str = Field(min_length=80)
    entwurf: str = Field(min_length=40)
    probleme: list[Problem] = Field(min_length=2)
    ablenker: list[Ablenker] = Field(default_factory=list)
    kennzeichnung: Kennzeichnung

    @model_validator(mode="after")
    def _check_passages(self) -> Fall:
        """Every passage must occur in the draft; ids must be unique within the case."""
        ids = [p.id for p in self.probleme] + [a.id for a in self.ablenker]
        dup = sorted({i for i in ids if ids.count(i) > 1})
        if dup:
            raise ValueError(f"Fall „{self.id}“: Kennung „{dup[0]}“ ist doppelt")
        items: list[Problem | Ablenker] = [*self.probleme, *self.ablenker]
        for item in items:
            if item.stelle is not None and _find(self.entwurf, item.stelle) is None:
                raise ValueError(
                    f"Fall „{self.id}“, „{item.id}“: die Stelle „{item.stelle}“ steht nicht wörtlich im Entwurf"
                )
        return self

    def problem(self, problem_id: str) -> Problem:
        """One planted problem by id (KeyError if unknown)."""
        for p in self.probleme:
            if p.id == problem_id:
                return p
        raise KeyError(problem_id)

    def span(self, stelle: str | None) -> tuple[int, int]:
        """Character range of a passage in the draft (whole draft for None)."""
        if stelle is None:
            return 0, len(self.entwurf)
        found = _find(self.entwurf, stelle)
        if found is None:
            raise KeyError(stelle)
        return found


class FallBank(_Strict):
    """The whole file: Stand, the note that the drafts are written examples, and the cases."""

    stand: dt.date
    quelle: str
    hinweis: str = Field(min_length=30)
    faelle: list[Fall] = Field(min_length=8)

    @field_validator("faelle")
    @classmethod
    def _unique(cls, faelle: list[Fall]) -> list[Fall]:
        seen: set[str] = set()
        for f in faelle:
            if f.id in seen:
                raise ValueError(f"Die Fall-Kennung „{f.id}“ ist doppelt")
            seen.add(f.id)
        return faelle
