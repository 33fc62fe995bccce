"""Reply check of the triage trainer: full `pruefe_antwort` vs. the text engine's `analyze` alone (baseline).

The live reply box runs one check after every typing pause, so its cost must stay close to
the plain text analysis it builds on. Texts differ in every round (the tone check caches by text).
"""

from __future__ import annotations

import statistics
import time

from kommsocial.community import get_comment, pruefe_antwort
from kommsocial.text import analyze

ROUNDS = 5
N = 200
BASE = ("Danke für Ihre Frage, Frau Koch! Die längeren Öffnungszeiten gelten nur im Bürgerbüro im Rathaus, "
        "nicht in der Außenstelle Nord. Einen Termin brauchen Sie nicht. Sie können ihn aber online buchen.")


def timed(fn, tag: str) -> float:
    runs = []
    for r in range(ROUNDS):
        texts = [f"{BASE} Gruß {tag}{r}-{i}" for i in range(N)]
        start = time.perf_counter()
        for t in texts:
            fn(t)
        runs.append((time.perf_counter() - start) / N)
    return statistics.median(runs)


def main() -> None:
    k = get_comment("frage-oeffnungszeiten")
    pruefe_antwort(BASE, "facebook", kommentar=k)  # warm up: load lexicons and rules once
    baseline = timed(lambda t: analyze(t, platform="facebook"), "a")
    full = timed(lambda t: pruefe_antwort(t, "facebook", kommentar=k), "b")
    print(f"reply check ({N} replies x {ROUNDS} rounds): baseline analyze {baseline * 1000:.2f} ms, "
          f"pruefe_antwort {full * 1000:.2f} ms per reply, ratio {full / baseline:.2f}x the baseline")


if __name__ == "__main__":
    main()
