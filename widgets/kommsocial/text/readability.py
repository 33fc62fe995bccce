"""German readability: Flesch reading ease after Amstad and Wiener Sachtextformel (WSTF1).

Formulas from the project's fact sheet:
FRE = 180 − ASL − 58.5 × ASW; WSTF1 = 0.1935·MS + 0.1672·SL + 0.1297·IW − 0.0327·ES − 0.875.
The bands of the Flesch scale (their names and the gauge colours) are data in lesbarkeit.yaml.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from functools import lru_cache

from pydantic import BaseModel, ConfigDict, Field, model_validator

from kommsocial._data import load_model, package_file
from kommsocial.text.report import Readability
from kommsocial.text.syllables import count_word
from kommsocial.text.tokens import Sentence


class Band(BaseModel):
    """One band of the Flesch-Amstad scale: von <= value < bis."""

    model_config = ConfigDict(extra="forbid")
    von: float = Field(ge=0, le=100)
    bis: float = Field(ge=0, le=100)
    name: str = Field(min_length=1)
    farbe: str = Field(pattern=r"^#[0-9a-fA-F]{6}$")


class Orientierung(BaseModel):
    """Default target range shown when no house style sets one."""

    model_config = ConfigDict(extra="forbid")
    von: float
    bis: float
    quelle: str


class Lesbarkeit(BaseModel):
    """Schema of lesbarkeit.yaml."""

    model_config = ConfigDict(extra="forbid")
    quelle: str = Field(min_length=3)
    stand: date
    baender: list[Band] = Field(min_length=1)
    orientierung: Orientierung

    @model_validator(mode="after")
    def _contiguous(self) -> Lesbarkeit:
        bands = self.baender
        if bands[0].von != 0 or bands[-1].bis != 100:
            raise ValueError("Die Bänder müssen die Skala von 0 bis 100 abdecken.")
        for band in bands:
            if band.bis <= band.von:
                raise ValueError(f"Band „{band.name}“: „bis“ muss größer als „von“ sein.")
        for before, after in zip(bands, bands[1:], strict=False):
            if after.von != before.bis:
                raise ValueError(f"Band „{after.name}“ muss bei {before.bis:g} beginnen, wo „{before.name}“ endet.")
        return self


@lru_cache(maxsize=1)
def lesbarkeit() -> Lesbarkeit:
    """Bands of the Flesch-Amstad scale and the default orientation (validated package data, loaded once)."""
    return load_model(Lesbarkeit, package_file("kommsocial.text", "lesbarkeit.yaml"))


def band_for(value: float) -> Band:
    """The band a Flesch-Amstad value falls into (values outside 0–100 go to the end bands)."""
    bands = lesbarkeit().baender
    for band in bands:
        if band.von <= value < band.bis:
            return band
    return bands[0] if value < bands[0].von else bands[-1]


def readability(sentences: Sequence[Sentence]) -> Readability:
    """Readability figures from already tokenised sentences (no words → all zero)."""
    words = [w.text for s in sentences for w in s.words]
    n_words = len(words)
    n_sent = len(sentences)
    if not n_words:
        return Readability(flesch_amstad=0.0, wiener_sachtextformel=0.0, words=0, sentences=0)
    syll = [count_word(w) for w in words]
    asl = n_words / n_sent
    asw = sum(syll) / n_words
    fre = 180 - asl - 58.5 * asw
    ms = 100 * sum(1 for s in syll if s >= 3) / n_words
    iw = 100 * sum(1 for w in words if len(w) > 6) / n_words
    es = 100 * sum(1 for s in syll if s == 1) / n_words
    wstf = 0.1935 * ms + 0.1672 * asl + 0.1297 * iw - 0.0327 * es - 0.875
    return Readability(
        flesch_amstad=round(fre, 1),
        wiener_sachtextformel=round(wstf, 1),
        words=n_words,
        sentences=n_sent,
    )


def flesch_band(fre: float) -> str:
    """German label of a Flesch-Amstad value („mittelschwer“), from the bands in lesbarkeit.yaml."""
    return band_for(fre).name
