"""The Voilà app krisen_simulator in real headless Chromium: solo run, posting, debrief, XSS shown as text."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from conftest import open_app
from kommsocial.crisis.schema import resolve

XSS = "<img src=x onerror=alert(1)><script>alert(2)</script>"
STATEMENT = "Großbrand im Gewerbegebiet Nord: Bitte halten Sie Fenster und Türen geschlossen."


@pytest.mark.browser
def test_solo_run_post_and_debrief(page, voila_apps_url):
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    open_app(page, voila_apps_url, "krisen_simulator.ipynb")

    # Choose the Großbrand scenario and prepare a solo exercise.
    scenario = resolve("grossbrand")
    page.locator(".ks-szenario select").select_option(label=scenario.render(scenario.meta.titel))
    page.wait_for_function(
        "() => document.querySelector('.ks-szenario-info')?.innerText.includes('Großbrand')", timeout=30_000)
    page.locator(".ks-solo-vorbereiten").click()
    page.locator(".ks-krise-teilnahme").wait_for(timeout=30_000)
    expect(page.locator(".ks-uhr")).to_contain_text("Minute 0")
    assert page.locator(".ks-feed .ks-card[data-id]").count() == 0

    # Advance the simulated clock twice: feed items appear, the clock moves on.
    page.locator(".ks-plus5").click()
    page.wait_for_function("() => document.querySelectorAll('.ks-feed .ks-card[data-id]').length > 0",
                           timeout=30_000)
    first_count = page.locator(".ks-feed .ks-card[data-id]").count()
    page.locator(".ks-plus5").click()
    page.wait_for_function("n => document.querySelectorAll('.ks-feed .ks-card[data-id]').length > n",
                           arg=first_count, timeout=30_000)
    # The clock is its own widget and may update a moment after the feed.
    page.locator(".ks-uhr", has_text="Minute 10").wait_for(timeout=30_000)
    page.locator(".ks-start").click()  # the clock runs on (10 × real time)
    page.wait_for_selector('.ks-uhr[data-status="läuft"]', timeout=30_000)
    # The kernel's periodic refresh moves the clock on screen without any click.
    started = float(page.locator(".ks-uhr").get_attribute("data-minute") or 0)
    page.wait_for_function(
        "m => parseFloat(document.querySelector('.ks-uhr').dataset.minute) > m + 0.2", arg=started, timeout=30_000)

    # Write a statement: the live check shows the Ampel; posting puts it into the feed.
    box = page.locator(".ks-crisis-text textarea")
    box.fill(STATEMENT)
    page.locator(".ks-compose .ks-ampel").wait_for(timeout=30_000)
    page.locator(".ks-senden").click()
    own = page.locator(".ks-own-post", has_text="Fenster und Türen geschlossen")
    own.wait_for(timeout=30_000)
    # The confirmation is shown after the feed has been redrawn.
    expect(page.locator(".ks-compose-meldung")).to_contain_text("veröffentlicht")

    # Markup typed into the compose box is shown as text in the check and in the feed, never run.
    box.fill(XSS)
    page.wait_for_function(
        "t => document.querySelector('.ks-crisis-markiert')?.innerText.includes(t)", arg=XSS, timeout=30_000)
    page.locator(".ks-senden").click()
    expect(page.locator(".ks-own-post", has_text="onerror").first).to_contain_text(XSS)
    assert page.locator(".ks-feed img, .ks-compose img, img[src='x']").count() == 0

    # End and debrief: scores, own statement in the timeline list, download link.
    page.locator(".ks-ende").click()
    page.locator(".ks-gesamt").wait_for(timeout=60_000)
    timeline = page.locator(".ks-eigene-zeitleiste")
    expect(timeline).to_contain_text("Fenster und Türen geschlossen")
    expect(timeline).to_contain_text(XSS)
    expect(page.locator(".ks-dim")).to_have_count(6)
    expect(page.locator(".ks-download")).to_have_attribute("href", re.compile(r"^data:text/html"))
    page.wait_for_timeout(500)  # give a (wrongly) injected onerror handler time to fire
    assert page.dialogs == []
    assert errors == []


@pytest.mark.browser
def test_seminar_join_with_code_name_and_personal_key(page, browser, voila_apps_url):
    """Two visitors in real Chromium: the second cannot take the first one's name without her key."""
    from kommsocial.crisis.store import Store

    store = Store()  # the default folder of the app server (same KOMMSOCIAL_HOME)
    code = store.create_exercise("grossbrand", seed=0).code

    def join(tab, code_text: str, name: str, key: str = "") -> None:
        tab.get_by_text("Seminar beitreten").click()
        tab.locator(".ks-beitritt-code input").fill(code_text)
        tab.locator(".ks-beitritt-name input").fill(name)
        tab.locator(".ks-beitritt-schluessel input").fill(key)
        tab.locator(".ks-beitreten").click()

    open_app(page, voila_apps_url, "krisen_simulator.ipynb")
    join(page, code.lower(), "Anna")
    key = page.locator(".ks-schluessel").inner_text(timeout=30_000).strip()
    assert len(key.replace("-", "")) == 16
    assert store.state(code)["teilnehmer"] == ["Anna"]

    other = browser.new_page()
    try:
        open_app(other, voila_apps_url, "krisen_simulator.ipynb")
        join(other, code, "anna")
        other.locator(".ks-app-meldung", has_text="gibt es in dieser Übung schon").wait_for(timeout=30_000)
        join(other, code[:-1] + ("0" if code[-1] != "0" else "1"), "Mallory")
        other.locator(".ks-app-meldung", has_text="gibt es nicht").wait_for(timeout=30_000)
        assert other.locator(".ks-krise-teilnahme").count() == 0
        join(other, code, "Anna", key.lower())  # Anna herself, back after reloading, with her key
        # The view's children render after its box appears: wait for the text itself.
        other.locator(".ks-krise-teilnahme", has_text="Teilnahme als Anna").first.wait_for(timeout=30_000)
        assert store.state(code)["teilnehmer"] == ["Anna"]
    finally:
        other.close()
