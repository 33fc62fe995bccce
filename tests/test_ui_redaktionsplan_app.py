"""The Redaktionsplan app as a component (ui/redaktionsplan_app.py): example plan, upload, state, export tab."""

from __future__ import annotations

import sys

from kommsocial.ui.redaktionsplan_app import EXPORT_TAB, RedaktionsplanApp


def test_starts_with_the_example_plan_and_its_findings():
    app = RedaktionsplanApp()
    assert "beispielplan" in app.status.value or "Beiträge" in app.status.value
    assert "Fehler" in app.status.value and app.findings.value
    assert app.downloads.value == ""  # built only when the export tab is opened


def test_export_tab_builds_the_three_files():
    app = RedaktionsplanApp()
    app.tabs.selected_index = EXPORT_TAB
    links = app.downloads.value
    for name in ("beispielplan.xlsx", "beispielplan.ics", "beispielplan.csv"):
        assert f'download="{name}"' in links
    app.land.value = "BY"  # a new check while the tab is open refreshes the files
    assert 'download="beispielplan.xlsx"' in app.downloads.value


def test_the_excel_writer_is_not_loaded_before_the_export_tab(monkeypatch):
    monkeypatch.delitem(sys.modules, "openpyxl", raising=False)
    for name in [m for m in sys.modules if m.startswith("openpyxl.")]:
        monkeypatch.delitem(sys.modules, name)
    app = RedaktionsplanApp()
    app.land.value = "HE"
    assert "openpyxl" not in sys.modules
    app.tabs.selected_index = EXPORT_TAB
    assert "openpyxl" in sys.modules


def test_an_unreadable_upload_is_named_and_the_page_keeps_working():
    app = RedaktionsplanApp()
    app.load_bytes(b"\x00\x01kein plan", "kaputt.csv")
    assert "Die Datei lässt sich nicht lesen." in app.status.value and "kaputt.csv" in app.status.value
    assert app.findings.value == ""
    app.load_example()
    assert app.findings.value


def test_uploaded_plan_with_markup_in_its_name_is_escaped():
    app = RedaktionsplanApp()
    app.load_bytes(b"Datum;Kanal;Thema\n01.06.2027;Instagram;<b>Fest</b>\n", "<img src=x>.csv")
    assert "<img" not in app.status.value and "&lt;img src=x&gt;" in app.status.value
    assert "<b>Fest</b>" not in app.findings.value
