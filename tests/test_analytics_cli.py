"""`kommsocial wirkung ...` through kommsocial.cli.main: exit codes, JSON shape, files."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import run_cli

DATA = Path(__file__).parent / "data" / "analytics" / "klein.csv"


def test_kpis_json():
    res = run_cli("analytics", "kpis", str(DATA), "--json")
    assert res.code == 0, res.err
    out = json.loads(res.out)
    assert out["rows"] == 4 and out["synthetisch"] is False
    assert out["gesamt"]["er_reichweite"] == 3.46 and out["gesamt"]["er_follower"] == 2.25
    kanal = {r["Kanal"]: r for r in out["nach"]["Kanal"]}
    assert kanal["Instagram"]["er_follower"] == 6.25
    assert "unter" in out["vergleich"]


def test_kpis_text_german():
    res = run_cli("analytics", "kpis", str(DATA), "--nach", "Kanal", "Wochentag")
    assert res.code == 0, res.err
    assert "Engagement-Rate nach Reichweite (%)    3,46" in res.out
    assert "Nach Wochentag:" in res.out and "Samstag" in res.out


def test_kpis_bad_input_exit_2(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("Datum;Kanal;Reichweite;Likes\n01.12.2026;Facebook;-3;1\n", encoding="utf-8")
    res = run_cli("analytics", "kpis", str(bad))
    assert res.code == 2 and "Zeile 2" in res.err and "Traceback" not in res.err
    assert run_cli("analytics", "kpis", str(tmp_path / "fehlt.csv")).code == 2


def test_beispieldaten_deterministic(tmp_path):
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    assert run_cli("analytics", "beispieldaten", "--ausgabe", str(a), "--seed", "4", "--wochen", "3").code == 0
    assert run_cli("analytics", "beispieldaten", "--ausgabe", str(b), "--seed", "4", "--wochen", "3").code == 0
    assert a.read_bytes() == b.read_bytes()
    out = json.loads(run_cli("analytics", "kpis", str(a), "--json").out)
    assert out["synthetisch"] is True and out["rows"] > 0
    assert run_cli("analytics", "beispieldaten", "--ausgabe", str(tmp_path / "x.xlsx")).code == 2
