"""nbgrader's own autograde in a seminar folder (the formgrader's „Autograde“ button on the hub, or
`nbgrader autograde` typed in its terminal) runs participants' code in the sandbox too, not only
`kommsocial seminar bewerten`. Real nbgrader, real bubblewrap, the course's task a02_pressemitteilung.
"""

from __future__ import annotations

import copy
import json
import os
import sqlite3
from pathlib import Path

import pytest

from conftest import ROOT, run_cli
from kommsocial.seminar.folder import Seminar

pytestmark = [pytest.mark.nbgrader, pytest.mark.slow]

A = "a02_pressemitteilung"


def _scores(db: Path) -> dict[str, float]:
    with sqlite3.connect(db) as con:
        return {s: a or 0 for s, a in con.execute(
            "select submitted_assignment.student_id, sum(grade.auto_score) from grade "
            "join submitted_notebook on grade.notebook_id = submitted_notebook.id "
            "join submitted_assignment on submitted_notebook.assignment_id = submitted_assignment.id "
            "group by submitted_assignment.student_id")}


def test_formgrader_autograde_runs_submissions_in_the_sandbox(tmp_path, monkeypatch):
    d = tmp_path / "kurs"
    assert run_cli("seminar", "anlegen", str(d), "--quelle", str(ROOT / "solutions"))[0] == 0
    (tmp_path / "liste.csv").write_text("id;vorname;nachname;email\nehrlich;A;B;a@musterstadt.example\n"
                                        "angriff;C;D;c@musterstadt.example\n", encoding="utf-8")
    assert run_cli("seminar", "teilnehmende", str(d), str(tmp_path / "liste.csv"))[0] == 0
    assert run_cli("seminar", "verteilen", str(d), A)[0] == 0
    solution = json.loads((d / "source" / A / f"{A}.ipynb").read_text(encoding="utf-8"))
    attack = copy.deepcopy(json.loads((d / "release" / A / f"{A}.ipynb").read_text(encoding="utf-8")))
    target = d / "gehackt.txt"  # the seminar folder: gradebook, everyone's submissions
    for cell in attack["cells"]:
        if cell["metadata"].get("nbgrader", {}).get("grade_id") == "antwort_x":
            cell["source"] = f"open({str(target)!r}, 'w').write('x')\npost_x = 'x'"
    inbox = tmp_path / "eingang"
    inbox.mkdir()
    for pid, nb in (("ehrlich", solution), ("angriff", attack)):
        (inbox / f"{A}_{pid}.ipynb").write_text(json.dumps(nb, ensure_ascii=False), encoding="utf-8")
    assert run_cli("seminar", "einsammeln", str(d), A, "--from", str(inbox))[0] == 0

    # What the formgrader does when the trainer clicks „Autograde“: nbgrader with the folder's own config.
    from nbgrader.apps import NbGraderAPI

    monkeypatch.chdir(d)
    api = NbGraderAPI(config=Seminar(d).config())
    for pid in ("ehrlich", "angriff"):
        result = api.autograde(A, pid, force=True, create=True)
        assert result["success"], result.get("log")
    assert not target.exists(), "the submission wrote into the seminar folder: it ran outside the sandbox"
    scores = _scores(d / "gradebook.db")
    assert scores["ehrlich"] >= 10  # the honest submission keeps its automatic points
    assert scores["angriff"] < scores["ehrlich"]
    # The participant's answers reached the instructor's tests, which ran outside the sandbox.
    graded = json.loads((d / "autograded" / "ehrlich" / A / f"{A}.ipynb").read_text(encoding="utf-8"))
    assert any(c.get("outputs") for c in graded["cells"] if c["cell_type"] == "code")
    assert os.access(d / "gradebook.db", os.R_OK)


def test_seminar_config_names_the_sandboxed_executor(tmp_path):
    d = tmp_path / "kurs"
    assert run_cli("seminar", "anlegen", str(d), "--quelle", str(ROOT / "solutions"))[0] == 0
    steps = Seminar(d).config().Autograde.autograde_preprocessors
    names = [getattr(s, "__name__", str(s)) for s in steps]
    assert "SandboxedExecute" in names and "Execute" not in names


def test_sandbox_binds_package_folders_but_not_the_working_directory(tmp_path, monkeypatch):
    """A venv that reaches another environment's packages through a .pth file (the hub's per-user environment)
    needs those folders inside the sandbox; the seminar folder on sys.path must never be bound."""
    import sys

    from kommsocial.seminar import sandbox

    extra = tmp_path / "anderes-env" / "lib" / "site-packages"
    extra.mkdir(parents=True)
    seminar = tmp_path / "seminar"
    seminar.mkdir()
    monkeypatch.setattr(sys, "path", [str(seminar), "", *sys.path, str(extra)])
    roots = sandbox._readonly_roots()
    assert str(extra.resolve()) in roots
    assert not any(r == str(seminar) or str(seminar).startswith(r + "/") and r != "/" for r in roots)
    assert "" not in roots and os.getcwd() not in roots
