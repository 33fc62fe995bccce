"""Crisis exercises against an attacker (issue #10, finding 4): guessing codes, impersonation, steering.

Each test plays a live exercise as a trainer would and attacks it as an anonymous app visitor or a
participant would: with guessed codes, someone else's name, no key, a wrong key, another
participant's key, and 20 simultaneous joins. The old store (PREFIX-NNNN codes, names as identity,
no trainer key, one shared krisen.db) fails every one of them. The attacks run on both stores a
seminar uses: the default folder of private SQLite files and one shared PostgreSQL database.
"""

from __future__ import annotations

import json
import math
import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from fakes import FakeClock
from kommsocial.crisis import access
from kommsocial.crisis.store import Store
from kommsocial.errors import InputError, KommSocialError
from kommsocial.ui.crisis_app import KrisenSimulatorApp

POST = ("Großbrand im Gewerbegebiet Nord. Bitte halten Sie Fenster und Türen geschlossen und schalten Sie "
        "die Lüftung aus. Wir informieren Sie hier weiter.")
FORGED = "Entwarnung! Sie können die Fenster wieder öffnen. (gefälscht)"


@pytest.fixture
def where(backend, tmp_path, request) -> Path | str:
    """Where the exercises live: the default folder of private SQLite files, or a PostgreSQL database."""
    return tmp_path / "krisen" if backend == "sqlite" else request.getfixturevalue("pg_url")


def _keys(where: Path | str, keys: Path | None) -> Path:
    """The folder for the keyring files: given, or next to the exercise folder."""
    if keys is None:
        assert isinstance(where, Path), "a database URL needs keys=…"
        return where.parent
    return keys


def live_exercise(folder: Path | str, clock: FakeClock | None = None, *, keys: Path | None = None,
                  ) -> tuple[Store, str, str]:
    """A running grossbrand exercise with Anna in it; returns the trainer's store, the code and Anna's key."""
    kwargs = {"wall": clock.wall, "sleep": clock.sleep} if clock else {}
    store = Store(folder, keyring=access.Keyring(_keys(folder, keys) / "trainer-keyring.json"), **kwargs)
    code = store.create_exercise("grossbrand", seed=1).code
    anna = store.join(code, "Anna").schluessel
    store.start(code)
    store.advance(code, 6)
    store.record_action(code, "Anna", {"action": "post", "text": POST}, schluessel=anna)
    return store, code, anna


def attacker_store(folder: Path | str, clock: FakeClock | None = None, *, keys: Path | None = None) -> Store:
    """The same exercises seen from another account's process: no access to the trainer's keyring."""
    kwargs = {"wall": clock.wall, "sleep": clock.sleep} if clock else {}
    return Store(folder, keyring=access.Keyring(_keys(folder, keys) / "attacker-keyring.json"), **kwargs)


# --- codes ---------------------------------------------------------------------------------

def test_codes_are_unguessable_and_typo_tolerant(tmp_path):
    codes = {access.new_code("BRAND") for _ in range(2000)}
    assert len(codes) == 2000
    bits = access.CODE_RANDOM_CHARS * math.log2(len(access.ALPHABET))
    assert bits >= 64
    for code in list(codes)[:50]:
        prefix, *groups = code.split("-")
        assert prefix == "BRAND" and [len(g) for g in groups] == [5, 5, 5]
        assert set("".join(groups)) <= set(access.ALPHABET) and not set("".join(groups)) & set("ILOU")
    # What a participant types from the projector: lower case, spaces, O for 0 and l for 1.
    store = Store(tmp_path / "krisen", keyring=access.Keyring(tmp_path / "k.json"))
    code = store.create_exercise("starkregen").code
    typed = code.lower().replace("-", " ").replace("0", "o").replace("1", "l")
    assert store.join(typed, "Ben").code == code


