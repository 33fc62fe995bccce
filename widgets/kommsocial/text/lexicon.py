"""Lexicons as validated package data (Amtsdeutsch, abbreviations) and their compiled matchers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import regex
from pydantic import BaseModel, ConfigDict, Field, model_validator

from kommsocial._data import load_model, package_file

# Forms of the light verbs in Funktionsverbgefüge ("zur Anwendung bringen", "wurde … gebracht").
VERB_FORMS: dict[str, tuple[str, ...]] = {
    "bringen": ("bringen", "bringt", "bringe", "bringst", "brachte", "brachten", "gebracht", "zu bringen"),
    "kommen": ("kommen", "kommt", "komme", "kam", "kamen", "gekommen", "zu kommen"),
    "setzen": ("setzen", "setzt", "setze", "setzte", "setzten", "gesetzt", "zu setzen"),
    "nehmen": ("nehmen", "nimmt", "nehme", "nahm", "nahmen", "genommen", "zu nehmen"),
    "geben": ("geben", "gibt", "gebe", "gab", "gaben", "gegeben", "zu geben"),
    "stellen": ("stellen", "stellt", "stelle", "stellte", "stellten", "gestellt", "zu stellen"),
    "stehen": ("stehen", "steht", "stehe", "stand", "standen", "gestanden"),
    "treffen": ("treffen", "trifft", "treffe", "traf", "trafen", "getroffen", "zu treffen"),
    "ergreifen": ("ergreifen", "ergreift", "ergriff", "ergriffen", "zu ergreifen"),
    "ziehen": ("ziehen", "zieht", "ziehe", "zog", "zogen", "gezogen", "zu ziehen"),
    "finden": ("finden", "findet", "finde", "fand", "fanden", "gefunden"),
    "erlangen": ("erlangen", "erlangt", "erlangte", "erlangten", "zu erlangen"),
    "machen": ("machen", "macht", "mache", "machte", "machten", "gemacht", "zu machen"),
    "vornehmen": ("vornehmen", "vorgenommen", "vorzunehmen", "nimmt", "nehmen", "nahm", "nahmen"),
    "erteilen": ("erteilen", "erteilt", "erteile", "erteilte", "erteilten", "zu erteilen"),
    "halten": ("halten", "hält", "halte", "hielt", "hielten", "gehalten", "zu halten"),
    "haben": ("haben", "hat", "habe", "hatte", "hatten", "gehabt"),
    "leisten": ("leisten", "leistet", "leiste", "leistete", "leisteten", "geleistet", "zu leisten"),
    "gelangen": ("gelangen", "gelangt", "gelangte", "gelangten", "zu gelangen"),
}
_ENDINGS = r"(?:e|en|er|es|em|n|s|t)?"
_WORD_GAP = r"[^\S\n]+(?:[^\s.!?;:]+[^\S\n]+){0,%d}?"


class AmtsdeutschEntry(BaseModel):
    """A bureaucratic word, fixed phrase or Funktionsverbgefüge with a plain alternative."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    wort: str | None = None
    formen: tuple[str, ...] = ()
    gefuege: str | None = None
    verb: str | None = None
    alternative: str = Field(min_length=1)

    @model_validator(mode="after")
    def _one_kind(self) -> AmtsdeutschEntry:
        if bool(self.wort) == bool(self.gefuege):
            raise ValueError("Jeder Eintrag braucht genau eines der Felder „wort“ oder „gefuege“.")
        if self.gefuege and self.verb not in VERB_FORMS:
            raise ValueError("„verb“ muss eines dieser Verben sein: " + ", ".join(VERB_FORMS))
        return self

    @property
    def label(self) -> str:
        """How the entry is named in messages."""
        return self.wort or f"{self.gefuege} {self.verb}"


class AmtsdeutschFile(BaseModel):
    """Schema of amtsdeutsch.yaml."""

    model_config = ConfigDict(extra="forbid")

    stand: date
    quelle: str
    eintraege: list[AmtsdeutschEntry] = Field(min_length=1)


