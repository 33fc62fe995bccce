"""Rubric format: pydantic models, shared building blocks ("Bausteine") and the loader.

A rubric is one YAML file in `rubriken/` (see README.md). Items either stand on their own
or name a shared building block from `rubriken/bausteine.yaml` and override some fields.
Every error names file, line and field in German (through `kommsocial._data`).
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from kommsocial._data import _field_name as field_name
from kommsocial._data import line_of, package_file, read_yaml, validation_error
from kommsocial.errors import InputError

Art = Literal[
    "nennt", "raet_ab", "verweist_quelle", "gleiche_aussage", "keine_verharmlosung", "keine_spekulation",
    "keine_unbestaetigten_zahlen", "anrede_sie", "respektvoll", "keine_personendaten", "kein_einzelfall",
    "in_saetzen", "laenge", "hashtags", "amtsdeutsch", "satzlaenge", "lesbarkeit", "alt_text", "kein_geruecht",
    "stellt_richtig",
]
Dimension = Literal[
    "inhalt", "richtigkeit", "ton", "verstaendlichkeit", "datenschutz", "form", "konsistenz",
    "geruechtekontrolle",
]
DIMENSION_LABELS = {
    "inhalt": "Inhalt", "richtigkeit": "Richtigkeit", "ton": "Ton", "verstaendlichkeit": "Verständlichkeit",
    "datenschutz": "Datenschutz", "form": "Form", "konsistenz": "Konsistenz",
    "geruechtekontrolle": "Gerüchtekontrolle",
}
_UHRZEIT = re.compile(r"^\d{2}:\d{2}$")
# What each kind of item needs besides the common fields (German names for the error message).
_NEEDS: dict[str, tuple[str, ...]] = {
    "raet_ab": ("objekte",),
    "verweist_quelle": ("begriffe",),
    "gleiche_aussage": ("gegenteil",),
    "kein_geruecht": ("begriffe",),
    "stellt_richtig": ("begriffe",),
    "keine_personendaten": ("daten",),
    "kein_einzelfall": ("begriffe",),
    "satzlaenge": ("max_woerter",),
    "lesbarkeit": ("flesch_min",),
}


class Item(BaseModel):
    """One thing a text must or must not do, with its parameters and German texts."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[a-z0-9_]+$")
    art: Art
    titel: str = Field(min_length=1)
    dimension: Dimension
    rueckmeldung: str = Field(min_length=1, description="Participant feedback when missed; {fund} = found text")
    erklaerung: str = Field(min_length=1, description="Trainer view: why the item matters")
    pflicht: bool = True
    verdeckt: bool = False
    teil: str = Field("alle", pattern=r"^[a-z0-9_]+$", description="Test cell group of the nbgrader task")
    gewicht: int = Field(1, ge=1, le=10)
    deckel: int | None = Field(None, ge=0, le=100)
    quelle: str | None = None
    stand: dt.date | None = None
    begriffe: list[str] = []
    gegenteil: list[str] = []
    objekte: list[str] = []
    ausnahmen: list[str] = []
    phrasen: dict[str, list[str]] = {}
    datum: dt.date | None = None
    wochentag_genuegt: bool = True
    uhrzeit: str | None = None
    telefon: str | None = None
    url: str | None = None
    bejaht: bool = False
    erlaubte_zahlen: list[float] = []
    daten: list[str] = []
    sie_pflicht: bool = False
    min_saetze: int = Field(2, ge=0)
    min_anteil: float = Field(0.5, ge=0, le=1)
    max_hashtags: int | None = Field(None, ge=0)
    flesch_min: float | None = None
    max_woerter: int | None = Field(None, ge=1)
    min_zeichen: int | None = Field(None, ge=0)
    # Crisis rubrics only: the simulated minutes in which the item applies to an own post.
    ab_minute: int | None = Field(None, ge=0)
    bis_minute: int | None = Field(None, ge=0)

    @model_validator(mode="after")
    def _parameters(self) -> Item:
        for fld in _NEEDS.get(self.art, ()):
            if not getattr(self, fld):
                raise ValueError(f"Ein Punkt der Art „{self.art}“ braucht das Feld „{fld}“.")
        if self.art == "nennt" and not (self.begriffe or self.datum or self.uhrzeit or self.telefon or self.url):
            raise ValueError("Ein Punkt der Art „nennt“ braucht „begriffe“, „datum“, „uhrzeit“, „telefon“ "
                             "oder „url“.")
        if self.uhrzeit and not _UHRZEIT.match(self.uhrzeit):
            raise ValueError("„uhrzeit“ schreiben Sie als HH:MM, zum Beispiel \"16:00\".")
        return self