def test_guessing_codes_is_throttled_without_locking_out_the_seminar(where, tmp_path):
    clock = FakeClock(now=1_000_000.0)
    folder = where
    _store, code, _anna = live_exercise(folder, clock, keys=tmp_path)
    attacker = attacker_store(folder, clock, keys=tmp_path)
    # Old-style codes and random guesses of the new form: none hits, each failure is counted.
    guesses = [f"BRAND-{n}" for n in range(1000, 1000 + access.MAX_FAILED_CODES)]
    for guess in guesses:
        with pytest.raises(InputError, match="gibt es nicht"):
            attacker.join(guess, "Mallory")
    assert clock.slept == []
    # Over the limit every further wrong guess waits first and gets the "too many" message …
    for _ in range(3):
        with pytest.raises(InputError, match="Zu viele Fehlversuche"):
            attacker.join(access.new_code("BRAND"), "Mallory")
    assert clock.slept == [access.THROTTLE_SECONDS] * 3
    # … also from another process (the count lives in the store folder, not in one kernel) …
    other = attacker_store(folder, clock, keys=tmp_path)
    with pytest.raises(InputError, match="Zu viele Fehlversuche"):
        other.join(access.new_code("BRAND"), "Mallory")
    # … while a participant with the right code still gets in at once.
    assert attacker_store(folder, clock, keys=tmp_path).join(code, "Ben").neu
    assert len(clock.slept) == 4
    clock.now += access.WINDOW_SECONDS + 1
    with pytest.raises(InputError, match="gibt es nicht"):
        attacker.join("BRAND-4821", "Mallory")
    assert len(clock.slept) == 4


def test_app_page_stops_asking_after_repeated_failures(where, tmp_path):
    folder = where
    store, code, _anna = live_exercise(folder, keys=tmp_path)
    now = [0.0]
    app = KrisenSimulatorApp(str(folder), autorefresh=False, clock=lambda: now[0])
    app.name.value = "Mallory"
    for n in range(access.APP_MAX_FAILED_JOINS):
        app.code.value = f"BRAND-{4000 + n}"
        assert app.join() is None and "gibt es nicht" in app.message.value
    failures = store._failures("*")
    app.code.value = code  # even the right code waits: this page has failed too often
    assert app.join() is None and "Zu viele Fehlversuche" in app.message.value
    assert store._failures("*") == failures  # refused without asking the store
    now[0] += access.WINDOW_SECONDS + 1
    view = app.join()
    assert view is not None and view.session.name == "Mallory"
    assert view.session.schluessel in view.title.value  # the personal key is shown after joining


# --- impersonation -------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["Anna", "anna", " ANNA ", "Anna\u200b", "An\u00adna", "Ａｎｎａ"])
def test_nobody_can_join_under_a_taken_name(where, tmp_path, name):
    folder = where
    store, code, _anna = live_exercise(folder, keys=tmp_path)
    with pytest.raises(InputError, match="gibt es in dieser Übung schon"):
        attacker_store(folder, keys=tmp_path).join(code, name)
    assert store.state(code)["teilnehmer"] == ["Anna"]


def test_nobody_can_act_in_someone_elses_name(where, tmp_path):
    clock = FakeClock(now=1_000_000.0)
    folder = where
    store, code, anna = live_exercise(folder, clock, keys=tmp_path)
    attacker = attacker_store(folder, clock, keys=tmp_path)
    mallory = attacker.join(code, "Mallory").schluessel
    before = store.state(code, "Anna", schluessel=anna)["aktionen"]
    for key in (None, "", mallory, access.new_key(), anna[:-1] + ("0" if anna[-1] != "0" else "1")):
        with pytest.raises(InputError, match="passen nicht|Zu viele"):
            attacker.record_action(code, "Anna", {"action": "post", "text": FORGED}, schluessel=key)
        with pytest.raises(InputError, match="passen nicht|Zu viele"):
            attacker.state(code, "Anna", schluessel=key)
        with pytest.raises(InputError, match="passen nicht|Zu viele"):
            attacker.join(code, "Anna", key or "XXXX-XXXX-XXXX-XXXX")
    with pytest.raises(InputError, match="passen nicht|Zu viele"):
        attacker.debrief(code, "Anna", schluessel=mallory)
    assert store.state(code, "Anna", schluessel=anna)["aktionen"] == before
    assert FORGED not in json.dumps(store.state(code), ensure_ascii=False)
    # Mallory's own key works for Mallory only, and Anna comes back with hers (typed in lower case).
    attacker.record_action(code, "Mallory", {"action": "post", "text": POST}, schluessel=mallory)
    back = Store(folder, keyring=access.Keyring(tmp_path / "none.json")).join(code, "anna", anna.lower())
    assert back.name == "Anna" and not back.neu and back.schluessel == anna
    assert store._failures(access.normalize_code(code)) >= 10  # every wrong key was counted


