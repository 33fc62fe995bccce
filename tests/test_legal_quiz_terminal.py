"""`kommsocial recht quiz --spielen`: the quiz played in a terminal, scored by the quiz engine."""

from __future__ import annotations

import json

import pytest

from conftest import run_cli
from kommsocial.errors import InputError
from kommsocial.legal.quiz_terminal import letters, parse_answer, play
from kommsocial.legal.quizbank import draw


def _typed(frage, ids) -> str:
    """What a player types for these option ids (letters, or r/f)."""
    if frage.typ == "wahr_falsch":
        return "r" if ids == ["wahr"] else "f"
    letter_of = {i: letter for letter, i in letters(frage).items()}
    return " ".join(letter_of[i] for i in ids)


def _wrong(frage) -> list[str]:
    ids = [o.id for o in frage.optionen]
    if frage.typ == "wahr_falsch":
        return [next(i for i in ids if i not in frage.richtig)]
    if frage.typ == "einfach":
        return [next(i for i in ids if i not in frage.richtig)]
    return [frage.richtig[0]]  # one right option of several: still wrong


def test_all_right_answers_score_full_marks():
    fragen = draw(6, seed=11)
    typed = "\n".join(_typed(f, f.richtig) for f in fragen) + "\n"
    code, out, _ = run_cli("recht", "quiz", "--spielen", "--anzahl", "6", "--nummer", "11", stdin=typed)
    assert code == 0
    assert out.count("   Richtig.") == 6
    assert "Ergebnis: 6 von 6 Fragen richtig (100 %)." in out
    for f in fragen:
        assert f.frage in out
        assert f.erklaerung in out  # the explanation follows every answer
        assert f"kommsocial recht karte {f.karten[0]}" in out
    assert "keine Rechtsberatung" in out


def test_wrong_answers_show_the_right_one_and_count():
    fragen = draw(4, seed=5)
    answers = [f.richtig if i % 2 == 0 else _wrong(f) for i, f in enumerate(fragen)]
    typed = "\n".join(_typed(f, a) for f, a in zip(fragen, answers, strict=True)) + "\n"
    _, out, _ = run_cli("recht", "quiz", "--spielen", "--anzahl", "4", "--nummer", "5", stdin=typed)
    assert out.count("Leider nicht richtig. Richtig ist:") == 2
    assert "Ergebnis: 2 von 4 Fragen richtig (50 %)." in out


def test_unusable_input_is_asked_again_not_counted():
    frage = draw(1, seed=2)[0]
    typed = "\nzz\n" + _typed(frage, frage.richtig) + "\n"
    _, out, _ = run_cli("recht", "quiz", "--spielen", "--anzahl", "1", "--nummer", "2", stdin=typed)
    assert ("Bitte antworten Sie mit r" in out) or ("Bitte wählen Sie unter a, b" in out)
    assert "Ergebnis: 1 von 1 Frage richtig (100 %)." in out


def test_quitting_early_scores_the_answered_questions():
    fragen = draw(5, seed=8)
    typed = _typed(fragen[0], fragen[0].richtig) + "\nende\n"
    _, out, _ = run_cli("recht", "quiz", "--spielen", "--anzahl", "5", "--nummer", "8", stdin=typed)
    assert "Ergebnis: 1 von 1 Frage richtig (100 %). Beantwortet: 1 von 5." in out
    assert fragen[1].frage in out and fragen[2].frage not in out


def test_end_of_input_without_answer():
    _, out, _ = run_cli("recht", "quiz", "--spielen", "--anzahl", "3", "--nummer", "1", stdin="")
    assert "Sie haben keine Frage beantwortet." in out


def test_same_number_same_questions_as_the_printed_list():
    code, out, _ = run_cli("recht", "quiz", "--json", "--anzahl", "3", "--nummer", "4")
    assert code == 0
    listed = [f["frage"] for f in json.loads(out)["fragen"]]
    _, out, _ = run_cli("recht", "quiz", "--spielen", "--anzahl", "3", "--nummer", "4", stdin="ende\n")
    assert listed[0] in out


def test_spielen_and_json_do_not_combine():
    code, _, err = run_cli("recht", "quiz", "--spielen", "--json", stdin="a\n")
    assert code == 2
    assert "--spielen und --json" in err


@pytest.mark.parametrize("typed", ["a c", "a,c", "ac", "A, C", "c a"])
def test_multiple_choice_accepts_usual_spellings(typed):
    frage = next(f for f in draw(200, seed=1) if f.typ == "mehrfach" and len(f.optionen) >= 3)
    ids = letters(frage)
    assert parse_answer(frage, typed) == sorted({ids["a"], ids["c"]})


def test_single_choice_rejects_two_letters():
    frage = next(f for f in draw(200, seed=1) if f.typ == "einfach")
    with pytest.raises(InputError, match="genau eine Antwort"):
        parse_answer(frage, "a b")


def test_play_with_callables_returns_the_outcome():
    fragen = draw(3, seed=9)
    answers = iter([_typed(f, f.richtig) for f in fragen])
    lines: list[str] = []
    outcome = play(fragen, lambda _prompt: next(answers), lines.append)
    assert (outcome.richtig, outcome.beantwortet, outcome.gestellt) == (3, 3, 3)
    assert lines[-1] == "Ergebnis: 3 von 3 Fragen richtig (100 %)."
