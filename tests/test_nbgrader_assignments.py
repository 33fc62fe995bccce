"""Real nbgrader cycle for every assignment: the solution scores full marks, the blank release 0.

Also checks the shape every graded seminar task must have: autograded tests
(some hidden), at least one manually graded cell, German failure messages.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import ROOT
from kommsocial.seminar import sandboxed_execute
from kommsocial.seminar.config import apply_common
from kommsocial.seminar.generate import assignment_ids

ASSIGNMENTS = assignment_ids(ROOT / "solutions") if (ROOT / "solutions").is_dir() else []


def nbgrader_cells(folder: Path) -> list[dict]:
    cells = []
    for nb_path in sorted(folder.glob("*.ipynb")):
        nb = json.loads(nb_path.read_text(encoding="utf-8"))
        cells += [c for c in nb["cells"] if c.get("metadata", {}).get("nbgrader")]
    return cells


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_assignment_shape(assignment: str):
    cells = nbgrader_cells(ROOT / "solutions" / assignment)
    meta = [c["metadata"]["nbgrader"] for c in cells]
    auto_tests = [c for c in cells if c["metadata"]["nbgrader"].get("grade") and c["cell_type"] == "code"
                  and not c["metadata"]["nbgrader"].get("solution")]
    manual = [m for m in meta if m.get("grade") and m.get("solution") or m.get("task")]
    assert auto_tests, "needs autograded test cells"
    assert any("### BEGIN HIDDEN TESTS" in "".join(c["source"]) for c in auto_tests), "needs hidden tests"
    assert manual, "needs at least one manually graded cell (task or graded answer)"
    # Tests speak German through the shared helpers, not bare asserts.
    for c in auto_tests:
        src = "".join(c["source"])
        assert "kommsocial.seminar.checks" in src or "pruefe_" in src, (
            f"{c['metadata']['nbgrader']['grade_id']}: use kommsocial.seminar.checks for German messages")


@pytest.mark.nbgrader
@pytest.mark.slow
@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_solution_full_marks_blank_zero(assignment: str, tmp_path: Path):
    from nbgrader.api import Gradebook
    from nbgrader.apps import NbGraderAPI
    from traitlets.config import Config

    shutil.copytree(ROOT / "solutions" / assignment, tmp_path / "source" / assignment)
    c = apply_common(Config())
    c.CourseDirectory.root = str(tmp_path)
    c.CourseDirectory.db_url = f"sqlite:///{tmp_path / 'gradebook.db'}"
    c.CourseDirectory.course_id = "kommsocial"
    # The product's grading path: the submission in the sandbox, the tests in this process.
    sandboxed_execute.configure(c, tmp_path / "source" / assignment, timeout=60)
    api = NbGraderAPI(config=c)
    res = api.generate_assignment(assignment, force=True, create=True)
    assert res["success"], res["log"]

    # "voll" hands in the instructor version, "leer" the untouched participant version.
    shutil.copytree(tmp_path / "source" / assignment, tmp_path / "submitted" / "voll" / assignment)
    shutil.copytree(tmp_path / "release" / assignment, tmp_path / "submitted" / "leer" / assignment)
    for student in ("voll", "leer"):
        res = api.autograde(assignment, student, force=True, create=True)
        assert res["success"], res["log"]

    with Gradebook(c.CourseDirectory.db_url) as gb:
        for student, expect_full in (("voll", True), ("leer", False)):
            sub = gb.find_submission(assignment, student)
            auto = [g for nb in sub.notebooks for g in nb.grades if g.auto_score is not None]
            assert auto, "no autograded cells found"
            for g in auto:
                if expect_full:
                    assert g.auto_score == g.max_score, f"{student}: {g.name} scored {g.auto_score}/{g.max_score}"
                else:
                    assert g.auto_score == 0, f"{student}: {g.name} scored {g.auto_score} on a blank"
