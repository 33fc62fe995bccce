"""`kommsocial community ...`: triage round, scoring a file, reply check exit codes, Netiquette."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import run_cli
from kommsocial.community import baue_netiquette


def test_triage_json_is_one_object_with_solutions():
    code, out, _ = run_cli("community", "triage", "--anzahl", "4", "--seed", "2", "--json")
    data = json.loads(out)
    assert code == 0 and data["anzahl"] == 4
    assert all({"id", "text", "haupt", "aktionen", "begruendung", "karten"} <= set(k) for k in data["kommentare"])
    _, again, _ = run_cli("community", "triage", "--anzahl", "4", "--seed", "2", "--json")
    assert json.loads(again) == data


def test_triage_text_hides_solutions_unless_asked():
    _, plain, _ = run_cli("community", "triage", "--kategorie", "spam")
    _, solved, _ = run_cli("community", "triage", "--kategorie", "spam", "--loesungen")
    assert "Empfohlen:" not in plain and "Empfohlen:" in solved
    assert "erfunden" in plain


def test_bewerten_reads_json_and_yaml(tmp_path: Path):
    j = tmp_path / "wahl.json"
    j.write_text(json.dumps({"drohung-blitzer": "melden", "lob-emoji": ["löschen"]}), encoding="utf-8")
    code, out, _ = run_cli("community", "bewerten", str(j), "--json")
    data = json.loads(out)
    assert code == 0 and data["punkte"] == 2 and data["max_punkte"] == 4
    y = tmp_path / "wahl.yaml"
    y.write_text("frage-radweg: antworten\n", encoding="utf-8")
    code, out, _ = run_cli("community", "bewerten", str(y))
    assert code == 0 and "Ergebnis: 2 von 2 Punkten" in out


def test_bewerten_bad_file_exits_2_with_german_error(tmp_path: Path):
    bad = tmp_path / "kaputt.json"
    bad.write_text("{kein json", encoding="utf-8")
    code, _, err = run_cli("community", "bewerten", str(bad))
    assert code == 2 and "Kein gültiges JSON" in err and "Traceback" not in err
    code, _, err = run_cli("community", "bewerten", str(tmp_path / "fehlt.json"))
    assert code == 2 and "nicht gefunden" in err


def test_antwort_exit_code_follows_errors():
    code, out, _ = run_cli("community", "antwort", "Danke! Mit dem Rad kommen Sie durch.",
                       "--kommentar", "frage-radweg")
    assert code == 0 and "Ampel: grün" in out
    code, out, _ = run_cli("community", "antwort", "lies halt den Beitrag 🙄", "--kommentar", "frage-radweg",
                       "--json")
    assert code == 1 and json.loads(out)["ampel"] == "rot"
    code, _, err = run_cli("community", "antwort", "Danke!", "--kommentar", "gibt-es-nicht")
    assert code == 2 and "gibt es nicht" in err


def test_netiquette_fills_the_municipality_and_reports_left_out_blocks():
    code, out, _ = run_cli("community", "netiquette", "--kommune", "Beispieldorf", "--kanal", "Instagram",
                       "--bausteine", "respekt,hass", "--json")
    data = json.loads(out)
    assert code == 0 and data["titel"] == "Netiquette der Stadt Beispieldorf auf Instagram"
    assert "daten" in data["fehlende_pflicht"] and "respekt" not in data["fehlende_pflicht"]
    code, _, err = run_cli("community", "netiquette", "--bausteine", "respekt,gibtsnicht")
    assert code == 2 and "gibtsnicht" in err


def test_netiquette_text_practises_plain_language():
    from kommsocial.text import analyze

    n = baue_netiquette()
    assert not n.fehlende_pflicht
    assert "24 Stunden" in n.markdown() and "musterstadt.example/kontakt" in n.markdown()
    findings = [f for f in analyze(n.text(), platform="facebook").findings if f.rule == "amtsdeutsch"]
    assert findings == []
