"""`kommsocial strategie …`: questions, answer template, check, building blocks, Dienstanweisung draft."""

from __future__ import annotations

import json

import yaml

from conftest import run_cli
from kommsocial.strategie import load_modell


def test_template_lists_every_question_and_fills_into_a_check(tmp_path):
    vorlage = tmp_path / "antworten.yaml"
    code, out, _ = run_cli("strategie", "fragen", "--vorlage", str(vorlage))
    assert code == 0 and "Antwortvorlage gespeichert" in out
    data = yaml.safe_load(vorlage.read_text(encoding="utf-8"))
    m = load_modell()
    assert list(data["antworten"]) == [f.id for d in m.dimensionen for f in d.fragen]
    assert set(data["antworten"].values()) == {None}
    text = vorlage.read_text(encoding="utf-8").replace("ziele-festgelegt: null", "ziele-festgelegt: 0")
    vorlage.write_text(text.replace("wirkung-formel: null", "wirkung-formel: 3"), encoding="utf-8")
    code, out, _ = run_cli("strategie", "check", str(vorlage), "--json")
    result = json.loads(out)
    assert code == 0 and result["beantwortet"] == 2
    assert [e["dimension"] for e in result["empfehlungen"]] == ["ziele"]
    assert result["hinweis"] == "keine Rechtsberatung"


def test_check_text_output_and_markdown_file(tmp_path):
    answers = tmp_path / "a.yaml"
    answers.write_text("antworten:\n  recht-impressum: 0\n  recht-datenschutz: 1\n", encoding="utf-8")
    md = tmp_path / "ergebnis.md"
    code, out, _ = run_cli("strategie", "check", str(answers), "--markdown", str(md))
    assert code == 0
    assert "### 1. Recht & Datenschutz: von Phase 0 zu Phase 1" in out
    assert md.read_text(encoding="utf-8") in out


def test_check_bad_value_exits_2_with_german_line_error(tmp_path):
    answers = tmp_path / "a.yaml"
    answers.write_text("antworten:\n  krise-plan: drei\n", encoding="utf-8")
    code, out, err = run_cli("strategie", "check", str(answers))
    assert code == 2 and out == ""
    assert err.startswith(f"Fehler: Datei {answers}, Zeile 2, Feld „krise-plan“: Die Antwort „drei“ ist ungültig.")
    assert "Traceback" not in err


def test_fragen_json_is_one_object():
    code, out, _ = run_cli("strategie", "fragen", "--json")
    data = json.loads(out)
    assert code == 0 and len(data["dimensionen"]) == 10


def test_bausteine_marks_defaults():
    code, out, _ = run_cli("strategie", "bausteine")
    assert code == 0
    assert "zustaendigkeit: Zuständigkeiten (zentral oder dezentral) (Pflicht)" in out
    assert "  * zentral: Zentral – die zentrale Stelle veröffentlicht alles" in out
    assert "    dezentral: Dezentral – Fachbereiche posten nach gemeinsamen Regeln" in out


def test_dienstanweisung_from_choice_file_writes_md_and_html(tmp_path):
    auswahl = tmp_path / "auswahl.yaml"
    auswahl.write_text("kommune: Gemeinde Beispieldorf\nabschnitte:\n  zustaendigkeit: dezentral\n"
                       "  tonalitaet: null\n", encoding="utf-8")
    before = auswahl.read_bytes()
    md, html = tmp_path / "da.md", tmp_path / "da.html"
    code, out, _ = run_cli("strategie", "dienstanweisung", str(auswahl), "--md", str(md), "--html", str(html))
    assert code == 0 and f"Gespeichert: {md}" in out and "Personalrat, Datenschutz und Rechtsamt" in out
    text = md.read_text(encoding="utf-8")
    assert text.startswith("# Dienstanweisung Social Media – Gemeinde Beispieldorf")
    assert "Tonalität" not in text and "Fachbereiche können eigene Beiträge veröffentlichen" in text
    assert "<title>Dienstanweisung Social Media – Gemeinde Beispieldorf</title>" in html.read_text(encoding="utf-8")
    assert auswahl.read_bytes() == before  # input untouched


def test_dienstanweisung_json_and_stdout():
    code, out, _ = run_cli("strategie", "dienstanweisung", "--json")
    data = json.loads(out)
    assert code == 0 and data["hinweis"].startswith("Entwurf – bitte mit Personalrat")
    assert "freigabe" in data["abschnitte"] and data["markdown"].startswith("# Dienstanweisung")
    code, out, _ = run_cli("strategie", "dienstanweisung")
    assert out == data["markdown"]


def test_dienstanweisung_mandatory_section_left_out_exits_2(tmp_path):
    auswahl = tmp_path / "auswahl.yaml"
    auswahl.write_text("abschnitte:\n  datenschutz: null\n", encoding="utf-8")
    code, out, err = run_cli("strategie", "dienstanweisung", str(auswahl), "--md", str(tmp_path / "x.md"))
    assert code == 2 and not (tmp_path / "x.md").exists()
    assert "Zeile 2" in err and "„Datenschutz und Impressum“ ist Pflicht" in err