def test_trainer_actions_need_the_trainer_key(where, tmp_path):
    folder = where
    store, code, anna = live_exercise(folder, keys=tmp_path)
    before = store.state(code)
    attacker = attacker_store(folder, keys=tmp_path)
    steering = [
        lambda key: attacker.end(code, leitung=key),
        lambda key: attacker.pause(code, leitung=key),
        lambda key: attacker.set_speed(code, 20, leitung=key),
        lambda key: attacker.advance(code, 60, leitung=key),
        lambda key: attacker.fire_inject(code, text=FORGED, persona="lagezentrum", leitung=key),
        lambda key: attacker.choose(code, "e_erstmeldung", "sofort", leitung=key),
        lambda key: attacker.scores(code, leitung=key),
        lambda key: attacker.state(code, leitung=key),  # everybody's texts
        lambda key: attacker.debrief(code, "Anna", leitung=key),
        lambda key: attacker.check_trainer(code, key),
    ]
    for act in steering:
        with pytest.raises(InputError, match="fehlt der Leitungsschlüssel"):
            act(None)
        with pytest.raises(InputError, match="passt nicht|Zu viele"):
            act(anna)  # a participant's own key is not a trainer key
    after = store.state(code)
    assert (after["status"], after["tempo"], len(after["feed"])) == (before["status"], before["tempo"],
                                                                      len(before["feed"]))
    assert after["minute"] < 30 and FORGED not in json.dumps(after, ensure_ascii=False)
    # A co-trainer with the key may steer; the key is then remembered on their computer.
    created_key = store.keyring.get(store.url, code)
    assert created_key and attacker.check_trainer(code, created_key) == code
    assert attacker.pause(code)["status"] == "pausiert"


@pytest.mark.slow  # five CLI processes, on SQLite and on PostgreSQL
def test_cli_steering_from_another_account_needs_the_key(where, tmp_path):
    folder = where
    # Separate processes with their own KOMMSOCIAL_HOME: two accounts, each with only its own keyring.
    env = {**os.environ, "KOMMSOCIAL_HOME": str(tmp_path / "trainer")}
    cli = [sys.executable, "-m", "kommsocial.cli", "scenario"]
    made = subprocess.run([*cli, "neu", "grossbrand", "--db", str(folder), "--json"], env=env,
                          capture_output=True, text=True, timeout=120, check=False)
    assert made.returncode == 0, made.stderr
    created = json.loads(made.stdout)
    stranger = {**os.environ, "KOMMSOCIAL_HOME": str(tmp_path / "fremd")}
    refused = subprocess.run([*cli, "steuern", created["code"], "start", "--db", str(folder)], env=stranger,
                             capture_output=True, text=True, timeout=120, check=False)
    assert refused.returncode == 2 and "Leitungsschlüssel" in refused.stderr and "Traceback" not in refused.stderr
    wrong = subprocess.run([*cli, "steuern", created["code"], "start", "--db", str(folder), "--schluessel",
                            access.new_key(access.TRAINER_KEY_GROUPS)], env=stranger,
                           capture_output=True, text=True, timeout=120, check=False)
    assert wrong.returncode == 2 and "passt nicht" in wrong.stderr
    ok = subprocess.run([*cli, "steuern", created["code"], "start", "--db", str(folder), "--schluessel",
                         created["leitungsschluessel"], "--json"], env=stranger,
                        capture_output=True, text=True, timeout=120, check=False)
    assert ok.returncode == 0, ok.stderr
    assert json.loads(ok.stdout)["status"] == "läuft"
    mine = subprocess.run([*cli, "steuern", created["code"], "pause", "--db", str(folder), "--json"], env=env,
                          capture_output=True, text=True, timeout=120, check=False)
    assert mine.returncode == 0 and json.loads(mine.stdout)["status"] == "pausiert"  # the creator's keyring


