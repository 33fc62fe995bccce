"""exercises/ is exactly what nbgrader generates from solutions/."""

from __future__ import annotations

import filecmp
from pathlib import Path

import pytest

from conftest import ROOT
from kommsocial.seminar.generate import assignment_ids, generate_release

ASSIGNMENTS = assignment_ids(ROOT / "solutions") if (ROOT / "solutions").is_dir() else []


def tree(folder: Path) -> dict[str, Path]:
    return {
        str(p.relative_to(folder)): p for p in folder.rglob("*")
        if p.is_file() and ".ipynb_checkpoints" not in p.parts and "__pycache__" not in p.parts
    }


def test_every_release_has_a_source():
    exercises = ROOT / "exercises"
    released = {p.name for p in exercises.iterdir() if p.is_dir()} if exercises.is_dir() else set()
    assert released == set(ASSIGNMENTS), "exercises/ and solutions/ must hold the same assignments"


@pytest.mark.nbgrader
@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_release_in_sync(assignment: str, tmp_path: Path):
    generated = tree(generate_release(assignment, tmp_path, source=ROOT / "solutions"))
    committed = tree(ROOT / "exercises" / assignment)
    assert set(generated) == set(committed), "run `make exercises` and commit exercises/"
    changed = [name for name in generated if not filecmp.cmp(generated[name], committed[name], shallow=False)]
    assert not changed, f"out of date: {changed}; run `make exercises` and commit exercises/"
