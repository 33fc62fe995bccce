"""Loading the legal knowledge base: `load_model` (C-parser fast path) vs. a pure-Python line-numbered parse (baseline)."""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from kommsocial._data import load_model, read_yaml
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


def slow_load(model, path):
    """What loading cost before the fast path: compose the node tree, then validate."""
    data, _node = read_yaml(path)
    return model.model_validate(data)


def main() -> None:
    baseline = timed(slow_load)
    fast = timed(load_model)
    n = len(files())
    print(f"legal data load ({n} YAML files): baseline pure-Python parse {baseline * 1000:.0f} ms, "
          f"load_model {fast * 1000:.0f} ms, ratio {fast / baseline:.2f} (below 1 = faster)")


if __name__ == "__main__":
    main()
