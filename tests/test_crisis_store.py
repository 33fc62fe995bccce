"""Shared exercise store: trainer and participants in separate processes see the same state.

Every test runs on SQLite and on PostgreSQL (tests/pgserver.py starts a throwaway server).
"""

from __future__ import annotations

import json
import multiprocessing
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import run_cli
from kommsocial.crisis.store import Store
from kommsocial.errors import InputError

DATA = Path(__file__).parent / "data" / "crisis"
WORKER = DATA / "participant.py"
# Trainer commands run in their own processes: the test is that separate processes share one store.
KOMMSOCIAL = [sys.executable, "-m", "kommsocial.cli"]

GOOD_POST = ("Großbrand im Gewerbegebiet Nord. Bitte halten Sie Fenster und Türen geschlossen und schalten Sie "
             "die Lüftung aus. Wir verstehen Ihre Sorge und informieren Sie hier laufend.")
BAD_POST = "ACHTUNG!!! GIFTGAS!!! 50 Tote, alle sofort raus, selbst schuld wer noch da ist 🙄"


@pytest.fixture
def location(backend, tmp_path, request) -> str:
    """One database for all exercises of the test: a SQLite file or a PostgreSQL database."""
    return str(tmp_path / "krisen.db") if backend == "sqlite" else request.getfixturevalue("pg_url")


