"""Scores per participant and per task from the gradebook and the grading status (for report and feedback)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kommsocial.seminar.folder import Seminar
from kommsocial.seminar.meldungen import fehlermeldung


@dataclass
class Aufgabenteil:
    """One graded cell of one participant."""

    notebook: str
    name: str
    art: str  # "automatisch" | "von Hand"
    punkte: float | None
    max_punkte: float
    bestanden: bool | None
    meldung: str | None = None


@dataclass
class Ergebnis:
    """One participant's result for one assignment."""

    id: str
    name: str
    status: str  # "ok" | "fehler" | "fehlt"
    score: float | None
    max_score: float
    message: str | None
    teile: list[Aufgabenteil] = field(default_factory=list)


def _failure_messages(path: Path) -> dict[str, str]:
    """German failure message per test cell id, read from an autograded notebook."""
    if not path.exists():
        return {}
    nb = json.loads(path.read_text(encoding="utf-8"))
    out: dict[str, str] = {}
    for cell in nb.get("cells", []):
        gid = (cell.get("metadata", {}).get("nbgrader") or {}).get("grade_id")
        errors = [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]
        if gid and errors:
            out[gid] = fehlermeldung(errors) or ""
    return out


def collect_results(seminar: Seminar, assignment: str) -> tuple[float, list[Ergebnis]]:
    """(max score, results of every known participant) for one assignment."""
    from nbgrader.api import MissingEntry

    status = seminar.load_status(assignment)
    people = {s["id"]: s for s in seminar.students()}
    ids = sorted(set(people) | set(status))
    results: list[Ergebnis] = []
    with seminar.gradebook() as gb:
        try:
            max_score = float(gb.find_assignment(assignment).max_score)
        except MissingEntry:
            max_score = 0.0
        for sid in ids:
            person = people.get(sid, {})
            name = " ".join(x for x in (person.get("vorname"), person.get("nachname")) if x)
            st = status.get(sid, {"status": "fehlt", "message": "Noch nicht bewertet oder keine Abgabe."})
            res = Ergebnis(sid, name, st["status"], None, max_score, st.get("message"))
            if st["status"] == "ok":
                try:
                    sub = gb.find_submission(assignment, sid)
                except MissingEntry:
                    res.status, res.message = "fehlt", "Keine Bewertung im Notenbuch."
                else:
                    res.score = float(sub.score)
                    for nb in sub.notebooks:
                        msgs = _failure_messages(seminar.root / "autograded" / sid / assignment / f"{nb.name}.ipynb")
                        answers = {c.name for c in nb.notebook.solution_cells}
                        order = {c.name: i for i, c in enumerate(nb.notebook.source_cells)}
                        for g in sorted(nb.grades, key=lambda g: order.get(g.name, len(order))):
                            art = "von Hand" if g.name in answers else "automatisch"
                            known = g.manual_score is not None or (
                                g.auto_score is not None and not g.needs_manual_grade)
                            punkte = float(g.score) if known else None
                            bestanden = None if punkte is None else punkte >= float(g.max_score)
                            meldung = msgs.get(g.name)
                            if art == "von Hand" and g.manual_score is None and g.auto_score == 0:
                                meldung = "Hier haben Sie noch keine Antwort eingetragen."
                            res.teile.append(Aufgabenteil(nb.name, g.name, art, punkte, float(g.max_score),
                                                          bestanden, meldung))
            results.append(res)
    return max_score, results


def as_json(assignment: str, max_score: float, results: list[Ergebnis]) -> dict[str, Any]:
    """The `report --json` object."""
    return {
        "assignment": assignment,
        "max_score": max_score,
        "participants": [
            {"id": r.id, "score": r.score, "max_score": r.max_score, "status": r.status, "message": r.message}
            for r in results
        ],
    }


def task_difficulty(results: list[Ergebnis]) -> dict[str, float]:
    """Average share of points per task over graded participants (1.0 = everyone full marks), in task order."""
    sums: dict[str, list[float]] = {}
    for r in results:
        for t in r.teile:
            if t.punkte is not None and t.max_punkte:
                sums.setdefault(t.name, []).append(t.punkte / t.max_punkte)
    return {name: sum(v) / len(v) for name, v in sums.items()}
