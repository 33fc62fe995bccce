"""Pydantic models of the community data: comment bank (kommentare.yaml) and reply rules (antwort_regeln.yaml).

Field names are German because trainers edit the YAML files. Cross-file references
(legal card ids) are checked by `kommsocial.community.bank`.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from kommsocial._german import plural

Aktion = Literal["antworten", "ausblenden", "loeschen", "sperren", "melden", "dokumentieren", "ignorieren"]
AKTIONEN: tuple[str, ...] = (
    "antworten", "ausblenden", "loeschen", "sperren", "melden", "dokumentieren", "ignorieren",
)
AKTION_LABELS: dict[str, str] = {
    "antworten": "antworten",
    "ausblenden": "ausblenden",
    "loeschen": "löschen",
    "sperren": "sperren",
    "melden": "melden",
    "dokumentieren": "dokumentieren",
    "ignorieren": "ignorieren",
}
AKTION_HILFE: dict[str, str] = {
    "antworten": "öffentlich und freundlich antworten",
    "ausblenden": "Kommentar für andere unsichtbar machen (die Person sieht ihn weiter)",
    "loeschen": "Kommentar endgültig entfernen",
    "sperren": "Person vom Kommentieren ausschließen (Eingriff in die Meinungsfreiheit)",
    "melden": "bei der Plattform (Art. 16 DSA) oder einer Meldestelle melden",
    "dokumentieren": "sichern: Screenshot mit Datum, Uhrzeit und Link, Grund notieren",
    "ignorieren": "nichts tun, stehen lassen",
}

Kategorie = Literal[
    "lob", "frage", "beschwerde", "kritik", "sarkasmus", "beleidigung", "drohung", "spam",
    "falschinformation", "personenbezogene_daten", "hassrede", "off_topic", "parteiwerbung",
]
KATEGORIEN: dict[str, str] = {
    "lob": "Lob",
    "frage": "Frage",
    "beschwerde": "Beschwerde",
    "kritik": "Kritik",
    "sarkasmus": "Sarkasmus",
    "beleidigung": "Beleidigung",
    "drohung": "Drohung",
    "spam": "Spam",
    "falschinformation": "Falschinformation",
    "personenbezogene_daten": "Persönliche Daten",
    "hassrede": "Hassrede gegen eine Gruppe",
    "off_topic": "Themenfremd",
    "parteiwerbung": "Parteiwerbung",
}

_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# Written forms participants use for the action ids ("Löschen", "loeschen ", "LÖSCHEN").
_ALIASES = {"löschen": "loeschen", "loschen": "loeschen", "ignorieren": "ignorieren", "sichern": "dokumentieren"}


def normalize_action(value: object) -> str | None:
    """Map a typed action ("Löschen", " melden ") to its id, or None if it is no known action."""
    if not isinstance(value, str):
        return None
    key = unicodedata.normalize("NFC", value).strip().lower()
    key = _ALIASES.get(key, key)
    return key if key in AKTIONEN else None


class _Strict(BaseModel):
    """Base: unknown keys are errors (catches typos in hand-edited YAML)."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Kommentar(_Strict):
    """One fictional comment under a Musterstadt post, with the expected moderation."""

    id: str
    kategorie: Kategorie
    plattform: str = "facebook"
    beitrag: str = Field(min_length=3, description="the post the comment answers to")
    kontext: str | None = Field(default=None, description="what the team knows (facts, earlier warnings)")
    autor: str = Field(min_length=2)
    text: str = Field(min_length=2)
    haupt: Aktion = Field(description="the one action that matters most")
    aktionen: list[Aktion] = Field(min_length=1, description="the full recommended set, haupt included")
    auch_ok: list[Aktion] = Field(default_factory=list, description="extras that are acceptable, not required")
    tabu: dict[Aktion, str] = Field(default_factory=dict, description="wrong actions with the reason why")
    begruendung: str = Field(min_length=20)
    karten: list[str] = Field(min_length=1)
    pflichtangaben: list[list[str]] = Field(
        default_factory=list, description="a good reply contains one word of every group",
    )
    musterantwort: str | None = None

    @field_validator("id")
    @classmethod
    def _slug(cls, value: str) -> str:
        if not _ID.match(value):
            raise ValueError(f"„{value}“ ist keine gültige Kennung: nur Kleinbuchstaben, Ziffern und Bindestriche")
        return value

    @model_validator(mode="after")
    def _consistent(self) -> Kommentar:
        if self.haupt not in self.aktionen:
            raise ValueError(f"Die Hauptaktion „{self.haupt}“ muss auch unter „aktionen“ stehen.")
        if len(set(self.aktionen)) != len(self.aktionen):
            raise ValueError("Eine Aktion steht doppelt unter „aktionen“.")
        clash = (set(self.aktionen) | set(self.auch_ok)) & set(self.tabu)
        if clash:
            raise ValueError(f"{plural(len(clash), 'Die Aktion', 'Die Aktionen')} {sorted(clash)} "
                             f"{plural(len(clash), 'ist', 'sind')} zugleich erwartet und tabu.")
        if set(self.aktionen) & set(self.auch_ok):
            raise ValueError("Eine Aktion steht zugleich unter „aktionen“ und „auch_ok“.")
        if "ignorieren" in self.aktionen and len(self.aktionen) > 1:
            raise ValueError("„ignorieren“ lässt sich nicht mit anderen Aktionen verbinden.")
        if self.haupt == "antworten" and not self.musterantwort:
            raise ValueError("Wenn die Hauptaktion „antworten“ ist, braucht der Kommentar eine Musterantwort.")
        return self

    @property
    def kategorie_label(self) -> str:
        """German name of the category."""
        return KATEGORIEN[self.kategorie]


class KommentarBank(_Strict):
    """Schema of kommentare.yaml."""

    stand: dt.date
    quelle: str = Field(min_length=10)
    hinweis: str = Field(min_length=10)
    kommentare: list[Kommentar] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique(self) -> KommentarBank:
        seen: set[str] = set()
        for k in self.kommentare:
            if k.id in seen:
                raise ValueError(f"Die Kennung „{k.id}“ kommt doppelt vor.")
            seen.add(k.id)
        return self


class Laengenregel(_Strict):
    """Course guideline for the length of a reply on one platform."""

    max_zeichen: int = Field(gt=0)
    grund: str


class AntwortRegeln(_Strict):
    """Schema of antwort_regeln.yaml: length guidelines and Sie forms for replies (the engine items' word lists
    live in the rubric `community_antwort.yaml`)."""

    stand: dt.date
    quelle: str = Field(min_length=10)
    laenge: dict[str, Laengenregel] = Field(min_length=1)
    sie_formen: list[str] = Field(min_length=2)
    ausweichend: list[str] = Field(default_factory=list)
