"""`kommsocial ki ...` through kommsocial.cli.main: output, JSON, exit codes, German errors, input left untouched."""

from __future__ import annotations

import json

from conftest import run_cli
from fakes import RESEARCH_DATE, RESEARCH_STAND
from kommsocial.ki import get_case


def write_case(tmp_path, case_id: str):
    fall = get_case(case_id)
    q, e = tmp_path / "quelle.txt", tmp_path / "entwurf.txt"
    q.write_text(fall.quelle, encoding="utf-8")
    e.write_text(fall.entwurf, encoding="utf-8")
    return fall, q, e


def test_pruefen_json_lists_unsupported_details(tmp_path):
    fall, q, e = write_case(tmp_path, "lindenallee")
    before = e.read_bytes()
    proc = run_cli("ki", "pruefen", str(q), str(e), "--plattform", "x", "--json")
    assert proc.code == 1, proc.err
    data = json.loads(proc.out)
    assert [a["text"] for a in data["nicht_belegt"]] == ["23. Dezember", "5", "https://musterstadt.de/lindenallee-sperrung"]
    assert data["ampel"] == "rot" and data["plattform"] == "x"
    assert any(f["rule"] == "werbesprache" for f in data["ton"])
    assert e.read_bytes() == before


def test_pruefen_human_output_and_exit_zero_when_supported(tmp_path):
    q, e = tmp_path / "q.txt", tmp_path / "e.txt"
    q.write_text("Der Markt öffnet am 5. Dezember 2026 um 10 Uhr.", encoding="utf-8")
    e.write_text("Markt: 5. Dezember, 10 Uhr.", encoding="utf-8")
    proc = run_cli("ki", "pruefen", str(q), str(e))
    assert proc.code == 0, proc.err
    assert "Ampel: Grün – 0 nicht belegte Angabe(n), 2 belegt" in proc.out
    assert "belegt        Datum          „5. Dezember“" in proc.out


def test_missing_file_and_bad_platform_are_german_errors(tmp_path):
    q = tmp_path / "q.txt"
    q.write_text("Quelle mit Text.", encoding="utf-8")
    proc = run_cli("ki", "pruefen", str(q), str(tmp_path / "fehlt.txt"))
    assert proc.code == 2 and "Die Datei wurde nicht gefunden." in proc.err
    assert "Traceback" not in proc.err
    proc = run_cli("ki", "pruefen", str(q), str(q), "--plattform", "myspace")
    assert proc.code == 2 and "myspace" in proc.err and "Traceback" not in proc.err
    empty = tmp_path / "leer.txt"
    empty.write_text("  \n", encoding="utf-8")
    proc = run_cli("ki", "pruefen", str(q), str(empty))
    assert proc.code == 2 and "Die Datei ist leer." in proc.err


def test_faelle_lists_the_bank():
    proc = run_cli("ki", "faelle", "--json")
    assert proc.code == 0, proc.err
    data = json.loads(proc.out)
    assert len(data["faelle"]) >= 8 and data["stand"] == RESEARCH_DATE.isoformat()
    human = run_cli("ki", "faelle")
    assert "lindenallee" in human.out
    assert human.out.rstrip().endswith(f"Stand: {RESEARCH_STAND} – keine Rechtsberatung.")
