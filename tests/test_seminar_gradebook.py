"""Several processes write to one seminar gradebook at once (two trainers grading), on SQLite and PostgreSQL.

Each process merges autograder results the way `kommsocial seminar bewerten` does (grading._merge):
participants of its own and participants every process grades (the same assignment graded twice at
the same moment). Afterwards every participant has exactly one submission with the right points.
"""

from __future__ import annotations

import multiprocessing
import random
from pathlib import Path

import pytest

from conftest import ROOT
from kommsocial.seminar.distribute import generate
from kommsocial.seminar.folder import Seminar, init_seminar

pytestmark = [pytest.mark.nbgrader]

SOURCE = ROOT / "tests" / "data" / "seminar" / "solutions"
A = "s01_probe"
PROCESSES, OWN, SHARED = 3, 6, 6  # writer processes; participants of each alone; participants of all


def _points(student: str, cell: str) -> float:
    """The score a participant's cell gets, the same in every process (so a lost write shows)."""
    return float((sum(map(ord, student + cell)) % 2) * 1.0)


def _results(cells: dict[str, list[str]], student: str) -> dict:
    return {"timestamp": "2026-11-21 10:00:00",
            "notebooks": {nb: {"penalty": 0.0, "grades": {c: _points(student, c) for c in names},
                               "comments": {c: f"Kommentar {student}" for c in names}}
                          for nb, names in cells.items()}}


def _grader(root: str, n: int, cells: dict[str, list[str]], barrier, out) -> None:
    from kommsocial.seminar.grading import _merge

    try:
        # All processes start with the same participants in the same order (the most collisions), then
        # their own ones, mixed with the rest of the shared ones.
        rest = [f"eigen{n}_{k:02d}" for k in range(OWN)] + [f"alle_{k:02d}" for k in range(2, SHARED)]
        random.Random(n).shuffle(rest)
        students = ["alle_00", "alle_01", *rest]
        with Seminar(Path(root)).gradebook() as gb:
            gb.db.commit()
            barrier.wait(timeout=120)
            for student in students:
                _merge(gb, A, student, _results(cells, student))
        out.put((n, None))
    except BaseException as exc:  # noqa: BLE001 - reported to the test process
        out.put((n, f"{type(exc).__name__}: {exc}"))


@pytest.fixture
def graded_seminar(backend, tmp_path, request) -> Seminar:
    db = None if backend == "sqlite" else request.getfixturevalue("pg_url")
    seminar, _ = init_seminar(tmp_path / "kurs", db_url=db, source=SOURCE)
    generate(seminar, A)
    return seminar


def test_concurrent_graders_lose_and_duplicate_nothing(graded_seminar: Seminar) -> None:
    seminar = graded_seminar
    with seminar.gradebook() as gb:
        assignment = gb.find_assignment(A)
        cells = {nb.name: [c.name for c in nb.grade_cells if c.cell_type == "code"] for nb in assignment.notebooks}
    assert sum(map(len, cells.values())) >= 3
    ctx = multiprocessing.get_context("spawn")  # no inherited database connections
    barrier, out = ctx.Barrier(PROCESSES), ctx.Queue()
    procs = [ctx.Process(target=_grader, args=(str(seminar.root), n, cells, barrier, out)) for n in range(PROCESSES)]
    for p in procs:
        p.start()
    reports = dict(out.get(timeout=300) for _ in procs)
    for p in procs:
        p.join(timeout=60)
        assert p.exitcode == 0, p
    assert reports == dict.fromkeys(range(PROCESSES)), reports

    expected = {f"eigen{n}_{k:02d}" for n in range(PROCESSES) for k in range(OWN)} | {
        f"alle_{k:02d}" for k in range(SHARED)}
    with seminar.gradebook() as gb:
        assert {s.id for s in gb.students} == expected
        subs = gb.assignment_submissions(A)
        assert sorted(s.student_id for s in subs) == sorted(expected)  # one submission each
        for sub in subs:
            for nb in sub.notebooks:
                for grade in nb.grades:
                    if grade.name in cells[nb.name]:
                        assert grade.auto_score == _points(sub.student_id, grade.name), (sub.student_id, grade.name)
            assert len(sub.notebooks) == len(cells)