class AbbreviationEntry(BaseModel):
    """An abbreviation with its long form."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    kurz: str = Field(min_length=2)
    lang: str = Field(min_length=2)


class AbbreviationFile(BaseModel):
    """Schema of abkuerzungen.yaml."""

    model_config = ConfigDict(extra="forbid")

    stand: date
    quelle: str
    eintraege: list[AbbreviationEntry]
    akronyme_erlaubt: list[str] = Field(default_factory=list)
    woerter_in_grossbuchstaben: list[str] = Field(default_factory=list)


@lru_cache(maxsize=1)
def amtsdeutsch_file() -> AmtsdeutschFile:
    """The shipped Amtsdeutsch lexicon."""
    return load_model(AmtsdeutschFile, package_file("kommsocial.text", "amtsdeutsch.yaml"))


@lru_cache(maxsize=1)
def abbreviation_file() -> AbbreviationFile:
    """The shipped abbreviation lexicon."""
    return load_model(AbbreviationFile, package_file("kommsocial.text", "abkuerzungen.yaml"))


def _phrase(text: str) -> str:
    """Regex for a literal phrase: flexible whitespace, inflection endings on the last word."""
    parts = [regex.escape(p) for p in text.split()]
    return r"[^\S\n]+".join(parts[:-1] + [parts[-1] + _ENDINGS])


def _entry_pattern(e: AmtsdeutschEntry) -> str:
    if e.wort:
        alts = [_phrase(e.wort)] + [r"[^\S\n]+".join(map(regex.escape, f.split())) for f in e.formen]
        return "|".join(alts)
    verbs = "|".join(r"[^\S\n]+".join(map(regex.escape, v.split())) for v in VERB_FORMS[e.verb or ""])
    noun = _phrase(e.gefuege or "")
    # both orders within one clause: "setzen Sie in Kenntnis" / "in Kenntnis gesetzt"
    return (
        rf"(?<!\w)(?:{verbs})(?!\w){_WORD_GAP % 6}{noun}|{noun}(?!\w){_WORD_GAP % 3}(?:{verbs})"
    )


@dataclass(frozen=True)
class Match:
    """A lexicon hit with its span."""

    start: int
    end: int
    entry_index: int


class AmtsdeutschMatcher:
    """All entries compiled into one alternation with a named group per entry."""

    def __init__(self, entries: list[AmtsdeutschEntry], allowed: frozenset[str]) -> None:
        self.entries = [e for e in entries if e.label.lower() not in allowed]
        groups = [f"(?P<e{i}>{_entry_pattern(e)})" for i, e in enumerate(self.entries)]
        self._re = regex.compile(r"(?<!\w)(?:" + "|".join(groups) + r")(?!\w)", regex.IGNORECASE)

    def find(self, text: str) -> list[Match]:
        """Non-overlapping hits in text order."""
        return [
            Match(m.start(), m.end(), int((m.lastgroup or "e0")[1:])) for m in self._re.finditer(text)
        ]


@lru_cache(maxsize=32)
def amtsdeutsch_matcher(extra: tuple[AmtsdeutschEntry, ...] = (), allowed: frozenset[str] = frozenset()) -> AmtsdeutschMatcher:
    """Matcher over the shipped lexicon plus Hausstil entries, minus allowed words."""
    return AmtsdeutschMatcher(list(extra) + amtsdeutsch_file().eintraege, allowed)


def abbreviation_pattern(short: str) -> str:
    """Regex for a dotted abbreviation with or without spaces ("z. B.", "z.B.")."""
    parts = [p for p in short.replace(" ", "").split(".") if p]
    body = r"\.[^\S\n]?".join(regex.escape(p) for p in parts)
    return body + (r"\." if short.rstrip().endswith(".") else "")


class AbbreviationMatcher:
    """Dotted abbreviations compiled into one alternation."""

    def __init__(self, entries: list[AbbreviationEntry], allowed: frozenset[str]) -> None:
        norm = {a.replace(" ", "").lower() for a in allowed}
        self.entries = [e for e in entries if e.kurz.replace(" ", "").lower() not in norm]
        groups = [f"(?P<a{i}>{abbreviation_pattern(e.kurz)})" for i, e in enumerate(self.entries)]
        self._re = regex.compile(r"(?<![\w.])(?:" + "|".join(groups) + r")(?!\w)", regex.IGNORECASE)

    def find(self, text: str) -> list[Match]:
        """Hits in text order."""
        return [Match(m.start(), m.end(), int((m.lastgroup or "a0")[1:])) for m in self._re.finditer(text)]


@lru_cache(maxsize=32)
def abbreviation_matcher(extra: tuple[AbbreviationEntry, ...] = (), allowed: frozenset[str] = frozenset()) -> AbbreviationMatcher:
    """Matcher over the shipped abbreviations plus Hausstil entries, minus allowed ones."""
    return AbbreviationMatcher(list(extra) + abbreviation_file().eintraege, allowed)
