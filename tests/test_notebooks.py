"""Every course and instructor notebook is committed without outputs and runs without error."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import ROOT, execute_notebook

COURSE = sorted((ROOT / "course").rglob("*.ipynb"))
SOLUTIONS = sorted((ROOT / "solutions").rglob("*.ipynb"))
EXERCISES = sorted((ROOT / "exercises").rglob("*.ipynb"))
ALL = [p for p in COURSE + SOLUTIONS + EXERCISES if ".ipynb_checkpoints" not in p.parts]
RUNNABLE = [p for p in COURSE + SOLUTIONS if ".ipynb_checkpoints" not in p.parts]


def rel(p: Path) -> str:
    return str(p.relative_to(ROOT))


def test_there_are_notebooks():
    assert COURSE, "course/ must contain notebooks"


@pytest.mark.parametrize("path", ALL, ids=rel)
def test_committed_without_outputs(path: Path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    dirty = [
        i for i, cell in enumerate(nb["cells"])
        if cell["cell_type"] == "code" and (cell.get("outputs") or cell.get("execution_count"))
    ]
    assert not dirty, f"{rel(path)}: cells {dirty} have outputs; clear them before committing"


@pytest.mark.notebook
@pytest.mark.parametrize("path", RUNNABLE, ids=rel)
def test_notebook_executes(path: Path):
    nb = execute_notebook(path)
    errors = [
        out for cell in nb.cells if cell.cell_type == "code"
        for out in cell.get("outputs", []) if out.get("output_type") == "error"
    ]
    assert not errors
