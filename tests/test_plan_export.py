"""Exports read back: ICS parsed with icalendar, Excel reopened with openpyxl, CSV reread."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest
from icalendar import Calendar
from openpyxl import load_workbook

from kommsocial.errors import InputError
from kommsocial.plan import check_plan, read_plan, read_plan_bytes
from kommsocial.plan.export import atomic_write, csv_bytes, ics_bytes, write_csv, write_ics, write_xlsx

HEADER = "Datum;Uhrzeit;Kanal;Thema;Format;Verantwortlich;Status;Kampagne;Pressemitteilung;Kategorie"
ROWS = [
    "01.07.2027;14:30;Instagram;Sommerfest <b>Nordviertel</b>;Reel;Özdemir;freigegeben;Jubiläum;ja;Veranstaltung",
    "02.07.2027;;Facebook;Ganztägig: Straßensperrung;Text;Meier;Entwurf;;nein;Service",
    "03.12.2027;09:00;Facebook;Winterdienst;Text;Meier;Entwurf;Jubiläum;nein;Service",
    "04.12.2027;23:30;Mastodon;Spät;Text;Meier;Entwurf;;;",
]


@pytest.fixture
def plan():
    return read_plan_bytes(("\n".join([HEADER, *ROWS]) + "\n").encode(), "plan.csv")


def events(data: bytes):
    return [c for c in Calendar.from_ical(data).walk() if c.name == "VEVENT"]


def test_ics_one_event_per_post_with_berlin_times(plan, tmp_path):
    path = write_ics(plan, tmp_path / "plan.ics")
    evs = events(path.read_bytes())
    assert len(evs) == 4
    start = evs[0].decoded("dtstart")
    assert start == datetime(2027, 7, 1, 14, 30, tzinfo=start.tzinfo)
    assert str(start.tzinfo) == "Europe/Berlin"
    assert start.utcoffset().total_seconds() == 2 * 3600  # summer time
    winter = evs[2].decoded("dtstart")
    assert winter.utcoffset().total_seconds() == 3600
    assert str(evs[0]["summary"]) == "[Instagram] Sommerfest <b>Nordviertel</b>"
    assert "Verantwortlich: Özdemir" in str(evs[0]["description"])


def test_ics_all_day_without_time(plan):
    ev = events(ics_bytes(plan))[1]
    assert ev.decoded("dtstart") == date(2027, 7, 2) and not isinstance(ev.decoded("dtstart"), datetime)
    assert ev.decoded("dtend") == date(2027, 7, 3)


def test_ics_uid_stable_and_unique(plan):
    first = [str(e["uid"]) for e in events(ics_bytes(plan))]
    again = [str(e["uid"]) for e in events(ics_bytes(read_plan_bytes(
        ("\n".join([HEADER, *reversed(ROWS)]) + "\n").encode(), "x.csv")))]
    assert len(set(first)) == 4
    assert set(first) == set(again), "UIDs must not depend on row order"
    dup = read_plan_bytes(f"{HEADER}\n{ROWS[0]}\n{ROWS[0]}\n".encode(), "d.csv")
    uids = [str(e["uid"]) for e in events(ics_bytes(dup))]
    assert len(set(uids)) == 2


def test_ics_has_timezone_definition(plan):
    cal = Calendar.from_ical(ics_bytes(plan))
    assert [str(c["tzid"]) for c in cal.walk() if c.name == "VTIMEZONE"] == ["Europe/Berlin"]


def test_xlsx_reopened_with_findings_sheet(plan, tmp_path):
    findings = check_plan(plan)
    path = write_xlsx(plan, tmp_path / "plan.xlsx", findings)
    wb = load_workbook(path)
    assert wb.sheetnames == ["Plan", "Hinweise"]
    ws = wb["Plan"]
    heads = [c.value for c in ws[1]]
    assert heads[:5] == ["Zeile", "Datum", "Uhrzeit", "Kanal", "Thema"]
    assert ws["B2"].value == datetime(2027, 7, 1) and ws["B2"].number_format == "DD.MM.YYYY"
    assert ws["C2"].value == time(14, 30)
    assert ws["E2"].value == "Sommerfest <b>Nordviertel</b>"
    assert ws.freeze_panes == "A2" and ws["A1"].font.bold
    night_row = next(r for r in ws.iter_rows(min_row=2) if r[4].value == "Spät")
    assert night_row[0].fill.fgColor.rgb.endswith("FFF3CD")  # warnung colour
    hs = wb["Hinweise"]
    rows = [[c.value for c in r] for r in hs.iter_rows(min_row=2)]
    assert len(rows) == len(findings)
    assert ["nachtruhe" in r[1] for r in rows].count(True) == 1
    assert all(r[4] for r in rows), "every finding states its threshold in Excel too"
    # The export can be read again as a plan.
    assert [p.thema for p in read_plan(path).posts] == [p.thema for p in plan.posts]


def test_csv_german_excel_friendly_and_reread(plan, tmp_path):
    path = write_csv(plan, tmp_path / "plan.csv")
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    first_line = data.decode("utf-8-sig").splitlines()[0]
    assert first_line == HEADER
    again = read_plan(path)
    assert [(p.datum, p.uhrzeit, p.kanal, p.thema) for p in again.posts] == \
        [(p.datum, p.uhrzeit, p.kanal, p.thema) for p in plan.posts]
    assert csv_bytes(again) == data


def test_atomic_write_leaves_no_temp_and_no_partial(tmp_path):
    target = tmp_path / "out.csv"
    target.write_bytes(b"alt")
    atomic_write(target, b"neu")
    assert target.read_bytes() == b"neu"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]
    with pytest.raises(InputError, match="Zielordner"):
        atomic_write(tmp_path / "fehlt" / "x.csv", b"x")


def test_failed_export_keeps_old_file(plan, tmp_path, monkeypatch):
    target = tmp_path / "plan.xlsx"
    target.write_bytes(b"alter Stand")
    import kommsocial.plan.export as export

    def boom(*_a, **_k):
        raise RuntimeError("kaputt")
    monkeypatch.setattr(export, "xlsx_bytes", boom)
    with pytest.raises(RuntimeError):
        export.write_xlsx(plan, target)
    assert target.read_bytes() == b"alter Stand"
