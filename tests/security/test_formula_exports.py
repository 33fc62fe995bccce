"""Finding 5: no export writes a cell that a spreadsheet program runs as a formula."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest

from conftest import run_cli
from kommsocial._cells import neutralise_cell, starts_formula

ROOT = Path(__file__).resolve().parents[2]
SEMINAR_SOURCE = ROOT / "tests" / "data" / "seminar" / "solutions"
PAYLOADS = (
    "=HYPERLINK(\"https://example.invalid\";\"Klick\")",
    "=cmd|' /C calc'!A0",
    "+SUM(1;2)",
    "-2+3",
    "@SUM(A1)",
    "\t=1+1",
    "  =1+1",
    "\uff1d1+1",
)


def csv_cells(data: bytes) -> list[str]:
    text = data.decode("utf-8-sig")
    return [cell for row in csv.reader(io.StringIO(text, newline=""), delimiter=";") for cell in row]


def xlsx_cells(path: Path) -> list[object]:
    from openpyxl import load_workbook

    wb = load_workbook(path)
    cells = []
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                assert c.data_type != "f", f"formula in {ws.title}!{c.coordinate}: {c.value!r}"
                cells.append(c.value)
    return cells


def assert_safe(cells: list[object], payloads=PAYLOADS) -> None:
    texts = [c for c in cells if isinstance(c, str)]
    bad = [c for c in texts if starts_formula(c)]
    assert not bad, f"formula cells: {bad}"
    for p in payloads:  # the content survives, only the apostrophe is added (plan import trims blanks)
        assert "'" + p in texts or "'" + p.strip() in texts, f"{p!r} lost: {texts}"


def plan_file(tmp_path: Path, name: str = "plan.csv", payloads=PAYLOADS) -> Path:
    lines = ["Datum;Uhrzeit;Kanal;Thema;Format;Verantwortlich;Status;Kampagne;Pressemitteilung;Kategorie"]
    for i, p in enumerate(payloads):
        q = '"' + p.replace('"', '""') + '"'
        lines.append(f"{i + 1:02d}.03.2027;09:00;Instagram;{q};Beitrag;{q};geplant;{q};nein;Service")
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_shared_function_keeps_numbers_and_plain_text():
    assert neutralise_cell(-5) == -5 and neutralise_cell(-1.5) == -1.5 and neutralise_cell(None) is None
    assert neutralise_cell(dt.date(2027, 3, 1)) == dt.date(2027, 3, 1)
    assert neutralise_cell("-12") == "-12" and neutralise_cell("-1,5") == "-1,5"
    assert neutralise_cell("Baustelle - Hauptstraße") == "Baustelle - Hauptstraße"
    for p in PAYLOADS:
        assert neutralise_cell(p) == "'" + p


def test_plan_export_csv_and_xlsx(tmp_path):
    src = plan_file(tmp_path)
    out_csv, out_xlsx = tmp_path / "aus.csv", tmp_path / "aus.xlsx"
    code, _, err = run_cli("plan", "export", str(src), "--csv", str(out_csv), "--xlsx", str(out_xlsx))
    assert code == 0, err
    assert_safe(csv_cells(out_csv.read_bytes()))
    assert_safe(xlsx_cells(out_xlsx))


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_plan_merge(tmp_path, suffix):
    a = plan_file(tmp_path, "musterstadt.csv")
    b = plan_file(tmp_path, "nachbarort.csv", payloads=("=1+2",))
    out = tmp_path / f"gesamt{suffix}"
    code, _, err = run_cli("plan", "merge", str(a), str(b), "--ausgabe", str(out))
    assert code == 0, err
    cells = csv_cells(out.read_bytes()) if suffix == ".csv" else xlsx_cells(out)
    assert_safe(cells, payloads=(*PAYLOADS, "=1+2"))


def test_redaktionsplan_app_downloads(tmp_path):
    """The app offers csv_bytes and xlsx_bytes as downloads."""
    from kommsocial.plan import check_plan, read_plan
    from kommsocial.plan.export import csv_bytes, xlsx_bytes

    plan = read_plan(plan_file(tmp_path))
    assert_safe(csv_cells(csv_bytes(plan)))
    target = tmp_path / "download.xlsx"
    target.write_bytes(xlsx_bytes(plan, check_plan(plan)))
    assert_safe(xlsx_cells(target))


def test_moderation_log():
    from kommsocial.community.dokumentation import eintrag, protokoll_csv

    rows = [eintrag(zeitpunkt=dt.datetime(2027, 3, 1, 9, 0), plattform="facebook", link="https://x.example/1",
                    autor=p, kommentar=p, aktionen=["löschen"], grund=p, beweis=p, bearbeitet_von="Krüger")
            for p in PAYLOADS]
    assert_safe(csv_cells(protokoll_csv(rows).encode()))


def test_seminar_report_xlsx(tmp_path):
    from kommsocial.seminar.report import write_xlsx
    from kommsocial.seminar.results import Aufgabenteil, Ergebnis

    results = [Ergebnis(id="aa", name=p, status="ok", score=-1.0, max_score=2.0, message=p,
                        teile=[Aufgabenteil(notebook="a01", name=p, art="automatisch", punkte=-1.0, max_punkte=2.0,
                                            bestanden=False, meldung=p)])
               for p in PAYLOADS]
    path = write_xlsx(tmp_path / "bericht.xlsx", "a01", results)
    cells = xlsx_cells(path)
    assert_safe(cells)
    assert -1.0 in cells  # numbers stay numbers


def test_seminar_export_csv(tmp_path):
    d = tmp_path / "seminar"
    assert run_cli("seminar", "init", str(d), "--quelle", str(SEMINAR_SOURCE))[0] == 0
    roster = tmp_path / "liste.csv"
    roster.write_text("id;vorname;nachname;email\naa;=HYPERLINK(\"x\");+SUM(1);\nbb;@SUM(A1);-2+3;\n",
                      encoding="utf-8")
    code, _, err = run_cli("seminar", "roster", str(d), str(roster))
    assert code == 0, err
    out = tmp_path / "noten.csv"
    code, _, err = run_cli("seminar", "export", "--csv", str(out), str(d))
    assert code == 0, err
    assert_safe(csv_cells(out.read_bytes()), payloads=('=HYPERLINK("x")', "+SUM(1)", "@SUM(A1)", "-2+3"))


def test_analytics_post_data_csv():
    import pandas as pd

    from kommsocial.analytics.importer import posts_csv_bytes

    df = pd.DataFrame({"Datum": pd.to_datetime(["2027-03-01"] * len(PAYLOADS)), "Kanal": list(PAYLOADS),
                       "Thema": list(PAYLOADS), "Reichweite": [-5] * len(PAYLOADS)})
    cells = csv_cells(posts_csv_bytes(df))
    assert_safe(cells)
    assert "-5" in cells
