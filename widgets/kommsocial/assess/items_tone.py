"""Address and tone items, personal data, individual cases and whether the text is written in sentences."""

from __future__ import annotations

import re

from kommsocial.assess.doc import Doc, has_finite_verb
from kommsocial.assess.lemma import finite_in_context, is_verb
from kommsocial.assess.match import clause_has, find_any, sentence_has
from kommsocial.assess.numbers import word_value
from kommsocial.assess.outcome import Outcome, Span, span
from kommsocial.assess.schema import Item

_DU = {"du", "dich", "dir", "dein", "deine", "deinen", "deinem", "deiner", "deines", "euch", "euer", "eure",
       "euren", "eurem", "eurer", "eures"}
_IHR_VERBS = {"habt", "seid", "könnt", "wollt", "dürft", "müsst", "wisst", "sollt", "werdet"}
_SHOUT = re.compile(r"[!?]{3,}")
_CAPS = re.compile(r"\b[A-ZÄÖÜ]{4,}\b")


def anrede_sie(item: Item, doc: Doc) -> Outcome:
    """Met if the text addresses people formally: no du/ihr forms, no casual register."""
    bad: list[Span] = []
    toks = doc.tokens
    for i, t in enumerate(toks):
        if not t.is_word or t.hashtag:
            continue
        lower = t.text[:1].islower()
        informal = t.key in _DU or (t.key in _IHR_VERBS and lower)
        if t.text == "ihr":
            nxt = toks[i + 1] if i + 1 < len(toks) and toks[i + 1].clause == t.clause else None
            prv = toks[i - 1] if i > 0 and toks[i - 1].clause == t.clause else None
            # "wenn ihr kommt", "Kommt ihr …?" – not "Die Feuerwehr zeigt ihr Können".
            prv_first = prv is not None and doc.clauses[prv.clause][0] == i - 1
            informal |= any(x is not None and x.is_word and x.key.endswith("t") and x.pos.startswith(("VV", "VA", "VM"))
                            and (x is prv and prv_first or x is nxt and x.text.islower()) for x in (nxt, prv))
        first = doc.sentences[t.sent][0] == i
        if first and "IMP" in t.pos and t.key.endswith("t") and not any(
                x.key == "sie" for x in doc.sentence_tokens(t.sent)):
            informal = True  # "Kommt vorbei!"
        if informal:
            bad.append(span(doc.text, t.start, t.end))
    for h in find_any(doc, item.phrasen.get("umgangssprache", []), parts=False):
        bad.append(span(doc.text, h.start, h.end))
    if (item.sie_pflicht
            and not any(t.text in {"Sie", "Ihnen", "Ihr", "Ihre", "Ihren", "Ihrem", "Ihrer"}
                        for t in toks if doc.sentences[t.sent][0] != toks.index(t))
            and not any(t.key in {"sie", "ihnen", "ihr", "ihre", "ihren", "ihrem"} for t in toks)):
        bad.append(span(doc.text, 0, 0))
    need = " und mindestens einmal „Sie“" if item.sie_pflicht else ""
    return Outcome(not bad, tuple(dict.fromkeys(bad)), f"kein „du“/„ihr“, keine Umgangssprache{need}")


def respektvoll(item: Item, doc: Doc) -> Outcome:
    """Met unless the text is sarcastic, brushes people off, blames or insults them, or shouts."""
    bad: list[Span] = []
    groups = [t for terms in item.phrasen.values() for t in terms]
    for h in find_any(doc, groups, parts=False):
        bad.append(span(doc.text, h.start, h.end))
    for sign in (t.lstrip("=") for t in groups if not any(ch.isalnum() for ch in t)):
        at = doc.text.find(sign)  # emoji and marks are no word tokens
        if at >= 0:
            bad.append(span(doc.text, at, at + len(sign)))
    for m in _SHOUT.finditer(doc.text):
        bad.append(span(doc.text, m.start(), m.end()))
    allowed = {a.upper() for a in item.ausnahmen}
    caps = [m for m in _CAPS.finditer(doc.text) if m.group() not in allowed and not _in_url(doc, m.start())]
    if len(caps) >= 2:
        bad.extend(span(doc.text, m.start(), m.end()) for m in caps)
    return Outcome(not bad, tuple(dict.fromkeys(bad)),
                   "kein Sarkasmus, kein Abwimmeln, keine Schuldzuweisung, kein Schreien (!!!, GROSS)")


def _in_url(doc: Doc, offset: int) -> bool:
    return any(e.start <= offset < e.end for e in doc.entities if e.kind in {"url", "email"})


def _compact(doc: Doc) -> str:
    """Letters and digits of the text, number words as digits: "Birken-Allee zwölf" → "birkenallee12"."""
    out = []
    for t in doc.tokens:
        if t.is_word:
            v = word_value(t.text)
            out.append(str(v) if v is not None and t.key not in {"ein", "eine"} else t.key)
        else:
            out.append(re.sub(r"\W", "", t.text.casefold()))
    return "".join(out)


