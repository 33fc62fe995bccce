"""Checking a public reply to a comment: length, formal "Sie", tone, friendliness, answers the question.

Builds on the project's engines: `kommsocial.text.analyze` (length counted the platform's way,
Amtsdeutsch, sentence length) and the crisis room's tone lexicon (insults, sarcasm, blame,
shouting). The word lists and length guidelines are data (antwort_regeln.yaml).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from functools import lru_cache
from typing import Literal

from kommsocial._data import load_model, package_file
from kommsocial._io import check_text_length
from kommsocial.community.schema import AntwortRegeln, Kommentar
from kommsocial.errors import InputError

Schwere = Literal["fehler", "warnung", "hinweis"]
_RANK = {"fehler": 0, "warnung": 1, "hinweis": 2}
_TONE_TEXT = {
    "beleidigung": "ein abwertendes Wort",
    "sarkasmus": "Ironie oder Sarkasmus",
    "schuldzuweisung": "eine Schuldzuweisung",
    "grossbuchstaben": "Großbuchstaben (wirkt wie Schreien)",
    "ausrufezeichen": "mehrere Ausrufe- oder Fragezeichen",
}
# Numbers of 4+ digits (phone numbers, file numbers, Kassenzeichen) that must not be repeated in public.
_LONG_NUMBER = re.compile(r"\d[\d\s/-]{2,}\d")
_SENTENCE_START = re.compile(r"(?:^|[.!?:]\s+|\n\s*)$")


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
    schwere: Schwere
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
        return sorted((p for p in self.punkte if not p.ok), key=lambda p: _RANK[p.schwere])

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


@lru_cache(maxsize=8)
def _pattern(forms: tuple[str, ...], case: bool) -> re.Pattern[str]:
    # One alternation per word list instead of one search per word (the check runs on every typing pause).
    alternation = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    return re.compile(r"(?<![\wäöüÄÖÜß])(?:" + alternation + r")(?![\wäöüÄÖÜß])", 0 if case else re.IGNORECASE)


def _words(text: str, forms: Iterable[str], *, case: bool) -> list[tuple[str, int]]:
    return [(m.group(0), m.start()) for m in _pattern(tuple(forms), case).finditer(text)]


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
    from kommsocial.crisis.textcheck import tone_issues
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

    du = _words(text, regeln().du_formen, case=False)
    sie = _sie_forms(text)
    if du:
        liste = ", ".join(dict.fromkeys(f"„{w}“" for w, _ in du))
        checks.append(Pruefpunkt("anrede", "Anrede mit „Sie“", False, "fehler",
                                 f"Die Antwort duzt ({liste}). Eine Kommune spricht mit „Sie“ an."))
    elif not sie:
        checks.append(Pruefpunkt("anrede", "Anrede mit „Sie“", False, "warnung",
                                 "Sprechen Sie die Person direkt an, zum Beispiel mit „Sie“ oder „Ihnen“."))
    else:
        checks.append(Pruefpunkt("anrede", "Anrede mit „Sie“", True, "fehler", "Sie sprechen die Person mit „Sie“ an."))

    issues = tone_issues(text)
    hard = [i for i in issues if i.kind in ("beleidigung", "sarkasmus", "schuldzuweisung")]
    soft = [i for i in issues if i not in hard]
    if hard:
        detail = "; ".join(f"{_TONE_TEXT[i.kind]}: „{i.detail}“" for i in hard[:3])
        checks.append(Pruefpunkt("ton", "Ton", False, "fehler",
                                 f"Die Antwort enthält {detail}. Bleiben Sie sachlich und freundlich."))
    elif soft:
        detail = "; ".join(f"{_TONE_TEXT[i.kind]} („{i.detail}“)" for i in soft[:2])
        checks.append(Pruefpunkt("ton", "Ton", False, "warnung", f"Achten Sie auf den Ton: {detail}."))
    else:
        checks.append(Pruefpunkt("ton", "Ton", True, "fehler", "Kein Sarkasmus, keine Beleidigung, kein Schreien."))

    low = text.casefold()
    friendly = [w for w in regeln().freundlich if w in low]
    checks.append(Pruefpunkt(
        "freundlich", "Freundlich", bool(friendly), "warnung",
        "Freundliche Worte gefunden." if friendly else
        "Beginnen Sie freundlich, zum Beispiel mit „Danke für Ihre Frage“ oder „Das tut uns leid“.",
    ))

    groups = pflichtangaben if pflichtangaben is not None else (kommentar.pflichtangaben if kommentar else [])
    if groups:
        missing = [g for g in groups if not any(w.casefold() in low for w in g)]
        checks.append(Pruefpunkt(
            "beantwortet", "Beantwortet die Frage", not missing, "fehler",
            "Die Antwort enthält alle nötigen Angaben." if not missing else
            "Es fehlt noch: " + "; ".join(" oder ".join(f"„{w}“" for w in g) for g in missing) + ".",
        ))

    if kommentar is not None:
        leaked = [n for n in _LONG_NUMBER.findall(kommentar.text) if len(re.sub(r"\D", "", n)) >= 4 and n in text]
        checks.append(Pruefpunkt(
            "daten", "Keine persönlichen Daten", not leaked, "fehler",
            "Sie wiederholen keine Nummern aus dem Kommentar." if not leaked else
            f"Die Antwort wiederholt „{leaked[0]}“ aus dem Kommentar. Nennen Sie persönliche Daten nie öffentlich.",
        ))

    amts = [f for f in report.findings if f.rule == "amtsdeutsch"]
    checks.append(Pruefpunkt(
        "amtsdeutsch", "Kein Amtsdeutsch", not amts, "warnung",
        "Kein Amtsdeutsch gefunden." if not amts else
        "Amtsdeutsch: " + "; ".join(f"„{text[f.start:f.end]}“ → {f.suggestion}" for f in amts[:3]) + ".",
    ))
    long_sentences = [f for f in report.findings if f.rule == "satzlaenge"]
    checks.append(Pruefpunkt(
        "satzlaenge", "Kurze Sätze", not long_sentences, "hinweis",
        "Die Sätze sind kurz genug." if not long_sentences else long_sentences[0].message,
    ))
    return AntwortPruefung(key, counted, limit, tuple(checks))
