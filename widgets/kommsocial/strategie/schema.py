"""Pydantic models of the strategy room: maturity model and Dienstanweisung template.

Field names are German because trainers edit the YAML files; see FORMAT.md.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

STUFEN = (0, 1, 2, 3)
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# Placeholders the builder fills in; anything else in braces is a typo in the template.
PLATZHALTER = ("kommune", "zentrale_stelle")
_BRACES = re.compile(r"\{([^{}]*)\}")


class _Strict(BaseModel):
    """Base: unknown keys are errors (catches typos in hand-edited YAML)."""

    model_config = ConfigDict(extra="forbid", frozen=True)


def _check_slug(value: str) -> str:
    if not _SLUG.match(value):
        raise ValueError(f"„{value}“ ist keine gültige Kennung: nur Kleinbuchstaben, Ziffern und Bindestriche")
    return value


Slug = Annotated[str, AfterValidator(_check_slug)]


def _unique(ids: list[str], what: str) -> None:
    seen: set[str] = set()
    for i in ids:
        if i in seen:
            raise ValueError(f"{what} „{i}“ ist doppelt")
        seen.add(i)


# -- maturity model ------------------------------------------------------------------------------


class Stufe(_Strict):
    """One maturity level (Phase 0 … Phase 3) with a short description."""

    stufe: int = Field(ge=0, le=3)
    name: str = Field(min_length=3)
    beschreibung: str = Field(min_length=10)


class Frage(_Strict):
    """A self-check question; answer i (0–3) means the unit is at Phase i for this question."""

    id: Slug
    text: str = Field(min_length=10)
    antworten: list[str] = Field(min_length=4, max_length=4)
    hinweis: str | None = None
    quelle: str | None = None


class Schritt(_Strict):
    """A concrete next step; `quelle` is required when the step states a fact."""

    text: str = Field(min_length=10)
    quelle: str | None = None


class Dimension(_Strict):
    """One dimension of the maturity model with its questions and the steps out of each phase."""

    id: Slug
    titel: str = Field(min_length=3)
    beschreibung: str = Field(min_length=10)
    # 1 = Grundlage (build first, "Phase 0"), 2 = Ausbau, 3 = Feinschliff.
    prioritaet: Literal[1, 2, 3]
    fragen: list[Frage] = Field(min_length=2)
    # Steps that lead from phase N to N+1; keys 0, 1, 2 are all required.
    schritte: dict[int, list[Schritt]]

    @model_validator(mode="after")
    def _steps_for_every_phase(self) -> Dimension:
        _unique([f.id for f in self.fragen], "Fragen-Kennung")
        missing = [n for n in (0, 1, 2) if not self.schritte.get(n)]
        if missing:
            raise ValueError(
                f"Dimension „{self.id}“: unter „schritte“ fehlen Schritte für Phase {', '.join(map(str, missing))}"
            )
        extra = sorted(k for k in self.schritte if k not in (0, 1, 2))
        if extra:
            raise ValueError(f"Dimension „{self.id}“: „schritte“ erlaubt nur die Phasen 0, 1 und 2 (nicht {extra[0]})")
        return self


class Reifegradmodell(_Strict):
    """The whole maturity model file."""

    titel: str = Field(min_length=3)
    stand: dt.date
    quellen: list[str] = Field(min_length=1)
    stufen: list[Stufe] = Field(min_length=4, max_length=4)
    dimensionen: list[Dimension] = Field(min_length=1)

    @model_validator(mode="after")
    def _consistent(self) -> Reifegradmodell:
        if [s.stufe for s in self.stufen] != list(STUFEN):
            raise ValueError("„stufen“ muss die Phasen 0, 1, 2, 3 in dieser Reihenfolge enthalten")
        _unique([d.id for d in self.dimensionen], "Dimensions-Kennung")
        _unique([f.id for d in self.dimensionen for f in d.fragen], "Fragen-Kennung")
        return self

    def dimension(self, dim_id: str) -> Dimension:
        """The dimension with this id (KeyError if unknown)."""
        for d in self.dimensionen:
            if d.id == dim_id:
                return d
        raise KeyError(dim_id)


# -- Dienstanweisung template --------------------------------------------------------------------


def _check_placeholders(text: str) -> str:
    for name in _BRACES.findall(text):
        if name not in PLATZHALTER:
            raise ValueError(
                f"unbekannter Platzhalter „{{{name}}}“; erlaubt: " + ", ".join(f"{{{p}}}" for p in PLATZHALTER)
            )
    return text


Vorlagentext = Annotated[str, AfterValidator(_check_placeholders)]


class Option(_Strict):
    """One choice in a section: a label for the form and the rule text for the draft."""

    id: Slug
    label: str = Field(min_length=3)
    # Markdown paragraphs and "- " lists only; the builder escapes user values before inserting them.
    text: Vorlagentext = Field(min_length=10)
    quellen: list[str] = Field(default_factory=list)


class Abschnitt(_Strict):
    """A section of the Dienstanweisung with its options."""

    id: Slug
    titel: str = Field(min_length=3)
    frage: str = Field(min_length=5)
    erklaerung: str = Field(min_length=10)
    # Mandatory sections are always in the draft; optional ones can be left out.
    pflicht: bool = False
    mehrfach: bool = False
    optionen: list[Option] = Field(min_length=1)
    standard: list[str] = Field(min_length=1)

    @model_validator(mode="after")
    def _defaults_exist(self) -> Abschnitt:
        ids = [o.id for o in self.optionen]
        _unique(ids, f"Abschnitt „{self.id}“: Options-Kennung")
        for s in self.standard:
            if s not in ids:
                raise ValueError(f"Abschnitt „{self.id}“: Standard „{s}“ gibt es nicht unter „optionen“")
        if not self.mehrfach and len(self.standard) != 1:
            raise ValueError(f"Abschnitt „{self.id}“ erlaubt nur eine Option: „standard“ braucht genau einen Eintrag")
        return self

    def option(self, option_id: str) -> Option:
        """The option with this id (KeyError if unknown)."""
        for o in self.optionen:
            if o.id == option_id:
                return o
        raise KeyError(option_id)


class Vorlage(_Strict):
    """The whole Dienstanweisung template."""

    titel: Vorlagentext = Field(min_length=3)
    stand: dt.date
    hinweis: str = Field(min_length=10)
    einleitung: Vorlagentext = Field(min_length=10)
    quellen: list[str] = Field(min_length=1)
    abschnitte: list[Abschnitt] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_sections(self) -> Vorlage:
        _unique([a.id for a in self.abschnitte], "Abschnitts-Kennung")
        return self

    def abschnitt(self, section_id: str) -> Abschnitt:
        """The section with this id (KeyError if unknown)."""
        for a in self.abschnitte:
            if a.id == section_id:
                return a
        raise KeyError(section_id)
