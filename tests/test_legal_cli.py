"""`kommsocial recht ...` in real subprocesses: output, JSON, exit codes, data folder override."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

FOOTER = "Stand: 21.11.2026 bis 07.12.2026 – keine Rechtsberatung."


def run(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "kommsocial.cli", "legal", *args],
        capture_output=True, text=True, timeout=120, env={**os.environ, **(env or {})},
    )


def last_line(out: str) -> str:
    return out.rstrip("\n").splitlines()[-1]


def test_cards_human_and_json():
    human = run("cards")
    assert human.returncode == 0, human.stderr
    assert last_line(human.stdout) == FOOTER
    assert "neutralitaet-vorwahlzeit" in human.stdout and "Quellen:" in human.stdout
    data = json.loads(run("cards", "--json").stdout)
    assert data["anzahl"] == len(data["karten"]) >= 30
    assert data["hinweis"] == "keine Rechtsberatung" and data["stand"] == "21.11.2026 bis 07.12.2026"
    first = data["karten"][0]
    assert {"id", "titel", "thema", "quellen", "stand", "status"} <= set(first)
    offen = json.loads(run("cards", "--status", "offen", "--json").stdout)
    assert offen["karten"] and all(k["status"] == "offen" for k in offen["karten"])


def test_card_shows_federal_label_and_land_law_note():
    r = run("card", "bild-beschaeftigte")
    assert r.returncode == 0, r.stderr
    assert "§ 26 Abs. 2 S. 3 BDSG (Bundesnorm)" in r.stdout
    assert "Landesrecht:" in r.stdout and "8 AZR 1010/13" in r.stdout
    assert "Art. 7 Abs. 3 DSGVO" in r.stdout
    # One card shows its own Stand: this one was corrected on 06.12.2026.
    assert last_line(r.stdout) == "Stand: 06.12.2026 – keine Rechtsberatung."


def test_tree_as_indented_text_and_json():
    r = run("tree", "foto")
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0].startswith("Dürfen wir dieses Foto posten?")
    assert any(line.startswith("    ? ") for line in lines), "questions are not indented"
    assert "→ [ROT]" in r.stdout and "→ [GRÜN]" in r.stdout
    # The Stand of a tree is that of the cards it cites (the drone card was corrected on 06.12.2026).
    assert last_line(r.stdout) == "Stand: 21.11.2026 bis 06.12.2026 – keine Rechtsberatung."
    data = json.loads(run("tree", "kommentar", "--json").stdout)
    assert data["baum"]["id"] == "kommentar" and data["baum"]["start"] in data["baum"]["knoten"]


def test_unknown_tree_is_a_german_error_with_exit_2():
    r = run("tree", "wetter")
    assert r.returncode == 2
    assert "Entscheidungsbaum „wetter“" in r.stderr and "Traceback" not in r.stderr


def test_quiz_human_hides_answers_json_shows_them():
    human = run("quiz", "--anzahl", "4", "--seed", "3")
    assert human.returncode == 0, human.stderr
    assert "erklaerung" not in human.stdout and "Auswahl Nummer 3" in human.stdout
    numbers = [line.split(".")[0] for line in human.stdout.splitlines() if re.match(r"^\d+\. ", line)]
    assert numbers == ["1", "2", "3", "4"]
    assert last_line(human.stdout) == FOOTER
    a = json.loads(run("quiz", "--anzahl", "4", "--seed", "3", "--json").stdout)
    b = json.loads(run("quiz", "--anzahl", "4", "--seed", "3", "--json").stdout)
    assert [q["id"] for q in a["fragen"]] == [q["id"] for q in b["fragen"]]
    assert all(q["richtig"] and q["erklaerung"] and q["karten"] for q in a["fragen"])
    # The human form shows the same questions in the same order.
    assert a["fragen"][0]["frage"] in human.stdout


def test_quiz_rejects_bad_count():
    r = run("quiz", "--anzahl", "0")
    assert r.returncode == 2 and "mindestens 1" in r.stderr


OLD_AND_NEW = """\
karten:
  - id: alte-karte
    titel: Eine alte Karte
    thema: impressum
    kernaussage: Diese Karte ist alt und muss geprüft werden.
    details: Details zur alten Karte für den Test.
    quellen: [Testquelle alt]
    stand: 2024-01-15
    status: gesichert
  - id: neue-karte
    titel: Eine neue Karte
    thema: impressum
    kernaussage: Diese Karte ist frisch und bleibt unauffällig.
    details: Details zur neuen Karte für den Test.
    quellen: [Testquelle neu]
    stand: 2026-11-21
    status: gesichert
