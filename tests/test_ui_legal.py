"""Legal widgets: tree navigator, quiz, card viewer (behaviour, escaping, Stand and disclaimer)."""

from __future__ import annotations

import datetime as dt

import ipywidgets as w
import pytest

from fakes import RESEARCH_DATE
from kommsocial.errors import InputError
from kommsocial.legal import ImpressumBefund, ImpressumErgebnis, ImpressumProfil
from kommsocial.legal.data import format_date, load_cards, load_quiz, load_trees, stand_of
from kommsocial.legal.schema import Baum, Frage, Karte
from kommsocial.legal.tree import all_paths
from kommsocial.ui.legal_cards import CardViewer, card_html, rechtshinweis, search_cards
from kommsocial.ui.legal_checklist import ConsentChecklist, load_checklist
from kommsocial.ui.legal_impressum import ImpressumForm, result_html
from kommsocial.ui.legal_quiz import QuizView
from kommsocial.ui.legal_tree import TreeNavigator

EVIL = "<script>alert(1)</script><img src=x onerror=alert(2)>"
EVIL_ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;"


def html_of(widget: w.Widget) -> str:
    """All HTML/label text a widget tree currently shows (visible or not)."""
    parts = []
    if isinstance(widget, w.HTML):
        parts.append(widget.value)
    for attr in ("description",):
        if isinstance(getattr(widget, attr, None), str):
            parts.append(getattr(widget, attr))
    for child in getattr(widget, "children", ()):
        parts.append(html_of(child))
    return "\n".join(parts)


def evil_data() -> tuple[dict[str, Karte], dict[str, Baum], list[Frage]]:
    """A card, a tree and a question whose every text field carries markup."""
    karte = Karte(
        id="boese", titel="Titel " + EVIL, thema="impressum", kernaussage="Kern " + EVIL,
        details="Details " + EVIL, normen=[{"norm": "§ 1 " + EVIL, "ebene": "Bund"}],
        entscheidungen=[{"gericht": "Gericht " + EVIL, "datum": "01.01.2020", "aktenzeichen": "1 " + EVIL,
                         "aussage": "Aussage " + EVIL}],
        quellen=["Quelle " + EVIL], stand=dt.date(2026, 11, 21), status="offen",
        offene_fragen=["Offen " + EVIL],
    )
    baum = Baum(
        id="boese", titel="Baum " + EVIL, beschreibung="Beschreibung " + EVIL, thema="impressum",
        stand=dt.date(2026, 11, 21), start="q",
        knoten={"q": {"frage": "Frage " + EVIL, "hilfe": "Hilfe " + EVIL, "antworten": [
            {"id": "a", "text": "Antwort " + EVIL, "weiter": "ende"},
            {"id": "b", "text": "Andere", "weiter": "ende"}]}},
        urteile={"ende": {"ergebnis": "Ergebnis " + EVIL, "ampel": "rot",
                          "begruendung": "Begründung " + EVIL, "karten": ["boese"]}},
    )
    frage = Frage(id="boese", thema="impressum", typ="einfach", frage="Frage " + EVIL,
                  optionen=[{"id": "a", "text": "A " + EVIL}, {"id": "b", "text": "B"}],
                  richtig=["b"], erklaerung="Erklärung " + EVIL, karten=["boese"])
    return {"boese": karte}, {"boese": baum}, [frage]


# -- navigator -------------------------------------------------------------------------------

@pytest.mark.parametrize("tree_id", sorted(load_trees()))
def test_navigator_walks_every_path_to_a_verdict_with_card_links(tree_id):
    tree = load_trees()[tree_id]
    nav = TreeNavigator(tree_id)
    for steps, verdict_id in all_paths(tree):
        nav.restart()
        for node_id, option_id in steps:
            assert tree.knoten[node_id].frage.split()[0] in nav.question.value
            [button] = [b for b in nav.answer_buttons if b.option_id == option_id]
            button.click()
        verdict = tree.urteile[verdict_id]
        assert nav.answer_buttons == []
        assert f'data-state="{verdict.ampel}"' in nav.verdict.value
        assert [b.card_id for b in nav.card_link_buttons] == verdict.karten


