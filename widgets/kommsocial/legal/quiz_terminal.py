"""The legal quiz played in a terminal: question, answer, explanation, score.

The loop reads answers through a callable like `input` and writes through one like `print`,
so the CLI, a pipe and the tests drive the same code; scoring is the quiz engine's.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from kommsocial._german import plural
from kommsocial.errors import InputError
from kommsocial.legal.quizbank import score
from kommsocial.legal.schema import Frage

QUIT_WORDS = {"q", "ende", "stopp", "abbrechen"}
_TRUE = {"r", "richtig", "w", "wahr", "j", "ja"}
_FALSE = {"f", "falsch", "n", "nein"}
_PROMPT = {
    "einfach": "Ihre Antwort (ein Buchstabe, z. B. a): ",
    "mehrfach": "Ihre Antwort (alle zutreffenden Buchstaben, z. B. a c): ",
    "wahr_falsch": "Ihre Antwort (r = richtig, f = falsch): ",
}


@dataclass(frozen=True)
class Outcome:
    """How a played round ended."""

    richtig: int
    beantwortet: int
    gestellt: int


class _Quit(Exception):
    """The player typed a quit word or the input ended."""


def letters(frage: Frage) -> dict[str, str]:
    """Letter shown in the terminal (a, b, c …) → option id (ids in the quiz bank may be words)."""
    return {chr(ord("a") + i): o.id for i, o in enumerate(frage.optionen)}


def parse_answer(frage: Frage, text: str) -> str | list[str]:
    """Turn typed text into option ids; InputError with a German hint when it does not fit."""
    words = [w for w in text.replace(",", " ").replace(";", " ").lower().split() if w]
    if frage.typ == "wahr_falsch":
        if len(words) == 1 and words[0] in _TRUE:
            return "wahr"
        if len(words) == 1 and words[0] in _FALSE:
            return "falsch"
        raise InputError("Bitte antworten Sie mit r (richtig) oder f (falsch).")
    by_letter = letters(frage)
    ids = set(by_letter.values())
    if len(words) == 1 and words[0] not in by_letter and words[0] not in ids:
        words = list(words[0])  # „ac“ typed without a space
    chosen = [by_letter.get(w, w) for w in words]
    if not chosen or any(c not in ids for c in chosen):
        raise InputError(f"Bitte wählen Sie unter {', '.join(by_letter)}.")
    if frage.typ == "einfach" and len(set(chosen)) != 1:
        raise InputError("Bei dieser Frage ist genau eine Antwort richtig: bitte nur einen Buchstaben.")
    return chosen[0] if frage.typ == "einfach" else sorted(set(chosen))


def _ask_until_valid(frage: Frage, ask: Callable[[str], str], say: Callable[[str], None]) -> str | list[str]:
    while True:
        try:
            text = ask(_PROMPT[frage.typ])
        except EOFError:
            raise _Quit from None
        if text.strip().lower() in QUIT_WORDS:
            raise _Quit
        try:
            return parse_answer(frage, text)
        except InputError as exc:
            say(f"   {exc}")


def _option_text(frage: Frage, ids: tuple[str, ...]) -> str:
    texts = {o.id: o.text for o in frage.optionen}
    if frage.typ == "wahr_falsch":
        return texts[ids[0]]
    letter_of = {i: letter for letter, i in letters(frage).items()}
    return "; ".join(f"{letter_of[i]}) {texts[i]}" for i in sorted(ids, key=letter_of.__getitem__))


def play(fragen: list[Frage], ask: Callable[[str], str], say: Callable[[str], None]) -> Outcome:
    """Ask each question, show right or wrong with the explanation and card, then the score."""
    say(f"Quiz mit {len(fragen)} {plural(len(fragen), 'Frage', 'Fragen')}. Beenden mit „ende“.\n")
    richtig = beantwortet = 0
    for i, frage in enumerate(fragen, 1):
        say(f"{i}/{len(fragen)}. {frage.frage}")
        if frage.typ == "wahr_falsch":
            say("   Ist diese Aussage richtig oder falsch?")
        else:
            texts = {o.id: o.text for o in frage.optionen}
            for letter, option_id in letters(frage).items():
                say(f"   {letter}) {texts[option_id]}")
        try:
            antwort = _ask_until_valid(frage, ask, say)
        except _Quit:
            say("")
            break
        result = score(frage, antwort)
        beantwortet += 1
        if result.correct:
            richtig += 1
            say("   Richtig.")
        else:
            say(f"   Leider nicht richtig. Richtig ist: {_option_text(frage, result.richtig)}")
        say(f"   {result.erklaerung}")
        say("   Mehr dazu: " + ", ".join(f"kommsocial recht karte {k}" for k in result.karten) + "\n")
    say(summary(Outcome(richtig, beantwortet, len(fragen))))
    return Outcome(richtig, beantwortet, len(fragen))


def summary(outcome: Outcome) -> str:
    """The closing score line, e.g. „Ergebnis: 7 von 10 Fragen richtig (70 %).“"""
    if outcome.beantwortet == 0:
        return "Sie haben keine Frage beantwortet."
    percent = round(100 * outcome.richtig / outcome.beantwortet)
    n = outcome.beantwortet
    line = f"Ergebnis: {outcome.richtig} von {n} {plural(n, 'Frage', 'Fragen')} richtig ({percent} %)."
    if outcome.beantwortet < outcome.gestellt:
        line += f" Beantwortet: {outcome.beantwortet} von {outcome.gestellt}."
    return line
