"""The German syllable counter is measured against a hand-verified word list and beats textstat/pyphen."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
import textstat

from kommsocial.text.syllables import count_word

LIST = Path(__file__).parent / "data" / "text" / "silben.csv"
# Hold-out list: written after the counter was finished, never used to tune it.
HOLDOUT = Path(__file__).parent / "data" / "text" / "silben_kontrolle.csv"


def _rows(path: Path = LIST) -> list[tuple[str, int]]:
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    reader = csv.DictReader(lines)
    return [(r["wort"], int(r["silben"])) for r in reader]


def _accuracy(counter, path: Path = LIST) -> float:
    rows = _rows(path)
    return sum(counter(w) == n for w, n in rows) / len(rows)


def test_word_list_is_large_documented_and_varied():
    rows = _rows()
    assert len(rows) >= 300
    assert len({w for w, _ in rows}) == len(rows), "duplicate words"
    header = LIST.read_text(encoding="utf-8").split("wort,silben")[0]
    assert "Methode" in header
    words = " ".join(w.lower() for w, _ in rows)
    for feature in ("ä", "ö", "ü", "ß", "ei", "eu", "au", "äu", "ie", "tion"):
        assert feature in words, feature


@pytest.mark.parametrize("path", [LIST, HOLDOUT], ids=["silben", "kontrolle"])
def test_own_counter_is_at_least_as_accurate_as_textstat(path):
    textstat.set_lang("de")
    own = _accuracy(count_word, path)
    other = _accuracy(textstat.syllable_count, path)
    assert own >= other, f"own {own:.3f} < textstat {other:.3f}"


def test_holdout_list_is_disjoint_from_main_list():
    assert not {w for w, _ in _rows(HOLDOUT)} & {w for w, _ in _rows(LIST)}
    assert len(_rows(HOLDOUT)) >= 100


def test_own_counter_accuracy_on_list_is_high():
    assert _accuracy(count_word) >= 0.95


@pytest.mark.parametrize(
    ("word", "n"),
    [("Abend", 2), ("Idee", 2), ("Familien", 4), ("Information", 5), ("Museum", 3),
     ("beendet", 3), ("Livestream", 2), ("Quelle", 2), ("E-Mail", 2), ("Bürger-Info", 4)],
)
def test_typical_cases(word, n):
    assert count_word(word) == n