def test_navigator_back_restart_and_card_link_opens_card():
    tree = load_trees()["foto"]
    steps, verdict_id = max(all_paths(tree), key=lambda p: len(p[0]))
    nav = TreeNavigator("foto")
    first_question = nav.question.value
    assert "Frage 1:" in first_question
    assert nav.back_button.disabled
    for _node, option in steps:
        nav.choose(option)
    assert nav.verdict.value and nav.question.value == ""
    # Back from the verdict returns to the last question with its answers.
    nav.back_button.click()
    assert nav.verdict.value == ""
    assert f"Frage {len(steps)}:" in nav.question.value
    assert {b.option_id for b in nav.answer_buttons} == {a.id for a in tree.knoten[steps[-1][0]].antworten}
    nav.choose(steps[-1][1])
    link = nav.card_link_buttons[0]
    link.click()
    assert f'data-karte="{link.card_id}"' in nav.inline.html.value
    nav.restart_button.click()
    assert nav.question.value == first_question
    assert nav.history.value == "" and nav.inline.html.value == ""


def test_navigator_on_card_callback_receives_card_id():
    opened: list[str] = []
    nav = TreeNavigator("foto", on_card=opened.append)
    tree = load_trees()["foto"]
    steps, verdict_id = next(all_paths(tree))
    for _node, option in steps:
        nav.choose(option)
    nav.card_link_buttons[-1].click()
    assert opened == [tree.urteile[verdict_id].karten[-1]]
    assert nav.inline.html.value == ""


def test_navigator_without_tree_id_offers_all_trees():
    nav = TreeNavigator()
    assert {value for _label, value in nav.chooser.options} == set(load_trees())
    nav.chooser.value = "foto"
    assert load_trees()["foto"].knoten[load_trees()["foto"].start].frage in nav.question.value


def test_navigator_escapes_all_data_text():
    cards, trees, _ = evil_data()
    nav = TreeNavigator("boese", trees=trees, cards=cards)
    assert EVIL_ESCAPED in nav.title.value and EVIL_ESCAPED in nav.question.value
    nav.choose("a")
    nav.card_link_buttons[0].click()
    shown = html_of(nav)
    assert "<script>" not in shown.replace(nav.card_link_buttons[0].description, "")
    assert shown.count(EVIL_ESCAPED) >= 10  # history, verdict, every card field
    assert "<img src=x" not in nav.verdict.value + nav.history.value + nav.inline.html.value


# -- quiz ------------------------------------------------------------------------------------

def test_quiz_feedback_and_running_score():
    quiz = QuizView(anzahl=3, seed=7)
    assert "Frage 1 von 3" in quiz.heading.value
    first = quiz.current
    quiz.select(first.richtig)
    result = quiz.check()
    assert result.correct
    assert 'data-correct="true"' in quiz.feedback.value
    assert "Erklärung" in quiz.feedback.value
    assert [b.card_id for b in quiz.links.children] == first.karten
    assert "<b>1</b> von 1" in quiz.scoreline.value
    # A second check of the same question does not count twice.
    quiz.check()
    assert "<b>1</b> von 1" in quiz.scoreline.value
    quiz.next_button.click()
    second = quiz.current
    assert second.id != first.id and "Frage 2 von 3" in quiz.heading.value
    wrong = [o.id for o in second.optionen if o.id not in second.richtig][:1]
    quiz.select(wrong)
    quiz.check_button.click()
    assert 'data-correct="false"' in quiz.feedback.value
    assert "Richtig ist:" in quiz.feedback.value
    assert "<b>1</b> von 2" in quiz.scoreline.value
    quiz.next()
    quiz.select(quiz.current.richtig)
    quiz.check()
    quiz.next()
    assert quiz.current is None
    assert "2 von 3 Fragen richtig" in quiz.heading.value


def test_quiz_requires_a_choice_and_opens_cards():
    quiz = QuizView(anzahl=1, seed=1)
    assert quiz.check() is None
    assert "zuerst eine Antwort" in quiz.feedback.value
    assert quiz.answered_count == 0 and quiz.next_button.disabled
    quiz.select(quiz.current.richtig)
    quiz.check()
    quiz.links.children[0].click()
    assert f'data-karte="{quiz.current.karten[0]}"' in quiz.inline.html.value


