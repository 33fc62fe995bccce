"""Crisis views: participant view (solo and shared), trainer console, compose box, debrief, escaping."""

from __future__ import annotations

import html
import re

import pytest

from conftest import in_fresh_thread
from fakes import FakeClock
from kommsocial.crisis.engine import Exercise
from kommsocial.crisis.live import SharedSession, SoloSession, phase
from kommsocial.crisis.schema import DIMENSIONS, resolve
from kommsocial.crisis.store import Store
from kommsocial.errors import InputError
from kommsocial.ui.crisis_app import KrisenSimulatorApp
from kommsocial.ui.crisis_debrief import DebriefView, download_link_html
from kommsocial.ui.crisis_feed import card_html, lage_html, minute_label, open_inquiries
from kommsocial.ui.crisis_participant import FeedCard, ParticipantView, Ticker
from kommsocial.ui.crisis_trainer import TrainerConsole
from kommsocial.ui.debounce import immediate_scheduler

XSS = "<img src=x onerror=alert(1)><script>alert(2)</script>"
STATEMENT = "Es brennt im Gewerbegebiet Nord. Bitte halten Sie Fenster und Türen geschlossen."


def visible(fragment: str) -> str:
    """Text content of an HTML fragment (tags removed, entities decoded)."""
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


def card_ids(view: ParticipantView) -> list[str]:
    return [c.item_id for c in view.feed_box.children if isinstance(c, FeedCard)]


def solo_view(scenario="grossbrand", **kwargs) -> ParticipantView:
    return ParticipantView(SoloSession(scenario, speed=10), autorefresh=False, compose_scheduler=immediate_scheduler,
                           plot=False, **kwargs)


@pytest.fixture
def store(tmp_path):
    return Store(tmp_path / "krisen.db")


# --- solo participant view -----------------------------------------------------------------

def test_solo_view_shows_injects_as_clock_advances():
    view = solo_view()
    assert view.state["status"] == "bereit"
    assert card_ids(view) == []
    assert "Musterstadt" in view.info.value and "{" not in view.info.value  # placeholders filled
    expected = Exercise(resolve("grossbrand"))
    for minute in (5, 10, 15):
        view.plus_button.click()
        wanted = [i.id for i in expected.feed(minute) if i.kanal in ("feed", "kommentar", "presseanfrage", "email")]
        assert sorted(card_ids(view)) == sorted(wanted)
        assert view.state["minute"] == minute
        assert f"Minute {minute}" in visible(view.lage.value)
    # Newest first.
    minutes = [view.cards[i].html.value for i in card_ids(view)]
    assert len(minutes) == len(card_ids(view))
    feed_minutes = [next(i["minute"] for i in view.state["feed"] if i["id"] == cid) for cid in card_ids(view)]
    assert feed_minutes == sorted(feed_minutes, reverse=True)
    # Warnings and Lagemeldungen go to the Lage panel, not into the feed.
    lage_ids = [i.id for i in expected.feed(15) if i.kanal in ("warnung", "lagemeldung")]
    assert lage_ids and not set(lage_ids) & set(card_ids(view))
    assert all(f'data-id="{i}"' in view.lage.value for i in lage_ids)


