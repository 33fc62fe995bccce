"""Maturity profile: phases per dimension, overall phase, prioritised next steps, answer files."""

from __future__ import annotations

import datetime as dt

import pytest

from fakes import RESEARCH_STAND
from kommsocial.errors import InputError
from kommsocial.strategie import load_answers, load_modell, profile, profile_markdown
from kommsocial.strategie.schema import Reifegradmodell

ANSWERS = ["null", "eins", "zwei", "drei"]


def dim(did: str, prio: int, n_questions: int = 2) -> dict:
    return {
        "id": did, "titel": f"Titel {did}", "beschreibung": f"Beschreibung von {did}", "prioritaet": prio,
        "fragen": [{"id": f"{did}-{i}", "text": f"Frage {i} zu {did}?", "antworten": ANSWERS}
                   for i in range(n_questions)],
        "schritte": {n: [{"text": f"Schritt aus Phase {n} für {did}"}] for n in (0, 1, 2)},
    }


@pytest.fixture
def modell() -> Reifegradmodell:
    return Reifegradmodell.model_validate({
        "titel": "Testmodell", "stand": dt.date(2026, 11, 21), "quellen": ["Test"],
        "stufen": [{"stufe": i, "name": f"Phase {i}", "beschreibung": f"Beschreibung Phase {i}"} for i in range(4)],
        "dimensionen": [dim("basis", 1), dim("ausbau", 2, 3), dim("fein", 3)],
    })


def test_phase_is_the_rounded_down_mean_of_the_answered_questions(modell):
    p = profile({"basis-0": 1, "basis-1": 2, "ausbau-0": 3, "ausbau-1": 3, "ausbau-2": 2, "fein-0": 0}, modell)
    basis, ausbau, fein = p.dimensionen
    assert (basis.wert, basis.phase) == (1.5, 1)
    assert ausbau.wert == pytest.approx(8 / 3) and ausbau.phase == 2
    assert (fein.wert, fein.phase, fein.beantwortet, fein.vollstaendig) == (0.0, 0, 1, False)
    assert p.beantwortet == 6 and p.fragen == 7
    # mean of 1.5, 2.667, 0 = 1.39 → Phase 1; foundations = lowest prio-1 phase
    assert p.gesamtphase == 1
    assert p.grundlagenphase == 1


def test_unanswered_dimensions_are_not_rated_and_get_no_steps(modell):
    p = profile({"fein-0": 0, "fein-1": None}, modell)
    assert p.ergebnis("basis").phase is None and p.ergebnis("basis").wert is None
    assert [e.dimension.id for e in p.empfehlungen] == ["fein"]
    assert p.grundlagenphase is None
    assert profile({}, modell).gesamtphase is None


def test_foundations_come_first_even_with_a_smaller_gap(modell):
    # basis: Phase 2 (gap 1 × weight 3 = 3); ausbau: Phase 2 (gap 1 × 2 = 2); fein: Phase 0 (gap 3 × 1 = 3)
    p = profile({"basis-0": 2, "basis-1": 2, "ausbau-0": 2, "ausbau-1": 2, "ausbau-2": 2, "fein-0": 0, "fein-1": 0},
                modell)
    assert [(e.dimension.id, e.dringlichkeit) for e in p.empfehlungen] == [("basis", 3), ("fein", 3), ("ausbau", 2)]
    assert p.empfehlungen[0].grund.startswith("Grundlage")


def test_bigger_gaps_outrank_smaller_ones_and_steps_match_the_phase(modell):
    p = profile({"basis-0": 2, "basis-1": 3, "ausbau-0": 0, "ausbau-1": 0, "ausbau-2": 1, "fein-0": 3, "fein-1": 3},
                modell)
    assert [e.dimension.id for e in p.empfehlungen] == ["ausbau", "basis"]  # fein is at Phase 3
    first = p.empfehlungen[0]
    assert (first.phase, first.ziel_phase, first.dringlichkeit) == (0, 1, 6)
    assert [s.text for s in first.schritte] == ["Schritt aus Phase 0 für ausbau"]
    assert [s.text for s in p.empfehlungen[1].schritte] == ["Schritt aus Phase 2 für basis"]


def test_max_recommendations_limits_the_list(modell):
    answers = {f"{d}-{i}": 0 for d in ("basis", "ausbau", "fein") for i in range(3)}
    answers.pop("basis-2")
    answers.pop("fein-2")
    assert len(profile(answers, modell, max_empfehlungen=2).empfehlungen) == 2
    assert len(profile(answers, modell, max_empfehlungen=0).empfehlungen) == 3


@pytest.mark.parametrize("value", [4, -1, "2", 1.5, True])
def test_invalid_answer_values_are_german_errors(modell, value):
    with pytest.raises(InputError) as info:
        profile({"basis-0": value}, modell)
    assert info.value.field == "basis-0"
    assert "0, 1, 2 oder 3" in str(info.value)


def test_unknown_question_is_an_error(modell):
    with pytest.raises(InputError, match="Eine Frage „gibt-es-nicht“ gibt es im Reifegradmodell nicht"):
        profile({"gibt-es-nicht": 1}, modell)


def test_shipped_model_all_zero_starts_with_the_foundations():
    m = load_modell()
    p = profile({f.id: 0 for d in m.dimensionen for f in d.fragen}, m)
    assert p.gesamtphase == 0
    assert [e.dimension.id for e in p.empfehlungen[:4]] == ["ziele", "organisation", "freigabe", "recht"]
    assert all(e.phase == 0 for e in p.empfehlungen)


def test_shipped_model_all_three_has_no_steps():
    m = load_modell()
    p = profile({f.id: 3 for d in m.dimensionen for f in d.fragen}, m)
    assert p.gesamtphase == 3 and p.empfehlungen == []
    assert "Keine offenen Schritte" in profile_markdown(p)


def test_markdown_report_contains_profile_steps_sources_and_disclaimer():
    m = load_modell()
    p = profile({"recht-impressum": 1, "recht-datenschutz": 1, "recht-bildrechte": 2}, m)
    md = profile_markdown(p)
    assert "| Recht & Datenschutz | Phase 1 – Start | 1,3 | 3/3 |" in md
    assert "| Wirkungsmessung | nicht bewertet | – | 0/2 |" in md
    assert "### 1. Recht & Datenschutz: von Phase 1 zu Phase 2" in md
    assert "(Quelle: LfDI-BW-Richtlinie (2017, überarbeitet 02/2020))" in md
    assert f"Stand des Modells: {RESEARCH_STAND}" in md and "keine Rechtsberatung" in md


def test_answer_file_is_read_and_errors_name_the_line(tmp_path):
    good = tmp_path / "antworten.yaml"
    good.write_text("antworten:\n  ziele-festgelegt: 2\n  krise-plan: null\n", encoding="utf-8")
    assert load_answers(good) == {"ziele-festgelegt": 2}
    bad = tmp_path / "falsch.yaml"
    bad.write_text("antworten:\n  ziele-festgelegt: 2\n  krise-plan: 5\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_answers(bad)
    assert (info.value.file, info.value.line, info.value.field) == (str(bad), 3, "krise-plan")
    empty = tmp_path / "leer.yaml"
    empty.write_text("ziele-festgelegt: 2\n", encoding="utf-8")
    with pytest.raises(InputError, match="antworten:"):
        load_answers(empty)
