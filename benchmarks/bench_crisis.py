"""Live scores for the trainer console: Store.scores over SQLite vs. pure in-memory debriefs (baseline)."""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

import kommsocial.crisis as crisis_pkg
from kommsocial.crisis.actions import load_responses
from kommsocial.crisis.engine import Exercise
from kommsocial.crisis.schema import resolve
from kommsocial.crisis.store import Store

PARTICIPANTS = 20
ROUNDS = 5
EXAMPLE = Path(crisis_pkg.__file__).parent / "beispiele" / "grossbrand_gut.yaml"


def main() -> None:
    scenario = resolve("grossbrand")
    actions = [a for a in load_responses(EXAMPLE, scenario) if a.action != "choose"]
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "bench.db")
        code = store.create_exercise("grossbrand", speed=1, seed=1).code
        keys = [store.join(code, f"Person {n}").schluessel for n in range(PARTICIPANTS)]
        store.start(code)
        store.pause(code)
        # Insert the scripted actions minute by minute as a running exercise would record them.
        for action in actions:
            now = store.state(code)["minute"]
            if action.minute and action.minute > now:
                store.advance(code, action.minute - now)
            store.resume(code)
            for n in range(PARTICIPANTS):
                store.record_action(code, f"Person {n}", action, schluessel=keys[n])
            store.pause(code)
        store.scores(code)  # warm caches (text engine import, readability)

        def in_memory() -> None:
            for _ in range(PARTICIPANTS):
                ex = Exercise(scenario, seed=1)
                ex.play(actions)
                ex.debrief()

        baseline = _median(in_memory)
        live = _median(lambda: store.scores(code))
        state = _median(lambda: store.state(code, "Person 0", schluessel=keys[0]))
    print(f"crisis live scores ({PARTICIPANTS} participants × {len(actions)} actions): "
          f"in-memory baseline {baseline * 1000:.0f} ms, Store.scores {live * 1000:.0f} ms "
          f"(ratio {live / baseline:.2f}x of baseline); participant state poll {state * 1000:.0f} ms")


def _median(fn) -> float:
    runs = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


if __name__ == "__main__":
    main()
