"""`kommsocial plan ...` through kommsocial.cli.main: exit codes, JSON shape, written files."""

from __future__ import annotations

import json
from pathlib import Path

from icalendar import Calendar
from openpyxl import load_workbook

from conftest import run_cli

DATA = Path(__file__).parent / "data" / "plan"
HEADER = "Datum;Uhrzeit;Kanal;Thema;Format;Verantwortlich;Status;Kampagne;Pressemitteilung;Kategorie"


def test_check_clean_plan_exit_0_json_shape():
    res = run_cli("plan", "check", str(DATA / "musterstadt.csv"), "--json")
    assert res.code == 0, res.err
    out = json.loads(res.out)
    assert set(out) == {"rows", "findings"} and out["rows"] == 4
    for f in out["findings"]:
        assert set(f) == {"row", "rule", "severity", "message"}
        assert isinstance(f["row"], int) and f["severity"] in {"fehler", "warnung", "hinweis"}


def test_check_with_errors_exit_1_and_spreadsheet_rows(tmp_path):
    path = tmp_path / "plan.csv"
    path.write_text(f"{HEADER}\n01.12.2026;10:00;Facebook;a;;;;;;\n\n31.02.2026;10:00;Facebook;b;;;;;;\n",
                    encoding="utf-8")
    res = run_cli("plan", "check", str(path), "--json")
    assert res.code == 1
    out = json.loads(res.out)
    assert {"row": 4, "rule": "datum", "severity": "fehler"}.items() <= out["findings"][0].items()


def test_check_text_output_german_with_threshold(tmp_path):
    path = tmp_path / "plan.csv"
    path.write_text(f"{HEADER}\n01.12.2026;23:00;Facebook;a;;;;;;\n", encoding="utf-8")
    res = run_cli("plan", "check", str(path))
    assert res.code == 0
    assert "Zeile    2" in res.out and "Nachtruhe:" in res.out and "Schwelle: Nachtruhe 22:00" in res.out
    assert "nachtruhe:" not in res.out and "1 Zeile, 1 Beitrag – 0 Fehler, 1 Warnung, 0 Hinweise." in res.out


def test_check_land_and_wahltag(tmp_path):
    path = tmp_path / "plan.csv"
    path.write_text(f"{HEADER}\n06.01.2027;10:00;Facebook;Bilanz;;;;;;Erfolgsbilanz\n", encoding="utf-8")
    res = run_cli("plan", "check", str(path), "--land", "by", "--wahltag", "2027-02-01", "--json")
    rules = {f["rule"] for f in json.loads(res.out)["findings"]}
    assert rules == {"feiertag", "vorwahlzeit"}
    res = run_cli("plan", "check", str(path), "--land", "NI", "--json")
    assert json.loads(res.out)["findings"] == []


def test_unusable_input_exit_2_without_traceback(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("Datum;Thema\n01.12.2026;x\n", encoding="utf-8")
    for args in (("check", str(bad)), ("check", str(tmp_path / "fehlt.csv")),
                 ("check", str(bad), "--wahltag", "12.09.2027"), ("check", str(bad), "--land", "XX")):
        res = run_cli("plan", *args)
        assert res.code == 2, args
        assert "Traceback" not in res.err and "Fehler" in res.err


def test_export_all_formats(tmp_path):
    res = run_cli("plan", "export", str(DATA / "musterstadt.csv"), "--ics", str(tmp_path / "p.ics"),
                  "--xlsx", str(tmp_path / "p.xlsx"), "--csv", str(tmp_path / "p.csv"))
    assert res.code == 0, res.err
    cal = Calendar.from_ical((tmp_path / "p.ics").read_bytes())
    assert len([c for c in cal.walk() if c.name == "VEVENT"]) == 4
    assert load_workbook(tmp_path / "p.xlsx").sheetnames == ["Plan", "Hinweise"]
    assert (tmp_path / "p.csv").read_bytes().startswith(b"\xef\xbb\xbf")


def test_export_needs_a_format_and_protects_input(tmp_path):
    src = tmp_path / "plan.csv"
    src.write_bytes((DATA / "musterstadt.csv").read_bytes())
    assert run_cli("plan", "export", str(src)).code == 2
    res = run_cli("plan", "export", str(src), "--csv", str(src))
    assert res.code == 2 and "überschreiben" in res.err
    assert src.read_bytes() == (DATA / "musterstadt.csv").read_bytes()


def test_merge_writes_and_reports_overlaps(tmp_path):
    out = tmp_path / "gemeinsam.xlsx"
    res = run_cli("plan", "merge", str(DATA / "musterstadt.csv"), str(DATA / "nachbarort.csv"), "--ausgabe", str(out),
                  "--json")
    assert res.code == 0, res.err
    data = json.loads(res.out)
    assert data["rows"] == 7 and len(data["overlaps"]) == 2
    assert all(o["kommunen"] == ["musterstadt", "nachbarort"] for o in data["overlaps"])
    wb = load_workbook(out)
    assert wb["Plan"]["B1"].value == "Kommune"
    assert sum(1 for r in wb["Hinweise"].iter_rows(min_row=2) if r[1].value == "ueberschneidung") == 2


def test_merge_text_and_bad_suffix(tmp_path):
    res = run_cli("plan", "merge", str(DATA / "musterstadt.csv"), str(DATA / "nachbarort.csv"),
                  "--ausgabe", str(tmp_path / "m.csv"))
    assert res.code == 0 and "2 Überschneidungen:" in res.out
    res = run_cli("plan", "merge", str(DATA / "musterstadt.csv"), str(DATA / "nachbarort.csv"),
                  "--ausgabe", str(tmp_path / "m.pdf"))
    assert res.code == 2 and "Ausgabeformat" in res.err


def test_help_is_german():
    res = run_cli("plan", "check", "--hilfe")
    assert res.code == 0 and "Bundesland" in res.out and "Wahltag" in res.out
