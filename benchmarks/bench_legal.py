"""Loading the legal knowledge base: fast C-parser path vs. the generic line-numbered loader (baseline)."""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from kommsocial._data import load_model
from kommsocial.legal import data as legal_data
from kommsocial.legal.schema import Baum, KartenDatei, QuizDatei

MODELS = {"karten": KartenDatei, "baeume": Baum, "quiz": QuizDatei}
ROUNDS = 5


def files() -> list[tuple[type, Path]]:
    root = legal_data.data_folder()
    return [(MODELS[sub], p) for sub in MODELS for p in sorted((root / sub).glob("*.yaml"))]


def timed(load) -> float:
    runs = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        for model, path in files():
            load(model, path)
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def main() -> None:
    baseline = timed(load_model)
    fast = timed(legal_data._load)
    n = len(files())
    print(f"legal data load ({n} YAML files): baseline load_model {baseline * 1000:.0f} ms, "
          f"fast path {fast * 1000:.0f} ms, ratio {baseline / fast:.1f}x faster")


if __name__ == "__main__":
    main()
