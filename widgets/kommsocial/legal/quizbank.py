"""Quiz engine: draw questions reproducibly and score answers with explanations."""

from __future__ import annotations

import random
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from kommsocial.errors import InputError
from kommsocial.legal.data import load_quiz
from kommsocial.legal.schema import THEMEN, Frage


@dataclass(frozen=True)
class Result:
    """Outcome of one answer: correct or not, explanation, the right option ids and cards."""

    correct: bool
    erklaerung: str
    richtig: tuple[str, ...]
    karten: tuple[str, ...]


def draw(n: int, seed: int | None = None, thema: str | None = None,
         folder: str | Path | None = None) -> list[Frage]:
    """Draw up to n different questions (all of them, shuffled, if fewer exist).

    The same seed gives the same questions in the same order.

    Raises:
        InputError: if n < 1 or the topic is unknown.
    """
    if n < 1:
        raise InputError("Die Anzahl der Fragen muss mindestens 1 sein.")
    fragen = load_quiz(folder)
    if thema is not None:
        if thema not in THEMEN:
            raise InputError(f"Das Thema „{thema}“ gibt es nicht.",
                             hint="Möglich: " + ", ".join(THEMEN))
        fragen = [f for f in fragen if f.thema == thema]
    rng = random.Random(seed)
    return rng.sample(fragen, min(n, len(fragen)))


def select(ids: Iterable[str], folder: str | Path | None = None) -> list[Frage]:
    """The questions with these ids, in this order (a fixed set for one notebook exercise).

    Raises:
        InputError: for an id the quiz bank does not have.
    """
    by_id = {f.id: f for f in load_quiz(folder)}
    missing = [i for i in ids if i not in by_id]
    if missing:
        raise InputError(f"Die Quizfrage „{missing[0]}“ gibt es nicht.",
                         hint="Alle Fragen: kommsocial recht quiz --json --anzahl 500")
    return [by_id[i] for i in ids]


def _normalise(question: Frage, answer: str | bool | Iterable[str]) -> set[str]:
    if isinstance(answer, bool):
        if question.typ != "wahr_falsch":
            raise InputError(f"Frage „{question.id}“ ist keine Richtig/Falsch-Frage.",
                             hint="Geben Sie die Kennung einer Antwort an.")
        return {"wahr" if answer else "falsch"}
    chosen = {answer} if isinstance(answer, str) else set(answer)
    known = {o.id for o in question.optionen}
    unknown = sorted(chosen - known)
    if unknown:
        raise InputError(f"Die Antwort „{unknown[0]}“ gibt es bei Frage „{question.id}“ nicht.",
                         hint="Möglich: " + ", ".join(sorted(known)))
    return chosen


def score(question: Frage, answer: str | bool | Iterable[str]) -> Result:
    """Score an answer: option id, a list of ids (multiple choice) or True/False.

    Multiple choice counts as correct only if exactly the right options are chosen.

    Raises:
        InputError: for option ids the question does not have.
    """
    chosen = _normalise(question, answer)
    return Result(
        correct=chosen == set(question.richtig),
        erklaerung=question.erklaerung,
        richtig=tuple(question.richtig),
        karten=tuple(question.karten),
    )
