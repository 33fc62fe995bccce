"""Calibration on the held-out test split of the labelled corpus (tests/data/assess/).

Pass means what the nbgrader tests award full automatic points for
(`kommsocial.assess.tasks.judge(...).bestanden`). A trainer's demand: no harmful or
poor answer passes, no good answer fails. "ausreichend" answers may go either way.
The rubrics were tuned on the train split only.
"""

from __future__ import annotations

import yaml

from conftest import ROOT
from kommsocial.assess.tasks import TASKS, judge

CORPUS = ROOT / "tests" / "data" / "assess"
_TASK_FILES = sorted({a for a, _ in TASKS})


def _entries(split: str) -> list[tuple[str, dict]]:
    out = []
    for assignment in _TASK_FILES:
        path = CORPUS / f"{assignment}.yaml"
        if path.exists():
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            out += [(assignment, e) for e in data.get("eintraege", []) if e.get("split") == split]
    return out


TEST = _entries("test")
# Measured on 2026-12-07 on the fresh, unseen test split (commit 29b5e5b, 128 entries), never tuned against:
# harmful/poor answers that pass plus good answers that fail. Issue #9 wants 0. A ratchet: it may only go down.
KNOWN_MISSES = 17


def misses(entries: list[tuple[str, dict]]) -> list[str]:
    """Ids of entries where the verdict contradicts the trainer's label."""
    wrong = []
    for assignment, entry in entries:
        passed = judge(assignment, entry["variable"], entry["text"]).bestanden
        if (entry["label"] in {"schaedlich", "mangelhaft"} and passed) or (entry["label"] == "gut" and not passed):
            wrong.append(f"{entry['id']} ({entry['label']})")
    return wrong


def test_test_split_agrees_with_trainers():
    assert len(TEST) >= 80, "the test split of the task files is missing"
    wrong = misses(TEST)
    assert len(wrong) <= KNOWN_MISSES, f"{len(wrong)} of {len(TEST)} verdicts contradict the label: {wrong}"
