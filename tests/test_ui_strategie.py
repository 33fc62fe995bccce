"""Strategy widgets: live update of the maturity check and the Dienstanweisung builder, downloads, escaping."""

from __future__ import annotations

import base64
import datetime as dt
import re

import ipywidgets as w
import pytest

from fakes import RESEARCH_STAND
from kommsocial.strategie import build, load_modell, profile, profile_markdown
from kommsocial.strategie.schema import Reifegradmodell, Vorlage
from kommsocial.ui.dienstanweisung import WEGLASSEN, DienstanweisungBuilder
from kommsocial.ui.reifegrad import ReifegradCheck

EVIL = "<img src=x onerror=alert(1)><script>alert(2)</script>"
EVIL_ESCAPED = "&lt;img src=x onerror=alert(1)&gt;&lt;script&gt;alert(2)&lt;/script&gt;"


def html_of(widget: w.Widget) -> str:
    """All HTML a widget tree currently shows."""
    parts = [widget.value] if isinstance(widget, w.HTML) else []
    for child in getattr(widget, "children", ()):
        parts.append(html_of(child))
    return "\n".join(parts)


def downloads(html: str) -> dict[str, str]:
    """filename → decoded content of every data-URI download link."""
    return {name: base64.b64decode(data).decode("utf-8")
            for name, data in re.findall(r'download="([^"]+)" href="data:[^;]+;charset=utf-8;base64,([^"]+)"', html)}


# -- maturity check ------------------------------------------------------------------------------

def test_check_starts_empty_and_updates_on_every_answer():
    check = ReifegradCheck()
    assert "Beantworten Sie die Fragen" in check.steps.value
    assert check.download.value == ""
    assert check.bars.value.count('data-phase="keine"') == 10
    check.answer("ziele-festgelegt", 0)
    assert 'data-dimension="ziele" data-phase="0"' in check.bars.value
    assert check.accordion.titles[0] == "Ziele & Strategie (1/3)"
    assert 'class="ks-empfehlung" data-dimension="ziele"' in check.steps.value
    check.answer("ziele-festgelegt", 3)
    assert 'data-dimension="ziele" data-phase="3"' in check.bars.value
    assert "In allen bewerteten Bereichen sind Sie in Phase 3" in check.steps.value
    check.answer("ziele-festgelegt", None)
    assert check.answers() == {}
    assert "Beantworten Sie die Fragen" in check.steps.value


def test_check_order_of_steps_and_download_match_the_engine():
    check = ReifegradCheck()
    answers = {"ziele-festgelegt": 1, "wirkung-kennzahlen": 0, "wirkung-formel": 0, "krise-plan": 2}
    check.set_answers(answers)
    order = re.findall(r'class="ks-empfehlung" data-dimension="([a-z]+)"', check.steps.value)
    expected = profile(answers, load_modell())
    assert order == [e.dimension.id for e in expected.empfehlungen] == ["ziele", "wirkung", "krise"]
    assert downloads(check.download.value) == {"reifegrad_selbstcheck.md": profile_markdown(expected)}
    assert 'class="ks-gesamt" data-phase="1"' in check.summary.value  # mean of 1, 0, 2


def test_check_shows_stand_sources_and_disclaimer():
    text = html_of(ReifegradCheck())
    assert f"Stand: {RESEARCH_STAND}" in text and "keine Rechtsberatung" in text
    assert "KGSt-Studie 2016" in text  # question source shown next to the question


def evil_model() -> Reifegradmodell:
    return Reifegradmodell.model_validate({
        "titel": "Titel " + EVIL, "stand": dt.date(2026, 11, 21), "quellen": ["Quelle " + EVIL],
        "stufen": [{"stufe": i, "name": f"Phase {i} {EVIL}", "beschreibung": "Beschreibung " + EVIL}
                   for i in range(4)],
        "dimensionen": [{
            "id": "boese", "titel": "Dimension " + EVIL, "beschreibung": "Beschreibung " + EVIL, "prioritaet": 1,
            "fragen": [{"id": f"f{i}", "text": "Frage " + EVIL, "antworten": ["A " + EVIL] * 4,
                        "hinweis": "Hinweis " + EVIL, "quelle": "Quelle " + EVIL} for i in range(2)],
            "schritte": {n: [{"text": "Schritt " + EVIL, "quelle": "Q " + EVIL}] for n in (0, 1, 2)},
        }],
    })


def test_check_escapes_every_model_text():
    check = ReifegradCheck(evil_model())
    check.answer("f0", 0)
    text = html_of(check)
    assert "<script" not in text and "<img" not in text
    assert text.count(EVIL_ESCAPED) >= 10
    assert "Schritt " + EVIL_ESCAPED in check.steps.value


