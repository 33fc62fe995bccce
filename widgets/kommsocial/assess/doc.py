"""A text prepared for judging: tokens with lemmas, sentences, clauses and entities (cached per text)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from kommsocial.assess.entities import Entity, find_entities
from kommsocial.assess.lemma import analyze_word, is_finite_verb, is_verb
from kommsocial.text.tokens import ABBREVIATIONS

_TOKEN = re.compile(r"#\w+|[A-Za-zÄÖÜäöüßÀ-ÿ]+(?:[-‐][A-Za-zÄÖÜäöüßÀ-ÿ0-9]+)*|\d+|[.!?…]+|[,;:()–—\"„“”»«]|\n|\S")
_CAMEL = re.compile(r"[A-ZÄÖÜ]?[a-zäöüß]+|[A-ZÄÖÜ]+(?![a-zäöüß])|\d+")
_SENTENCE_END = {".", "!", "?", "…", "\n"}
_CLAUSE_MARKS = {",", ";", ":", "(", ")", "–", "—", '"', "„", "“", "”", "»", "«"}
NEGATORS = {"nicht", "nie", "niemals", "keinesfalls", "keineswegs", "nirgends", "nichts", "weder", "kein", "keine",
            "keiner", "keinen", "keinem", "keines", "keinerlei"}


@dataclass(frozen=True)
class Token:
    """One token: surface, span, match keys and its sentence and clause."""

    text: str
    start: int
    end: int
    key: str  # case-folded surface, hyphens removed ("Warn-App" → "warnapp")
    lemmas: frozenset[str]
    pos: str
    parts: tuple[str, ...]
    sent: int
    clause: int
    is_word: bool
    hashtag: bool = False

    @property
    def negator(self) -> bool:
        """Whether the token negates its clause (nicht, kein, nie …)."""
        return self.key in NEGATORS


@dataclass(frozen=True)
class Doc:
    """Tokens, sentence and clause spans (token index ranges) and entities of one text."""

    text: str
    tokens: tuple[Token, ...]
    sentences: tuple[tuple[int, int], ...]
    clauses: tuple[tuple[int, int], ...]
    entities: tuple[Entity, ...]

    def clause_tokens(self, clause: int) -> tuple[Token, ...]:
        """Tokens of one clause."""
        a, b = self.clauses[clause]
        return self.tokens[a:b]

    def sentence_tokens(self, sent: int) -> tuple[Token, ...]:
        """Tokens of one sentence."""
        a, b = self.sentences[sent]
        return self.tokens[a:b]

    def sentence_text(self, sent: int) -> str:
        """Surface text of one sentence."""
        toks = self.sentence_tokens(sent)
        return self.text[toks[0].start:toks[-1].end] if toks else ""

    def entities_of(self, kind: str) -> list[Entity]:
        """Entities of one kind."""
        return [e for e in self.entities if e.kind == kind]

    def clause_of_offset(self, offset: int) -> int | None:
        """Clause index of the token at a character offset."""
        for t in self.tokens:
            if t.start <= offset < t.end or t.start >= offset:
                return t.clause
        return None


def _inside(entities: list[Entity], start: int, end: int) -> Entity | None:
    for e in entities:
        if e.start <= start and end <= e.end:
            return e
    return None


def _word_token(surface: str, start: int, end: int, sent: int, clause: int, initial: bool,
                hashtag: bool = False) -> Token:
    info = analyze_word(surface)
    lemmas = {info.lemma}
    pos = info.pos
    if (initial or hashtag) and surface[:1].isupper():
        low = analyze_word(surface.lower())
        lemmas.add(low.lemma)
        if is_verb(low.pos) and not is_verb(pos):
            pos = low.pos  # "Holen Sie …", "Betreten Sie …" at the start of a sentence
    key = surface.casefold().replace("-", "").replace("‐", "")
    return Token(surface, start, end, key, frozenset(lemmas | {key}), pos, info.parts, sent, clause, True, hashtag)


def _build(text: str) -> Doc:
    entities = find_entities(text)
    masked = [(e.start, e.end) for e in entities if e.kind in {"url", "email"}]
    tokens: list[Token] = []
    sentences: list[tuple[int, int]] = []
    clauses: list[tuple[int, int]] = []
    sent = clause = 0
    sent_start = clause_start = 0
    initial = True

    def close_clause() -> None:
        nonlocal clause, clause_start
        if len(tokens) > clause_start:
            clauses.append((clause_start, len(tokens)))
            clause += 1
            clause_start = len(tokens)

    def close_sentence() -> None:
        nonlocal sent, sent_start, initial
        close_clause()
        if len(tokens) > sent_start:
            sentences.append((sent_start, len(tokens)))
            sent += 1
            sent_start = len(tokens)
        initial = True

    for m in _TOKEN.finditer(text):
        s, e, surface = m.start(), m.end(), m.group()
        if any(a <= s < b for a, b in masked):
            ent = _inside(entities, s, e) or next(x for x in entities if x.start <= s < x.end)
            if not tokens or tokens[-1].start != ent.start:
                tokens.append(Token(ent.text, ent.start, ent.end, ent.kind, frozenset({ent.kind}), ent.kind, (),
                                    sent, clause, False))
            continue
        if surface == "\n" or (surface[0] in ".!?…" and _ends_sentence(text, s, surface, tokens, entities)):
            close_sentence()
            continue
        if surface[0] in ".!?…":
            continue  # a period inside a date or after an abbreviation
        if surface in _CLAUSE_MARKS:
            close_clause()
            continue
        if surface.startswith("#"):
            for part in _CAMEL.finditer(surface[1:]):
                ps, pe = s + 1 + part.start(), s + 1 + part.end()
                if part.group().isdigit():
                    continue
                tokens.append(_word_token(part.group(), ps, pe, sent, clause, False, hashtag=True))
            continue
        if surface[0].isalpha():
            tokens.append(_word_token(surface, s, e, sent, clause, initial))
            initial = False
        elif surface.isdigit():
            tokens.append(Token(surface, s, e, surface, frozenset({surface}), "CARD", (), sent, clause, False))
            initial = False
    close_sentence()
    return Doc(text, tuple(tokens), tuple(sentences), tuple(clauses), tuple(entities))


def _ends_sentence(text: str, start: int, mark: str, tokens: list[Token], entities: list[Entity]) -> bool:
    """Whether end punctuation closes a sentence (not "z. B.", "12. Juni" or "12.06.")."""
    if mark[0] != ".":
        return True
    if any(e.start <= start < e.end for e in entities):
        return False
    if tokens and tokens[-1].end == start and tokens[-1].is_word and tokens[-1].key in ABBREVIATIONS:
        return False
    if tokens and tokens[-1].end == start and tokens[-1].pos == "CARD":
        nxt = text[start + 1:start + 3]
        return not (nxt.strip() and nxt.strip()[0].isalpha() and nxt.strip()[0].islower())
    return True


@lru_cache(maxsize=512)
def prepare(text: str) -> Doc:
    """The prepared document of a text (cached: the widgets judge the same text repeatedly)."""
    return _build(text)


def has_finite_verb(tokens: tuple[Token, ...]) -> bool:
    """Whether a token run contains a finite verb (or an imperative "Holen Sie")."""
    for i, t in enumerate(tokens):
        if not t.is_word:
            continue
        if is_finite_verb(t.pos):
            return True
        if is_verb(t.pos) and i + 1 < len(tokens) and tokens[i + 1].key in {"sie", "wir"}:
            return True
    return False