def test_quiz_multiple_choice_needs_exactly_the_right_options():
    multi = [f for f in load_quiz() if f.typ == "mehrfach"]
    assert multi, "the quiz bank has multiple-choice questions"
    frage = multi[0]
    quiz = QuizView(fragen=[frage, frage])
    quiz.select(frage.richtig[:1] if len(frage.richtig) > 1 else [o.id for o in frage.optionen])
    assert not quiz.check().correct
    quiz.next()
    quiz.select(frage.richtig)
    assert quiz.check().correct
    assert quiz.correct_count == 1 and quiz.answered_count == 2


def test_quiz_topic_filter_and_escaping():
    quiz = QuizView(thema="bildrechte", anzahl=50, seed=3)
    assert quiz.questions and all(f.thema == "bildrechte" for f in quiz.questions)
    cards, _, fragen = evil_data()
    evil = QuizView(fragen=fragen, cards=cards)
    assert EVIL_ESCAPED in evil.question.value
    evil.select("a")
    evil.check()
    assert EVIL_ESCAPED in evil.feedback.value and "<script>" not in evil.feedback.value


# -- cards -----------------------------------------------------------------------------------

def test_card_viewer_filters_by_topic_and_search():
    cards = load_cards()
    viewer = CardViewer()
    assert len(viewer.visible_ids) == len(cards)
    # The first card is shown right away.
    assert viewer.listing.value == viewer.visible_ids[0]
    assert f'data-karte="{viewer.visible_ids[0]}"' in viewer.detail.value
    viewer.topic.value = "impressum"
    assert viewer.visible_ids and all(cards[c].thema == "impressum" for c in viewer.visible_ids)
    assert set(viewer.visible_ids) == {c for c, k in cards.items() if k.thema == "impressum"}
    viewer.search.value = "I ZR 228/03"
    assert viewer.visible_ids and all(
        any(e.aktenzeichen == "I ZR 228/03" for e in cards[c].entscheidungen) for c in viewer.visible_ids)
    viewer.search.value = "gibtesnicht " + EVIL
    assert viewer.visible_ids == []
    assert EVIL_ESCAPED in viewer.detail.value and "<script>" not in viewer.detail.value
    # show_card lifts filters that would hide the card.
    other = next(c for c, k in cards.items() if k.thema != "impressum")
    viewer.show_card(other)
    assert viewer.listing.value == other and viewer.search.value == "" and viewer.topic.value == ""
    assert f'data-karte="{other}"' in viewer.detail.value


def test_card_html_shows_all_parts_escaped():
    cards, _, _ = evil_data()
    html = card_html(cards["boese"])
    for label in ("Kernaussage", "Normen", "Entscheidungen", "Quellen", "Offene Fragen", "Stand: 21.11.2026",
                  "Bundesnorm", "offen"):
        assert label in html
    assert "<script>" not in html and html.count(EVIL_ESCAPED) == 9
    real = next(k for k in load_cards().values() if k.entscheidungen)
    e = real.entscheidungen[0]
    assert e.gericht in card_html(real) and e.datum in card_html(real)


def test_search_cards_needs_every_word():
    cards = list(load_cards().values())
    assert search_cards(cards, "") == cards
    assert search_cards(cards, "zzzz") == []
    both = search_cards(cards, "einwilligung schriftlich")
    assert both and all("einwilligung" in (k.kernaussage + k.details + k.titel).lower()
                        or "einwilligung" in " ".join(k.quellen).lower() for k in both)


# -- Impressum form ---------------------------------------------------------------------------

GOOD_PROFILE = {
    "plattform": "instagram", "behoerde": "Stadt Musterstadt", "anschrift": "Rathausplatz 1, 12345 Musterstadt",
    "vertretungsberechtigt": "Bürgermeisterin Erika Muster, Rathausplatz 1, 12345 Musterstadt",
    "kontakt": "presse@musterstadt.example", "link_text": "Impressum", "klicks": 1,
}


def test_impressum_form_reports_too_many_clicks_and_fix_turns_it_green_or_yellow():
    form = ImpressumForm({**GOOD_PROFILE, "klicks": 3, "link_text": "Mehr unter musterstadt.de"})
    assert 'data-regel="zu-viele-klicks"' in form.result.value
    assert 'data-state="rot"' in form.result.value
    assert form.links.children and all(b.card_id in load_cards() for b in form.links.children)
    form.fields["klicks"].value = 1
    form.fields["link_text"].value = "Impressum"
    ergebnis = form.check()
    assert "zu-viele-klicks" not in ergebnis.regeln()
    assert 'data-regel="zu-viele-klicks"' not in form.result.value
    assert ergebnis.ampel != "rot"
    # The open § 5 DDG question stays visible even for a good profile.
    assert 'data-regel="ddg-offen"' in form.result.value


