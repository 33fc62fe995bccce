"""Wirkung dashboard: sample data with seed, upload (good and bad), filters update tiles, table and plots."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from kommsocial.analytics import generate_posts
from kommsocial.ui.wirkung_dashboard import ALLE, WirkungDashboard, fmt_number

EVIL = "<img src=x onerror=alert(1)><script>alert(2)</script>"
CSV = (
    "Datum;Uhrzeit;Kanal;Reichweite;Likes;Kommentare;Follower;Kommentare_beantwortet;Antwortzeit_min\n"
    "07.09.2026;09:00;Instagram;1000;40;10;2000;10;30\n"
    f"08.09.2026;09:00;{EVIL};3000;50;0;2000;0;\n"
    "09.09.2026;17:00;Facebook;500;20;5;4000;1;1500\n"
)


def tile(dash: WirkungDashboard, key: str) -> str:
    """The value text of one KPI tile."""
    m = re.search(rf'data-kpi="{key}".*?class="ks-kpi-wert"[^>]*>([^<]*)<', dash.tiles.value)
    assert m, f"tile {key} missing"
    return m.group(1)


def upload(dash: WirkungDashboard, name: str, content: bytes) -> None:
    """What ipywidgets' FileUpload sets when a user picks a file."""
    dash.upload.value = ({"name": name, "type": "text/csv", "size": len(content), "content": memoryview(content),
                          "last_modified": dt.datetime(2026, 11, 21)},)


@pytest.fixture
def dash():
    return WirkungDashboard(seed=5)


def test_sample_data_fills_filters_tiles_and_marker(dash):
    df = generate_posts(seed=5)
    assert list(dash.kanal.options) == [ALLE, *sorted(df["Kanal"].unique())]
    assert (dash.von.value, dash.bis.value) == (df["Datum"].min().date(), df["Datum"].max().date())
    assert tile(dash, "beitraege") == fmt_number(len(df))
    assert "Synthetische Daten" in dash.status.value and "Datensatz 5" in dash.status.value
    assert dash.tabelle.value.count("<tr data-kanal=") == df["Kanal"].nunique()
    assert bytes(dash.images[0].value).startswith(b"\x89PNG")


def test_channel_filter_updates_tiles_table_explanation_and_plot(dash):
    df = generate_posts(seed=5)
    before_plot, before_text = bytes(dash.images[0].value), dash.erklaerung.value
    dash.kanal.value = "Mastodon"
    part = df[df["Kanal"] == "Mastodon"]
    assert tile(dash, "beitraege") == fmt_number(len(part))
    assert tile(dash, "reichweite") == fmt_number(int(part["Reichweite"].sum()))
    rate = round(part["Interaktionen"].sum() / part["Reichweite"].sum() * 100, 2)
    assert tile(dash, "er_reichweite") == fmt_number(rate, " %")
    assert re.findall(r'data-kanal="([^"]+)"', dash.tabelle.value) == ["Mastodon"]
    assert dash.erklaerung.value != before_text and fmt_number(rate, " %") in dash.erklaerung.value
    assert bytes(dash.images[0].value) != before_plot


def test_period_filter_and_reversed_period(dash):
    df = generate_posts(seed=5)
    start = df["Datum"].min().date()
    dash.bis.value = start + dt.timedelta(days=6)
    in_week = df[df["Datum"].dt.date <= start + dt.timedelta(days=6)]
    assert tile(dash, "beitraege") == fmt_number(len(in_week))
    dash.von.value = start + dt.timedelta(days=10)
    assert "Startdatum liegt nach dem Enddatum" in dash.auswahl.value
    assert tile(dash, "beitraege") == "0" and tile(dash, "er_reichweite") == "–"
    assert dash.tabelle.value == ""


def test_plots_are_drawn_for_the_visible_tab_and_redrawn_after_filter(dash):
    assert bytes(dash.images[3].value) == b""
    dash.tabs.selected_index = 3
    first = bytes(dash.images[3].value)
    assert first.startswith(b"\x89PNG")
    dash.kanal.value = "Instagram"
    assert bytes(dash.images[3].value) != first


def test_new_seed_gives_other_data(dash):
    first = dash.tiles.value
    dash.seed.value = 6
    dash.sample.click()
    assert "Datensatz 6" in dash.status.value
    assert tile(dash, "beitraege") == fmt_number(len(generate_posts(seed=6)))
    assert dash.tiles.value != first


def test_good_upload_replaces_data_and_escapes_user_text(dash):
    upload(dash, "meine_daten.csv", CSV.encode())
    assert "meine_daten.csv" in dash.status.value and "Synthetische Daten" not in dash.status.value
    assert tile(dash, "beitraege") == "3"
    assert EVIL in dash.kanal.options  # plain text in a dropdown, not HTML
    assert "<img" not in dash.tabelle.value and "&lt;img src=x" in dash.tabelle.value
    assert dash.upload.value == ()  # cleared, so the same file name can be uploaded again


def test_bad_upload_shows_row_numbered_german_error_and_keeps_data(dash):
    before = dash.tiles.value
    bad = "Datum;Kanal;Reichweite;Likes\n01.10.2026;Instagram;100;3\n02.10.2026;Instagram;-5;3\n"
    upload(dash, f"{EVIL}.csv", bad.encode())
    assert "Zeile 3" in dash.status.value and "Reichweite" in dash.status.value
    assert "nicht auswerten" in dash.status.value
    assert "<img" not in dash.status.value
    assert dash.tiles.value == before


def test_missing_columns_error_names_them(dash):
    assert not dash.load_bytes(b"Datum;Kanal\n01.10.2026;Instagram\n", "x.csv")
    assert "Pflichtspalte fehlt: Reichweite" in dash.status.value


def test_fmt_number_german():
    assert fmt_number(12500) == "12.500"
    assert fmt_number(3.5, " %") == "3,5 %"
    assert fmt_number(65.9) == "65,9"
    assert fmt_number(1234.25) == "1.234,25"
    assert fmt_number(None) == "–"
