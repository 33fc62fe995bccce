"""Voilà app ki_pruefung.ipynb in real Chromium, served like `kommsocial apps`: no code, review works, XSS-safe."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from conftest import open_app


@pytest.mark.browser
def test_app_review_round_trip(page, voila_apps_url):
    open_app(page, voila_apps_url, "ki_pruefung.ipynb", ready_selector="button:has-text(\"Auswerten\")")
    assert page.locator(".cm-editor, .CodeMirror").count() == 0  # no code editor
    assert page.get_by_text("from kommsocial").count() == 0  # sources stripped
    assert page.get_by_text("Kein echtes KI-Werkzeug hat sie erzeugt").count() == 1
    assert page.locator("mark").count() == 0  # the automatic hints start switched off
    page.get_by_text("Automatische Hilfen zeigen").click()
    expect(page.locator("mark", has_text="23. Dezember")).to_have_count(1)
    page.get_by_text("Die Sperrung dauert bis zum 23. Dezember.").click()
    page.get_by_text("Keine Pflicht – die Ausnahme für redaktionelle Kontrolle greift").click()
    page.get_by_role("button", name="Auswerten").click()
    page.wait_for_selector("text=Sie haben 1 von 4 Problemen gefunden. Punkte: 2 von 5.")
    expect(page.get_by_text("Kennzeichnung: richtig.")).to_have_count(1)
    # the participant's own version: markup typed into the field stays text
    field = page.locator("textarea").first
    field.fill("<img src=x onerror=alert(1)><script>alert(2)</script> bis 20. Dezember")
    page.get_by_role("button", name="Fassung prüfen").click()
    page.wait_for_selector("mark:has-text('20. Dezember')")
    expect(page.get_by_text("<script>alert(2)</script>", exact=False)).not_to_have_count(0)
    page.wait_for_timeout(300)
    assert page.dialogs == []
    # another case from the chooser
    page.locator("select").first.select_option(label="Neuer Spielplatz im Stadtpark")
    page.wait_for_selector("text=Zum Text soll ein Bild.")
    expect(page.get_by_text("Punkte:")).to_have_count(0)  # feedback cleared for the new case
    assert page.dialogs == []
