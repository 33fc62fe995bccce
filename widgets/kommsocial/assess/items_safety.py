"""Safety items: no downplaying or contradicting the warning, no speculation, no unconfirmed figures."""

from __future__ import annotations

from kommsocial.assess.doc import Doc
from kommsocial.assess.items_content import DEFAULT_ERMUTIGUNG, DEFAULT_HANDLUNG
from kommsocial.assess.match import clause_has, compile_term, find_any, negated
from kommsocial.assess.outcome import Outcome, Span, span
from kommsocial.assess.schema import Item

_MODALS = ["können", "dürfen"]
_REPORTED = {"soll", "sollen"}
_REPORTED_VERBS = ["sein", "haben", "geben", "werden", "gewesen", "worden"]
_MAYBE = {"könnte", "könnten", "dürfte", "dürften"}
_COUNT_ROLES = {"anzahl", "geld", "prozent"}


def _clause_span(doc: Doc, clause: int) -> Span:
    a, b = doc.clauses[clause]
    return span(doc.text, doc.tokens[a].start, doc.tokens[b - 1].end)


def _has_negator(term: str) -> bool:
    return any(w.key.startswith("kein") or w.key in {"nicht", "nichts"} for w in compile_term(term))


def keine_verharmlosung(item: Item, doc: Doc) -> Outcome:
    """Met unless the text plays the danger down, says the warning does not apply, or invites the forbidden."""
    bad: list[Span] = []
    for h in find_any(doc, item.phrasen.get("verharmlosung", [])):
        # "Die Warnung ist nicht übertrieben" keeps the warning; "keine Sorge" is downplaying by itself.
        if _has_negator(h.term) or not negated(doc, h):
            bad.append(span(doc.text, h.start, h.end))
    bezug = item.begriffe
    for h in find_any(doc, item.phrasen.get("gilt_nicht", [])):
        clause = doc.tokens[h.first].clause
        limited = negated(doc, h) or clause_has(doc, clause, item.phrasen.get("kaum", []))
        sent = doc.tokens[h.first].sent
        a, b = doc.sentences[sent]
        if limited and any(x.last < b for t in bezug for x in find_any(doc, [t]) if a <= x.first):
            bad.append(_clause_span(doc, clause))
    ermutigung = item.phrasen.get("ermutigung", DEFAULT_ERMUTIGUNG)
    handlung = item.phrasen.get("handlung", DEFAULT_HANDLUNG)
    for h in find_any(doc, item.objekte):
        clause = doc.tokens[h.first].clause
        if negated(doc, h):
            continue
        invites = clause_has(doc, clause, ermutigung) or (
            clause_has(doc, clause, _MODALS) and clause_has(doc, clause, handlung))
        if invites:
            bad.append(_clause_span(doc, clause))
    return Outcome(not bad, tuple(dict.fromkeys(bad)),
                   "keine Verharmlosung, keine Einschränkung der Warnung, keine Einladung zu dem, wovor sie warnt")


def keine_spekulation(item: Item, doc: Doc) -> Outcome:
    """Met unless the text guesses: hedges (vermutlich, angeblich, soll …) or unconfirmed causes."""
    bad: list[Span] = []
    for h in find_any(doc, item.phrasen.get("spekulation", []), parts=False):
        tok = doc.tokens[h.first]
        if tok.key == "wohl" and not tok.pos.startswith("ADV"):
            continue
        bad.append(span(doc.text, h.start, h.end))
    for i, tok in enumerate(doc.tokens):
        if tok.key in _REPORTED | _MAYBE:
            a, b = doc.clauses[tok.clause]
            rest = [t for t in doc.tokens[i + 1:b]]
            if any(t.lemmas & set(_REPORTED_VERBS) for t in rest) and not any(t.key == "sie" for t in doc.tokens[a:b]):
                bad.append(_clause_span(doc, tok.clause))
    for h in find_any(doc, item.begriffe):
        clause = doc.tokens[h.first].clause
        if negated(doc, h) or clause_has(doc, clause, item.ausnahmen):
            continue
        bad.append(span(doc.text, h.start, h.end))
    return Outcome(not bad, tuple(dict.fromkeys(bad)), "keine Vermutung und keine unbestätigte Ursache")


def keine_unbestaetigten_zahlen(item: Item, doc: Doc) -> Outcome:
    """Met unless the text states a count that is not confirmed (times, durations, phone numbers are fine)."""
    bad: list[Span] = []
    allowed = set(item.erlaubte_zahlen)
    for e in doc.entities:
        if e.kind == "zahl" and e.role in _COUNT_ROLES and float(e.value) not in allowed:  # type: ignore[arg-type]
            bad.append(span(doc.text, e.start, e.end))
    for h in find_any(doc, item.begriffe):
        clause = doc.tokens[h.first].clause
        if not clause_has(doc, clause, item.ausnahmen):
            bad.append(span(doc.text, h.start, h.end))
    allowed_txt = ", ".join(f"{z:g}" for z in sorted(allowed)) or "keine"
    return Outcome(not bad, tuple(dict.fromkeys(bad)),
                   f"0 unbestätigte Zahlen (erlaubt: Uhrzeit, Datum, Dauer, Telefonnummer, Adresse, Alter; "
                   f"bestätigte Zahlen: {allowed_txt})")



