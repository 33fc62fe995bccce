"""Safety items: no downplaying or contradicting the warning, no speculation, no unconfirmed figures."""

from __future__ import annotations

from kommsocial.assess.doc import Doc
from kommsocial.assess.items_content import DEFAULT_ERMUTIGUNG, DEFAULT_HANDLUNG
from kommsocial.assess.match import clause_has, compile_term, find_any, negated, sentence_has
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
        # `ausnahmen` in the clause lift it: "erst nach der Entwarnung", "keine Panik verbreiten".
        if item.ausnahmen and clause_has(doc, doc.tokens[h.first].clause, item.ausnahmen):
            continue
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


def _corrected(item: Item, doc: Doc, sent: int, own: range) -> bool:
    """Whether the sentence or the next one calls what it reports false ("Das stimmt nicht.").

    Words of the hedge itself do not count: "Gerüchten zufolge" holds "Gerücht" but corrects nothing.
    """
    korrektur = [*item.phrasen.get("korrektur", DEFAULT_KORREKTUR), *item.phrasen.get("faelschung", [])]
    return any(not (h.first in own and h.last in own)
               for s in (sent, sent + 1) if s < len(doc.sentences) for h in sentence_has(doc, s, korrektur))


def keine_spekulation(item: Item, doc: Doc) -> Outcome:
    """Met unless the text guesses: hedges (vermutlich, angeblich, soll …) or unconfirmed causes.

    Reported speech that the text itself rejects is a correction, not a guess: "Die angebliche Sprengung
    ist eine Falschmeldung", "Im Netz heißt es, die Schulen sollen geräumt werden. Das stimmt nicht."
    Own hedges ("vermutlich", "wohl") count even then: "Das ist vermutlich falsch" still guesses.
    """
    bad: list[Span] = []
    reported = {t.casefold() for t in item.phrasen.get("berichtet", [])}
    # "SMS, die angeblich von der Stadt kommen" names a fake's claimed sender, not a guess of the city.
    sender = {k for h in find_any(doc, item.phrasen.get("absender", []), parts=False)
              for k in range(h.first, h.last + 1)}
    for h in find_any(doc, item.phrasen.get("spekulation", []), parts=False):
        tok = doc.tokens[h.first]
        if (tok.key == "wohl" and not tok.pos.startswith("ADV")) or h.first in sender:
            continue
        if h.term.casefold() in reported and _corrected(item, doc, tok.sent, range(h.first, h.last + 1)):
            continue
        bad.append(span(doc.text, h.start, h.end))
    for i, tok in enumerate(doc.tokens):
        if tok.key in _REPORTED | _MAYBE:
            a, b = doc.clauses[tok.clause]
            rest = [t for t in doc.tokens[i + 1:b]]
            if any(t.lemmas & set(_REPORTED_VERBS) for t in rest) and not any(t.key == "sie" for t in doc.tokens[a:b]):
                if tok.key in _REPORTED and _corrected(item, doc, tok.sent, range(i, i + 1)):
                    continue
                bad.append(_clause_span(doc, tok.clause))
    for h in find_any(doc, item.begriffe):
        clause = doc.tokens[h.first].clause
        if negated(doc, h) or clause_has(doc, clause, item.ausnahmen):
            continue
        bad.append(span(doc.text, h.start, h.end))
    return Outcome(not bad, tuple(dict.fromkeys(bad)), "keine Vermutung und keine unbestätigte Ursache")


def _label(doc: Doc, clause: int) -> bool:
    """A clause of one or two words before a colon, followed by the clause it labels."""
    toks = doc.clause_tokens(clause)
    words = [t for t in toks if t.is_word]
    return (0 < len(words) <= 2 and clause + 1 < len(doc.clauses)
            and doc.text[toks[-1].end:toks[-1].end + 2].strip().startswith(":"))