# -- Dienstanweisung builder ---------------------------------------------------------------------

def test_builder_preview_and_downloads_follow_the_choices():
    b = DienstanweisungBuilder()
    assert "Entwurf – bitte mit Personalrat, Datenschutz und Rechtsamt abstimmen" in b.preview.value
    assert "Tonalität und Sprache" in b.preview.value
    b.choose("tonalitaet", None)
    b.choose("zustaendigkeit", "dezentral")
    assert "Tonalität und Sprache" not in b.preview.value
    assert "Fachbereiche können eigene Beiträge veröffentlichen" in b.preview.value
    b.kommune.value = "Gemeinde Beispieldorf"
    expected = build({"tonalitaet": None, "zustaendigkeit": "dezentral"}, kommune="Gemeinde Beispieldorf")
    assert b.preview.value == expected.html()
    files = downloads(b.downloads.value)
    assert files == {"dienstanweisung_social_media.md": expected.markdown(),
                     "dienstanweisung_social_media.html": expected.html_page()}
    b.reset()
    assert b.preview.value == build(kommune="Gemeinde Beispieldorf").html()


def test_builder_mandatory_sections_cannot_be_left_out():
    b = DienstanweisungBuilder()
    assert WEGLASSEN not in [v for _l, v in b.controls["freigabe"].options]
    assert WEGLASSEN in [v for _l, v in b.controls["tonalitaet"].options]


def test_builder_empty_name_shows_german_error_and_no_download():
    b = DienstanweisungBuilder()
    b.kommune.value = "  "
    assert "Bitte geben Sie den Namen der Kommune an." in b.preview.value
    assert b.downloads.value == "" and b.entwurf is None
    b.kommune.value = "Stadt Musterstadt"
    assert b.downloads.value


def test_builder_escapes_typed_names():
    b = DienstanweisungBuilder()
    b.kommune.value = EVIL
    b.stelle.value = EVIL
    shown = html_of(b)
    assert "<script" not in shown and "<img" not in shown
    assert EVIL_ESCAPED in b.preview.value
    for content in downloads(b.downloads.value).values():
        assert "<script" not in content and "<img" not in content


def test_builder_escapes_template_texts():
    v = Vorlage.model_validate({
        "titel": "Titel {kommune} " + EVIL, "stand": dt.date(2026, 11, 21), "hinweis": "Hinweis " + EVIL,
        "einleitung": "Einleitung " + EVIL, "quellen": ["Quelle " + EVIL],
        "abschnitte": [{"id": "a", "titel": "Abschnitt " + EVIL, "frage": "Frage " + EVIL,
                        "erklaerung": "Erklärung " + EVIL, "mehrfach": True,
                        "optionen": [{"id": "o", "label": "Label " + EVIL, "text": "Text " + EVIL,
                                      "quellen": ["Q " + EVIL]}],
                        "standard": ["o"]}],
    })
    b = DienstanweisungBuilder(v)
    shown = html_of(b)
    assert "<script" not in shown and "<img" not in shown
    assert shown.count(EVIL_ESCAPED) >= 8
    assert b.auswahl() == {"a": ["o"]}
    b.choose("a", None)
    assert "Abschnitt " + EVIL_ESCAPED not in b.preview.value


# -- real browser (standalone Voilà, as self-learners would see the widgets) ------------------------

@pytest.mark.browser
def test_browser_builder_shows_typed_markup_as_text_and_check_reacts_to_clicks(page, voila_apps_url):
    from conftest import open_app

    open_app(page, voila_apps_url, "strategie.ipynb", ready_selector=".ks-dienstanweisung .ks-vorschau")
    page.locator(".ks-dienstanweisung input[type=text]").first.fill(EVIL)
    preview = page.locator(".ks-vorschau")
    preview.get_by_text("Dienstanweisung Social Media – <img", exact=False).first.wait_for(timeout=30_000)
    assert preview.locator("img, script").count() == 0
    assert page.dialogs == []
    href = page.locator(".ks-dienstanweisung a.ks-download").first.get_attribute("href")
    assert href.startswith("data:text/markdown;charset=utf-8;base64,")
    assert "<img" not in base64.b64decode(href.split(",", 1)[1]).decode("utf-8")

    page.locator(".ks-reifegrad").get_by_text("Es gibt grobe Ideen, aber nichts Schriftliches.").click()
    page.wait_for_selector('.ks-balken[data-dimension="ziele"][data-phase="1"]', timeout=30_000)
    assert page.locator(".ks-reifegrad .ks-empfehlung").first.get_attribute("data-dimension") == "ziele"
