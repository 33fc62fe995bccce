"""Strategy room data: the shipped YAML files validate; broken files give German, line-numbered errors."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from fakes import RESEARCH_DATE
from kommsocial._data import load_model
from kommsocial.errors import InputError
from kommsocial.legal import load_cards
from kommsocial.strategie import load_modell, load_vorlage
from kommsocial.strategie.dienstanweisung import template_path
from kommsocial.strategie.reifegrad import model_path
from kommsocial.strategie.schema import Reifegradmodell, Vorlage


def test_shipped_model_has_the_ten_dimensions_with_questions_and_steps():
    m = load_modell()
    assert [d.titel for d in m.dimensionen] == [
        "Ziele & Strategie", "Organisation & Rollen", "Freigabe & Workflow", "Recht & Datenschutz",
        "Redaktionsplanung", "Community-Management", "Krisenvorsorge", "Barrierefreiheit", "Wirkungsmessung",
        "Qualifizierung",
    ]
    assert [s.name.split(" –")[0] for s in m.stufen] == ["Phase 0", "Phase 1", "Phase 2", "Phase 3"]
    for d in m.dimensionen:
        assert len(d.fragen) >= 2
        assert all(len(f.antworten) == 4 for f in d.fragen)
        assert sorted(d.schritte) == [0, 1, 2]
    assert str(m.stand) == RESEARCH_DATE.isoformat()


def test_shipped_template_has_all_required_sections():
    v = load_vorlage()
    ids = [a.id for a in v.abschnitte]
    for needed in ("geltungsbereich", "zustaendigkeit", "freigabe", "tonalitaet", "datenschutz", "bildrechte",
                   "moderation", "krisenfall", "barrierefreiheit", "ki", "schulung"):
        assert needed in ids
    assert v.hinweis == "Entwurf – bitte mit Personalrat, Datenschutz und Rechtsamt abstimmen"
    assert {o.id for o in v.abschnitt("zustaendigkeit").optionen} >= {"zentral", "dezentral"}


def test_every_court_decision_cited_in_the_data_is_a_decision_of_the_legal_cards():
    # The legal room holds the checked decisions (from the fact file); we may only cite those.
    known = {e.aktenzeichen for k in load_cards().values() for e in k.entscheidungen if e.aktenzeichen}
    data = model_path().read_text(encoding="utf-8") + template_path().read_text(encoding="utf-8")
    cited = set(re.findall(r"\b\d+ [A-Z]{1,3} \d+/\d+(?:\.[A-Z]+)?", data))
    assert len(cited) >= 3
    assert cited <= known, f"nicht belegt: {sorted(cited - known)}"


def write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "daten.yaml"
    p.write_text(text, encoding="utf-8")
    return p


def test_model_with_a_wrong_number_of_answers_names_line_and_field(tmp_path):
    text = model_path().read_text(encoding="utf-8")
    broken = text.replace(
        "          - Die Ziele sind messbar und werden jedes Jahr überprüft und angepasst.\n", "", 1)
    assert broken != text
    path = write(tmp_path, broken)
    with pytest.raises(InputError) as info:
        load_model(Reifegradmodell, path)
    err = info.value
    assert err.file == str(path)
    assert err.field == "dimensionen[1].fragen[1].antworten"
    assert err.reason.startswith("zu wenige Einträge")
    assert broken.splitlines()[err.line - 1].strip() == "antworten:"


def test_model_without_steps_for_a_phase_is_rejected_in_german(tmp_path):
    text = model_path().read_text(encoding="utf-8")
    # Drop phase 2 steps of the last dimension ("Qualifizierung").
    head, tail = text.rsplit("      2:\n", 1)
    path = write(tmp_path, head)
    with pytest.raises(InputError) as info:
        load_model(Reifegradmodell, path)
    assert "Qualifizierung" not in str(info.value)  # message names the id, not the title
    assert "„qualifizierung“" in str(info.value) and "Phase 2" in str(info.value)
    assert info.value.line is not None


def test_model_yaml_syntax_error_has_line(tmp_path):
    path = write(tmp_path, "titel: Test\nstand: 2026-11-21\nquellen: [a\n")
    with pytest.raises(InputError) as info:
        load_modell(path)
    assert "YAML-Syntaxfehler" in str(info.value) and info.value.line is not None


def test_template_unknown_placeholder_is_an_error_with_line(tmp_path):
    text = template_path().read_text(encoding="utf-8")
    broken = text.replace("Die zentrale Stelle betreibt alle Kanäle der {kommune}",
                          "Die {zentralstelle} betreibt alle Kanäle", 1)
    assert broken != text
    path = write(tmp_path, broken)
    with pytest.raises(InputError) as info:
        load_vorlage(path)
    msg = str(info.value)
    assert "unbekannter Platzhalter „{zentralstelle}“" in msg
    assert info.value.field.startswith("abschnitte[3].optionen[1].text")
    assert "Zeile" in msg


def test_template_default_must_be_an_existing_option(tmp_path):
    text = template_path().read_text(encoding="utf-8")
    broken = text.replace("standard: [zentral]", "standard: [zentrall]", 1)
    path = write(tmp_path, broken)
    with pytest.raises(InputError) as info:
        load_model(Vorlage, path)
    assert "Standard „zentrall“ gibt es nicht" in str(info.value)
    assert broken.splitlines()[info.value.line - 1].strip().startswith("- id: zustaendigkeit")


def test_template_unknown_field_is_reported_as_typo(tmp_path):
    text = template_path().read_text(encoding="utf-8")
    broken = text.replace("    pflicht: true\n", "    plficht: true\n", 1)
    path = write(tmp_path, broken)
    with pytest.raises(InputError) as info:
        load_vorlage(path)
    assert "unbekanntes Feld" in str(info.value)
    assert broken.splitlines()[info.value.line - 1].strip() == "plficht: true"


def test_texts_users_read_contain_no_amtsdeutsch():
    # The course teaches plain language; its own questions, steps and rule texts must pass the checker.
    from kommsocial.text import analyze

    m, v = load_modell(), load_vorlage()
    texts = [v.einleitung, v.hinweis]
    for d in m.dimensionen:
        texts += [d.beschreibung, *(s.text for steps in d.schritte.values() for s in steps)]
        for f in d.fragen:
            texts += [f.text, *f.antworten, f.hinweis or ""]
    for a in v.abschnitte:
        texts += [a.frage, a.erklaerung, *(o.label for o in a.optionen), *(o.text for o in a.optionen)]
    found = [f"„{t[f.start:f.end]}“ in: {t[:50]}…" for t in texts
             for f in analyze(t, platform="facebook").findings if f.rule == "amtsdeutsch"]
    assert found == []
