"""Netiquette builder: blocks as data (netiquette.yaml), filled for one municipality and channel."""

from __future__ import annotations

import datetime as dt
import re
import string
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from pydantic import BaseModel, ConfigDict, Field, model_validator

from kommsocial import _german
from kommsocial._data import load_model, package_file
from kommsocial.errors import InputError

PLATZHALTER = ("kommune", "kanal", "kontakt", "erreichbarkeit", "impressum", "stand")
DEFAULTS = {
    "kommune": "Musterstadt",
    "kanal": "Facebook",
    "kontakt": "unser Kontaktformular auf musterstadt.example/kontakt oder das Bürgertelefon 0123 4567-0",
    "erreichbarkeit": "montags bis freitags von 8 bis 16 Uhr",
    "impressum": "musterstadt.example/impressum",
}


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


class Baustein(BaseModel):
    """One Netiquette rule with its consequence and the legal cards behind it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
    titel: str
    regel: str
    folge: str
    pflicht: bool = False
    karten: list[str] = Field(min_length=1)


class NetiquetteVorlage(BaseModel):
    """Schema of netiquette.yaml."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    stand: dt.date
    quelle: str = Field(min_length=10)
    titel: str
    einleitung: str
    bausteine: list[Baustein] = Field(min_length=3)
    schluss: str

    @model_validator(mode="after")
    def _placeholders(self) -> NetiquetteVorlage:
        texts = [self.titel, self.einleitung, self.schluss] + [t for b in self.bausteine for t in (b.regel, b.folge)]
        for text in texts:
            unknown = _fields(text) - set(PLATZHALTER)
            if unknown:
                raise ValueError(f"Unbekannter Platzhalter {sorted(unknown)}; erlaubt: {', '.join(PLATZHALTER)}")
        ids = [b.id for b in self.bausteine]
        if len(ids) != len(set(ids)):
            raise ValueError("Eine Baustein-Kennung kommt doppelt vor.")
        return self


_TEMPLATE = ("kommsocial.community", "netiquette.yaml")


@lru_cache(maxsize=1)
def _template() -> NetiquetteVorlage:
    return load_model(NetiquetteVorlage, package_file(*_TEMPLATE))


def vorlage_stand() -> dt.date:
    """Date of the shipped template, without loading the legal cards (for help texts)."""
    return _template().stand


@lru_cache(maxsize=1)
def load_netiquette() -> NetiquetteVorlage:
    """The Netiquette template shipped with the package (card ids checked against the legal cards)."""
    from kommsocial.legal import load_cards

    path = package_file(*_TEMPLATE)
    vorlage = _template()
    cards = load_cards()
    for b in vorlage.bausteine:
        unknown = [c for c in b.karten if c not in cards]
        if unknown:
            raise InputError(f"Baustein „{b.id}“ verweist auf unbekannte Karte(n): {', '.join(unknown)}.",
                             file=str(path), field="karten")
    return vorlage


@dataclass(frozen=True)
class Netiquette:
    """A filled Netiquette: title, rules in order, footer, and which mandatory blocks were left out."""

    titel: str
    einleitung: str
    regeln: tuple[tuple[str, str, str], ...]  # (titel, regel, folge)
    schluss: str
    fehlende_pflicht: tuple[str, ...]
    karten: tuple[str, ...]

    def markdown(self) -> str:
        """The Netiquette as Markdown (for a website or a notebook)."""
        lines = [f"## {self.titel}", "", self.einleitung, ""]
        for i, (titel, regel, folge) in enumerate(self.regeln, start=1):
            lines.append(f"{i}. **{titel}:** {regel} {folge}")
        lines += ["", self.schluss]
        return "\n".join(lines)

    def text(self) -> str:
        """The Netiquette as plain text (for the info field of a profile)."""
        return re.sub(r"\*\*|^## ", "", self.markdown(), flags=re.MULTILINE)


def baue_netiquette(bausteine: Sequence[str] | None = None, *, stand: dt.date | None = None,
                    **angaben: str) -> Netiquette:
    """Fill the Netiquette for one municipality.

    Args:
        bausteine: block ids in the wanted order; None takes all blocks.
        stand: date shown in the footer (default: today).
        **angaben: kommune, kanal, kontakt, erreichbarkeit, impressum (defaults: Musterstadt).

    Raises:
        InputError: unknown block id or unknown field, or an empty value.
    """
    vorlage = load_netiquette()
    by_id = {b.id: b for b in vorlage.bausteine}
    unknown_fields = set(angaben) - set(DEFAULTS)
    if unknown_fields:
        raise InputError(f"Unbekannte Angabe(n): {', '.join(sorted(unknown_fields))}.",
                         hint="Möglich sind: " + ", ".join(DEFAULTS))
    werte = {**DEFAULTS, **{k: v.strip() for k, v in angaben.items()}}
    empty = [k for k, v in werte.items() if not v]
    if empty:
        raise InputError(f"Die Angabe „{empty[0]}“ ist leer.", hint="Tragen Sie einen Wert ein.")
    werte["stand"] = _german.datum(stand or dt.date.today())
    ids = list(bausteine) if bausteine is not None else list(by_id)
    missing_ids = [i for i in ids if i not in by_id]
    if missing_ids:
        raise InputError(f"Einen Baustein „{missing_ids[0]}“ gibt es nicht.",
                         hint="Möglich sind: " + ", ".join(by_id))
    chosen = [by_id[i] for i in dict.fromkeys(ids)]
    regeln = tuple((b.titel, b.regel.format(**werte), b.folge.format(**werte)) for b in chosen)
    karten = tuple(dict.fromkeys(c for b in chosen for c in b.karten))
    return Netiquette(
        titel=vorlage.titel.format(**werte), einleitung=vorlage.einleitung.format(**werte), regeln=regeln,
        schluss=vorlage.schluss.format(**werte),
        fehlende_pflicht=tuple(b.id for b in vorlage.bausteine if b.pflicht and b.id not in ids),
        karten=karten,
    )
