"""The comment triage app in real headless Chromium: decide, get feedback, reply safely."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from conftest import open_app

EVIL = "<img src=x onerror=alert(1)><script>alert(2)</script>"


@pytest.mark.browser
def test_triage_app_gives_feedback_and_escapes_replies(page, voila_apps_url):
    open_app(page, voila_apps_url, "kommentar_triage.ipynb", ready_selector="text=Entscheidung prüfen")
    check = page.get_by_role("button", name="Entscheidung prüfen")
    expect(check).to_be_disabled()  # checking must wait for a chosen action
    page.get_by_role("button", name="Antworten", exact=False).first.click()
    assert page.locator(".ks-rueckmeldung").count() == 0
    check.click()
    page.get_by_role("button", name="Nächster Kommentar").wait_for(state="visible", timeout=30_000)
    feedback = page.locator(".ks-rueckmeldung")
    expect(feedback).to_have_attribute("data-urteil", re.compile(r"\w"))
    expect(feedback).to_contain_text("Begründung:")
    expect(feedback).to_contain_text("Punkten")
    reply = page.locator("textarea").first
    reply.fill(EVIL + " Vielen Dank für Ihre Frage.")
    expect(page.locator(".ks-antwortcheck")).to_be_visible()  # the debounced live check has run
    assert page.locator(".jupyter-widgets img[src='x'], .jupyter-widgets script").count() == 0
    assert page.dialogs == []
