"""The Voilà app recht_navigator in real headless Chromium: tree to verdict, card link, quiz feedback."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from conftest import open_app
from kommsocial.legal.data import load_cards, load_trees
from kommsocial.legal.tree import all_paths

XSS = "<img src=x onerror=alert(1)><script>alert(2)</script>"


def shortest_path(tree_id: str):
    """Answers (as button texts) of the shortest path through a tree, and its verdict."""
    tree = load_trees()[tree_id]
    steps, verdict_id = min(all_paths(tree), key=lambda p: len(p[0]))
    texts = [tree.knoten[node].antwort(option).text for node, option in steps]
    return tree, texts, tree.urteile[verdict_id]


@pytest.mark.browser
def test_tree_verdict_card_link_and_quiz(page, voila_apps_url):
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    open_app(page, voila_apps_url, "recht_navigator.ipynb")
    page.get_by_text("keine Rechtsberatung").first.wait_for(timeout=60_000)

    # Decision tree: choose the photo tree, answer along a path, reach the verdict.
    tree, answers, verdict = shortest_path("foto")
    page.locator("select:visible").first.select_option(label=tree.titel)
    page.get_by_text(tree.knoten[tree.start].frage).first.wait_for()
    # One step forward and back again: the first question must come back.
    page.get_by_role("button", name=answers[0], exact=True).click()
    page.get_by_role("button", name="Zurück").click()
    page.get_by_text("Frage 1: " + tree.knoten[tree.start].frage).wait_for()
    for text in answers:
        page.get_by_role("button", name=text, exact=True).click()
    expect(page.locator(".ks-urteil")).to_contain_text(verdict.ergebnis)
    expect(page.locator(f'.ks-urteil .ks-ampel[data-state="{verdict.ampel}"]')).to_have_count(1)

    # The card link opens the card in the "Wissenskarten" tab.
    card_id = verdict.karten[0]
    title = load_cards()[card_id].titel
    page.get_by_role("button", name=f"Karte: {title}").click()
    card = page.locator(f'.ks-karte[data-karte="{card_id}"]')
    expect(card).to_be_visible()
    expect(card).to_contain_text("Kernaussage")

    # Search field: injected markup is shown as text, never executed.
    search = page.get_by_placeholder(re.compile("Stichwort"))
    search.fill(XSS)
    search.press("Enter")
    expect(page.locator(".ks-leer")).to_contain_text(XSS)
    assert page.locator("img[src='x']").count() == 0

    # Quiz: answer the first question and see feedback with explanation and a score.
    page.get_by_role("tab", name="Quiz").click()
    page.get_by_text("Frage 1 von").wait_for()
    page.locator("input[type=radio]:visible, input[type=checkbox]:visible").first.check()
    page.get_by_role("button", name="Antwort prüfen").click()
    expect(page.locator(".ks-feedback")).to_contain_text("Erklärung")
    # The score is its own widget and updates after the feedback: wait for the answered state.
    expect(page.locator(".ks-score:visible")).to_contain_text(re.compile(r"Punktestand: [01] von 1"))
    # The feedback's card link leads to the card as well.
    quiz_link = page.locator("button:visible", has_text="Karte: ").first
    expect(quiz_link).to_be_visible()
    linked_title = quiz_link.inner_text().strip().removeprefix("Karte: ")
    quiz_link.click()
    # A card from earlier in the test may still be visible: wait for the one the link names.
    expect(page.locator(".ks-karte:visible", has_text=linked_title).first).to_be_visible()

    assert page.dialogs == []
    assert errors == []