def keine_unbestaetigten_zahlen(item: Item, doc: Doc) -> Outcome:
    """Met unless the text states a count that is not confirmed (times, durations, phone numbers are fine)."""
    bad: list[Span] = []
    allowed = set(item.erlaubte_zahlen)
    for e in doc.entities:
        if e.kind == "zahl" and e.role in _COUNT_ROLES and float(e.value) not in allowed:  # type: ignore[arg-type]
            bad.append(span(doc.text, e.start, e.end))
    for h in find_any(doc, item.begriffe):
        clause = doc.tokens[h.first].clause
        # "Es gibt keine Verletzten" is a claim too, unless a source confirmed it (erlaubte terms are left out).
        # "Uns sind keine Verletzten bekannt" only states what is known: a negated clause with a knowledge word.
        scope = [clause, clause + 1] if _label(doc, clause) else [clause]  # "Verletzte: bisher keine bekannt."
        known = any(any(t.negator for t in doc.clause_tokens(c)) and clause_has(
            doc, c, item.phrasen.get("kenntnisstand", [])) for c in scope)
        if not any(clause_has(doc, c, item.ausnahmen) for c in scope) and not known:
            bad.append(span(doc.text, h.start, h.end))
    allowed_txt = ", ".join(f"{z:g}" for z in sorted(allowed)) or "keine"
    return Outcome(not bad, tuple(dict.fromkeys(bad)),
                   f"0 unbestätigte Zahlen (erlaubt: Uhrzeit, Datum, Dauer, Telefonnummer, Adresse, Alter; "
                   f"bestätigte Zahlen: {allowed_txt})")


# Words that mark a sentence as a correction of what it names ("Das Gerücht über Giftgas ist falsch").
DEFAULT_KORREKTUR = ["falsch", "Falschmeldung", "Gerücht", "unwahr", "unzutreffend", "dementieren", "widerlegen",
                     "gefälscht", "Fälschung", "Fake", "erfunden", "unbestätigt", "unauffällig", "unbedenklich",
                     "einwandfrei", "stimmt nicht", "nicht wahr", "nicht richtig", "nicht zutreffend",
                     "trifft nicht zu"]


def _sentence_span(doc: Doc, sent: int) -> Span:
    a, b = doc.sentences[sent]
    return span(doc.text, doc.tokens[a].start, doc.tokens[b - 1].end)


def _rumour_sentences(item: Item, doc: Doc) -> tuple[list[int], list[int]]:
    """Sentences that name the rumour, split into (corrected or negated, repeated)."""
    korrektur = item.phrasen.get("korrektur", DEFAULT_KORREKTUR)
    fixed: list[int] = []
    repeated: list[int] = []
    for h in find_any(doc, item.begriffe):
        sent = doc.tokens[h.first].sent
        if sent in fixed or sent in repeated:
            continue
        a, b = doc.sentences[sent]
        # A negator inside the hit counts unless the term itself holds one ("Bombe + explodiert" spans
        # "Bombe ist nicht explodiert"; "kein Lösegeld" does not negate itself).
        own = _has_negator(h.term.replace("+", " "))
        negation = any(t.negator for k, t in enumerate(doc.tokens[a:b], start=a)
                       if not (own and h.first <= k <= h.last))
        question = doc.text[doc.tokens[b - 1].end:doc.tokens[b - 1].end + 1] == "?" or doc.tokens[b - 1].text == "?"
        if negation or sentence_has(doc, sent, korrektur):
            fixed.append(sent)
        elif not question:
            repeated.append(sent)
    return fixed, repeated


def kein_geruecht(item: Item, doc: Doc) -> Outcome:
    """Met unless a sentence names the rumour without negating or correcting it."""
    _fixed, repeated = _rumour_sentences(item, doc)
    return Outcome(not repeated, tuple(_sentence_span(doc, s) for s in repeated),
                   "kein Satz, der " + ", ".join(f"„{b}“" for b in item.begriffe[:3])
                   + " nennt, ohne es zu verneinen oder richtigzustellen")


def stellt_richtig(item: Item, doc: Doc) -> Outcome:
    """Met if a sentence names the rumour and negates or corrects it (and none repeats it)."""
    fixed, repeated = _rumour_sentences(item, doc)
    ok = bool(fixed) and not repeated
    return Outcome(ok, tuple(_sentence_span(doc, s) for s in (fixed if ok else repeated)),
                   "mindestens ein Satz, der " + ", ".join(f"„{b}“" for b in item.begriffe[:3])
                   + " nennt und verneint oder richtigstellt")