def keine_personendaten(item: Item, doc: Doc) -> Outcome:
    """Met unless the text repeats personal data (also spelled out or split by hyphens and spaces)."""
    compact = _compact(doc)
    digits_in_text = "".join(ch if ch.isdigit() else " " for ch in doc.text)
    found = []
    for datum in item.daten:
        key = re.sub(r"\W", "", datum.casefold())
        if key and (key in compact or (key.isdigit() and re.search(rf"(?<!\d){key}(?!\d)", digits_in_text))):
            found.append(datum)
    spans = tuple(Span(0, 0, d) for d in found)
    return Outcome(not found, spans, "keine der Angaben aus dem Kommentar: "
                   + ", ".join(f"„{d}“" for d in item.daten))


def kein_einzelfall(item: Item, doc: Doc) -> Outcome:
    """Met unless a sentence judges the person's own case in public ("Ihr Bescheid ist korrekt")."""
    bad: list[Span] = []
    urteil = item.phrasen.get("urteil", [])
    for s in range(len(doc.sentences)):
        cases = sentence_has(doc, s, item.begriffe)
        verdicts = sentence_has(doc, s, urteil)
        if not cases or not verdicts:
            continue
        if any(clause_has(doc, doc.tokens[v.first].clause, item.ausnahmen) for v in verdicts):
            continue
        # "Wenn Sie meinen, dass Ihr Bescheid nicht stimmt, …" asks, it does not judge.
        offen = item.phrasen.get("offen", [])
        if any(clause_has(doc, c, offen) for v in verdicts
               for c in {doc.tokens[v.first].clause, max(doc.tokens[v.first].clause - 1, 0)}):
            continue
        bad.append(span(doc.text, doc.tokens[doc.sentences[s][0]].start, doc.tokens[doc.sentences[s][1] - 1].end))
    return Outcome(not bad, tuple(bad), "kein Satz, der den Einzelfall öffentlich bewertet")


# Parts of speech that glue words into a sentence (articles, prepositions, pronouns, conjunctions, auxiliaries).
_GLUE = ("ART", "APPR", "APPO", "PPER", "PPOS", "PRF", "KOUS", "KON", "PREL", "PD", "VAFIN", "VMFIN", "PTKZU",
         "PWAV", "PWS")


def _keyword_run(doc: Doc, sent: int) -> bool:
    """A "sentence" that is a list of words: "Kind, Warnweste, Kübelspritze, löschen", or five and more words
    without any article, preposition, pronoun or conjunction and without a full stop
    ("Starkregen Unterstadt Keller Tiefgarage höher Obergeschoss")."""
    toks = doc.sentence_tokens(sent)
    clauses = {t.clause for t in toks}
    sizes = [sum(1 for t in doc.clause_tokens(c) if t.is_word) for c in clauses]
    if len(sizes) >= 4 and sum(1 for n in sizes if n <= 1) / len(sizes) >= 0.6:
        return True
    words = [t for t in toks if t.is_word and not t.hashtag]
    closed = doc.text[toks[-1].end:toks[-1].end + 1] in {".", "!", "?"} or toks[-1].text in {".", "!", "?"}
    return len(words) >= 5 and not closed and not any(t.pos.startswith(_GLUE) for t in words)


def _instruction(words: list) -> bool:
    """An instruction in the infinitive, as warnings and signs write them: "Bitte den Bereich meiden.",
    "Fenster und Türen geschlossen halten!" (two words or more, ending in an infinitive)."""
    return len(words) >= 2 and is_verb(words[-1].pos) and "INF" in words[-1].pos


def in_saetzen(item: Item, doc: Doc) -> Outcome:
    """Met if enough of the text stands in sentences with a verb (not a list of keywords)."""
    total = with_verb = sentences = 0
    lists: list[Span] = []
    for s in range(len(doc.sentences)):
        toks = doc.sentence_tokens(s)
        words = [t for t in toks if t.is_word and not t.hashtag]
        if not words:
            continue
        total += len(words)
        finite = (has_finite_verb(toks) or _instruction(words)
                  or finite_in_context(tuple(t.text for t in words)))
        if finite and not _keyword_run(doc, s):
            with_verb += len(words)
            sentences += 1
        else:
            lists.append(span(doc.text, toks[0].start, toks[-1].end))
    share = with_verb / total if total else 0.0
    ok = sentences >= item.min_saetze and share >= item.min_anteil
    return Outcome(ok, tuple(lists) if not ok else (),
                   f"mindestens {item.min_saetze} ganze Sätze und {item.min_anteil:.0%} der Wörter in Sätzen "
                   f"(gefunden: {sentences} Sätze, {share:.0%})")
