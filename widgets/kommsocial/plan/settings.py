"""Thresholds of the plan checks: defaults from regeln.yaml, optionally overridden by a Hausregel file."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from kommsocial._data import package_file, read_yaml, validation_error
from kommsocial._findings import Severity
from kommsocial.errors import InputError

# The 16 states by their usual abbreviation (the codes `holidays` uses for public holidays).
LAENDER_NAMEN = {
    "BB": "Brandenburg", "BE": "Berlin", "BW": "Baden-Württemberg", "BY": "Bayern", "HB": "Bremen",
    "HE": "Hessen", "HH": "Hamburg", "MV": "Mecklenburg-Vorpommern", "NI": "Niedersachsen",
    "NW": "Nordrhein-Westfalen", "RP": "Rheinland-Pfalz", "SH": "Schleswig-Holstein", "SL": "Saarland",
    "SN": "Sachsen", "ST": "Sachsen-Anhalt", "TH": "Thüringen",
}
LAENDER = tuple(sorted(LAENDER_NAMEN))


class _Rule(BaseModel):
    model_config = ConfigDict(extra="forbid")
    schwere: Severity
    quelle: str


class LueckeRule(_Rule):
    max_tage_ohne_beitrag: int = Field(ge=1, le=60)


class UeberlastRule(_Rule):
    max_beitraege_je_kanal_und_tag: int = Field(ge=1, le=50)


class NachtruheRule(_Rule):
    beginn: time
    ende: time

    @field_validator("beginn", "ende", mode="before")
    @classmethod
    def _hhmm(cls, v: Any) -> Any:
        # YAML reads 22:00 unquoted as a sexagesimal int; accept only "HH:MM" text.
        if isinstance(v, str) and len(v.split(":")) == 2:
            h, m = v.split(":")
            return time(int(h), int(m))
        raise ValueError("Uhrzeit bitte als Text wie \"22:00\" angeben")


class FeiertagRule(_Rule):
    pass


class KampagneRule(_Rule):
    min_kanaele: int = Field(ge=2, le=10)


class VorwahlzeitRule(_Rule):
    wochen_vor_wahl: int = Field(ge=1, le=52)
    kategorien: list[str] = Field(min_length=1)
    karte: str
    hausregel: str
    stand: date


class PlanSettings(BaseModel):
    """All thresholds of the plan checks (see regeln.yaml)."""

    model_config = ConfigDict(extra="forbid")
    stand: date
    land: Literal[LAENDER]  # type: ignore[valid-type]
    luecke: LueckeRule
    ueberlast: UeberlastRule
    nachtruhe: NachtruheRule
    feiertag: FeiertagRule
    kampagne: KampagneRule
    vorwahlzeit: VorwahlzeitRule


def _merge(base: dict, override: dict) -> dict:
    out = dict(base)
    for key, value in override.items():
        out[key] = _merge(out[key], value) if isinstance(value, dict) and isinstance(out.get(key), dict) else value
    return out


def load_settings(hausregel: str | Path | None = None) -> PlanSettings:
    """Defaults from regeln.yaml, with the values of an optional Hausregel YAML file on top.

    Raises:
        InputError: with file, line and field when the Hausregel file is invalid.
    """
    default_path = package_file("kommsocial.plan", "regeln.yaml")
    data, node = read_yaml(default_path)
    path = default_path
    if hausregel is not None:
        path = Path(hausregel)
        override, node = read_yaml(path)
        if not isinstance(override, dict):
            raise InputError("Die Hausregel-Datei muss Schlüssel: Wert-Paare enthalten.", file=str(path))
        data = _merge(data, override)
    try:
        return PlanSettings.model_validate(data)
    except ValidationError as exc:
        raise validation_error(path, node, exc) from None