def trainer(db: Path | str, *args: str) -> dict:
    """Run a trainer command through the CLI in its own process; returns the JSON output."""
    proc = subprocess.run([*KOMMSOCIAL, "scenario", *args, "--db", str(db), "--json"],
                          capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


KEYS: dict[str, str] = {}  # personal keys issued on joining, by name


def participant(db: Path | str, code: str, name: str, command: str, payload: dict | None = None) -> subprocess.Popen:
    """Start a participant process (join / state / act) with the participant's personal key."""
    args = [sys.executable, str(WORKER), str(db), code, name, command, json.dumps(payload or {}), KEYS.get(name, "")]
    return subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def result(proc: subprocess.Popen, *, ok: bool = True) -> dict | str:
    out, err = proc.communicate(timeout=120)
    if ok:
        assert proc.returncode == 0, err
        return json.loads(out)
    assert proc.returncode == 2, (out, err)
    return err


@pytest.mark.slow  # a dozen CLI and participant processes, on SQLite and on PostgreSQL
def test_trainer_and_two_participants_in_separate_processes(location: str) -> None:
    db = location
    code = trainer(db, "neu", "grossbrand", "--tempo", "1", "--seed", "5")["code"]
    assert re.fullmatch(r"BRAND(-[0-9A-HJKMNP-TV-Z]{5}){3}", code)

    # Both participants join at the same time (concurrent writers on one database).
    procs = [participant(db, code, name, "join") for name in ("Anna", "Ben")]
    joins = [result(p) for p in procs]
    assert [j["name"] for j in joins] == ["Anna", "Ben"]
    KEYS.update({j["name"]: j["schluessel"] for j in joins})

    # The trainer's clock decides what participants see: jump to minute 7 while not running.
    trainer(db, "steuern", code, "vorspulen", "7")
    seen = result(participant(db, code, "Anna", "state"))
    ids = {item["id"] for item in seen["feed"]}
    assert seen["status"] == "bereit" and seen["minute"] == pytest.approx(7.0)
    assert {"i01", "i04"} <= ids and "i05" not in ids and "i08" not in ids

    # Not running → participants cannot act yet.
    err = result(participant(db, code, "Anna", "act", {"action": "post", "text": GOOD_POST}), ok=False)
    assert "bereit" in err

    trainer(db, "steuern", code, "start")
    acts = [participant(db, code, "Anna", "act", {"action": "post", "text": GOOD_POST}),
            participant(db, code, "Ben", "act", {"action": "reply", "target": "i04", "text": BAD_POST})]
    for proc in acts:
        result(proc)

    # Pause: the clock stops for everybody and actions are refused.
    trainer(db, "steuern", code, "pause")
    err = result(participant(db, code, "Ben", "act", {"action": "post", "text": "Noch ein Beitrag"}), ok=False)
    assert "pausiert" in err
    paused = result(participant(db, code, "Ben", "state"))
    assert paused["status"] == "pausiert" and "i08" not in {i["id"] for i in paused["feed"]}

    # Skipping ahead releases later injects for both participants; a manual inject shows up too.
    trainer(db, "steuern", code, "vorspulen", "10")
    fired = trainer(db, "inject", code, "--text", "Übungsleitung: Stromausfall im Rathaus", "--persona", "buero_bm")
    for name in ("Anna", "Ben"):
        state = result(participant(db, code, name, "state"))
        feed_ids = {i["id"] for i in state["feed"]}
        assert {"i05", "i08", fired["id"]} <= feed_ids
        assert state["minute"] > 17
        assert [a["action"] for a in state["aktionen"]] == (["post"] if name == "Anna" else ["reply"])

    # The trainer sees both participants' actions and their live scores.
    status = trainer(db, "status", code)
    actions = {(a["teilnehmer"], a["action"]) for a in status["state"]["aktionen"]}
    assert actions == {("Anna", "post"), ("Ben", "reply")}
    scores = status["scores"]
    assert set(scores) == {"Anna", "Ben"}
    assert scores["Anna"]["gesamt"] > scores["Ben"]["gesamt"]
    assert scores["Ben"]["dimensions"]["ton"] < scores["Anna"]["dimensions"]["ton"]


def test_store_api_in_process(location: str) -> None:
    store = Store(location)
    code = store.create_exercise(str(DATA / "mini.yaml"), speed=1, seed=2).code
    assert code.startswith("MINI-")
    with pytest.raises(InputError, match="gibt es nicht"):
        store.join("NIX-00000-00000-00000", "Anna")
    with pytest.raises(InputError, match="Namen"):
        store.join(code, "   ")
    anna = store.join(code, "Anna")
    assert anna.neu and anna.name == "Anna"
    with pytest.raises(InputError, match="schon"):
        store.join(code, "anna")  # the same name in other letters is taken
    assert store.join(code, "Anna", anna.schluessel.lower()) == anna.__class__(code, "Anna", anna.schluessel, False)
    ben = store.join(code, "Ben").schluessel
    store.advance(code, 4)
    store.start(code)
    # The trainer decides d1 for everybody; Ben overrides it with his own choice.
    store.choose(code, "d1", "ja")
    store.choose(code, "d1", "nein", participant="Ben", schluessel=ben)
    assert store.state(code, "Anna", schluessel=anna.schluessel)["entscheidungen"] == {"d1": "ja"}
    assert store.state(code, "Ben", schluessel=ben)["entscheidungen"] == {"d1": "nein"}
    with pytest.raises(InputError, match="schon getroffen"):
        store.choose(code, "d1", "nein", participant="Ben", schluessel=ben)
    store.record_action(code, "Anna", {"action": "post", "text": "Brand am Marktplatz. Bitte meiden Sie den Bereich."},
                        schluessel=anna.schluessel)
    with pytest.raises(InputError, match="passen nicht"):
        store.record_action(code, "Carla", {"action": "post", "text": "Hallo"}, schluessel=ben)
    with pytest.raises(InputError, match="fehlt der Text"):
        store.record_action(code, "Anna", {"action": "post"}, schluessel=anna.schluessel)
    store.set_speed(code, 30)
    assert store.state(code)["tempo"] == 30
    store.end(code)
    state = store.state(code)
    assert state["status"] == "beendet"
    kinds = [e["art"] for e in state["ereignisse"]]
    assert kinds[:2] == ["angelegt", "beitritt"] and "ende" in kinds and "entscheidung" in kinds
    debrief = store.debrief(code, "Anna", schluessel=anna.schluessel)
    assert debrief.score.gesamt > store.scores(code)["Ben"]["gesamt"]
    # A custom scenario is stored with its YAML, so other processes need not have the file.
    assert Store(location).state(code)["scenario"] == "mini"
    assert store.scenario(code).meta.dauer == 30
    assert {e["code"] for e in store.exercises()} == {code}

# --- concurrent writers --------------------------------------------------------------------

WRITERS, POSTS = 4, 12  # participant processes, posts each
STEERERS, STEPS, STEP = 2, 5, 0.2  # trainer processes (co-trainers), clock jumps and injects each


def _writer(location: str, code: str, name: str, barrier, out) -> None:
    """A participant process: join, decide d1 (twice: the second is refused), post POSTS times."""
    try:
        store = Store(location)
        barrier.wait(timeout=120)
        key = store.join(code, name).schluessel
        store.choose(code, "d1", "ja" if name.endswith(("0", "2")) else "nein", participant=name, schluessel=key)
        try:
            store.choose(code, "d1", "ja", participant=name, schluessel=key)
            out.put((name, "Fehler: second decision accepted"))
            return
        except InputError as exc:
            assert "schon getroffen" in str(exc), exc
        for n in range(POSTS):
            store.record_action(code, name, {"action": "post", "text": f"Brand am Marktplatz, Beitrag {n:02d} "
                                             f"von {name}."}, schluessel=key)
        out.put((name, key))
    except BaseException as exc:  # noqa: BLE001 - reported to the test process
        out.put((name, f"Fehler: {type(exc).__name__}: {exc}"))


def _steerer(location: str, code: str, leitung: str, who: str, barrier, out) -> None:
    """A trainer's process at the same time: STEPS clock jumps and STEPS manual injects."""
    try:
        store = Store(location)
        barrier.wait(timeout=120)
        for n in range(STEPS):
            store.advance(code, STEP, leitung=leitung)
            store.fire_inject(code, text=f"Meldung {n:02d} von {who}", persona="lz", leitung=leitung)
        out.put((who, None))
    except BaseException as exc:  # noqa: BLE001 - reported to the test process
        out.put((who, f"Fehler: {type(exc).__name__}: {exc}"))


@pytest.mark.slow  # spawned writer processes, on SQLite and on PostgreSQL
def test_concurrent_writers_lose_and_duplicate_nothing(location: str) -> None:
    """Participants and the trainer write to one exercise from separate processes at the same moment."""
    store = Store(location)
    created = store.create_exercise(str(DATA / "mini.yaml"), speed=0.001)
    code = created.code
    store.advance(code, 4)  # d1 (minute 3, open for 5 minutes) is open and stays open until minute 8
    store.start(code)
    ctx = multiprocessing.get_context("spawn")  # no inherited database connections
    barrier, out = ctx.Barrier(WRITERS + STEERERS), ctx.Queue()
    names = [f"Person {n}" for n in range(WRITERS)]
    leads = [f"Leitung {n}" for n in range(STEERERS)]
    procs = [ctx.Process(target=_writer, args=(location, code, name, barrier, out)) for name in names]
    procs += [ctx.Process(target=_steerer, args=(location, code, created.leitung, who, barrier, out))
              for who in leads]
    started = time.monotonic()
    for p in procs:
        p.start()
    reports = dict(out.get(timeout=300) for _ in procs)
    for p in procs:
        p.join(timeout=60)
        assert p.exitcode == 0, p
    elapsed = time.monotonic() - started
    assert set(reports) == {*names, *leads} and [reports.pop(who) for who in leads] == [None] * STEERERS, reports
    assert not [r for r in reports.values() if r.startswith("Fehler")], reports
    store.end(code)
    state = store.state(code)

    # Every post arrived exactly once, in each writer's order.
    posts = [(a["teilnehmer"], a["text"]) for a in state["aktionen"] if a["action"] == "post"]
    assert len(posts) == WRITERS * POSTS
    for name in names:
        assert [t for who, t in posts if who == name] == [
            f"Brand am Marktplatz, Beitrag {n:02d} von {name}." for n in range(POSTS)]
    assert sorted(state["teilnehmer"]) == names
    kinds = [e["art"] for e in state["ereignisse"]]
    assert (kinds.count("beitritt"), kinds.count("aktion"), kinds.count("entscheidung")) == (
        WRITERS, WRITERS * POSTS, WRITERS)
    assert (kinds.count("vorspulen"), kinds.count("manuell")) == (STEERERS * STEPS + 1, STEERERS * STEPS)
    # Each manual inject once in the feed, each participant's own decision kept.
    feed = [i["text"] for i in state["feed"] if i["text"].startswith("Meldung ")]
    assert sorted(feed) == sorted(f"Meldung {n:02d} von {who}" for n in range(STEPS) for who in leads)
    for name in names:
        own = store.state(code, name, schluessel=reports[name])
        assert own["entscheidungen"] == {"d1": "ja" if name.endswith(("0", "2")) else "nein"}
        assert len(own["aktionen"]) == POSTS
    # No clock jump was lost (read-modify-write of the clock): 4 + all jumps, plus what the slow clock ran.
    jumps = STEERERS * STEPS * STEP
    drift = elapsed / 60 * 0.001
    assert 4 + jumps - 0.01 <= state["minute"] <= 4 + jumps + drift + 0.01, state["minute"]


@pytest.mark.parametrize("url,needle", [
    ("postgresql://seminar:geheim@127.0.0.1:1/krisen", "ist nicht erreichbar"),  # no server on that port
    ("nichtda://x@127.0.0.1:1/krisen", "ist ungültig"),
    ("postgresql+nichtda://x@127.0.0.1:1/krisen", "ist ungültig"),
])
def test_unusable_database_url_gives_a_german_message(url: str, needle: str) -> None:
    code, _, err = run_cli("scenario", "neu", "grossbrand", "--db", url)
    assert code == 2 and needle in err, err
    assert "Traceback" not in err and "geheim" not in err  # no password in the message
    assert "Prüfen Sie" in err or "Nennen Sie" in err


def test_missing_database_on_a_running_server(pg_cluster) -> None:
    with pytest.raises(InputError, match="nicht erreichbar.*does not exist") as info:
        Store(pg_cluster.url("gibt_es_nicht"))
    assert "Datenbanknamen" in str(info.value)
