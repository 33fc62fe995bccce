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
_ENDINGS = ("", "e", "en", "er", "es", "em", "n", "s", "t")
# Word tokens for lexicon lookups (letters only; "Zwecksetzung" stays one token, so "zwecks" is not found in it).
_TOKEN_RE = regex.compile(r"\p{L}[\p{L}\p{M}]*")
# Punctuation that ends a clause: a Funktionsverbgefüge never spans it.
_CLAUSE_END = frozenset(".!?;:")
_MAX_PHRASE = 4
_VERB_BEFORE_GAP = 6  # "setzen Sie [bis zu 6 Wörter] in Kenntnis"
_VERB_AFTER_GAP = 3  # "in Kenntnis [bis zu 3 Wörter] gesetzt"


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


def _phrase_keys(text: str) -> list[tuple[str, ...]]:
    """Lower-case word tuples of a phrase with inflection endings on the last word."""
    words = text.lower().split()
    return [tuple(words[:-1] + [words[-1] + end]) for end in _ENDINGS]


@dataclass(frozen=True)
class Match:
    """A lexicon hit with its span."""

    start: int
    end: int
    entry_index: int


def _tokens(text: str) -> list[tuple[str, int, int]]:
    lowered = text.lower()
    if len(lowered) != len(text):  # rare letters whose lower case is longer ("İ"): keep offsets exact
        return [(m.group().lower(), m.start(), m.end()) for m in _TOKEN_RE.finditer(text)]
    return [(m.group(), m.start(), m.end()) for m in _TOKEN_RE.finditer(lowered)]


class AmtsdeutschMatcher:
    """Token-based lookup: words and phrases via a dict, Funktionsverbgefüge via noun + nearby verb form.

    One pass over the word tokens with dictionary lookups is much faster than one big
    regular expression with hundreds of alternatives.
    """

    def __init__(self, entries: list[AmtsdeutschEntry], allowed: frozenset[str]) -> None:
        self.entries = [e for e in entries if e.label.lower() not in allowed]
        self._words: dict[tuple[str, ...], int] = {}
        self._nouns: dict[tuple[str, ...], list[int]] = {}
        self._verbs: dict[str, frozenset[str]] = {v: frozenset(f.lower() for f in forms if " " not in f)
                                                  for v, forms in VERB_FORMS.items()}
        for i, e in enumerate(self.entries):
            if e.wort:
                keys = _phrase_keys(e.wort) + [tuple(f.lower().split()) for f in e.formen]
                for key in keys:
                    self._words.setdefault(key, i)
            else:
                for key in _phrase_keys(e.gefuege or ""):
                    self._nouns.setdefault(key, []).append(i)
        # first word → phrase lengths starting with it (longest first): most tokens need one lookup
        self._starts: dict[str, tuple[int, ...]] = {}
        for key in list(self._words) + list(self._nouns):
            self._starts[key[0]] = tuple(sorted({*self._starts.get(key[0], ()), len(key)}, reverse=True))

    def _same_clause(self, text: str, a: int, b: int) -> bool:
        return not any(ch in _CLAUSE_END for ch in text[a:b])

    def find(self, text: str) -> list[Match]:
        """Non-overlapping hits in text order (longest and earliest win)."""
        toks = _tokens(text)
        n = len(toks)
        hits: list[Match] = []
        for i in range(n):
            for length in self._starts.get(toks[i][0], ()):
                if i + length > n:
                    continue
                key = tuple(t[0] for t in toks[i : i + length])
                if key in self._words:
                    hits.append(Match(toks[i][1], toks[i + length - 1][2], self._words[key]))
                    break
                for idx in self._nouns.get(key, ()):
                    verb_forms = self._verbs[self.entries[idx].verb or ""]
                    last = i + length - 1
                    after = range(last + 1, min(n, last + 2 + _VERB_AFTER_GAP))
                    before = range(i - 1, max(-1, i - 2 - _VERB_BEFORE_GAP), -1)
                    for j in (*before, *after):
                        if toks[j][0] not in verb_forms:
                            continue
                        start = min(toks[i][1], toks[j][1])
                        end = max(toks[last][2], toks[j][2])
                        if self._same_clause(text, start, end):
                            hits.append(Match(start, end, idx))
                            break
                    else:
                        continue
                    break
        hits.sort(key=lambda m: (m.start, -(m.end - m.start)))
        result: list[Match] = []
        for m in hits:
            if result and m.start < result[-1].end:
                continue
            result.append(m)
        return result


@lru_cache(maxsize=32)
def amtsdeutsch_matcher(extra: tuple[AmtsdeutschEntry, ...] = (),
                        allowed: frozenset[str] = frozenset()) -> AmtsdeutschMatcher:
    """Matcher over the shipped lexicon plus Hausstil entries, minus allowed words."""
    return AmtsdeutschMatcher(list(extra) + amtsdeutsch_file().eintraege, allowed)


# Candidate: up to 4 dotted parts ("z. B.", "i.d.R.", "ggf."); undotted short forms are whole words.
_ABBR_CANDIDATE_RE = regex.compile(r"(?<![\w.])(?:\p{L}{1,7}\.[^\S\n]?){1,4}")
_ABBR_PART_RE = regex.compile(r"\p{L}{1,7}\.[^\S\n]?")


def _abbr_key(short: str) -> str:
    return short.replace(" ", "").lower()


class AbbreviationMatcher:
    """Dotted abbreviations: candidate sequences are looked up in a dict (with and without spaces)."""

    def __init__(self, entries: list[AbbreviationEntry], allowed: frozenset[str]) -> None:
        norm = {_abbr_key(a) for a in allowed}
        self.entries = [e for e in entries if _abbr_key(e.kurz) not in norm]
        self._keys = {_abbr_key(e.kurz): i for i, e in enumerate(self.entries)}
        undotted = [e.kurz.strip() for e in self.entries if "." not in e.kurz]
        self._plain = (
            regex.compile(r"(?<![\w.])(?:" + "|".join(map(regex.escape, undotted)) + r")(?![\w])", regex.IGNORECASE)
            if undotted else None
        )

    def find(self, text: str) -> list[Match]:
        """Hits in text order; the longest abbreviation starting at a part wins ("i. d. R." over "i.")."""
        hits = []
        for cand in _ABBR_CANDIDATE_RE.finditer(text):
            parts = [(m.start(), m.end()) for m in _ABBR_PART_RE.finditer(text, cand.start(), cand.end())]
            i = 0
            while i < len(parts):
                for j in range(len(parts), i, -1):
                    start, end = parts[i][0], parts[j - 1][1]
                    raw = text[start:end].rstrip()
                    idx = self._keys.get(_abbr_key(raw))
                    if idx is not None:
                        hits.append(Match(start, start + len(raw), idx))
                        i = j - 1
                        break
                i += 1
        if self._plain is not None:
            hits += [Match(m.start(), m.end(), self._keys[_abbr_key(m.group())]) for m in self._plain.finditer(text)]
            hits.sort(key=lambda m: m.start)
        return hits


@lru_cache(maxsize=32)
def abbreviation_matcher(extra: tuple[AbbreviationEntry, ...] = (),
                         allowed: frozenset[str] = frozenset()) -> AbbreviationMatcher:
    """Matcher over the shipped abbreviations plus Hausstil entries, minus allowed ones."""
    return AbbreviationMatcher(list(extra) + abbreviation_file().eintraege, allowed)
