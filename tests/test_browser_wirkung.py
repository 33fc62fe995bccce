"""The Voilà app `wirkung` in real headless Chromium: sample data, channel filter, plots, uploads, XSS."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from conftest import open_app

XSS = "<img src=x onerror=alert(1)><script>alert(2)</script>"


def upload(page, name: str, data: bytes) -> None:
    """ipywidgets' FileUpload keeps its <input type=file> out of the DOM: go through the file chooser."""
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="CSV hochladen").click()
    chooser.value.set_files(files=[{"name": name, "mimeType": "text/csv", "buffer": data}])


def tile(page, key: str):
    """The value of a KPI tile (a locator: assert on it with `expect`)."""
    return page.locator(f'.ks-kpi[data-kpi="{key}"] .ks-kpi-wert')


@pytest.mark.browser
def test_sample_filter_plot_and_upload(page, voila_apps_url):
    open_app(page, voila_apps_url, "wirkung.ipynb", ready_selector=".ks-kpis")
    expect(page.locator("body")).to_contain_text("Synthetische Daten")
    expect(page.locator("body")).to_contain_text("Warum zwei Engagement-Raten?")
    assert "import " not in page.inner_text("body"), "no code visible in the app"
    expect(page.locator(".ks-kanaltabelle tbody tr")).to_have_count(4)
    all_posts = tile(page, "beitraege").inner_text()

    # A plot image is shown for the visible tab.
    expect(page.locator(".widget-image img, img.widget-image").first).to_have_attribute("src", re.compile(r"^blob:"))

    page.locator(".ks-wirkung select").first.select_option("Mastodon")
    page.wait_for_function(
        "n => document.querySelector('.ks-kpi[data-kpi=\"beitraege\"] .ks-kpi-wert').textContent !== n", arg=all_posts)
    # Table and selection line are separate widgets: wait for each, they update one after the other.
    page.wait_for_function("() => document.querySelectorAll('.ks-kanaltabelle tbody tr').length === 1",
                           timeout=30_000)
    page.locator(".ks-auswahl", has_text="Auswahl: Mastodon").wait_for(timeout=30_000)

    csv = ("Datum;Uhrzeit;Kanal;Reichweite;Likes;Kommentare;Follower;Kommentare_beantwortet\n"
           f"01.12.2026;09:00;{XSS};1000;40;10;2000;5\n02.12.2026;10:00;Facebook;500;10;2;4000;2\n").encode()
    upload(page, "meine_daten.csv", csv)
    page.wait_for_selector("text=meine_daten.csv")
    # The tiles are their own widget and may update after the file name is shown.
    expect(tile(page, "beitraege")).to_have_text("2")
    page.wait_for_selector(f".ks-kanaltabelle >> text={XSS}")
    assert page.locator(".ks-kanaltabelle img, .ks-wirkung script").count() == 0
    assert page.dialogs == []


@pytest.mark.browser
def test_bad_upload_shows_row_numbered_german_error(page, voila_apps_url):
    open_app(page, voila_apps_url, "wirkung.ipynb", ready_selector=".ks-kpis")
    before = tile(page, "beitraege").inner_text()
    upload(page, "kaputt.csv", b"Datum;Kanal;Reichweite;Likes\n01.10.2026;Instagram;100;3\n31.02.2026;Instagram;5;3\n")
    error = page.locator(".ks-fehler")
    expect(error).to_contain_text("Zeile 3")
    expect(error).to_contain_text("Datum")
    assert tile(page, "beitraege").inner_text() == before
