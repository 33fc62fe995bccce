"""Crisis engine: clock, release of injects, decisions, manual injects, determinism, scoring."""

from __future__ import annotations

from pathlib import Path

import pytest

import kommsocial.crisis as crisis_pkg
from kommsocial.crisis import textcheck as tc
from kommsocial.crisis.actions import Action, load_responses
from kommsocial.crisis.clock import SimClock
from kommsocial.crisis.engine import Exercise
from kommsocial.crisis.report_html import debrief_html, write_debrief_html
from kommsocial.crisis.schema import builtin_files, load_scenario, resolve
from kommsocial.errors import InputError

DATA = Path(__file__).parent / "data" / "crisis"
EXAMPLES = Path(crisis_pkg.__file__).parent / "beispiele"
XSS = "<img src=x onerror=alert(1)><script>alert(2)</script>"


@pytest.fixture()
def mini():
    return load_scenario(DATA / "mini.yaml")


def test_clock_speed_pause_and_resume() -> None:
    clock = SimClock(speed=2.0)
    clock.start(wall=1000.0)
    assert clock.now(wall=1060.0) == pytest.approx(2.0)  # 1 wall minute × speed 2
    clock.pause(wall=1090.0)
    assert clock.now(wall=5000.0) == pytest.approx(3.0)  # frozen while paused
    clock.resume(wall=6000.0)
    clock.set_speed(10, wall=6060.0)  # 1 more minute at speed 2, then speed 10
    assert clock.now(wall=6120.0) == pytest.approx(3.0 + 2.0 + 10.0)
    with pytest.raises(ValueError):
        clock.set_speed(0)


def test_real_time_tick_with_speed_and_pause(mini) -> None:
    ex = Exercise(mini, speed=4)
    ex.start(wall=0.0)
    assert [i.id for i in ex.tick(wall=60.0)] == ["a1"]  # minute 4: only a1 (seed 0 moves a2 later)
    later = ex.tick(wall=150.0)  # minute 10
    assert {"a3"} <= {i.id for i in later}
    ex.pause(wall=150.0)
    assert ex.tick(wall=10_000.0) == []  # paused: nothing new, however long we wait
    ex.resume(wall=10_000.0)
    assert {i.id for i in ex.tick(wall=10_000.0 + 45.0)} == {"a4"}  # + 3 minutes → minute 13
    assert [e.kind for e in ex.log if e.kind in ("start", "pause", "weiter")] == ["start", "pause", "weiter"]
    assert max(e.minute for e in ex.log) <= 30


def test_plain_language_scores_higher_than_amtsdeutsch(mini) -> None:
    plain = "Brand am Marktplatz. Die Feuerwehr löscht. Bitte meiden Sie den Bereich. Wir verstehen Ihre Sorge."
    stiff = ("Bezüglich des Brandgeschehens am Marktplatz wird seitens der Verwaltung mitgeteilt, dass die "
             "Durchführung der Löschmaßnahmen mittels Einsatzkräften erfolgt, weshalb zwecks Gefahrenabwehr "
             "die Inanspruchnahme des Bereichs bis auf Weiteres zu unterlassen ist, wofür wir um Verständnis bitten.")
    scores = []
    for text in (plain, stiff):
        ex = Exercise(mini)
        ex.advance(4)
        ex.respond("post", text=text)
        ex.advance(30)
        scores.append(ex.debrief().score.dimensions["verstaendlichkeit"])
    assert scores[0] >= scores[1] + 30, scores


def test_injects_released_once_in_order(mini) -> None:
    ex = Exercise(mini, seed=1)
    first = ex.due_injects()
    assert [i.id for i in first] == ["a1"]
    assert "Musterstadt" in first[0].text and "{" not in first[0].text
    assert ex.due_injects() == []
    later = ex.advance(12)
    assert [i.id for i in later] == ["a2", "a3", "a4"]
    assert ex.advance(100) and ex.finished


def test_setting_override_changes_texts(mini) -> None:
    ex = Exercise(mini, setting={"stadt": "Beispielhausen", "ort": "Bahnhof"})
    text = ex.advance(0)[0].text
    assert "Beispielhausen" in text and "Bahnhof" in text and "Musterstadt" not in text


def test_seed_controls_variants_and_jitter(mini) -> None:
    def signature(seed: int):
        ex = Exercise(mini, seed=seed)
        ex.advance(30)
        item = next(i for i in ex.feed() if i.id == "a2")
        return item.minute, item.text

    assert signature(7) == signature(7)
    assert len({signature(s) for s in range(12)}) > 3  # the seed really varies text and minute


def test_same_seed_same_responses_same_debrief() -> None:
    sc = resolve("grossbrand")
    actions = load_responses(EXAMPLES / "grossbrand_gut.yaml", sc)
    results = []
    for _ in range(2):
        ex = Exercise(sc, seed=42)
        ex.play(actions)
        results.append(ex.debrief().to_dict())
    assert results[0] == results[1]


def test_decision_schedules_follow_up(mini) -> None:
    ex = Exercise(mini)
    with pytest.raises(InputError, match="erst ab Minute 3"):
        ex.choose("d1", "nein")
    ex.advance(4)
    ex.choose("d1", "nein")
    assert ex.item("f1").minute == pytest.approx(6.0)
    assert "f1" not in [i.id for i in ex.feed()]
    assert "f1" in [i.id for i in ex.advance(2)]
    with pytest.raises(InputError, match="schon getroffen"):
        ex.choose("d1", "ja")


def test_follow_up_absent_without_decision(mini) -> None:
    ex = Exercise(mini)
    ex.advance(30)
    assert "f1" not in [i.id for i in ex.feed()]
    results = {r.id: r.status for r in ex.debrief().expectations}
    assert results["e_follow"] == "entfallen"


