"""KI review widget: side-by-side view, marks, tick list, scoring feedback, labelling link, escaping."""

from __future__ import annotations

import ipywidgets as w
import pytest

from fakes import RESEARCH_STAND
from kommsocial.ki import load_bank
from kommsocial.ki.schema import FallBank
from kommsocial.legal.data import load_cards, load_trees
from kommsocial.ui.ki_review import KiReview
from kommsocial.ui.legal_tree import TreeNavigator

EVIL = "<img src=x onerror=alert(1)><script>alert(2)</script>"
EVIL_ESCAPED = "&lt;img src=x onerror=alert(1)&gt;&lt;script&gt;alert(2)&lt;/script&gt;"


def html_of(widget: w.Widget) -> str:
    parts = [widget.value] if isinstance(widget, w.HTML) else []
    parts += [html_of(c) for c in getattr(widget, "children", ())]
    return "\n".join(parts)


def test_source_and_draft_side_by_side_with_unsupported_marks():
    view = KiReview("lindenallee")
    assert "<mark" not in view.draft_html.value and view.automatik.value == ""  # the learner looks first
    view.hilfen.value = True
    assert "Quelle: Pressemitteilung" in view.source_html.value
    assert "KI-Entwurf (geschriebenes Beispiel)" in view.draft_html.value
    draft = view.draft_html.value
    assert '<mark data-severity="fehler" title="Nicht belegt (Datum)' in draft
    assert ">23. Dezember</mark>" in draft
    assert "https://musterstadt.de/lindenallee-sperrung</mark>" in draft
    assert "Nicht belegt (Link)" in view.automatik.value
    # the supported start date is not marked
    assert ">7.</mark>" not in draft
    view.hilfen.value = False
    assert "<mark" not in view.draft_html.value and view.automatik.value == ""


def test_tick_list_mixes_problems_and_distractors_in_stable_order():
    view = KiReview("weihnachtsmarkt")
    ids = [cb.item_id for cb in view.checkboxes]
    fall = view.fall
    assert sorted(ids) == sorted([p.id for p in fall.probleme] + [a.id for a in fall.ablenker])
    assert ids == [cb.item_id for cb in KiReview("weihnachtsmarkt").checkboxes]
    assert not any(cb.value for cb in view.checkboxes)


def test_full_review_scores_full_marks_and_links_cards():
    view = KiReview("kita_ratsbeschluss")
    view.tick(*[p.id for p in view.fall.probleme])
    view.label_choice.value = "text_offenlegen"
    view.check_button.click()
    b = view.bewertung
    assert b is not None and b.punkte == b.max_punkte == 6
    assert "Sie haben 5 von 5 Problemen gefunden. Punkte: 6 von 6." in view.feedback.value
    assert "Kennzeichnung: richtig." in view.label_feedback.value
    assert "keine Rechtsberatung" in view.label_feedback.value
    assert [btn.card_id for btn in view.card_links.children] == ["ki-kennzeichnung-art50"]
    view.card_links.children[0].click()
    assert "Art. 50 Abs. 4" in view.inline.html.value


def test_missed_problems_and_false_alarms_are_explained():
    view = KiReview("lindenallee")
    view.tick("enddatum", "umleitung")
    view.label_choice.value = "text_offenlegen"
    view.evaluate()
    fb = view.feedback.value
    assert 'data-problem="enddatum" data-found="true"' in fb
    assert 'data-problem="link" data-found="false"' in fb
    assert 'data-fehlalarm="umleitung"' in fb and "Stimmt – so steht es in der Pressemitteilung." in fb
    assert "Automatisch erkennbar: Abgleich mit der Quelle" in fb
    assert "Punkte: 0 von 5" in fb
    assert "Kennzeichnung: nicht richtig." in view.label_feedback.value
    assert "Keine Pflicht – die Ausnahme für redaktionelle Kontrolle greift" in view.label_feedback.value


def test_restart_and_case_chooser_reset_everything():
    view = KiReview()
    assert view.chooser.layout.display == ""
    view.tick(view.checkboxes[0].item_id)
    view.evaluate()
    view.chooser.value = "spielplatz"
    assert view.feedback.value == "" and view.bewertung is None
    assert not any(cb.value for cb in view.checkboxes)
    assert "Neuer Spielplatz im Stadtpark" in view.task.value
    assert view.label_choice.value is None
    assert "deepfake" in [v for _l, v in view.label_choice.options]


def test_decision_tree_opens_and_closes():
    view = KiReview("hochwasser")
    view.tree_button.click()
    assert isinstance(view.tree_box.children[0], TreeNavigator)
    assert view.tree_box.children[0].tree.id == "ki-kennzeichnung"
    view.tree_button.click()
    assert view.tree_box.children == ()


