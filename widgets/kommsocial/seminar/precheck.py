"""Look at a submission before grading: refuse what cannot be graded, repair what nbgrader trips over.

Policy per break type (documented for trainers in course/trainer/bewertung.md):

- no folder → "fehlt"; folder without the notebook, empty file, invalid JSON,
  no notebook structure, no nbgrader cell marks at all, file over MAX_BYTES
  → "fehler" (not graded, reason given, score empty);
- deleted grade cells (tests or graded answers) → put back from the gradebook
  (a test then checks the participant's answer; a deleted answer comes back empty
  and scores 0), status "ok" with a note;
- duplicated grade cells (copied test) → the copy loses its marks, note;
- cell type changed (code ↔ markdown), changed protected cells, other kernel →
  nbgrader restores the original, note;
- endless loop, sys.exit, very long output, crashed kernel: found while grading
  (see grading.py).

The participant's file is only read; repairs go into the grading copy.
"""

from __future__ import annotations

import copy
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kommsocial._german import plural
from kommsocial._io import sha256_file

MAX_BYTES = 50 * 1024 * 1024
_HIDDEN = re.compile(r"### BEGIN HIDDEN TESTS.*?### END HIDDEN TESTS\n?", re.S)


@dataclass
class SourceCell:
    """What the gradebook knows about one marked cell of the released notebook."""

    name: str
    cell_type: str
    locked: bool
    checksum: str | None
    source: str
    grade: bool
    solution: bool
    max_score: float | None


@dataclass
class Prepared:
    """Outcome of the pre-check for one participant."""

    student: str
    status: str  # "ok" | "fehler" | "fehlt"
    notes: list[str] = field(default_factory=list)
    repaired: dict[str, Any] = field(default_factory=dict)  # notebook name → repaired NotebookNode
    hashes: dict[str, str] = field(default_factory=dict)


def file_hashes(folder: Path) -> dict[str, str]:
    """sha256 of every file below folder (relative path → hex digest)."""
    out = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            out[str(path.relative_to(folder))] = sha256_file(path)  # streamed: a huge file never lands in memory
    return out


def source_cells(gb: Any, assignment: str) -> dict[str, list[SourceCell]]:
    """Marked cells per notebook, in notebook order, from an open gradebook."""
    result: dict[str, list[SourceCell]] = {}
    for nb in gb.find_assignment(assignment).notebooks:
        grades = {c.name: c for c in nb.grade_cells}
        solutions = {c.name for c in nb.solution_cells}
        result[nb.name] = [
            SourceCell(c.name, c.cell_type, bool(c.locked), c.checksum, c.source, c.name in grades,
                       c.name in solutions, grades[c.name].max_score if c.name in grades else None)
            for c in nb.source_cells
        ]
    return result


def _visible(source: str) -> str:
    """Cell text as participants see it (hidden tests are not in the released version)."""
    return _HIDDEN.sub("", source).strip()


def _grade_id(cell: Any) -> str | None:
    return (cell.get("metadata", {}).get("nbgrader") or {}).get("grade_id")


def _json_problem(raw: bytes) -> str | None:
    if not raw.strip():
        return "Die Notebook-Datei ist leer (0 Byte). Vermutlich wurde sie nicht gespeichert."
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        return "Die Datei ist kein Notebook (keine Textdatei in UTF-8)."
    except json.JSONDecodeError as exc:
        return (f"Die Datei ist kein gültiges Notebook: JSON-Fehler in Zeile {exc.lineno}, Spalte {exc.colno}. "
                "Die Datei ist beschädigt (z. B. beim Speichern oder Versenden).")
    if not isinstance(data, dict) or not isinstance(data.get("cells"), list):
        return "Die Datei ist kein Notebook (es fehlt die Zellenliste)."
    return None


def _restore_missing(nb: Any, cells: list[SourceCell], notes: list[str]) -> None:
    """Insert deleted grade cells after the nearest preceding marked cell that is still there."""
    from nbgrader.preprocessors import OverwriteCells

    from kommsocial.seminar.config import MISSING_CELL_NOTE

    present = {_grade_id(c) for c in nb.cells} - {None}
    missing = [c for c in cells if c.grade and c.name not in present]
    if not missing:
        return
    names = ", ".join(f"„{c.name}“" for c in missing)
    notes.append(f"{plural(len(missing), 'Die gelöschte Zelle', 'Die gelöschten Zellen')} {names} "
                 f"{plural(len(missing), 'wurde', 'wurden')} aus der Vorlage ergänzt; "
                 "gelöschte Antwortzellen zählen 0 Punkte.")
    transform = OverwriteCells(missing_cell_notification=MISSING_CELL_NOTE)
    order = [c.name for c in cells]
    for cell in missing:
        new = transform.missing_cell_transform(cell, cell.max_score, is_solution=cell.solution)
        new["id"] = ("ergaenzt-" + re.sub(r"[^A-Za-z0-9_-]", "-", cell.name))[:64]
        position = 0
        for earlier in reversed(order[: order.index(cell.name)]):
            idx = next((i for i, c in enumerate(nb.cells) if _grade_id(c) == earlier), None)
            if idx is not None:
                position = idx + 1
                break
        nb.cells.insert(position, new)


