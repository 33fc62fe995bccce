"""Finding rubric terms in a prepared text by lemma and compound part, and reading negation scope."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from kommsocial.assess.doc import Doc, Token
from kommsocial.assess.lemma import analyze_word

_TERM_WORD = re.compile(r"[A-Za-zÄÖÜäöüßÀ-ÿ]+(?:[-‐][A-Za-zÄÖÜäöüßÀ-ÿ0-9]+)*|\d+|[^\w\s]")


@dataclass(frozen=True)
class TermWord:
    """One word of a term: its case-folded key and lemma."""

    key: str
    lemma: str
    exact: bool  # written in quotes or as punctuation: compare the surface only


@dataclass(frozen=True)
class Hit:
    """A term found at token positions [first, last] in the text."""

    term: str
    first: int
    last: int
    start: int
    end: int


@lru_cache(maxsize=4096)
def compile_term(term: str) -> tuple[TermWord, ...]:
    """Split a term ("amtliche Warnung", "=ruhig") into words with lemmas; "=" means exact form."""
    exact = term.startswith("=")
    words = []
    for w in _TERM_WORD.findall(term.lstrip("=")):
        key = w.casefold().replace("-", "").replace("‐", "")
        lemma = key if exact or not w[0].isalpha() else analyze_word(w).lemma
        words.append(TermWord(key, lemma, exact))
    return tuple(words)


def word_matches(tok: Token, tw: TermWord, *, parts: bool = True) -> bool:
    """Same word form or lemma; with `parts`, also a compound that begins or ends with the word."""
    if not tok.is_word:
        return tok.key == tw.key
    if tok.key == tw.key:
        return True
    if tw.exact:
        return False
    if tw.lemma in tok.lemmas or tw.key in tok.lemmas:
        return True
    if parts and len(tw.lemma) >= 4 and len(tok.parts) > 1:
        return any(lem != tw.lemma and len(lem) - len(tw.lemma) >= 3
                   and (lem.endswith(tw.lemma) or lem.startswith(tw.lemma)) for lem in tok.lemmas)
    return False


def find_term(doc: Doc, term: str, *, parts: bool = True, tokens: range | None = None) -> list[Hit]:
    """All places where the term occurs (words in order, within one sentence).

    "A + B" finds sentences that contain every part (in any order); the hit spans from the first
    part found to the last.
    """
    if " + " in term:
        return _find_combined(doc, term, parts=parts, tokens=tokens)
    words = compile_term(term)
    if not words:
        return []
    hits = []
    toks = doc.tokens
    rng = tokens if tokens is not None else range(len(toks))
    for i in rng:
        if i + len(words) > len(toks):
            break
        if all(word_matches(toks[i + j], w, parts=parts and len(words) == 1) for j, w in enumerate(words)):
            last = i + len(words) - 1
            if toks[i].sent == toks[last].sent:
                hits.append(Hit(term, i, last, toks[i].start, toks[last].end))
    return hits


def _find_combined(doc: Doc, term: str, *, parts: bool, tokens: range | None) -> list[Hit]:
    pieces = [p.strip() for p in term.split(" + ") if p.strip()]
    found = [find_term(doc, p, parts=parts, tokens=tokens) for p in pieces]
    if not all(found):
        return []
    hits = []
    for sent in sorted({doc.tokens[h.first].sent for h in found[0]}):
        per_part = [[h for h in hs if doc.tokens[h.first].sent == sent] for hs in found]
        if all(per_part):
            first = min(h.first for hs in per_part for h in hs)
            last = max(h.last for hs in per_part for h in hs)
            hits.append(Hit(term, first, last, doc.tokens[first].start, doc.tokens[last].end))
    return hits


def find_any(doc: Doc, terms: list[str] | tuple[str, ...], *, parts: bool = True) -> list[Hit]:
    """Hits of any of the terms, in text order."""
    hits = [h for t in terms for h in find_term(doc, t, parts=parts)]
    return sorted(hits, key=lambda h: (h.start, -h.end))


def clause_has(doc: Doc, clause: int, terms: list[str] | tuple[str, ...]) -> list[Hit]:
    """Hits of any of the terms inside one clause."""
    a, b = doc.clauses[clause]
    return [h for t in terms for h in find_term(doc, t, tokens=range(a, b)) if h.last < b]


def negated(doc: Doc, hit: Hit) -> bool:
    """Whether the clause of a hit is negated (nicht, kein …), not counting the hit's own words."""
    clause = doc.tokens[hit.first].clause
    for k, t in enumerate(doc.clause_tokens(clause), start=doc.clauses[clause][0]):
        if hit.first <= k <= hit.last:
            continue
        if t.negator:
            return True
    return False


def sentence_has(doc: Doc, sent: int, terms: list[str] | tuple[str, ...]) -> list[Hit]:
    """Hits of any of the terms inside one sentence."""
    a, b = doc.sentences[sent]
    return [h for t in terms for h in find_term(doc, t, tokens=range(a, b)) if h.last < b]