# --- concurrency and storage ---------------------------------------------------------------

def _join_together(folder: Path | str, code: str, names: list[str], keys: Path) -> list[object]:
    barrier = threading.Barrier(len(names))
    results: list[object] = [None] * len(names)

    def run(n: int) -> None:
        store = attacker_store(folder, keys=keys)
        barrier.wait()
        try:
            results[n] = store.join(code, names[n])
        except BaseException as exc:  # noqa: BLE001 - the test inspects every outcome
            results[n] = exc

    threads = [threading.Thread(target=run, args=(n,)) for n in range(len(names))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    return results


def test_twenty_simultaneous_joins_with_one_name(where, tmp_path):
    folder = where
    store, code, _anna = live_exercise(folder, keys=tmp_path)
    results = _join_together(folder, code, ["Chris"] * 20, tmp_path)
    joined = [r for r in results if not isinstance(r, BaseException)]
    refused = [r for r in results if isinstance(r, BaseException)]
    assert len(joined) == 1 and len(refused) == 19
    assert all(isinstance(r, KommSocialError) and "gibt es in dieser Übung schon" in str(r) for r in refused), refused
    assert store.state(code)["teilnehmer"] == ["Anna", "Chris"]
    # Twenty different names at the same moment: all get in, each with an own key.
    results = _join_together(folder, code, [f"Person {n}" for n in range(20)], tmp_path)
    assert not [r for r in results if isinstance(r, BaseException)], results
    assert len({r.schluessel for r in results}) == 20  # type: ignore[union-attr]
    assert len(store.state(code)["teilnehmer"]) == 22


def test_default_store_keeps_each_exercise_private(tmp_path, monkeypatch):
    monkeypatch.setenv("KOMMSOCIAL_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("KOMMSOCIAL_KRISEN_DB", raising=False)
    store = Store()
    codes = [store.create_exercise(s).code for s in ("grossbrand", "starkregen")]
    folder = tmp_path / "home" / "krisen"
    assert store.folder == folder and stat.S_IMODE(folder.stat().st_mode) == 0o700
    files = sorted(p for p in folder.glob("*.db") if p.name != "zugang.db")
    assert len(files) == 2
    for path in [*files, folder / "zugang.db", tmp_path / "home" / "leitung.json"]:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    listing = " ".join(os.listdir(folder))
    assert not any(access.normalize_code(c)[-15:] in listing.upper() for c in codes)  # names reveal no code
    for path in files:  # no key is stored in clear text
        raw = path.read_bytes()
        assert store.keyring.get(store.url, codes[0]).encode() not in raw
    assert {e["code"] for e in store.exercises()} == set(codes)
    assert store.exercises()[0]["code"] == codes[1]  # newest first


def test_old_shared_database_gives_a_german_message(tmp_path):
    import sqlite3

    db = tmp_path / "krisen.db"
    with sqlite3.connect(db) as con:
        con.execute("CREATE TABLE krisen_teilnehmer (id INTEGER PRIMARY KEY, exercise_id INTEGER, name TEXT, "
                    "joined FLOAT)")
    with pytest.raises(InputError, match="älteren Version ohne Zugangsschutz"):
        Store(db)
