"""Live crisis exercise with 30 participants (issue #14): post → trainer view latency and write throughput.

For SQLite (a file) and PostgreSQL (a throwaway server as in tests/pgserver.py), participants are separate
processes writing through `Store.record_action`; the trainer polls `Store.state` (the data the console shows)
every POLL_SECONDS in this process. Two phases per run:

- paced: every participant posts PACED_POSTS times, about one post per PACE_SECONDS each (a very busy seminar);
  latency = from just before a participant's write to the end of the first trainer read that shows it;
- flat out: every participant posts BURST_POSTS times without pause; throughput = posts / (last commit − first
  write start) while the trainer keeps polling.

Baseline, measured in the same run on the same backend: one participant doing the same (a single writer).
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))  # tests/pgserver.py: the server helper

from kommsocial.crisis.store import Store  # noqa: E402

PARTICIPANTS = 30
PACED_POSTS, PACE_SECONDS = 6, 1.0
BURST_POSTS = 10
POLL_SECONDS = 0.1
DEADLINE = 300.0


def _participant(location: str, code: str, name: str, paced: int, burst: int, barrier, out) -> None:
    """Join, then the paced phase, then the flat-out phase; reports (phase, text, start, end) per post."""
    try:
        store = Store(location)
        key = store.join(code, name).schluessel
        store.scenario_and_setting(code)  # as the participant view does on joining (loads the scenario once)
        rng = random.Random(name)
        timings = []
        barrier.wait(timeout=DEADLINE)
        for n in range(paced):
            time.sleep(rng.uniform(0.5, 1.5) * PACE_SECONDS)
            post = f"Bitte halten Sie die Fenster geschlossen. ({name}, ruhig {n})"
            started = time.time()
            store.record_action(code, name, {"action": "post", "text": post}, schluessel=key)
            timings.append(("paced", post, started, time.time()))
        barrier.wait(timeout=DEADLINE)
        for n in range(burst):
            post = f"Bitte meiden Sie den Bereich. ({name}, schnell {n})"
            started = time.time()
            store.record_action(code, name, {"action": "post", "text": post}, schluessel=key)
            timings.append(("burst", post, started, time.time()))
        out.put((name, timings))
    except BaseException as exc:  # noqa: BLE001 - reported to the bench process
        out.put((name, f"{type(exc).__name__}: {exc}"))


def run(location: str, participants: int) -> dict:
    """One exercise with `participants` writer processes and the trainer polling here."""
    store = Store(location)
    created = store.create_exercise("grossbrand", speed=1, seed=0)
    code, leitung = created.code, created.leitung
    store.start(code, leitung=leitung)
    ctx = multiprocessing.get_context("spawn")
    barrier, out = ctx.Barrier(participants), ctx.Queue()
    names = [f"Person {n:02d}" for n in range(participants)]
    procs = [ctx.Process(target=_participant, args=(location, code, name, PACED_POSTS, BURST_POSTS, barrier, out))
             for name in names]
    seen: dict[str, float] = {}
    polls: list[float] = []
    reports: dict[str, list] = {}
    try:
        for p in procs:
            p.start()
        deadline = time.monotonic() + DEADLINE
        while len(reports) < participants:
            if time.monotonic() > deadline:
                raise TimeoutError(f"only {len(reports)} of {participants} participants finished")
            started = time.perf_counter()
            state = store.state(code, leitung=leitung)
            now = time.time()
            polls.append(time.perf_counter() - started)
            for action in state["aktionen"]:
                seen.setdefault(action["text"], now)
            try:
                while True:
                    name, timings = out.get_nowait()
                    if isinstance(timings, str):
                        raise RuntimeError(f"{name}: {timings}")
                    reports[name] = timings
            except queue.Empty:
                pass
            time.sleep(POLL_SECONDS)
        for p in procs:
            p.join(timeout=60)
    finally:
        for p in procs:
            if p.is_alive():
                p.kill()
            p.join(timeout=10)
    final = store.state(code, leitung=leitung)
    posts = [t for timings in reports.values() for t in timings]
    assert len(final["aktionen"]) == len(posts) == participants * (PACED_POSTS + BURST_POSTS), "lost or duplicated"
    for _phase, text, _start, _end in posts:  # the last ones: seen by the final read at the latest
        seen.setdefault(text, time.time())
    latencies = sorted(seen[text] - start for phase, text, start, _end in posts if phase == "paced")
    burst = [(start, end) for phase, _text, start, end in posts if phase == "burst"]
    span = max(end for _s, end in burst) - min(start for start, _e in burst)
    writes = sorted(end - start for phase, _t, start, end in posts if phase == "paced")
    return {"p50": _quantile(latencies, 0.5), "p95": _quantile(latencies, 0.95), "n": len(latencies),
            "write_p50": _quantile(writes, 0.5), "throughput": len(burst) / span,
            "poll": statistics.median(polls), "actions": len(final["aktionen"])}


def _quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def report(backend: str, make_location) -> None:
    single = run(make_location(), 1)
    many = run(make_location(), PARTICIPANTS)
    print(f"crisis live {backend}, {PARTICIPANTS} participants ({PACED_POSTS} paced + {BURST_POSTS} flat-out posts "
          f"each, {many['actions']} actions): post → trainer view p50 {many['p50'] * 1000:.0f} ms, "
          f"p95 {many['p95'] * 1000:.0f} ms (single writer {single['p50'] * 1000:.0f}/{single['p95'] * 1000:.0f} ms, "
          f"ratio p95 {many['p95'] / single['p95']:.2f}x of baseline); write p50 {many['write_p50'] * 1000:.0f} ms "
          f"(single {single['write_p50'] * 1000:.0f} ms); trainer read {many['poll'] * 1000:.0f} ms", flush=True)
    print(f"crisis live {backend}, write throughput: {many['throughput']:.0f} posts/s with {PARTICIPANTS} writers, "
          f"{single['throughput']:.0f} posts/s single writer (ratio {many['throughput'] / single['throughput']:.2f}x "
          "of baseline)", flush=True)


def main() -> int:
    # Trainer keys go to a throwaway keyring, not to ~/.kommsocial (participant processes inherit it).
    home = tempfile.mkdtemp(prefix="kommsocial-bench-")
    os.environ["KOMMSOCIAL_HOME"] = home
    try:
        with tempfile.TemporaryDirectory() as tmp:
            files = iter(range(10))
            report("SQLite", lambda: str(Path(tmp) / f"live{next(files)}.db"))
        postgresql()
    finally:
        shutil.rmtree(home, ignore_errors=True)
    return 0


def postgresql() -> None:
    import pytest

    from pgserver import PgCluster

    cluster = None
    try:
        cluster = PgCluster()
        cluster.start()
    except (Exception, pytest.fail.Exception) as exc:  # no server binaries: say so, the rest is measured
        if cluster is not None:
            cluster.cleanup()
        print(f"crisis live PostgreSQL: not measured ({type(exc).__name__}: {str(exc)[:200]}); "
              "run `bash scripts/ensure-postgresql`")
        return
    try:
        report("PostgreSQL", lambda: cluster.url(cluster.create_database()))
    finally:
        cluster.cleanup()


if __name__ == "__main__":
    sys.exit(main())
