"""Import of Redaktionspläne: encodings, separators, date/time formats, broken rows, unusable files."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

import pytest
from openpyxl import Workbook

from kommsocial.errors import InputError
from kommsocial.plan import read_plan, read_plan_bytes
from kommsocial.plan.importer import parse_date, parse_time

HEADER = "Datum;Uhrzeit;Kanal;Thema;Format;Verantwortlich;Status;Kampagne;Pressemitteilung;Kategorie"
ROW = "01.12.2026;14:30;Instagram;Weihnachtsmarkt öffnet;Bild;Müller;freigegeben;;ja;Veranstaltung"


def write(tmp_path: Path, data: bytes, name: str = "plan.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "utf-16"])
def test_encodings_keep_umlauts(tmp_path, encoding):
    path = write(tmp_path, f"{HEADER}\r\n{ROW}\r\n".encode(encoding))
    plan = read_plan(path)
    assert [p.thema for p in plan.posts] == ["Weihnachtsmarkt öffnet"]
    assert plan.posts[0].verantwortlich == "Müller"


@pytest.mark.parametrize("sep", [";", ",", "\t"])
def test_separators_are_sniffed(tmp_path, sep):
    text = HEADER.replace(";", sep) + "\n" + ROW.replace(";", sep) + "\n"
    plan = read_plan(write(tmp_path, text.encode()))
    assert plan.posts[0].kanal == "Instagram"
    assert plan.posts[0].uhrzeit == time(14, 30)


def test_comma_separated_with_quoted_comma(tmp_path):
    text = 'Datum,Kanal,Thema\n2026-12-01,Facebook,"Baustelle, Umleitung"\n'
    plan = read_plan(write(tmp_path, text.encode()))
    assert plan.posts[0].thema == "Baustelle, Umleitung"


@pytest.mark.parametrize("raw, expected", [
    ("31.12.2026", date(2026, 12, 31)),
    ("1.2.2027", date(2027, 2, 1)),
    ("31.12.26", date(2026, 12, 31)),
    ("2026-12-31", date(2026, 12, 31)),
    ("2026-12-31 00:00:00", date(2026, 12, 31)),
])
def test_date_formats(raw, expected):
    assert parse_date(raw) == expected


@pytest.mark.parametrize("raw", ["31.13.2026", "30.02.2026", "morgen", "12/31/2026", "2026-31-12"])
def test_bad_dates_raise(raw):
    with pytest.raises(ValueError):
        parse_date(raw)


@pytest.mark.parametrize("raw, expected", [
    ("14:30", time(14, 30)), ("14.30", time(14, 30)), ("9", time(9, 0)),
    ("09:05:00", time(9, 5)), ("18 Uhr", time(18, 0)), ("", None), (None, None),
])
def test_time_formats(raw, expected):
    assert parse_time(raw) == expected


@pytest.mark.parametrize("raw", ["25:00", "14:75", "mittags"])
def test_bad_times_raise(raw):
    with pytest.raises(ValueError):
        parse_time(raw)


def test_header_case_and_spaces_and_extra_columns(tmp_path):
    text = " datum ;KANAL; Thema ;Notiz\n01.12.2026;Facebook;Test;egal\n"
    plan = read_plan(write(tmp_path, text.encode()))
    post = plan.posts[0]
    assert (post.datum, post.kanal, post.thema, post.uhrzeit) == (date(2026, 12, 1), "Facebook", "Test", None)


def test_empty_rows_skipped_but_counted(tmp_path):
    text = f"{HEADER}\n{ROW}\n;;;;;;;;;\n\n{ROW.replace('01.12', '02.12')}\n"
    plan = read_plan(write(tmp_path, text.encode()))
    assert [p.row for p in plan.posts] == [2, 5]
    assert plan.rows == 2
    assert plan.problems == []


def test_broken_rows_become_row_numbered_findings(tmp_path):
    text = (f"{HEADER}\n{ROW}\n"
            "32.12.2026;10:00;Facebook;Falsches Datum;;;;;;\n"
            "03.12.2026;10:00;;Ohne Kanal;;;;;;\n"
            "04.12.2026;25:99;Facebook;Falsche Uhrzeit;;;;;;\n")
    plan = read_plan(write(tmp_path, text.encode()))
    got = sorted((f.row, f.rule, f.severity) for f in plan.problems)
    assert got == [(3, "datum", "fehler"), (4, "pflichtfeld", "fehler"), (5, "datum", "fehler")]
    # The post with a bad time is kept (date is fine), the others are not.
    assert [p.row for p in plan.posts] == [2, 5]
    assert "„Kanal“" in next(f.message for f in plan.problems if f.rule == "pflichtfeld")


def test_leading_blank_line_shifts_row_numbers(tmp_path):
    text = f"\n{HEADER}\n{ROW}\n"
    plan = read_plan(write(tmp_path, text.encode()))
    assert plan.posts[0].row == 3


def test_missing_required_column(tmp_path):
    path = write(tmp_path, b"Datum;Thema\n01.12.2026;Test\n")
    with pytest.raises(InputError) as exc:
        read_plan(path)
    assert "Kanal" in str(exc.value) and "Zeile 1" in str(exc.value) and str(path) in str(exc.value)


@pytest.mark.parametrize("data", [b"", b"\n\n  \n", b";;;\n"])
def test_empty_file(tmp_path, data):
    with pytest.raises(InputError, match="leer"):
        read_plan(write(tmp_path, data))


def test_not_a_table(tmp_path):
    with pytest.raises(InputError, match="Pflichtspalte"):
        read_plan(write(tmp_path, b"Liebe Kolleginnen,\nanbei der Plan.\n"))
    with pytest.raises(InputError, match="Binärdaten"):
        read_plan(write(tmp_path, b"\x89PNG\r\n\x1a\n\x00\x00\x00", "bild.csv"))


def test_unknown_encoding(tmp_path):
    # 0x81 and 0x8d are undefined in Windows-1252 and invalid as UTF-8.
    with pytest.raises(InputError, match="Zeichenkodierung"):
        read_plan(write(tmp_path, HEADER.encode() + b"\n01.12.2026;;Facebook;\x81\x8d\n"))


def test_old_excel_format_rejected(tmp_path):
    with pytest.raises(InputError, match=r"\.xlsx"):
        read_plan(write(tmp_path, b"whatever", "plan.xls"))


def test_missing_file(tmp_path):
    with pytest.raises(InputError, match="nicht gefunden"):
        read_plan(tmp_path / "fehlt.csv")


def test_input_file_is_not_changed(tmp_path):
    data = f"{HEADER}\n{ROW}\n32.12.2026;;Facebook;x;;;;;;\n".encode("cp1252")
    path = write(tmp_path, data)
    read_plan(path)
    assert path.read_bytes() == data


def test_xlsx_with_real_dates_and_text_dates(tmp_path):
    from datetime import datetime

    wb = Workbook()
    ws = wb.active
    ws.append(["Datum", "Uhrzeit", "Kanal", "Thema", "Kategorie"])
    ws.append([datetime(2026, 12, 1), time(9, 15), "Instagram", "Adventskalender", "Service"])
    ws.append([None, None, None, None, None])
    ws.append(["02.12.26", "14.30", "Facebook", "Glühweinstand", None])
    ws.append(["kein Datum", None, "Facebook", "Kaputt", None])
    path = tmp_path / "plan.xlsx"
    wb.save(path)
    plan = read_plan(path)
    assert [(p.row, p.datum, p.uhrzeit) for p in plan.posts] == [
        (2, date(2026, 12, 1), time(9, 15)), (4, date(2026, 12, 2), time(14, 30))]
    assert [(f.row, f.rule) for f in plan.problems] == [(5, "datum")]


def test_broken_xlsx(tmp_path):
    with pytest.raises(InputError, match="Excel"):
        read_plan(write(tmp_path, b"PK\x03\x04kaputt", "plan.xlsx"))


def test_read_plan_bytes_for_uploads():
    plan = read_plan_bytes(f"{HEADER}\n{ROW}\n".encode("utf-8-sig"), "upload.csv")
    assert plan.source == "upload.csv" and len(plan.posts) == 1


def test_sample_files_load():
    root = Path(__file__).parent / "data" / "plan"
    assert len(read_plan(root / "musterstadt.csv").posts) == 4
    assert len(read_plan(root / "nachbarort.csv").posts) == 3


def test_to_dataframe():
    plan = read_plan(Path(__file__).parent / "data" / "plan" / "musterstadt.csv")
    df = plan.to_dataframe()
    assert list(df["Kanal"]) == ["Instagram", "Facebook", "Mastodon", "Instagram"]
    assert str(df["Datum"].dtype).startswith("datetime64")
    assert list(df["Zeile"]) == [2, 3, 4, 5]
