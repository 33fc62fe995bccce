"""`kommsocial recht ...` through kommsocial.cli.main: output, JSON, exit codes, data folder override."""

from __future__ import annotations

import json
import re
import textwrap
from pathlib import Path

import pytest

from conftest import run_cli
from fakes import RESEARCH_DATE, RESEARCH_STAND

FOOTER = f"Stand: {RESEARCH_STAND} bis 08.12.2026 – keine Rechtsberatung."


def last_line(out: str) -> str:
    return out.rstrip("\n").splitlines()[-1]


def test_cards_human_and_json():
    human = run_cli("legal", "cards")
    assert human.code == 0, human.err
    assert last_line(human.out) == FOOTER
    assert "neutralitaet-vorwahlzeit" in human.out and "Quellen:" in human.out
    data = json.loads(run_cli("legal", "cards", "--json").out)
    assert data["anzahl"] == len(data["karten"]) >= 30
    assert data["hinweis"] == "keine Rechtsberatung" and data["stand"] == f"{RESEARCH_STAND} bis 08.12.2026"
    first = data["karten"][0]
    assert {"id", "titel", "thema", "quellen", "stand", "status"} <= set(first)
    offen = json.loads(run_cli("legal", "cards", "--status", "offen", "--json").out)
    assert offen["karten"] and all(k["status"] == "offen" for k in offen["karten"])


def test_card_shows_federal_label_and_land_law_note():
    r = run_cli("legal", "card", "bild-beschaeftigte")
    assert r.code == 0, r.err
    assert "§ 26 Abs. 2 S. 3 BDSG (Bundesnorm)" in r.out
    assert "Landesrecht:" in r.out and "8 AZR 1010/13" in r.out
    assert "Art. 7 Abs. 3 DSGVO" in r.out
    # One card shows its own Stand: this one was corrected on 06.12.2026.
    assert last_line(r.out) == "Stand: 06.12.2026 – keine Rechtsberatung."


def test_tree_as_indented_text_and_json():
    r = run_cli("legal", "tree", "foto")
    assert r.code == 0, r.err
    lines = r.out.splitlines()
    assert lines[0].startswith("Dürfen wir dieses Foto posten?")
    assert any(line.startswith("    ? ") for line in lines), "questions are not indented"
    assert "→ [ROT]" in r.out and "→ [GRÜN]" in r.out
    # The Stand of a tree is that of the cards it cites (the drone card was corrected on 06.12.2026).
    assert last_line(r.out) == f"Stand: {RESEARCH_STAND} bis 06.12.2026 – keine Rechtsberatung."
    data = json.loads(run_cli("legal", "tree", "kommentar", "--json").out)
    assert data["baum"]["id"] == "kommentar" and data["baum"]["start"] in data["baum"]["knoten"]


def test_unknown_tree_is_a_german_error_with_exit_2():
    r = run_cli("legal", "tree", "wetter")
    assert r.code == 2
    assert "Entscheidungsbaum „wetter“" in r.err and "Traceback" not in r.err


def test_quiz_human_hides_answers_json_shows_them():
    human = run_cli("legal", "quiz", "--anzahl", "4", "--seed", "3")
    assert human.code == 0, human.err
    assert "erklaerung" not in human.out and "Auswahl Nummer 3" in human.out
    numbers = [line.split(".")[0] for line in human.out.splitlines() if re.match(r"^\d+\. ", line)]
    assert numbers == ["1", "2", "3", "4"]
    assert last_line(human.out) == FOOTER
    a = json.loads(run_cli("legal", "quiz", "--anzahl", "4", "--seed", "3", "--json").out)
    b = json.loads(run_cli("legal", "quiz", "--anzahl", "4", "--seed", "3", "--json").out)
    assert [q["id"] for q in a["fragen"]] == [q["id"] for q in b["fragen"]]
    assert all(q["richtig"] and q["erklaerung"] and q["karten"] for q in a["fragen"])
    # The human form shows the same questions in the same order.
    assert a["fragen"][0]["frage"] in human.out


def test_quiz_rejects_bad_count():
    r = run_cli("legal", "quiz", "--anzahl", "0")
    assert r.code == 2 and "mindestens 1" in r.err


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
    r = run_cli("legal", "freshness", "--daten", str(data_folder), "--heute", "2026-12-01")
    assert r.code == 0, r.err
    assert "alte-karte" in r.out and "neue-karte" not in r.out
    assert "Testquelle alt" in r.out
    assert last_line(r.out) == "Stand: 15.01.2024 bis 21.11.2026 – keine Rechtsberatung."
    data = json.loads(run_cli("legal", "freshness", "--daten", str(data_folder), "--heute", "2026-12-01", "--json").out)
    assert [k["id"] for k in data["karten"]] == ["alte-karte"] and data["stichtag"] == "2025-12-01"


def test_freshness_via_env_variable_and_month_boundary(data_folder, monkeypatch):
    monkeypatch.setenv("KOMMSOCIAL_LEGAL_DATA", str(data_folder))
    # 2024-01-15 is exactly 12 months before 2025-01-15: not yet older than 12 months.
    r = run_cli("legal", "freshness", "--heute", "2025-01-15", "--json")
    assert r.code == 0 and json.loads(r.out)["anzahl"] == 0
    r = run_cli("legal", "freshness", "--heute", "2025-01-16", "--json")
    assert json.loads(r.out)["anzahl"] == 1
    r = run_cli("legal", "freshness", "--monate", "36", "--heute", "2026-12-01")
    assert r.code == 0 and "Nichts zu prüfen" in r.out


def test_shipped_cards_are_fresh_relative_to_research_date():
    data = json.loads(run_cli("legal", "freshness", "--heute", RESEARCH_DATE.isoformat(), "--json").out)
    assert data["anzahl"] == 0


def test_malformed_data_folder_gives_line_numbered_error(tmp_path):
    folder = tmp_path / "kaputt"
    (folder / "karten").mkdir(parents=True)
    (folder / "karten" / "x.yaml").write_text(OLD_AND_NEW.replace("status: gesichert", "status: sicher", 1),
                                               encoding="utf-8")
    r = run_cli("legal", "cards", "--daten", str(folder))
    assert r.code == 2
    assert "x.yaml" in r.err and "Zeile 9" in r.err and "status" in r.err
    assert "Traceback" not in r.err


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
    r = run_cli("legal", "impressum", str(good))
    assert r.code == 0, r.err
    assert "Ampel GRÜN" in r.out and "§ 5 DDG" in r.out and last_line(r.out) == FOOTER
    bad = tmp_path / "schlecht.yaml"
    bad.write_text("plattform: Facebook\nlink_text: Info\nklicks: 4\n", encoding="utf-8")
    r = run_cli("legal", "impressum", str(bad), "--json")
    assert r.code == 1
    data = json.loads(r.out)
    assert data["ampel"] == "rot" and {"link-info", "zu-viele-klicks"} <= {b["regel"] for b in data["befunde"]}
    typo = tmp_path / "tippfehler.yaml"
    typo.write_text("plattform: Facebook\nklickz: 4\n", encoding="utf-8")
    r = run_cli("legal", "impressum", str(typo))
    assert r.code == 2 and "Zeile 2" in r.err and "klickz" in r.err
