"""Assessment engine vs. the old substring checks (`kommsocial.seminar.post_checks`, baseline).

Prints the median time per judgement of both (texts differ in every round, as when a
participant types) and the agreement with the trainers' labels on the corpus test split:
accuracy of pass/fail (pass is right for gut, fail for mangelhaft/schaedlich; ausreichend
left out) and Spearman's rho of the overall score against the label order.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from kommsocial.assess.lemma import warm_up  # noqa: E402
from kommsocial.assess.tasks import judge  # noqa: E402
from kommsocial.seminar.checks import Hinweis  # noqa: E402
from kommsocial.seminar.post_checks import pruefe_post  # noqa: E402

ROUNDS = 5
N = 100
BASE = ("Wir wissen, dass Sie sich Sorgen machen. Nach Starkregen ist die Unterstadt überflutet. "
        "Bitte betreten Sie keine Keller und Tiefgaragen. Beachten Sie die amtliche Warnung in NINA. "
        "Die Notunterkunft in der Sporthalle ist offen. Bürgertelefon: 0123 4567-0.")
RANK = {"schaedlich": 0, "mangelhaft": 1, "ausreichend": 2, "gut": 3}


def old_check(text: str) -> bool:
    try:
        pruefe_post(text, "mastodon", pflichtangaben=["Unterstadt", "0123 4567-0"], max_satzlaenge=20)
    except Hinweis:
        return False
    return True


def timed(fn, tag: str) -> float:
    runs = []
    for r in range(ROUNDS):
        texts = [f"{BASE} Wir informieren Sie weiter, Stand {tag}{r}x{i}." for i in range(N)]
        start = time.perf_counter()
        for t in texts:
            fn(t)
        runs.append((time.perf_counter() - start) / N)
    return statistics.median(runs)


def spearman(xs: list[float], ys: list[float]) -> float:
    def ranks(v: list[float]) -> list[float]:
        order = sorted(range(len(v)), key=lambda i: v[i])
        out = [0.0] * len(v)
        i = 0
        while i < len(order):
            j = i
            while j + 1 < len(order) and v[order[j + 1]] == v[order[i]]:
                j += 1
            for k in range(i, j + 1):
                out[order[k]] = (i + j) / 2
            i = j + 1
        return out
    rx, ry = ranks(xs), ranks(ys)
    mx, my = statistics.fmean(rx), statistics.fmean(ry)
    cov = sum((a - mx) * (b - my) for a, b in zip(rx, ry))
    return cov / ((sum((a - mx) ** 2 for a in rx) * sum((b - my) ** 2 for b in ry)) ** 0.5 or 1)


def agreement() -> str:
    from test_assess_calibration import TEST

    if not TEST:
        return "corpus test split: not present"
    right = counted = 0
    scores, labels = [], []
    for assignment, e in TEST:
        j = judge(assignment, e["variable"], e["text"])
        scores.append(j.gesamt)
        labels.append(RANK[e["label"]])
        if e["label"] != "ausreichend":
            counted += 1
            right += j.bestanden == (e["label"] == "gut")
    return (f"test split ({len(TEST)} answers): pass/fail accuracy {right}/{counted} = {right / counted:.1%}, "
            f"Spearman score vs label {spearman(scores, labels):.2f}")


def main() -> None:
    warm_up()
    judge("a04_krise", "erstmeldung", BASE)
    old_check(BASE)
    baseline = timed(old_check, "a")
    engine = timed(lambda t: judge("a04_krise", "erstmeldung", t), "b")
    print(f"free-text judgement ({N} texts x {ROUNDS} rounds): baseline substring checks {baseline * 1000:.2f} ms, "
          f"engine {engine * 1000:.2f} ms per judgement (median), ratio {engine / baseline:.2f}x the baseline")
    print(agreement())


if __name__ == "__main__":
    main()
