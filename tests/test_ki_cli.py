"""`kommsocial ki ...` in real subprocesses: output, JSON, exit codes, German errors, input left untouched."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from kommsocial.ki import get_case


def run(*args: str, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kommsocial.cli", "ki", *args], capture_output=True, text=True,
                          timeout=120, cwd=cwd, env=dict(os.environ))


def write_case(tmp_path, case_id: str):
    fall = get_case(case_id)
    q, e = tmp_path / "quelle.txt", tmp_path / "entwurf.txt"
    q.write_text(fall.quelle, encoding="utf-8")
    e.write_text(fall.entwurf, encoding="utf-8")
    return fall, q, e


def test_pruefen_json_lists_unsupported_details(tmp_path):
    fall, q, e = write_case(tmp_path, "lindenallee")
    before = e.read_bytes()
    proc = run("pruefen", str(q), str(e), "--plattform", "x", "--json")
    assert proc.returncode == 1, proc.stderr
    data = json.loads(proc.stdout)
    assert [a["text"] for a in data["nicht_belegt"]] == ["23. Dezember", "5", "https://musterstadt.de/lindenallee-sperrung"]
    assert data["ampel"] == "rot" and data["plattform"] == "x"
    assert any(f["rule"] == "werbesprache" for f in data["ton"])
    assert e.read_bytes() == before


def test_pruefen_human_output_and_exit_zero_when_supported(tmp_path):
    q, e = tmp_path / "q.txt", tmp_path / "e.txt"
    q.write_text("Der Markt öffnet am 5. Dezember 2026 um 10 Uhr.", encoding="utf-8")
    e.write_text("Markt: 5. Dezember, 10 Uhr.", encoding="utf-8")
    proc = run("pruefen", str(q), str(e))
    assert proc.returncode == 0, proc.stderr
    assert "Ampel: Grün – 0 nicht belegte Angabe(n), 2 belegt" in proc.stdout
    assert "belegt        Datum          „5. Dezember“" in proc.stdout


def test_missing_file_and_bad_platform_are_german_errors(tmp_path):
    q = tmp_path / "q.txt"
    q.write_text("Quelle mit Text.", encoding="utf-8")
    proc = run("pruefen", str(q), str(tmp_path / "fehlt.txt"))
    assert proc.returncode == 2 and "Die Datei wurde nicht gefunden." in proc.stderr
    assert "Traceback" not in proc.stderr
    proc = run("pruefen", str(q), str(q), "--plattform", "myspace")
    assert proc.returncode == 2 and "myspace" in proc.stderr and "Traceback" not in proc.stderr
    empty = tmp_path / "leer.txt"
    empty.write_text("  \n", encoding="utf-8")
    proc = run("pruefen", str(q), str(empty))
    assert proc.returncode == 2 and "Die Datei ist leer." in proc.stderr


def test_faelle_lists_the_bank():
    proc = run("faelle", "--json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert len(data["faelle"]) >= 8 and data["stand"] == "2026-11-21"
    human = run("faelle")
    assert "lindenallee" in human.stdout
    assert human.stdout.rstrip().endswith("Stand: 21.11.2026 – keine Rechtsberatung.")