class Rubric(BaseModel):
    """A rubric: the items one task or scenario text is judged by, with its source and Stand."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[a-z0-9_]+$")
    titel: str = Field(min_length=1)
    quelle: str = Field(min_length=1)
    stand: dt.date
    aufgabe: str | None = None
    variable: str | None = None
    name: str = "Ihr Text"
    plattform: str | None = None
    bausteine: list[str] = Field([], description="Extra building-block files (bausteine_<name>.yaml)")
    items: list[Item] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique(self) -> Rubric:
        seen: set[str] = set()
        for item in self.items:
            if item.id in seen:
                raise ValueError(f"Die Id „{item.id}“ kommt mehrfach vor; Ids müssen eindeutig sein.")
            seen.add(item.id)
        needs_platform = {"laenge", "hashtags"} & {i.art for i in self.items}
        if needs_platform and not self.plattform:
            raise ValueError("Punkte der Art „laenge“ oder „hashtags“ brauchen „plattform“ in der Rubrik.")
        return self

    def item(self, item_id: str) -> Item:
        """The item with this id."""
        return next(i for i in self.items if i.id == item_id)


class _Bausteine(BaseModel):
    model_config = ConfigDict(extra="forbid")

    stand: dt.date
    quelle: str
    items: list[Item]


RUBRIC_PACKAGE = "kommsocial.assess.rubriken"
_HINT = "Korrigieren Sie den Wert und prüfen Sie die Datei erneut."


def rubrics_dir() -> Path:
    """Folder of the built-in rubrics."""
    return package_file(RUBRIC_PACKAGE, "")


def _validated(model: type[BaseModel], data: Any, path: Path, node: Any) -> Any:
    if data is None:
        raise InputError("Die Datei ist leer.", file=str(path), hint="Füllen Sie die Datei aus.")
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise validation_error(path, node, exc) from None


@lru_cache(maxsize=16)
def bausteine(path: str | None = None) -> dict[str, dict[str, Any]]:
    """Shared items by id, as raw data (a rubric item overrides single fields)."""
    p = Path(path) if path else rubrics_dir() / "bausteine.yaml"
    data, node = read_yaml(p)
    _validated(_Bausteine, data, p, node)
    return {raw["id"]: raw for raw in data["items"]}


def _blocks(path: Path, data: Any, node: Any, shared: str | Path | None) -> dict[str, dict[str, Any]]:
    blocks = dict(bausteine(str(shared) if shared else None))
    extra = data.get("bausteine", []) if isinstance(data, dict) else []
    for n, name in enumerate(extra if isinstance(extra, list) else []):
        p = path.parent / f"bausteine_{name}.yaml"
        if not p.exists():
            loc = ("bausteine", n)
            raise InputError(f"Die Datei „bausteine_{name}.yaml“ gibt es nicht neben der Rubrik.", file=str(path),
                             line=line_of(node, loc), field=field_name(loc), hint=_HINT)
        blocks.update(bausteine(str(p)))
    return blocks


def load_rubric(path: str | Path, *, text: str | None = None, shared: str | Path | None = None) -> Rubric:
    """Load and validate one rubric file; items with "baustein" take the shared item's fields.

    Raises:
        InputError: naming file, line and field of the first problem.
    """
    path = Path(path)
    data, node = read_yaml(path, text=text)
    blocks = _blocks(path, data, node, shared)
    if isinstance(data, dict) and isinstance(data.get("items"), list):
        merged = []
        for n, raw in enumerate(data["items"]):
            if isinstance(raw, dict) and "baustein" in raw:
                ref = raw["baustein"]
                if ref not in blocks:
                    loc = ("items", n, "baustein")
                    raise InputError(
                        f"Den Baustein „{ref}“ gibt es nicht. Bekannt sind: {', '.join(sorted(blocks))}.",
                        file=str(path), line=line_of(node, loc), field=field_name(loc), hint=_HINT)
                raw = {**blocks[ref], **{k: v for k, v in raw.items() if k != "baustein"}}
            merged.append(raw)
        data = {**data, "items": merged}
    return _validated(Rubric, data, path, node)


def builtin_files() -> list[Path]:
    """All built-in rubric files (without the building blocks), sorted by name."""
    return sorted(p for p in rubrics_dir().glob("*.yaml") if not p.name.startswith("bausteine"))


@lru_cache(maxsize=64)
def rubric(rubric_id: str) -> Rubric:
    """A built-in rubric by id (file name without .yaml)."""
    p = rubrics_dir() / f"{rubric_id}.yaml"
    if not p.exists():
        known = ", ".join(f.stem for f in builtin_files())
        raise InputError(f"Eine Rubrik „{rubric_id}“ gibt es nicht.", hint=f"Verfügbare Rubriken: {known}.")
    return load_rubric(p)