def test_impressum_form_escapes_input_and_links_open_cards():
    form = ImpressumForm({**GOOD_PROFILE, "behoerde": EVIL})
    assert form.profile()["behoerde"] == EVIL
    assert "<script>" not in form.result.value
    # Finding texts and card titles are escaped, whatever the engine puts into them.
    cards, _, _ = evil_data()
    befund = ImpressumBefund(regel="test", schwere="fehler", meldung="Meldung " + EVIL, karten=("boese",))
    shown = result_html(ImpressumErgebnis(profil=ImpressumProfil(plattform="x"), befunde=[befund]), cards)
    assert shown.count(EVIL_ESCAPED) == 2 and "<script>" not in shown
    form.fields["vertretungsberechtigt"].value = ""
    ergebnis = form.check()
    assert "vertretung-fehlt" in ergebnis.regeln()
    form.links.children[0].click()
    assert f'data-karte="{form.links.children[0].card_id}"' in form.inline.html.value


# -- consent checklist -----------------------------------------------------------------------

def test_checklist_ampel_follows_mandatory_and_optional_points():
    checklist = ConsentChecklist()
    points = checklist.liste.punkte
    assert 'data-ampel="rot"' in checklist.result.value
    for p in points:
        checklist.set_state(p.id, "erfüllt")
    assert 'data-ampel="gruen"' in checklist.result.value and checklist.links.children == ()
    optional = next(p for p in points if not p.pflicht)
    checklist.set_state(optional.id, "offen")
    assert 'data-ampel="gelb"' in checklist.result.value
    assert f'data-punkt="{optional.id}"' in checklist.result.value
    assert [b.card_id for b in checklist.links.children] == optional.karten
    checklist.set_state(optional.id, "erfüllt")
    skippable = next(p for p in points if p.kann_entfallen)
    checklist.set_state(skippable.id, "entfällt")
    assert 'data-ampel="gruen"' in checklist.result.value
    mandatory = next(p for p in points if p.pflicht and not p.kann_entfallen)
    checklist.set_state(mandatory.id, "offen")
    assert 'data-ampel="rot"' in checklist.result.value
    assert "keine Rechtsberatung" in html_of(checklist) and "Stand: 06.12.2026" in html_of(checklist)


def test_checklist_rejects_unknown_cards_and_escapes(tmp_path):
    bad = tmp_path / "liste.yaml"
    bad.write_text(
        "titel: Test\nstand: 2026-11-21\npunkte:\n"
        "  - {id: a, text: 'Punkt <b>eins</b>', erklaerung: 'Erklärung lang genug', quelle: Quelle,\n"
        "     karten: [gibtesnicht]}\n",
        encoding="utf-8")
    with pytest.raises(InputError, match="gibtesnicht"):
        load_checklist(bad)
    bad.write_text(bad.read_text(encoding="utf-8").replace("gibtesnicht", "bild-widerruf"), encoding="utf-8")
    checklist = ConsentChecklist(bad)
    assert "Punkt &lt;b&gt;eins&lt;/b&gt;" in html_of(checklist) and "<b>eins</b>" not in html_of(checklist)


# -- disclaimer and Stand everywhere ---------------------------------------------------------

@pytest.mark.parametrize("make", [
    lambda: CardViewer(), lambda: TreeNavigator("foto"), lambda: TreeNavigator(),
    lambda: QuizView(anzahl=2, seed=1), rechtshinweis, lambda: ImpressumForm(GOOD_PROFILE),
], ids=["karten", "baum", "baumwahl", "quiz", "hinweis", "impressum"])
def test_every_view_shows_stand_and_no_legal_advice(make):
    shown = html_of(make())
    assert "keine Rechtsberatung" in shown
    assert f"Stand: {stand_of(load_cards())}" in shown
    # Most cards were researched on 21.11.2026; the ones corrected later carry their own date.
    stands = [k.stand for k in load_cards().values()]
    assert stand_of(load_cards()) == f"{format_date(min(stands))} bis {format_date(max(stands))}"
    assert min(stands) == RESEARCH_DATE
