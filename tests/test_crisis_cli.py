"""`kommsocial szenario …` through kommsocial.cli.main: list, validate, play, German errors with exit code 2."""

from __future__ import annotations

import json
from pathlib import Path

import kommsocial.crisis as crisis_pkg
from conftest import run_cli
from kommsocial.crisis.schema import builtin_files

DATA = Path(__file__).parent / "data" / "crisis"
EXAMPLES = Path(crisis_pkg.__file__).parent / "beispiele"


def test_list_json_has_every_builtin_scenario() -> None:
    proc = run_cli("scenario", "list", "--json")
    assert proc.code == 0, proc.err
    data = json.loads(proc.out)
    assert {s["id"] for s in data["scenarios"]} == {p.stem for p in builtin_files()}
    for item in data["scenarios"]:
        assert item["minuten"] >= 60 and item["titel"] and "{" not in item["titel"]


def test_list_plain_is_german() -> None:
    proc = run_cli("scenario", "list")
    assert proc.code == 0
    assert "Min." in proc.out and "Szenarien" in proc.out


def test_validate_ok_summary() -> None:
    proc = run_cli("scenario", "validate", str(DATA / "mini.yaml"))
    assert proc.code == 0, proc.err
    assert proc.out.startswith("OK:") and "gültig" in proc.out and "5 Einspielungen" in proc.out


def test_validate_errors_exit_2_with_line_and_field(tmp_path: Path) -> None:
    proc = run_cli("scenario", "validate", str(DATA / "mini_kaputt_syntax.yaml"))
    assert proc.code == 2
    assert "Zeile" in proc.err and "YAML-Syntaxfehler" in proc.err and "Traceback" not in proc.err

    broken = tmp_path / "falsche_persona.yaml"
    broken.write_text((DATA / "mini.yaml").read_text(encoding="utf-8").replace("persona: tr\n", "persona: xx\n", 1),
                      encoding="utf-8")
    proc = run_cli("scenario", "validate", str(broken))
    assert proc.code == 2
    assert "Zeile 41" in proc.err and "Feld „injects[3].persona“" in proc.err, proc.err

    proc = run_cli("scenario", "validate", str(tmp_path / "gibtsnicht.yaml"))
    assert proc.code == 2 and "nicht gefunden" in proc.err


def test_play_json_contract() -> None:
    proc = run_cli("scenario", "play", "grossbrand", "--responses", str(EXAMPLES / "grossbrand_gut.yaml"),
                   "--seed", "4", "--json")
    assert proc.code == 0, proc.err
    data = json.loads(proc.out)
    assert data["scenario"] == "grossbrand"
    assert set(data["score"]) == {"gesamt", "dimensions"}
    assert set(data["score"]["dimensions"]) == {
        "schnelligkeit", "richtigkeit", "verstaendlichkeit", "konsistenz", "geruechtekontrolle", "ton"}
    assert all(0 <= v <= 100 for v in [data["score"]["gesamt"], *data["score"]["dimensions"].values()])
    assert isinstance(data["missed"], list) and isinstance(data["timeline"], list)
    arts = {t["art"] for t in data["timeline"]}
    assert arts == {"inject", "aktion", "entscheidung"}
    again = json.loads(run_cli("scenario", "play", "grossbrand", "--responses", str(EXAMPLES / "grossbrand_gut.yaml"),
                               "--seed", "4", "--json").out)
    assert again == data


def test_play_without_responses_and_scenario_file(tmp_path: Path) -> None:
    data = json.loads(run_cli("scenario", "play", str(DATA / "mini.yaml"), "--json").out)
    assert data["score"]["gesamt"] == 0
    assert set(data["missed"]) == {"e_first", "e_rumour", "e_troll"}
    html = tmp_path / "debrief.html"
    proc = run_cli("scenario", "play", str(DATA / "mini.yaml"), "--responses", str(DATA / "mini_gut.yaml"),
                   "--html", str(html), "--setting", "stadt=Beispielhausen")
    assert proc.code == 0, proc.err
    assert "Gesamt:" in proc.out and "Alle Erwartungen erfüllt" in proc.out
    assert "Beispielhausen" in html.read_text(encoding="utf-8")


def test_play_responses_errors_are_line_numbered(tmp_path: Path) -> None:
    bad = tmp_path / "antworten.yaml"
    bad.write_text("- minute: 3\n  action: post\n  text: Hallo\n- minute: 5\n  action: hide\n  target: zz9\n",
                   encoding="utf-8")
    proc = run_cli("scenario", "play", str(DATA / "mini.yaml"), "--responses", str(bad))
    assert proc.code == 2
    assert "Zeile 6" in proc.err and "zz9" in proc.err and "Feld „[2].target“" in proc.err

    bad.write_text("- minute: drei\n  action: post\n  text: Hallo\n", encoding="utf-8")
    proc = run_cli("scenario", "play", str(DATA / "mini.yaml"), "--responses", str(bad))
    assert proc.code == 2 and "Zeile 1" in proc.err and "Zahl" in proc.err

    bad.write_text("- minute: 3\n  action: shout\n  text: Hallo\n", encoding="utf-8")
    proc = run_cli("scenario", "play", str(DATA / "mini.yaml"), "--responses", str(bad))
    assert proc.code == 2 and "Zeile 2" in proc.err and "unzulässiger Wert" in proc.err

    bad.write_text("- minute: 3\n  action: post\n  text: Hallo\n- minute: 1\n  action: hide\n  target: a4\n",
                   encoding="utf-8")
    proc = run_cli("scenario", "play", str(DATA / "mini.yaml"), "--responses", str(bad))
    assert proc.code == 2 and "Zeile 4" in proc.err and "erst ab Minute 12" in proc.err

    proc = run_cli("scenario", "play", "gibtsnicht")
    assert proc.code == 2 and "grossbrand" in proc.err


def test_unknown_command_and_help_are_german() -> None:
    proc = run_cli("scenario", "--hilfe")
    assert proc.code == 0 and "Krisen-Simulator" in proc.out
    proc = run_cli("scenario", "play", "--hilfe")
    assert "--responses" in proc.out and "Nummer der Variante" in proc.out
