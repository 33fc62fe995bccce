"""The Voilà app post_werkstatt in real headless Chromium: live findings while typing, XSS shown as text."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from conftest import open_app

XSS = "<img src=x onerror=alert(1)><script>alert(2)</script>"
CLEAN = "Kommen Sie zum Stadtfest auf den Marktplatz."


@pytest.mark.browser
def test_typing_updates_findings_and_escapes_markup(page, voila_apps_url):
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    open_app(page, voila_apps_url, "post_werkstatt.ipynb")

    # The app starts with drafts built from the Stadtfest example: one tab per platform.
    editor = page.locator(".ks-post-text textarea:visible").first
    editor.wait_for(timeout=60_000)
    expect(page.get_by_role("tab", name="Instagram")).to_have_count(1)
    expect(page.locator(".ks-geruest-hinweise:visible").first).to_contain_text("Gerüst-Vorschlag")

    # A clean sentence: the preview shows it and there is no Amtsdeutsch finding.
    editor.fill(CLEAN)
    preview = page.locator(".ks-preview-text:visible").first
    page.wait_for_function(
        "t => [...document.querySelectorAll('.ks-preview-text')].some(e => e.innerText.trim() === t)",
        arg=CLEAN, timeout=30_000,
    )
    # The findings list is its own widget and may update after the preview.
    expect(page.locator('.ks-befunde li[data-rule="amtsdeutsch"]:visible')).to_have_count(0)

    # Typing an Amtsdeutsch word key by key makes the finding and the <mark> appear.
    editor.press("End")
    editor.press_sequentially(" Zwecks Anreise nutzen Sie den Bus.", delay=20)
    finding = page.locator('.ks-befunde li[data-rule="amtsdeutsch"]:visible').first
    expect(finding).to_contain_text("Zwecks")
    mark = page.locator(".ks-markiert mark:visible", has_text="Zwecks").first
    expect(mark).to_have_attribute("title", re.compile("Amtsdeutsch"))
    warning = page.locator('.ks-ampel:visible[data-state="gelb"], .ks-ampel:visible[data-state="rot"]')
    expect(warning).not_to_have_count(0)

    # Injected markup is shown as text in preview and marked text, never executed.
    editor.fill(XSS)
    page.wait_for_function(
        "t => [...document.querySelectorAll('.ks-preview-text')].some(e => e.innerText.includes(t))",
        arg=XSS, timeout=30_000,
    )
    expect(preview).to_contain_text(XSS)
    expect(page.locator(".ks-markiert:visible").first).to_contain_text(XSS)
    assert page.locator(".ks-preview img, .ks-markiert img, img[src='x']").count() == 0
    page.wait_for_timeout(500)  # give a (wrongly) injected onerror handler time to fire
    assert page.dialogs == []
    assert errors == []