def test_manual_injects(mini) -> None:
    ex = Exercise(mini)
    ex.advance(2)
    early = ex.fire("a3")  # Drehbuch inject early
    assert early.minute == pytest.approx(2.0) and early.quelle == "manuell"
    free = ex.fire(text="Achtung, neue Lage in {stadt}", persona="bg", kanal="kommentar")
    assert free.id.startswith("manuell:") and "Musterstadt" in free.text
    assert [i.id for i in ex.feed()].count("a3") == 1
    with pytest.raises(InputError):
        ex.fire("gibtsnicht")
    with pytest.raises(InputError):
        ex.fire(text="  ")


def test_cannot_answer_unreleased_inject(mini) -> None:
    ex = Exercise(mini)
    ex.advance(1)
    with pytest.raises(InputError, match="noch nicht erschienen"):
        ex.respond(action="reply", target="a3", text="Das stimmt nicht.")
    with pytest.raises(InputError, match="gibt es im Szenario"):
        ex.respond(action="hide", target="zz")


def test_mini_expectations_and_log(mini) -> None:
    ex = Exercise(mini)
    ex.play(load_responses(DATA / "mini_gut.yaml", mini))
    debrief = ex.debrief()
    status = {r.id: r.status for r in debrief.expectations}
    assert status == {"e_first": "erfuellt", "e_rumour": "erfuellt", "e_troll": "erfuellt", "e_follow": "entfallen"}
    kinds = [e.kind for e in ex.log]
    assert "entscheidung" in kinds and "aktion" in kinds and "inject" in kinds


def test_unconfirmed_number_fails_expectation(mini) -> None:
    ex = Exercise(mini)
    ex.advance(4)
    ex.respond(action="post", text="Brand am Marktplatz, 12 Verletzte.")
    ex.advance(30)
    debrief = ex.debrief()
    assert "e_first" in debrief.missed
    assert any("„12“" in n.text for n in debrief.notes)


def test_live_debrief_keeps_future_deadlines_open(mini) -> None:
    ex = Exercise(mini)
    ex.advance(2)
    status = {r.id: r.status for r in ex.debrief().expectations}
    assert status["e_first"] == "offen"


def test_textcheck_numbers_negation_tone() -> None:
    assert tc.numbers("Um 14:30 Uhr: 2 Verletzte, drei Fahrzeuge, 15 Uhr, 3.800 Menschen") == {"2", "3", "3800"}
    assert tc.repeats_rumour("Es gibt Tote. Bitte bleiben Sie ruhig.", ["Tote"])
    assert tc.repeats_rumour("Es gibt keine Tote.", ["Tote"]) is None
    assert tc.corrects_rumour("Die Schulen werden nicht geräumt.", ["Schulen + geräumt"])
    kinds = {i.kind for i in tc.tone_issues("Na toll, Sie IDIOT!!! Selbst schuld.")}
    assert {"sarkasmus", "beleidigung", "schuldzuweisung", "grossbuchstaben", "ausrufezeichen"} <= kinds
    assert tc.tone_issues("Bitte nutzen Sie die NINA-App.") == []


EXAMPLE_SCENARIOS = [p.stem for p in builtin_files()]


@pytest.mark.parametrize("scenario_id", EXAMPLE_SCENARIOS)
def test_good_response_clearly_beats_none_and_speculative(scenario_id: str) -> None:
    sc = resolve(scenario_id)
    scores = {}
    for kind in ("gut", "spekulativ", None):
        ex = Exercise(sc, seed=3)
        actions = load_responses(EXAMPLES / f"{scenario_id}_{kind}.yaml", sc) if kind else []
        ex.play(actions)
        scores[kind] = ex.debrief()
    good, spec, none = scores["gut"].score.gesamt, scores["spekulativ"].score.gesamt, scores[None].score.gesamt
    assert good >= none + 25, (good, none)
    assert good >= spec + 25, (good, spec)
    assert len(scores[None].missed) > len(scores["gut"].missed)
    # The speculative answer must fail on accuracy or rumour control, not only on speed.
    dims_good, dims_spec = scores["gut"].score.dimensions, scores["spekulativ"].score.dimensions
    assert min(dims_spec["richtigkeit"], dims_spec["geruechtekontrolle"]) < min(
        dims_good["richtigkeit"], dims_good["geruechtekontrolle"]) - 25


def test_debrief_html_is_escaped_and_self_contained(mini, tmp_path: Path) -> None:
    ex = Exercise(mini)
    ex.advance(4)
    ex.respond(action="post", text=f"Brand {XSS}")
    ex.fire(text=XSS, persona="bg")
    ex.advance(30)
    page = debrief_html(ex.debrief())
    assert "<script>" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in page
    assert "http://" not in page and "https://" not in page  # nothing loaded from the network
    out = write_debrief_html(ex.debrief(), tmp_path / "nachbesprechung.html")
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert [p.name for p in tmp_path.iterdir()] == ["nachbesprechung.html"]


def test_timeline_plot_has_inject_and_action_points(mini) -> None:
    from kommsocial.crisis.plot import timeline_figure

    ex = Exercise(mini)
    ex.play(load_responses(DATA / "mini_gut.yaml", mini))
    fig = timeline_figure(ex.debrief())
    ax = fig.axes[0]
    assert ax.get_xlabel() == "Simulierte Minute"
    points = sum(len(c.get_offsets()) for c in ax.collections)
    assert points == len(ex.debrief().timeline)


def test_action_model_errors_are_german() -> None:
    with pytest.raises(ValueError, match="fehlt der Text"):
        Action(action="post")
    with pytest.raises(ValueError, match="fehlt „option“"):
        Action(action="choose", target="d1")
