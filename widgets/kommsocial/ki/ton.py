"""Tone check for AI drafts: marketing words and typical AI phrases from `ton.yaml` as text findings."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Literal

import regex
from pydantic import BaseModel, ConfigDict, Field

from kommsocial._data import load_model, package_file
from kommsocial._findings import Finding

_ART_TEXT = {"werbesprache": "Werbesprache", "ki_floskel": "KI-Floskel"}


class TonEintrag(BaseModel):
    """One pattern: word start or phrase, kind, short German advice."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    muster: str = Field(min_length=3)
    art: Literal["werbesprache", "ki_floskel"]
    hinweis: str = Field(min_length=5)


class TonDatei(BaseModel):
    """The file `ton.yaml`."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    stand: dt.date
    quelle: str
    eintraege: list[TonEintrag] = Field(min_length=1)


@lru_cache(maxsize=1)
def _compiled() -> tuple[tuple[regex.Pattern, TonEintrag], ...]:
    data = load_model(TonDatei, package_file("kommsocial.ki", "ton.yaml"))
    out = []
    for e in data.eintraege:
        # Word start only ("schönste" finds "schönsten", not "unschönste"); trailing space in a pattern is kept.
        body = regex.escape(e.muster.strip()).replace(r"\ ", r"\s+")
        tail = r"(?!\p{L})" if e.muster.endswith(" ") else r"\p{L}*"
        out.append((regex.compile(r"(?<!\p{L})" + body + tail, regex.IGNORECASE), e))
    return tuple(out)


def ton_findings(text: str) -> list[Finding]:
    """Findings (rule "werbesprache" or "ki-floskel", severity hinweis) in text order."""
    found: list[Finding] = []
    for pattern, e in _compiled():
        for m in pattern.finditer(text):
            found.append(Finding(
                rule="werbesprache" if e.art == "werbesprache" else "ki-floskel",
                severity="hinweis",
                message=f"{_ART_TEXT[e.art]}: „{m.group()}“. {e.hinweis}",
                start=m.start(), end=m.end(),
                threshold="Liste ki/ton.yaml (KommSocial-Redaktion)",
            ))
    found.sort(key=lambda f: (f.start, f.end))
    return found
