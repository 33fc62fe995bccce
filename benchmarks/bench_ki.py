"""AI-draft check: full `pruefe` (source comparison + text analysis + tone) vs. `analyze` alone (baseline).

The review widget re-checks the participant's own version on every click, so the source
comparison must add little to the text analysis it builds on. Drafts differ in every call.
"""

from __future__ import annotations

import statistics
import time

from kommsocial.ki import abgleich, get_case, pruefe
from kommsocial.text import analyze

ROUNDS = 5
N = 100


def timed(fn, tag: str) -> float:
    fall = get_case("hochwasser")
    runs = []
    for r in range(ROUNDS):
        drafts = [f"{fall.entwurf} Stand {tag}{r}-{i}." for i in range(N)]
        start = time.perf_counter()
        for d in drafts:
            fn(fall.quelle, d)
        runs.append((time.perf_counter() - start) / N)
    return statistics.median(runs)


def main() -> None:
    fall = get_case("hochwasser")
    pruefe(fall.quelle, fall.entwurf, "mastodon")  # warm up: lexicons, rules, bank
    baseline = timed(lambda _q, d: analyze(d, platform="mastodon"), "a")
    compare = timed(abgleich, "b")
    full = timed(lambda q, d: pruefe(q, d, "mastodon"), "c")
    print(f"KI draft check ({N} drafts x {ROUNDS} rounds): baseline analyze {baseline * 1000:.2f} ms, "
          f"abgleich {compare * 1000:.2f} ms, pruefe {full * 1000:.2f} ms per draft, "
          f"ratio {full / baseline:.2f}x the baseline")


if __name__ == "__main__":
    main()
