"""Content items: names a fact, advises against something, refers to the source, says what the source says."""

from __future__ import annotations

from kommsocial.assess.doc import Doc
from kommsocial.assess.entities import Entity, normalize_url, phone_digits
from kommsocial.assess.match import Hit, clause_has, find_any, negated, sentence_has
from kommsocial.assess.outcome import Outcome, span
from kommsocial.assess.schema import Item

# Words that make a mention of a place or thing an instruction to stay away from it.
DEFAULT_MEIDEN = ["meiden", "fernbleiben", "fern", "fernhalten", "verlassen", "verboten", "untersagt", "weg",
                  "Lebensgefahr", "lebensgefährlich", "gefährlich", "verzichten", "tabu", "raus",
                  "heraus", "draußen"]
DEFAULT_ERMUTIGUNG = ["ruhig", "problemlos", "bedenkenlos", "gefahrlos", "unbedenklich", "ohne Bedenken",
                      "ohne Sorge", "weiterhin", "gefahrlos"]
DEFAULT_HANDLUNG = ["betreten", "gehen", "aufsuchen", "holen", "fahren", "nutzen", "benutzen", "parken", "begeben",
                    "aufhalten", "bleiben", "hineingehen", "hinuntergehen", "runtergehen", "bitte", "öffnen",
                    "lassen", "meiden", "rein", "hinein"]


def _question(doc: Doc, hit: Hit) -> bool:
    toks = doc.sentence_tokens(doc.tokens[hit.first].sent)
    end = toks[-1].end if toks else 0
    return doc.text[end:end + 1] == "?"


def _is_fact(item: Item, e: Entity) -> bool:
    """True if the entity is the item's date (or its weekday), time, phone number or URL."""
    value = e.value  # datum: (day, month, year); uhrzeit: ("HH:MM",); wochentag: 0-6; else text
    if e.kind == "datum" and item.datum:
        return isinstance(value, tuple) and value[:2] == (item.datum.day, item.datum.month)
    if e.kind == "wochentag" and item.datum:
        return item.wochentag_genuegt and value == item.datum.weekday()
    if e.kind == "uhrzeit" and item.uhrzeit:
        return isinstance(value, tuple) and item.uhrzeit in value
    if e.kind == "telefon" and item.telefon:
        return value == phone_digits(item.telefon)
    if e.kind == "url" and item.url:
        return str(value).startswith(normalize_url(item.url))
    return False


def nennt(item: Item, doc: Doc) -> Outcome:
    """Met if the text names the fact in one of its forms (term, date, time, phone number, URL)."""
    spans = [span(doc.text, e.start, e.end) for e in doc.entities if _is_fact(item, e)]
    for h in find_any(doc, item.begriffe):
        if item.bejaht and negated(doc, h):
            continue
        spans.append(span(doc.text, h.start, h.end))
    forms = [*(f"„{b}“" for b in item.begriffe[:4])]
    if item.datum:
        forms.append(f"das Datum {item.datum.day}.{item.datum.month}.")
    if item.uhrzeit:
        forms.append(f"die Uhrzeit {item.uhrzeit}")
    if item.telefon:
        forms.append(f"die Nummer {item.telefon}")
    if item.url:
        forms.append(f"der Link {item.url}")
    neg = ", nicht verneint" if item.bejaht else ""
    return Outcome(bool(spans), tuple(spans), f"mindestens eine Form{neg}: " + ", ".join(forms))


def raet_ab(item: Item, doc: Doc) -> Outcome:
    """Met if an object (Keller …) is named in a clause that tells people to stay away from it."""
    meiden = item.phrasen.get("meiden", DEFAULT_MEIDEN)
    ermutigung = item.phrasen.get("ermutigung", DEFAULT_ERMUTIGUNG)
    handlung = item.phrasen.get("handlung", DEFAULT_HANDLUNG)
    good = []
    for h in find_any(doc, item.objekte):
        clause = doc.tokens[h.first].clause
        sent = doc.tokens[h.first].sent
        if _question(doc, h) or clause_has(doc, clause, ermutigung):
            continue
        against = negated(doc, h) or clause_has(doc, clause, meiden)
        directive = bool(sentence_has(doc, sent, handlung) or clause_has(doc, clause, meiden))
        if against and directive:
            good.append(span(doc.text, doc.tokens[doc.clauses[clause][0]].start,
                             doc.tokens[doc.clauses[clause][1] - 1].end))
    return Outcome(len(good) >= 1, tuple(good),
                   "mindestens ein Satz, der von " + ", ".join(f"„{o}“" for o in item.objekte[:4])
                   + " abrät (nicht, kein, meiden …)")


def verweist_quelle(item: Item, doc: Doc) -> Outcome:
    """Met if the source (NINA, amtliche Warnung …) is named without being played down or denied."""
    abwertung = item.gegenteil or ["übertreiben", "ignorieren", "vergessen", "Fehlalarm", "falsch", "überflüssig"]
    good = []
    for h in find_any(doc, item.begriffe):
        clause = doc.tokens[h.first].clause
        bad = bool(clause_has(doc, clause, abwertung))
        if bad == negated(doc, h):  # "Beachten Sie NINA", "Ignorieren Sie NINA nicht"
            good.append(span(doc.text, h.start, h.end))
    return Outcome(bool(good), tuple(good), "mindestens ein Verweis auf "
                   + ", ".join(f"„{b}“" for b in item.begriffe[:3]) + ", ohne Abwertung")



def _quoted(doc: Doc, hit: Hit) -> bool:
    """Whether a hit stands inside quotation marks of its sentence („Trinkwasser verseucht“)."""
    a, _b = doc.sentences[doc.tokens[hit.first].sent]
    before = doc.text[doc.tokens[a].start:hit.start]
    opened = sum(before.count(q) for q in "„»") - sum(before.count(q) for q in "“«")
    straight = before.count('"')
    return opened > 0 or straight % 2 == 1


def gleiche_aussage(item: Item, doc: Doc) -> Outcome:
    """Met unless the text says the opposite: an antonym not negated, or the statement negated."""
    bad = []
    korrektur = item.phrasen.get("korrektur", [])
    for h in find_any(doc, item.gegenteil):
        clause = doc.tokens[h.first].clause
        # With `korrektur` phrases: a quoted claim or a sentence that calls it false does not say it.
        if korrektur and (_quoted(doc, h) or sentence_has(doc, doc.tokens[h.first].sent, korrektur)):
            continue
        if not negated(doc, h) and not clause_has(doc, clause, item.ausnahmen):
            bad.append(span(doc.text, h.start, h.end))
    for h in find_any(doc, item.begriffe):
        clause = doc.tokens[h.first].clause
        if negated(doc, h) and not clause_has(doc, clause, item.ausnahmen):
            a, b = doc.clauses[clause]
            bad.append(span(doc.text, doc.tokens[a].start, doc.tokens[b - 1].end))
    return Outcome(not bad, tuple(bad), "kein Gegenteil der Quelle ("
                   + ", ".join(f"„{g}“" for g in item.gegenteil[:3]) + " …) und keine Verneinung von "
                   + ", ".join(f"„{b}“" for b in item.begriffe[:3]))
