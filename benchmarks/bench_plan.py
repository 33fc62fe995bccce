"""Plan check and analytics on large inputs, against a plain pandas.read_csv of the same file (baseline)."""

from __future__ import annotations

import statistics
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import pandas as pd

from kommsocial.analytics import analyze, generate_posts, read_posts, write_posts
from kommsocial.plan import check_plan, read_plan

ROUNDS = 5
CHANNELS = ("Instagram", "Facebook", "Mastodon", "WhatsApp-Kanal", "Presse")


def plan_file(folder: Path, rows: int) -> Path:
    """A synthetic plan: five posts a day over consecutive days, a few at night."""
    lines = ["Datum;Uhrzeit;Kanal;Thema;Format;Verantwortlich;Status;Kampagne;Pressemitteilung;Kategorie"]
    start = date(2027, 1, 1)
    for i in range(rows):
        day = start + timedelta(days=i // 5)
        hour = 23 if i % 97 == 0 else 8 + (i % 5) * 2
        lines.append(f"{day:%d.%m.%Y};{hour:02d}:00;{CHANNELS[i % 5]};Thema {i};Bild;Team;Entwurf;"
                     f"{'Kampagne ' + str(i % 7) if i % 3 == 0 else ''};nein;Service")
    path = folder / "plan.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def timed(fn) -> float:
    runs = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = plan_file(folder, 5000)
        base = timed(lambda: pd.read_csv(path, sep=";"))
        full = timed(lambda: check_plan(read_plan(path), land="NI"))
        print(f"plan check (5000 rows): baseline pandas.read_csv {base * 1000:.0f} ms, "
              f"read_plan+check_plan {full * 1000:.0f} ms, ratio {full / base:.1f}x the baseline")

        posts = write_posts(generate_posts(seed=1, weeks=260), folder / "posts.csv")
        n = len(pd.read_csv(posts, sep=";"))
        base = timed(lambda: pd.read_csv(posts, sep=";"))
        full = timed(lambda: analyze(read_posts(posts)))
        print(f"analytics ({n} posts, 5 groupings): baseline pandas.read_csv {base * 1000:.0f} ms, "
              f"read_posts+analyze {full * 1000:.0f} ms, ratio {full / base:.1f}x the baseline")


if __name__ == "__main__":
    main()
