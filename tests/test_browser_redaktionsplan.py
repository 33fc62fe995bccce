"""The Voilà app `redaktionsplan` in real headless Chromium: sample plan, upload, calendar, exports, XSS."""

from __future__ import annotations

import base64
import re

import pytest
from playwright.sync_api import expect

from conftest import open_app

XSS = "<img src=x onerror=alert(1)><script>alert(2)</script>"


def upload(page, name: str, data: bytes) -> None:
    """ipywidgets' FileUpload keeps its <input type=file> out of the DOM: go through the file chooser."""
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Plan hochladen").click()
    chooser.value.set_files(files=[{"name": name, "mimeType": "text/csv", "buffer": data}])


@pytest.mark.browser
def test_sample_plan_upload_and_escaping(page, voila_apps_url):
    open_app(page, voila_apps_url, "redaktionsplan.ipynb", ready_selector=".ks-findings")
    expect(page.locator("body")).to_contain_text("beispielplan.csv")
    expect(page.locator("body")).to_contain_text("22 Beiträge")
    expect(page.locator('.ks-findings tr[data-rule="luecke"]')).to_have_count(1)
    expect(page.locator('.ks-findings tr[data-rule="vorwahlzeit"]')).to_have_count(0)  # no election date yet
    assert "import " not in page.inner_text("body"), "no code visible in the app"

    # Export links carry the files as data URIs (no network); they are made when the tab is opened.
    page.get_by_role("tab", name="Export").click()
    link = page.locator('a[download="beispielplan.ics"]')
    expect(link).to_have_attribute("href", re.compile(r"^data:"))
    href = link.get_attribute("href")
    assert base64.b64decode(href.split(",", 1)[1]).startswith(b"BEGIN:VCALENDAR")

    page.get_by_role("tab", name="Kalender").click()
    expect(page.locator(".ks-plan-calendar")).to_contain_text("Woche 9")

    csv = f"Datum;Uhrzeit;Kanal;Thema\n01.12.2026;23:00;Facebook;{XSS}\n".encode("cp1252")
    upload(page, "mein_plan.csv", csv)
    page.get_by_role("tab", name="Hinweise").click()
    page.wait_for_selector("text=mein_plan.csv")
    page.get_by_role("tab", name="Kalender").click()
    page.wait_for_selector(f"text={XSS}")
    assert page.locator(".ks-plan-calendar img").count() == 0
    assert page.dialogs == []


@pytest.mark.browser
def test_unusable_upload_shows_german_error(page, voila_apps_url):
    open_app(page, voila_apps_url, "redaktionsplan.ipynb", ready_selector=".ks-findings")
    upload(page, "brief.csv", b"Sehr geehrte Damen und Herren\n")
    page.wait_for_selector("text=Die Datei lässt sich nicht lesen.")
    expect(page.locator("body")).to_contain_text("Pflichtspalte")