def test_solo_status_buttons_and_end_at_duration():
    view = solo_view()
    assert view.start_button.description == "Start" and view.pause_button.disabled
    assert view.compose.send_button.disabled  # nothing to do before the start
    view.start_button.click()
    assert view.state["status"] == "läuft" and view.start_button.disabled and not view.pause_button.disabled
    view.pause_button.click()
    assert view.state["status"] == "pausiert" and view.start_button.description == "Weiter"
    dauer = resolve("grossbrand").meta.dauer
    for _ in range(dauer // 5 + 3):  # more clicks than needed: the clock stops at the end
        view.plus_button.click()
    assert view.state["minute"] == dauer and view.state["status"] == "beendet"
    assert view.tabs.selected_index == 1  # the debrief opens by itself
    assert view.debrief_view.debrief is not None
    assert view.plus_button.disabled and view.compose.send_button.disabled


def test_post_reply_and_moderation_are_recorded_and_shown():
    view = solo_view()
    session = view.session
    for _ in range(5):
        view.plus_button.click()  # minute 25
    view.compose.text_area.value = STATEMENT
    assert view.compose.report is not None and view.compose.ampel.value  # live check ran
    view.compose.send_button.click()
    assert [a.action for a in session.exercise.actions] == ["post"]
    assert "Fenster und Türen" in visible(view.feed_box.children[0].value)

    inquiry = open_inquiries(view.state)[0]
    view.cards[inquiry["id"]].reply_button.click()
    assert view.compose.target.value == inquiry["id"]
    view.compose.text_area.value = "Wir melden uns in 15 Minuten mit bestätigten Zahlen."
    view.compose.send_button.click()
    reply = session.exercise.actions[-1]
    assert (reply.action, reply.target) == ("reply", inquiry["id"])
    assert inquiry["id"] not in [i["id"] for i in open_inquiries(view.state)]
    assert "Ihre Antwort" in view.cards[inquiry["id"]].html.value

    insult = next(i for i in view.state["feed"] if "beleidigung" in i["tags"] and i["kanal"] in ("feed", "kommentar"))
    card = view.cards[insult["id"]]
    card.mod_buttons["hide"].click()
    assert session.exercise.actions[-1].action == "hide"
    assert card.mod_buttons["hide"].disabled and not card.mod_buttons["delete"].disabled
    card.mod_buttons["delete"].click()
    assert "(Inhalt gelöscht)" in card.html.value and insult["text"][:20] not in card.html.value
    assert card.reply_button.disabled


def test_ask_and_errors_shown_in_german():
    view = solo_view()
    view.compose.text_area.value = "Gibt es Verletzte?"
    view.compose.send("ask")
    assert "noch nicht begonnen" in view.compose.message.value  # not started yet: German error, text kept
    assert view.compose.text_area.value == "Gibt es Verletzte?"
    view.start_button.click()
    view.compose.ask_button.click()
    assert view.session.exercise.actions[-1].action == "ask"
    assert "Gibt es Verletzte?" in visible(view.lage.value)
    view.compose.send("post")
    assert "zuerst einen Text" in view.compose.message.value


def test_decision_from_lage_panel():
    view = solo_view()
    decision = resolve("grossbrand").entscheidungen[0]
    view.session.advance(decision.minute)
    view.refresh()
    box = view.decisions.children[0]
    radio, button = box.children[1], box.children[2]
    button.click()
    assert "zuerst eine Option" in view.message.value
    radio.value = decision.optionen[0].id
    button.click()
    assert view.session.exercise.choices[decision.id].option == decision.optionen[0].id
    assert view.decisions.children == ()


def test_ticker_refreshes_until_the_end():
    timer = FakeClock()
    view = ParticipantView(SoloSession("grossbrand", speed=10), scheduler=timer, compose_scheduler=immediate_scheduler,
                           plot=False)
    assert view.ticker.running and timer.timers[0].delay == 2.0
    view.session.advance(10)  # the clock moves without a click; the tick brings it on screen
    assert card_ids(view) == []
    assert timer.fire() == 1
    assert card_ids(view) and view.state["minute"] == 10
    view.session.advance(500)
    timer.fire()
    assert view.state["status"] == "beendet" and not view.ticker.running
    assert timer.fire() == 0


def test_ticker_without_event_loop_does_not_start():
    calls = []

    def start_without_loop():
        ticker = Ticker(lambda: calls.append(1))
        return ticker.start(), ticker.running

    # A fresh thread has no event loop (Playwright's sync API may run one in this worker).
    assert in_fresh_thread(start_without_loop) == (False, False)


def test_phase_labels():
    assert phase(0, 90, "bereit") == "Vor dem Start"
    assert phase(10, 90, "läuft").startswith("Anfang")
    assert phase(45, 90, "pausiert").endswith("(pausiert)")
    assert phase(80, 90, "läuft").startswith("Schlussphase")
    assert "Nachbesprechung" in phase(90, 90, "beendet")


# --- escaping ------------------------------------------------------------------------------

def test_card_and_lage_escape_scenario_text():
    item = {"id": 'x"1', "minute": 3.5, "kanal": "kommentar", "persona": "troll", "persona_name": XSS,
            "rolle": "troll", "text": XSS, "tags": [], "antwort_auf": None, "quelle": "manuell"}
    out = card_html(item, [{"action": "reply", "minute": 4, "text": XSS, "target": 'x"1'}])
    assert "<img" not in out and "<script" not in out
    assert visible(out).count(XSS) == 3  # name, text, own reply
    assert 'data-id="x&quot;1"' in out
    warn = {**item, "kanal": "warnung"}
    state = {"minute": 4, "dauer": 90, "status": "läuft", "tempo": 1.0, "feed": [warn], "aktionen": []}
    assert "<img" not in lage_html(state) and XSS in visible(lage_html(state))
    assert minute_label(3.5) == "Min. 3,5" and minute_label(12.0) == "Min. 12"


def test_malicious_post_shown_as_text_in_view_and_check():
    view = solo_view()
    view.start_button.click()
    view.compose.text_area.value = XSS
    assert "<img" not in view.compose.marked.value and XSS in visible(view.compose.marked.value)
    view.compose.send_button.click()
    own = view.feed_box.children[0].value
    assert "<img" not in own and "<script" not in own and XSS in visible(own)


# --- shared exercise: trainer console and participant view ---------------------------------

def test_trainer_controls_reflect_in_participant_view(store):
    console = TrainerConsole(store, autorefresh=False)
    console.scenario.value = "grossbrand"
    code = console.create()
    assert code and code in visible(console.code_html.value)
    view = ParticipantView(SharedSession(store, code, "Anna"), autorefresh=False, compose_scheduler=immediate_scheduler,
                           plot=False)
    assert view.state["status"] == "bereit" and view.compose.send_button.disabled
    console.refresh()
    assert "Anna" in visible(console.status.value)

    console.start_button.click()
    console.plus_button.click()
    console.plus_button.click()
    view.refresh()
    assert view.state["status"] == "läuft" and not view.compose.send_button.disabled
    assert int(view.state["minute"]) == 10 and card_ids(view)
    console.open_exercise(code)  # preselects the next inject that has not appeared yet
    released = {i["id"] for i in view.state["feed"]}
    nxt = console.inject_choice.value
    assert nxt not in released and not resolve("grossbrand").inject(nxt).folge

    console.pause_button.click()
    view.refresh()
    assert view.state["status"] == "pausiert" and view.compose.send_button.disabled
    view.compose.text_area.value = STATEMENT
    view.compose.send("post")
    assert "pausiert" in view.compose.message.value  # the store refuses actions while paused

    # A Drehbuch inject pulled forward and a free inject as a persona appear for the participant.
    later = next(inj for inj in resolve("grossbrand").injects
                 if inj.minute > 30 and not inj.folge and inj.kanal == "kommentar")
    console.inject_choice.value = later.id
    console.fire_button.click()
    console.persona.value = "anzeiger"
    console.channel.value = "presseanfrage"
    console.free_text.value = XSS + " Wann gibt es die nächste Pressekonferenz?"
    console.free_button.click()
    assert console.free_text.value == ""
    view.refresh()
    assert later.id in card_ids(view)
    manual = next(c for c in card_ids(view) if c.startswith("manuell:"))
    card = view.cards[manual].html.value
    assert "<img" not in card and XSS in visible(card) and "Übungsleitung" in visible(card)
    assert manual in [i["id"] for i in open_inquiries(view.state)]  # listed as an open press inquiry
    assert "Wann gibt es" in visible(view.lage.value)


def test_participant_actions_land_in_store_and_trainer_table(store):
    code = store.create_exercise("grossbrand", seed=1).code
    console = TrainerConsole(store, code=code, autorefresh=False)
    view = ParticipantView(SharedSession(store, code, XSS), autorefresh=False, compose_scheduler=immediate_scheduler,
                           plot=False)
    console.start_button.click()
    store.advance(code, 20)
    view.refresh()
    view.compose.text_area.value = STATEMENT
    view.compose.send_button.click()
    target = next(i for i in card_ids(view) if view.cards[i].mod_buttons)
    view.cards[target].mod_buttons["report"].click()
    recorded = store.state(code, XSS, schluessel=view.session.schluessel)["aktionen"]
    assert [(a["action"], a["target"]) for a in recorded] == [("post", None), ("report", target)]
    console.refresh()
    table = console.scores_html.value
    assert "<img" not in table and XSS in visible(table)
    expected = store.scores(code)[XSS]["gesamt"]
    assert f"<b>{expected}</b>" in table and expected > 0
    assert "Fenster und Türen" in visible(console.actions_html.value)


def test_trainer_errors_and_unknown_code(store):
    console = TrainerConsole(store, autorefresh=False)
    console.open_exercise("NIX-0000")
    assert "gibt es nicht" in console.message.value and console.control_box.layout.display == "none"
    console.fire_prepared()
    assert "Einspielung" in visible(console.message.value) or "Übung" in visible(console.message.value)
    code = console.create()
    console.start_button.click()
    console.free_text.value = "   "
    console.fire_free()
    assert "braucht einen Text" in console.message.value
    console.end_button.click()
    assert console.state["status"] == "beendet" and console.fire_button.disabled
    with pytest.raises(InputError, match="gibt es nicht"):
        SharedSession(store, "FALSCH-1", "Anna")
    assert code in [e["code"] for e in store.exercises()]


def test_join_exercise_by_url(tmp_path):
    from kommsocial.ui.crisis_participant import join_exercise

    url = f"sqlite:///{tmp_path / 'url.db'}"
    code = Store(url).create_exercise("shitstorm", setting={"park": "Kurpark Beispielhausen"}).code
    view = join_exercise(url, code, "Cem", autorefresh=False, plot=False)
    assert view.state["teilnehmer"] == ["Cem"] and view.state["scenario"] == "shitstorm"
    assert "Beispielhausen" in view.title.value + view.info.value  # the trainer's setting is used


def test_app_join_tab_uses_store(tmp_path):
    url = str(tmp_path / "k.db")
    code = Store(url).create_exercise("starkregen").code
    app = KrisenSimulatorApp(url, autorefresh=False)
    app.code.value, app.name.value = "falsch", "Ben"
    assert app.join() is None and "gibt es nicht" in app.message.value
    app.code.value = code.lower()  # codes are not case-sensitive
    view = app.join()
    assert view is not None and not view.session.solo and app.area.children == (view,)
    assert "Ben" in Store(url).state(code)["teilnehmer"]
    app.scenario.value = "shitstorm"
    solo = app.start_solo()
    assert solo.session.solo and solo.session.scenario.id == "shitstorm" and app.area.children == (solo,)


# --- debrief -------------------------------------------------------------------------------

def test_debrief_view_export_contains_scores_and_is_escaped(tmp_path):
    session = SoloSession("grossbrand", speed=10)
    session.start()
    session.advance(12)
    session.act("post", text=STATEMENT + " " + XSS)
    session.advance(30)
    view = DebriefView(session.debrief, plot=True)
    debrief = view.refresh()
    assert debrief is not None and bytes(view.image.value).startswith(b"\x89PNG")
    assert f'data-wert="{debrief.score.gesamt}"' in view.scores.value
    for dim in DIMENSIONS:
        assert f'data-dim="{dim}" data-wert="{debrief.score.dimensions[dim]}"' in view.scores.value
    assert "<img" not in view.own.value and XSS in visible(view.own.value)
    missed = [e for e in debrief.expectations if e.status == "verfehlt"]
    assert missed and all(html.escape(e.erklaerung, quote=True) in view.missed.value for e in missed)
    export = view.export_html or ""
    assert f"{debrief.score.gesamt}</span>" in export
    assert "<img src=x" not in export and html.escape(XSS) in export
    assert 'href="data:text/html' in view.export.value
    path = view.save(tmp_path)
    assert path.read_text(encoding="utf-8") == export and str(path) in visible(view.export.value)


def test_download_link_round_trips():
    import base64

    link = download_link_html("<p>ä</p>")
    data = re.search(r"base64,([A-Za-z0-9+/=]+)", link).group(1)
    assert base64.b64decode(data).decode("utf-8") == "<p>ä</p>"


def test_replay_in_store_matches_headless_play(store):
    from pathlib import Path

    from kommsocial.crisis import beispiele
    from kommsocial.crisis.actions import load_responses

    scenario = resolve("grossbrand")
    folder = Path(beispiele.__file__).parent
    teams = {name: load_responses(folder / f"grossbrand_{kind}.yaml", scenario)
             for name, kind in (("Gut", "gut"), ("Spekulativ", "spekulativ"))}
    code = store.create_exercise("grossbrand", seed=0).code
    from kommsocial.crisis.live import replay

    scores = replay(store, code, teams)
    for name, actions in teams.items():
        ex = Exercise(scenario, seed=0)
        ex.play(actions)
        assert scores[name]["gesamt"] == ex.debrief().score.gesamt
    assert scores["Gut"]["gesamt"] > scores["Spekulativ"]["gesamt"]
    assert store.state(code)["status"] == "beendet"


def test_trainer_table_refreshes_periodically(store):
    timer = FakeClock()
    code = store.create_exercise("grossbrand").code
    console = TrainerConsole(store, code=code, scheduler=timer)
    assert console.ticker.running and timer.timers[0].delay == 5.0
    store.join(code, "Dana")
    assert "Dana" not in console.scores_html.value
    timer.fire()
    assert "Dana" in console.scores_html.value and console.ticker.running
    console.close()
    assert not console.ticker.running and timer.fire() == 0


def test_debrief_never_pairs_a_weak_bar_with_a_bare_nothing_missed():
    import dataclasses
    from pathlib import Path

    from kommsocial.crisis.actions import load_responses
    from kommsocial.ui.crisis_debrief import missed_html

    scenario = resolve("grossbrand")
    examples = Path(__file__).resolve().parents[1] / "widgets" / "kommsocial" / "crisis" / "beispiele"
    ex = Exercise(scenario)
    ex.play(load_responses(examples / "grossbrand_gut.yaml", scenario))
    good = ex.debrief()
    assert not [e for e in good.expectations if e.status == "verfehlt"]
    assert "Keine Erwartung verpasst." in missed_html(good)
    weak_score = dataclasses.replace(good.score, dimensions={**good.score.dimensions, "geruechtekontrolle": 0})
    weak = dataclasses.replace(good, score=weak_score)
    shown = missed_html(weak)
    assert "Keine Erwartung verpasst." not in shown and "Trotzdem schwach: Gerüchtekontrolle" in shown


def test_app_has_no_heading_of_its_own_and_the_debrief_lists_read_cleanly(tmp_path):
    # The app notebook's Markdown cell carries heading and introduction: the widget must not repeat them.
    app = KrisenSimulatorApp(str(tmp_path / "k.db"), autorefresh=False)
    shown = "".join(c.value for c in app.children if hasattr(c, "value"))
    assert "<h2" not in shown and "Krisen-Simulator" not in shown
    session = SoloSession("grossbrand", speed=10)
    session.start()
    session.advance(12)
    session.act("post", text=STATEMENT)
    insult = next(i for i in session.state()["feed"] if i["kanal"] in ("feed", "kommentar"))
    session.act("hide", target=insult["id"])
    view = DebriefView(session.debrief, plot=False)
    view.refresh()
    items = re.findall(r"<li>(.*?)</li>", view.own.value)
    assert len(items) == 2 and "Fenster und Türen" in items[0]
    assert "ausgeblendet" in items[1] and not visible(items[1]).rstrip().endswith("–")  # no dash before nothing
    met = re.findall(r"Erfüllt: ([^<]*)</div>", view.posts.value)
    assert met and all(len(m.split(", ")) == len(set(m.split(", "))) for m in met)  # each item once