def check_notebook(path: Path, cells: list[SourceCell], notes: list[str]) -> tuple[str | None, Any]:
    """Check one submitted notebook; returns (refusal reason or None, repaired notebook or None)."""
    import nbformat

    label = path.name
    if path.stat().st_size > MAX_BYTES:
        return f"{label}: Die Datei ist größer als {MAX_BYTES // (1024 * 1024)} MB und wird nicht bewertet.", None
    raw = path.read_bytes()
    problem = _json_problem(raw)
    if problem:
        return f"{label}: {problem}", None
    try:
        nb = nbformat.reads(raw.decode("utf-8"), as_version=4)
    except Exception as exc:  # nbformat raises several types for broken structure
        return f"{label}: Die Notebook-Struktur ist fehlerhaft ({type(exc).__name__}).", None
    by_name = {c.name: c for c in cells}
    ids = [_grade_id(c) for c in nb.cells]
    if not any(i in by_name for i in ids):
        return (f"{label}: Keiner Zelle ist mehr eine Aufgabe zugeordnet (die nbgrader-Kennzeichnung fehlt). "
                "Vermutlich wurde das Notebook neu angelegt oder in einem anderen Programm gespeichert. "
                "Bitte die verteilte Datei bearbeiten und erneut abgeben."), None
    repaired = copy.deepcopy(nb)
    changed = False
    seen: set[str] = set()
    for cell in repaired.cells:
        gid = _grade_id(cell)
        if gid is None:
            continue
        if gid in seen:
            # A copied grade cell would make nbgrader stop; the copy counts as ordinary cell.
            del cell.metadata["nbgrader"]
            notes.append(f"{label}: Die Zelle „{gid}“ war doppelt vorhanden; nur die erste zählt.")
            changed = True
            continue
        seen.add(gid)
        src = by_name.get(gid)
        if src is None:
            continue
        if cell.cell_type != src.cell_type:
            art = {"code": "Code", "markdown": "Markdown", "raw": "Rohtext"}
            notes.append(f"{label}: Die Zelle „{gid}“ war von {art.get(src.cell_type, src.cell_type)} in "
                         f"{art.get(cell.cell_type, cell.cell_type)} umgewandelt; sie wird wie im Original bewertet.")
        elif src.locked and _visible(src.source) != _visible(cell.source):
            notes.append(f"{label}: Die geschützte Zelle „{gid}“ wurde verändert; es zählt die Originalfassung.")
    before = len(repaired.cells)
    _restore_missing(repaired, cells, notes)
    changed = changed or len(repaired.cells) != before
    return None, (repaired if changed else None)


def prepare(submitted: Path, student: str, notebooks: dict[str, list[SourceCell]]) -> Prepared:
    """Pre-check one participant's submission folder (read only)."""
    if not submitted.is_dir():
        return Prepared(student, "fehlt", ["Keine Abgabe vorhanden."])
    result = Prepared(student, "ok", hashes=file_hashes(submitted))
    present = [name for name in notebooks if (submitted / f"{name}.ipynb").is_file()]
    if not present:
        others = sorted(p.name for p in submitted.glob("*.ipynb"))
        hint = f" Gefunden: {', '.join(others)}." if others else ""
        expected = ", ".join(f"{n}.ipynb" for n in notebooks)
        result.status = "fehler"
        result.notes.append(f"Die Abgabe enthält das Notebook {expected} nicht.{hint}")
        return result
    for name in notebooks:
        if name not in present:
            result.notes.append(f"{name}.ipynb fehlt in der Abgabe und zählt 0 Punkte.")
            continue
        refusal, repaired = check_notebook(submitted / f"{name}.ipynb", notebooks[name], result.notes)
        if refusal:
            result.status = "fehler"
            result.notes.append(refusal)
        elif repaired is not None:
            result.repaired[name] = repaired
    return result
