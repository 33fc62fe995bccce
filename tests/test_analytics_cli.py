"""`kommsocial wirkung ...` in real subprocesses: exit codes, JSON shape, files."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

DATA = Path(__file__).parent / "data" / "analytics" / "klein.csv"


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kommsocial.cli", "analytics", *args],
                          capture_output=True, text=True, timeout=120)


def test_kpis_json():
    res = run("kpis", str(DATA), "--json")
    assert res.returncode == 0, res.stderr
    out = json.loads(res.stdout)
    assert out["rows"] == 4 and out["synthetisch"] is False
    assert out["gesamt"]["er_reichweite"] == 3.46 and out["gesamt"]["er_follower"] == 2.25
    kanal = {r["Kanal"]: r for r in out["nach"]["Kanal"]}
    assert kanal["Instagram"]["er_follower"] == 6.25
    assert "unter" in out["vergleich"]


def test_kpis_text_german():
    res = run("kpis", str(DATA), "--nach", "Kanal", "Wochentag")
    assert res.returncode == 0, res.stderr
    assert "Engagement-Rate nach Reichweite (%)    3,46" in res.stdout
    assert "Nach Wochentag:" in res.stdout and "Samstag" in res.stdout


def test_kpis_bad_input_exit_2(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("Datum;Kanal;Reichweite;Likes\n01.12.2026;Facebook;-3;1\n", encoding="utf-8")
    res = run("kpis", str(bad))
    assert res.returncode == 2 and "Zeile 2" in res.stderr and "Traceback" not in res.stderr
    assert run("kpis", str(tmp_path / "fehlt.csv")).returncode == 2


def test_beispieldaten_deterministic(tmp_path):
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    assert run("beispieldaten", "--ausgabe", str(a), "--seed", "4", "--wochen", "3").returncode == 0
    assert run("beispieldaten", "--ausgabe", str(b), "--seed", "4", "--wochen", "3").returncode == 0
    assert a.read_bytes() == b.read_bytes()
    out = json.loads(run("kpis", str(a), "--json").stdout)
    assert out["synthetisch"] is True and out["rows"] > 0
    assert run("beispieldaten", "--ausgabe", str(tmp_path / "x.xlsx")).returncode == 2