def test_notice_and_stand_are_shown():
    view = KiReview("ausbildung", hilfen=True)
    text = html_of(view)
    assert "Kein echtes KI-Werkzeug hat sie erzeugt" in text
    assert f"Stand: {RESEARCH_STAND} – keine Rechtsberatung." in text
    assert "Länge für X: 4" in view.automatik.value and "zu lang" in view.automatik.value


def test_unknown_case_raises():
    with pytest.raises(KeyError):
        KiReview("gibtsnicht")


def evil_bank() -> FallBank:
    data = load_bank().model_dump()
    fall = data["faelle"][0]
    fall["titel"] = "Titel " + EVIL
    fall["auftrag"] = "Auftrag " + EVIL
    fall["quelle"] = fall["quelle"] + "\n" + EVIL
    fall["entwurf"] = fall["entwurf"] + "\n" + EVIL + " am 24. Dezember"
    fall["kennzeichnung"]["situation"] = "Situation " + EVIL
    for p in fall["probleme"]:
        p["erklaerung"] += " " + EVIL
        p["aussage"] += " " + EVIL
    for a in fall["ablenker"]:
        a["erklaerung"] += " " + EVIL
    data["hinweis"] += " " + EVIL
    data["quelle"] += " " + EVIL
    return FallBank.model_validate(data)


def test_every_text_is_escaped():
    bank = evil_bank()
    view = KiReview(bank.faelle[0].id, bank=bank, trees=load_trees(), cards=load_cards(), hilfen=True)
    view.tick(*[cb.item_id for cb in view.checkboxes])
    view.label_choice.value = "ausnahme_redaktion"
    view.evaluate()
    text = html_of(view)
    assert "<script" not in text and "<img" not in text
    assert text.count(EVIL_ESCAPED) >= 8
    # the invented date next to the markup is still marked, the markup itself stays text
    assert ">24. Dezember</mark>" in view.draft_html.value


# --- real browser: standalone Voilà like `kommsocial apps`, serving a notebook with a hostile bank -------

@pytest.fixture(scope="module")
def evil_voila(tmp_path_factory):
    """Voilà (public settings) serving one notebook whose review bank carries markup in every text."""
    import yaml

    from conftest import voila_notebook
    from kommsocial.launch import VOILA_PUBLIC_ARGS

    folder = tmp_path_factory.mktemp("ki_voila")
    (folder / "bank.yaml").write_text(
        yaml.safe_dump(evil_bank().model_dump(mode="json"), allow_unicode=True), encoding="utf-8")
    source = ("from kommsocial.ki import load_bank\nfrom kommsocial.ui.ki_review import KiReview\n"
              "KiReview(bank=load_bank('bank.yaml'))")
    with voila_notebook(folder, "ki.ipynb", source, *VOILA_PUBLIC_ARGS) as base:
        yield base


@pytest.mark.browser
def test_browser_review_shows_markup_as_text_and_scores(page, evil_voila):
    from conftest import open_app

    open_app(page, evil_voila, "ki.ipynb", ready_selector="text=Auswerten")
    # the injected markup is visible as text in source, draft, title and tick list
    assert page.get_by_text("<script>alert(2)</script>", exact=False).count() >= 4
    page.locator(".widget-checkbox input").first.check()
    page.get_by_text("Keine Pflicht – die Ausnahme für redaktionelle Kontrolle greift").click()
    page.get_by_text("Auswerten").click()
    page.wait_for_selector("text=Punkte:")
    page.wait_for_timeout(500)
    assert page.dialogs == []
    assert page.locator(".ks-ki-feedback img, .ks-ki-feedback script").count() == 0
    assert page.locator("mark", has_text="24. Dezember").count() == 1


def test_rewrite_is_checked_against_the_source():
    view = KiReview("lindenallee")
    assert view.rewrite.value == view.fall.entwurf
    view.rewrite.value = ("Die Lindenallee ist vom 7. bis 18. Dezember zwischen Marktplatz und Schulstraße gesperrt. "
                          "Umleitung über die Bahnhofstraße. Infos: https://www.musterstadt.de/baustellen")
    result = view.check_rewrite()
    assert result.nicht_belegt == [] and result.ampel == "gruen"
    assert "Ihre Fassung" in view.rewrite_result.value and "<mark" not in view.rewrite_result.value
    view.rewrite.value = "Gesperrt bis 20. Dezember. " + EVIL
    view.rewrite_button.click()
    assert ">20. Dezember</mark>" in view.rewrite_result.value
    # the digits in "alert(1)" are unsupported numbers and get marked, so the escaped markup is split by marks
    assert "&lt;script&gt;alert(" in view.rewrite_result.value
    assert "<script" not in view.rewrite_result.value and "<img" not in view.rewrite_result.value
    view.restart()
    assert view.rewrite_result.value == "" and view.rewrite.value == view.fall.entwurf
