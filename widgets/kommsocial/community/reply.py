"""Checking a public reply to a comment: length, formal "Sie", tone, friendliness, answers the question.

Builds on the project's engines: `kommsocial.text.analyze` (length counted the platform's way,
Amtsdeutsch, sentence length) and the assessment engine `kommsocial.assess` with the rubric
`community_antwort` (formal address, respect, friendliness, personal data from the comment, no
individual case in public, sentences). The length guidelines and the Sie forms are data
(antwort_regeln.yaml), the word lists of the engine items live in the rubric.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from functools import lru_cache
from typing import Literal

from kommsocial._data import load_model, package_file
from kommsocial._findings import Severity, severity_key
from kommsocial._io import check_text_length
from kommsocial.assess import ItemResult, Rubric, judge_text, rubric
from kommsocial.assess.doc import has_finite_verb, prepare
from kommsocial.assess.entities import find_entities
from kommsocial.assess.lemma import finite_in_context
from kommsocial.community.schema import AntwortRegeln, Kommentar
from kommsocial.errors import InputError

_TONE_TEXT = {
    "grossbuchstaben": "Großbuchstaben (wirkt wie Schreien)",
    "ausrufezeichen": "mehrere Ausrufe- oder Fragezeichen",
}
RUBRIC_ID = "community_antwort"
# Numbers of 4+ digits (phone numbers, file numbers, Kassenzeichen) that must not be repeated in public.
_LONG_NUMBER = re.compile(r"\d[\d\s/-]{2,}\d")
_DIGIT_GROUP = re.compile(r"\d{4,}")
_YEAR = re.compile(r"(?:19|20)\d\d")
# A street with a house number: "Birkenallee 12", "Lange Straße 3a".
_ADDRESS = re.compile(
    r"\b([A-ZÄÖÜ][\wäöüß-]*(?:straße|str\.|weg|allee|platz|gasse|ring|damm|ufer|chaussee|pfad|markt))\s*"
    r"(\d{1,4}\s?[a-z]?)\b", re.IGNORECASE)
_SENTENCE_START = re.compile(r"(?:^|[.!?:]\s+|\n\s*)$")
# A reply this short, without number, link or address, is a formula ("Vielen Dank für Ihr Lob!"): no verb needed.
_FORMULA_WORDS = 8


@lru_cache(maxsize=1)
def regeln() -> AntwortRegeln:
    """The reply rules shipped with the package."""
    return load_model(AntwortRegeln, package_file("kommsocial.community", "antwort_regeln.yaml"))


@dataclass(frozen=True)
class Pruefpunkt:
    """One check of a reply: id, German title, passed or not, severity and message."""

    id: str
    titel: str
    ok: bool
    schwere: Severity
    meldung: str


@dataclass(frozen=True)
class AntwortPruefung:
    """Result of `pruefe_antwort`: all checks, counted length and the limit applied."""

    plattform: str
    laenge: int
    max_zeichen: int
    punkte: tuple[Pruefpunkt, ...]

    @property
    def probleme(self) -> list[Pruefpunkt]:
        """Failed checks, worst first."""
        return sorted((p for p in self.punkte if not p.ok), key=lambda p: severity_key(p.schwere))

    @property
    def ok(self) -> bool:
        """True if no check with severity "fehler" failed."""
        return not any(p.schwere == "fehler" for p in self.probleme)

    @property
    def ampel(self) -> Literal["rot", "gelb", "gruen"]:
        """rot with a failed fehler check, gelb with a failed warnung, otherwise grün."""
        worst = {p.schwere for p in self.probleme}
        if "fehler" in worst:
            return "rot"
        return "gelb" if "warnung" in worst else "gruen"

    def get(self, check_id: str) -> Pruefpunkt:
        """The check with this id."""
        return next(p for p in self.punkte if p.id == check_id)

    def to_dict(self) -> dict:
        """JSON form (used by the CLI)."""
        return {
            "plattform": self.plattform, "laenge": self.laenge, "max_zeichen": self.max_zeichen,
            "ok": self.ok, "ampel": self.ampel, "punkte": [asdict(p) for p in self.punkte],
        }


@lru_cache(maxsize=1)
def reply_rubric() -> Rubric:
    """The engine rubric whose items judge replies (formal address, tone, data, individual case, sentences)."""
    return rubric(RUBRIC_ID)


def _words(text: str, forms: Sequence[str], *, case: bool) -> list[tuple[str, int]]:
    alternation = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    pattern = re.compile(r"(?<![\wäöüÄÖÜß])(?:" + alternation + r")(?![\wäöüÄÖÜß])", 0 if case else re.IGNORECASE)
    return [(m.group(0), m.start()) for m in pattern.finditer(text)]


def personal_data(kommentar: Kommentar) -> list[str]:
    """What the comment reveals about its author and the reply must not repeat: numbers of four and more
    digits (also their groups: "4711-0815", "4711", "0815"), e-mail addresses and street addresses.

    Numbers, addresses and e-mail addresses that also stand in the post or the team's context are public.
    """
    public = " ".join(x for x in (kommentar.beitrag, kommentar.kontext or "") if x)
    public_numbers = {re.sub(r"\D", "", m.group()) for m in _LONG_NUMBER.finditer(public)}
    found: list[str] = []
    for m in _LONG_NUMBER.finditer(kommentar.text):
        raw = m.group().strip(" -/")
        digits = re.sub(r"\D", "", raw)
        if len(digits) < 4 or _YEAR.fullmatch(digits) or digits in public_numbers:
            continue
        found.append(raw)
        groups = _DIGIT_GROUP.findall(raw)
        if len(groups) > 1:
            found.extend(g for g in groups if not _YEAR.fullmatch(g))
    for e in find_entities(kommentar.text):
        if e.kind == "email" and e.text.lower() not in public.lower():
            found.append(e.text)
    for m in _ADDRESS.finditer(kommentar.text):
        if m.group(0) not in public:
            found.extend([f"{m.group(1)} {m.group(2)}", m.group(1)])
    return list(dict.fromkeys(found))


def _judge(text: str, kommentar: Kommentar | None) -> dict[str, ItemResult]:
    base = reply_rubric()
    data = personal_data(kommentar) if kommentar is not None else []
    items = [i.model_copy(update={"daten": data}) if i.art == "keine_personendaten" else i
             for i in base.items if i.art != "keine_personendaten" or data]
    r = base.model_copy(update={"items": items})
    return {res.item: res for res in judge_text(text, r).items}


def _quoted(res: ItemResult, *, limit: int = 3) -> str:
    """The passages an item found, quoted, at most `limit`."""
    return ", ".join(list(dict.fromkeys(f"„{s.text}“" for s in res.spans if s.text))[:limit])


def _is_shout(fragment: str) -> bool:
    return bool(re.fullmatch(r"[!?]+", fragment)) or (fragment.isupper() and len(fragment) >= 4)


def _carries_message(text: str) -> bool:
    """Whether one sentence says something: a finite verb and at least four words besides numbers and links.

    The engine's `in_saetzen` counts "Danke Sie 0123 4567-400 musterstadt.example/kontakt." as a sentence
    ("Danke Sie" reads like "Holen Sie"); a reply needs a sentence that carries its message.
    """
    doc = prepare(text)
    for s in range(len(doc.sentences)):
        toks = doc.sentence_tokens(s)
        words = tuple(t.text for t in toks if t.is_word and not t.hashtag)
        if len(words) >= 4 and (has_finite_verb(toks) or finite_in_context(words)):
            return True
    return False


def _short_formula(text: str) -> bool:
    words = re.findall(r"[A-Za-zÄÖÜäöüß]+", text)
    kinds = {e.kind for e in find_entities(text)}
    return len(words) < _FORMULA_WORDS and not kinds & {"telefon", "url", "email", "zahl", "datum", "uhrzeit"}


def _sie_forms(text: str) -> list[str]:
    """Capitalised Sie-forms; a bare "Sie" at a sentence start does not count (it may mean "they")."""
    found = []
    for word, pos in _words(text, regeln().sie_formen, case=True):
        if word == "Sie" and _SENTENCE_START.search(text[:pos]):
            continue
        found.append(word)
    return found


def max_length(platform: str) -> tuple[int, str]:
    """Length limit for a reply on this platform and why (the smaller of platform limit and guideline)."""
    from kommsocial import platforms

    rules = platforms.get(platform)
    guide = regeln().laenge.get(platform)
    if guide is None or rules.limit <= guide.max_zeichen:
        return rules.limit, f"Plattformgrenze von {rules.name}"
    return guide.max_zeichen, guide.grund


def pruefe_antwort(text: str, plattform: str = "facebook", *, kommentar: Kommentar | None = None,
                   pflichtangaben: Sequence[Sequence[str]] | None = None) -> AntwortPruefung:
    """Check a reply for one platform; `kommentar` adds its required details and the data-leak check.

    Args:
        text: the reply.
        plattform: platform id as in platforms.yaml (x, instagram, facebook …).
        kommentar: the comment answered (its `pflichtangaben` apply, numbers in it must not be repeated).
        pflichtangaben: word groups; the reply must contain one word of every group (overrides the comment's).

    Raises:
        InputError: unknown platform.
    """
    from kommsocial import platforms
    from kommsocial.text import analyze

    if not isinstance(text, str):
        raise InputError("Die Antwort muss ein Text sein.")
    check_text_length(text, what="Die Antwort")
    key = (plattform or "").strip().lower()
    rules = platforms.get(key)
    report = analyze(text, platform=key)
    counted = report.length.counted
    limit, why = max_length(key)
    checks: list[Pruefpunkt] = []

    if not text.strip():
        checks.append(Pruefpunkt("leer", "Antwort", False, "fehler", "Die Antwort ist noch leer."))
        return AntwortPruefung(key, 0, limit, tuple(checks))

    if counted > rules.limit:
        checks.append(Pruefpunkt("laenge", "Länge", False, "fehler",
                                 f"{counted} Zeichen – {rules.name} erlaubt höchstens {rules.limit}. "
                                 f"Kürzen Sie um {counted - rules.limit}."))
    elif counted > limit:
        checks.append(Pruefpunkt("laenge", "Länge", False, "warnung",
                                 f"{counted} Zeichen – empfohlen sind höchstens {limit} ({why}). "
                                 f"Kürzen Sie um {counted - limit}."))
    else:
        checks.append(Pruefpunkt("laenge", "Länge", True, "fehler", f"{counted} von höchstens {limit} Zeichen."))

    judged = _judge(text, kommentar)
    sie = _sie_forms(text)
    anrede = judged["sie_anrede"]
    if not anrede.ok:
        liste = _quoted(anrede) or "„du“"
        checks.append(Pruefpunkt("anrede", "Anrede mit „Sie“", False, "fehler",
                                 f"Die Antwort duzt oder klingt umgangssprachlich ({liste}). Eine Kommune spricht "
                                 "mit „Sie“ an."))
    elif not sie:
        checks.append(Pruefpunkt("anrede", "Anrede mit „Sie“", False, "warnung",
                                 "Sprechen Sie die Person direkt an, zum Beispiel mit „Sie“ oder „Ihnen“."))
    else:
        checks.append(Pruefpunkt("anrede", "Anrede mit „Sie“", True, "fehler", "Sie sprechen die Person mit „Sie“ an."))

    ton = judged["respektvoll"]
    hard = [sp.text for sp in ton.spans if not _is_shout(sp.text)]
    shout = [sp.text for sp in ton.spans if _is_shout(sp.text)]
    soft = [f"{_TONE_TEXT['ausrufezeichen' if re.fullmatch(r'[!?]+', w) else 'grossbuchstaben']} („{w}“)"
            for w in dict.fromkeys(shout)]
    soft += [f"{_TONE_TEXT[i.kind]} („{i.detail}“)" for i in _soft_tone(text) if i.detail not in shout]
    if hard:
        detail = ", ".join(dict.fromkeys(f"„{w}“" for w in hard[:3]))
        checks.append(Pruefpunkt("ton", "Ton", False, "fehler",
                                 f"Die Antwort klingt spöttisch, abweisend, beleidigend oder schiebt die Schuld zu "
                                 f"({detail}). Bleiben Sie sachlich und freundlich."))
    elif soft:
        checks.append(Pruefpunkt("ton", "Ton", False, "warnung", f"Achten Sie auf den Ton: {'; '.join(soft[:2])}."))
    else:
        checks.append(Pruefpunkt("ton", "Ton", True, "fehler", "Kein Sarkasmus, keine Beleidigung, kein Schreien."))

    friendly = judged["freundlich"]
    checks.append(Pruefpunkt(
        "freundlich", "Freundlich", friendly.ok, "warnung",
        "Freundliche Worte gefunden." if friendly.ok else friendly.rueckmeldung,
    ))

    low = text.casefold()
    groups = pflichtangaben if pflichtangaben is not None else (kommentar.pflichtangaben if kommentar else [])
    if groups:
        missing = [g for g in groups if not any(w.casefold() in low for w in g)]
        checks.append(Pruefpunkt(
            "beantwortet", "Beantwortet die Frage", not missing, "fehler",
            "Die Antwort enthält alle nötigen Angaben." if not missing else
            "Es fehlt noch: " + "; ".join(" oder ".join(f"„{w}“" for w in g) for g in missing) + ".",
        ))

    problems = []
    leak = judged.get("personendaten")
    if leak is not None and not leak.ok:
        first = leak.spans[0].text
        problems.append(f"Die Antwort wiederholt „{first}“ aus dem Kommentar. Nennen Sie persönliche Daten nie "
                        "öffentlich, auch nicht in Worten.")
    case = judged["kein_einzelfall"]
    if not case.ok:
        problems.append(case.rueckmeldung)
    checks.append(Pruefpunkt(
        "daten", "Keine persönlichen Daten", not problems, "fehler",
        " ".join(problems) if problems else (
            "Sie wiederholen keine Daten aus dem Kommentar und klären keinen Einzelfall öffentlich."
            if kommentar is not None else "Sie klären keinen Einzelfall öffentlich."),
    ))

    amts = [f for f in report.findings if f.rule == "amtsdeutsch"]
    checks.append(Pruefpunkt(
        "amtsdeutsch", "Kein Amtsdeutsch", not amts, "warnung",
        "Kein Amtsdeutsch gefunden." if not amts else
        "Amtsdeutsch: " + "; ".join(f"„{text[f.start:f.end]}“ → {f.suggestion}" for f in amts[:3]) + ".",
    ))
    long_sentences = [f for f in report.findings if f.rule == "satzlaenge"]
    saetze = judged["in_saetzen"]
    if not (saetze.ok and _carries_message(text)) and not _short_formula(text):
        checks.append(Pruefpunkt("satzlaenge", "Ganze, kurze Sätze", False, "fehler",
                                 reply_rubric().item("in_saetzen").rueckmeldung))
    else:
        checks.append(Pruefpunkt(
            "satzlaenge", "Ganze, kurze Sätze", not long_sentences, "hinweis",
            "Die Sätze sind kurz genug." if not long_sentences else long_sentences[0].message,
        ))
    return AntwortPruefung(key, counted, limit, tuple(checks))


def _soft_tone(text: str) -> list:
    """A single word in capitals or doubled marks ("!!"): a style hint below the engine's shouting threshold
    (two words in capitals or "!!!"), from the crisis room's tone lexicon."""
    from kommsocial.crisis.textcheck import tone_issues

    return [i for i in tone_issues(text) if i.kind in _TONE_TEXT]