"""


@pytest.fixture
def data_folder(tmp_path) -> Path:
    folder = tmp_path / "daten"
    (folder / "karten").mkdir(parents=True)
    (folder / "karten" / "test.yaml").write_text(OLD_AND_NEW, encoding="utf-8")
    return folder


def test_freshness_lists_only_old_cards(data_folder):
    r = run("freshness", "--daten", str(data_folder), "--heute", "2026-12-01")
    assert r.returncode == 0, r.stderr
    assert "alte-karte" in r.stdout and "neue-karte" not in r.stdout
    assert "Testquelle alt" in r.stdout
    assert last_line(r.stdout) == "Stand: 15.01.2024 bis 21.11.2026 – keine Rechtsberatung."
    data = json.loads(run("freshness", "--daten", str(data_folder), "--heute", "2026-12-01", "--json").stdout)
    assert [k["id"] for k in data["karten"]] == ["alte-karte"] and data["stichtag"] == "2025-12-01"


def test_freshness_via_env_variable_and_month_boundary(data_folder):
    env = {"KOMMSOCIAL_LEGAL_DATA": str(data_folder)}
    # 2024-01-15 is exactly 12 months before 2025-01-15: not yet older than 12 months.
    r = run("freshness", "--heute", "2025-01-15", "--json", env=env)
    assert r.returncode == 0 and json.loads(r.stdout)["anzahl"] == 0
    r = run("freshness", "--heute", "2025-01-16", "--json", env=env)
    assert json.loads(r.stdout)["anzahl"] == 1
    r = run("freshness", "--monate", "36", "--heute", "2026-12-01", env=env)
    assert r.returncode == 0 and "Nichts zu prüfen" in r.stdout


def test_shipped_cards_are_fresh_relative_to_research_date():
    data = json.loads(run("freshness", "--heute", "2026-11-21", "--json").stdout)
    assert data["anzahl"] == 0


def test_malformed_data_folder_gives_line_numbered_error(tmp_path):
    folder = tmp_path / "kaputt"
    (folder / "karten").mkdir(parents=True)
    (folder / "karten" / "x.yaml").write_text(OLD_AND_NEW.replace("status: gesichert", "status: sicher", 1),
                                               encoding="utf-8")
    r = run("cards", "--daten", str(folder))
    assert r.returncode == 2
    assert "x.yaml" in r.stderr and "Zeile 9" in r.stderr and "status" in r.stderr
    assert "Traceback" not in r.stderr


def test_impressum_command_exit_codes(tmp_path):
    good = tmp_path / "gut.yaml"
    good.write_text(textwrap.dedent("""\
        plattform: Instagram
        behoerde: Stadt Musterstadt
        anschrift: Rathausplatz 1, 12345 Musterstadt
        vertretungsberechtigt: Bürgermeisterin Erika Beispiel, Rathausplatz 1, 12345 Musterstadt
        kontakt: presse@musterstadt.example
        link_text: Impressum
        klicks: 1
        """), encoding="utf-8")
    r = run("impressum", str(good))
    assert r.returncode == 0, r.stderr
    assert "Ampel GRÜN" in r.stdout and "§ 5 DDG" in r.stdout and last_line(r.stdout) == FOOTER
    bad = tmp_path / "schlecht.yaml"
    bad.write_text("plattform: Facebook\nlink_text: Info\nklicks: 4\n", encoding="utf-8")
    r = run("impressum", str(bad), "--json")
    assert r.returncode == 1
    data = json.loads(r.stdout)
    assert data["ampel"] == "rot" and {"link-info", "zu-viele-klicks"} <= {b["regel"] for b in data["befunde"]}
    typo = tmp_path / "tippfehler.yaml"
    typo.write_text("plattform: Facebook\nklickz: 4\n", encoding="utf-8")
    r = run("impressum", str(typo))
    assert r.returncode == 2 and "Zeile 2" in r.stderr and "klickz" in r.stderr
