"""Parallel autograding on top of real nbgrader (nbgrader itself grades one submission after another, #174).

Every submission is graded by `nbgrader autograde` in a worker process, in its
own throw-away course root with a copy of the gradebook (SQLite must not be
written by several processes at once) and its own fresh kernel. The main
process merges the autograder's results into the seminar gradebook and copies
the autograded notebooks back. Participants' files are only read: grading runs
on copies, and sha256 hashes before and after prove it.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor, as_completed
from datetime import UTC, datetime
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from kommsocial.errors import KommSocialError
from kommsocial.seminar import integrity
from kommsocial.seminar.config import ensure_tool_path
from kommsocial.seminar.folder import Seminar
from kommsocial.seminar.precheck import Prepared, prepare, source_cells
from kommsocial.seminar.progress import fortschritt

MAX_OUTPUT_CHARS = 100_000


def _sqlite_path(db_url: str) -> Path | None:
    if db_url.startswith("sqlite:///"):
        return Path(db_url.removeprefix("sqlite:///"))
    return None


def _template_gradebook(seminar: Seminar, assignment: str, dest: Path) -> None:
    """A gradebook file for the workers that knows the assignment exactly as the seminar gradebook does."""
    main = _sqlite_path(seminar.db_url)
    if main is not None:
        # sqlite3's backup API copies a consistent snapshot even while the file is open elsewhere.
        with sqlite3.connect(main) as src, sqlite3.connect(dest) as dst:
            src.backup(dst)
        return
    # Other databases (PostgreSQL …): build the assignment from the seminar's source folder.
    from nbgrader.apps import NbGraderAPI

    with tempfile.TemporaryDirectory(prefix="kommsocial-tmpl-") as tmp:
        root = Path(tmp)
        shutil.copytree(seminar.root / "source" / assignment, root / "source" / assignment)
        c = seminar.config()
        c.CourseDirectory.root = str(root)
        c.CourseDirectory.db_url = f"sqlite:///{dest}"
        res = NbGraderAPI(config=c).generate_assignment(assignment, force=True, create=True)
        if not res["success"]:
            raise KommSocialError("Die Vorlage für die Bewertung ließ sich nicht erzeugen:\n"
                                  + str(res.get("log"))[-1500:])


def _quiet() -> None:
    """Silence nbgrader's SQLAlchemy warnings (its own code triggers them on every autograde)."""
    import warnings

    warnings.filterwarnings("ignore", message=".*not in session.*")


def _worker_init() -> None:
    ensure_tool_path()
    _quiet()
    # Kernels inherit stderr and print transport warnings; nbgrader's log is captured separately.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)


def grade_in_worker(job: dict[str, Any]) -> dict[str, Any]:
    """Run `nbgrader autograde` for one participant inside its own course root (runs in a worker process)."""
    from nbgrader.apps import NbGraderAPI

    from kommsocial.seminar.folder import Seminar

    root = Path(job["workdir"])
    c = Seminar(Path(job["seminar"])).config()
    c.CourseDirectory.root = str(root)
    c.CourseDirectory.db_url = f"sqlite:///{root / 'gradebook.db'}"
    from kommsocial.seminar import sandboxed_execute

    # Participant code runs in the sandbox, the tests in this process (see sandboxed_execute.py).
    sandboxed_execute.configure(c, root / "source" / job["assignment"],
                                timeout=int(job.get("timeout") or c.Execute.timeout or 30),
                                sandbox=bool(job.get("sandbox", True)))
    res = NbGraderAPI(config=c).autograde(job["assignment"], job["student"], force=True, create=True)
    out = {"student": job["student"], "success": bool(res.get("success")),
           "error": res.get("error") or "", "log": res.get("log") or ""}
    if out["success"]:
        out["grades"] = _read_results(c.CourseDirectory.db_url, job["assignment"], job["student"])
    return out


def _read_results(db_url: str, assignment: str, student: str) -> dict[str, Any]:
    """The autograder's results of one submission from the worker's own gradebook (read in the worker)."""
    from nbgrader.api import Gradebook

    with Gradebook(db_url) as gb:
        sub = gb.find_submission(assignment, student)
        return {
            "timestamp": sub.timestamp,
            "notebooks": {
                nb.name: {
                    "penalty": nb.late_submission_penalty,
                    "grades": {g.name: g.auto_score for g in nb.grades},
                    "comments": {cm.name: cm.auto_comment for cm in nb.comments},
                }
                for nb in sub.notebooks
            },
        }


def _failure_reason(result: dict[str, Any]) -> str:
    text = result["error"] + "\n" + result["log"]
    if "DeadKernelError" in text or "Kernel died" in text or "kernel died" in text:
        return ("Der Python-Kernel ist während der Ausführung abgestürzt (z. B. durch os._exit(), "
                "einen Absturz oder zu viel Speicher). Die Abgabe wurde nicht bewertet.")
    lines = [ln.strip() for ln in result["error"].splitlines() if ln.strip()]
    detail = lines[-1] if lines else "unbekannter Fehler"
    return f"nbgrader konnte die Abgabe nicht bewerten ({detail[:300]})."


def _scan_autograded(folder: Path, timeout: int) -> list[str]:
    """Notes about timeouts, sys.exit and very long output; long output is shortened in the graded copy."""
    notes: list[str] = []
    from kommsocial.seminar.sandboxed_execute import NOTES_KEY

    for path in sorted(folder.glob("*.ipynb")):
        nb = json.loads(path.read_text(encoding="utf-8"))
        notes += [str(n) for n in nb.get("metadata", {}).get(NOTES_KEY, [])]
        shortened = False
        for number, cell in enumerate(nb.get("cells", []), start=1):
            for out in cell.get("outputs", []):
                if out.get("output_type") == "error" and out.get("ename") == "CellTimeoutError":
                    notes.append(f"Zelle {number} lief länger als {timeout} Sekunden (Endlosschleife?) "
                                 "und wurde abgebrochen; Tests, die ihr Ergebnis brauchen, zählen 0.")
                elif out.get("output_type") == "error" and out.get("ename") == "SystemExit":
                    notes.append(f"Zelle {number} beendet das Programm (sys.exit); die folgenden Zellen "
                                 "wurden trotzdem ausgeführt.")
                text = out.get("text")
                if isinstance(text, list):
                    text = "".join(text)
                if isinstance(text, str) and len(text) > MAX_OUTPUT_CHARS:
                    out["text"] = text[:MAX_OUTPUT_CHARS] + f"\n… (gekürzt, {len(text)} Zeichen)"
                    notes.append(f"Zelle {number} erzeugt eine sehr lange Ausgabe ({len(text)} Zeichen); "
                                 "sie wurde für die Rückmeldung gekürzt.")
                    shortened = True
        if shortened:
            os.chmod(path, 0o644)  # nbgrader writes autograded files read-only
            path.write_text(json.dumps(nb, ensure_ascii=False, indent=1), encoding="utf-8")
    return notes


def _merge(gb: Any, assignment: str, student: str, results: dict[str, Any], *, attempts: int = 3) -> None:
    """Write one participant's autograder results into the (open) seminar gradebook.

    nbgrader's update_or_create_* look a row up and add it if missing. When another process (a second
    trainer grading on the same PostgreSQL gradebook) adds the same row in between, the insert fails
    on the unique key; the merge is then repeated and finds the row (nothing duplicated, nothing lost).
    """
    from nbgrader.api import InvalidEntry
    from sqlalchemy.exc import IntegrityError

    for attempt in range(attempts):
        try:
            _merge_once(gb, assignment, student, results)
            return
        except (InvalidEntry, IntegrityError):
            gb.db.rollback()
            if attempt == attempts - 1:
                raise


def _merge_once(gb: Any, assignment: str, student: str, results: dict[str, Any]) -> None:
    gb.update_or_create_student(student)
    sub = gb.update_or_create_submission(assignment, student, timestamp=results["timestamp"])
    with gb.db.no_autoflush:  # one flush at commit instead of one per lookup
        for snb in sub.notebooks:
            nb = results["notebooks"].get(snb.notebook.name)
            if nb is None:
                continue
            snb.late_submission_penalty = nb["penalty"]
            for g in snb.grades:
                if g.cell.name in nb["grades"]:
                    g.auto_score = nb["grades"][g.cell.name]
                    # Same rule as nbgrader's SaveAutoGrades: keep a trainer's manual score under review.
                    g.needs_manual_grade = g.manual_score is not None or g.auto_score is None
            for cm in snb.comments:
                if cm.cell.name in nb["comments"]:
                    cm.auto_comment = nb["comments"][cm.cell.name]
    gb.db.commit()


def _ensure_assignment(seminar: Seminar, assignment: str) -> dict:
    from nbgrader.api import MissingEntry

    with seminar.gradebook() as gb:
        try:
            return source_cells(gb, assignment)
        except MissingEntry:
            pass
    from kommsocial.seminar.distribute import generate

    generate(seminar, assignment)
    with seminar.gradebook() as gb:
        return source_cells(gb, assignment)


def grade(seminar: Seminar, assignment: str, *, workers: int | None = None,
          timeout: int | None = None, sandbox: bool = True) -> dict[str, dict[str, Any]]:
    """Grade every submission of an assignment in parallel; returns and stores the status per participant.

    With sandbox=True (the default) grading refuses to start when bubblewrap cannot run here.
    """
    seminar.require_assignment(assignment)
    if sandbox:
        from kommsocial.seminar.sandbox import probe

        probe()
    ensure_tool_path()
    _quiet()
    workers = max(1, workers or os.cpu_count() or 1)
    cell_timeout = int(timeout or seminar.config().Execute.timeout or 30)
    notebooks = _ensure_assignment(seminar, assignment)
    submitted = seminar.root / "submitted"
    ids = {s["id"] for s in seminar.students()}
    if submitted.is_dir():
        ids |= {p.name for p in submitted.iterdir() if (p / assignment).is_dir()}
    now = datetime.now(UTC).isoformat(timespec="seconds")
    status: dict[str, dict[str, Any]] = {}
    prepared: dict[str, Prepared] = {}
    for sid in sorted(ids):
        check = integrity.verify(seminar.root, assignment, sid)
        if check.status == "abweichend":
            status[sid] = {"status": "fehler", "message": check.note, "sha256": {}, "zeit": now}
            continue
        # Graded is the recorded copy (read-only, outside submitted/), which verify() just compared.
        prepared[sid] = prepare(integrity.recorded_folder(seminar.root, assignment, sid), sid, notebooks)
        if check.note:
            prepared[sid].notes.insert(0, check.note)
    todo = [p for p in prepared.values() if p.status == "ok"]
    for p in prepared.values():
        if p.status != "ok":
            status[p.student] = {"status": p.status, "message": " ".join(p.notes) or None,
                                 "sha256": p.hashes, "zeit": now}
    with tempfile.TemporaryDirectory(prefix="kommsocial-grade-") as tmp:
        tmpdir = Path(tmp)
        template = tmpdir / "vorlage.db"
        _template_gradebook(seminar, assignment, template)
        jobs = [_job(seminar, assignment, p, tmpdir, template, timeout, sandbox) for p in todo]
        # fork starts workers with nbgrader already imported (spawn would re-import it in every worker);
        # the parent holds no kernels, sockets or open gradebook connections at this point.
        import nbgrader.apps  # noqa: F401

        # (Linux only: on macOS fork is unsafe with system frameworks, Windows has no fork.)
        ctx = get_context("fork" if sys.platform.startswith("linux") else "spawn")
        with fortschritt(f"Bewerten ({workers} parallel)", len(jobs)) as schritt:
            if jobs:
                with ProcessPoolExecutor(max_workers=min(workers, len(jobs)), mp_context=ctx,
                                         initializer=_worker_init) as pool:
                    futures = {pool.submit(grade_in_worker, job): job for job in jobs}
                    # One gradebook session for all merges, opened after the workers were forked.
                    with seminar.gradebook() as gb:
                        for fut in as_completed(futures):
                            job = futures[fut]
                            status[job["student"]] = _finish(seminar, gb, assignment, prepared[job["student"]],
                                                             fut, job, cell_timeout, now)
                            schritt(job["student"])
    for p in prepared.values():
        # Changed while grading ran: the grade stands (it is of the recorded copy), submitted/ is restored.
        late = integrity.verify(seminar.root, assignment, p.student)
        if late.note and p.student in status:
            entry = status[p.student]
            entry["message"] = " ".join(x for x in (entry.get("message"), late.note) if x)
    old = seminar.load_status(assignment)
    old.update(status)
    seminar.save_status(assignment, old)
    return status


def _job(seminar: Seminar, assignment: str, p: Prepared, tmpdir: Path, template: Path,
         timeout: int | None, sandbox: bool) -> dict[str, Any]:
    """Build one worker's course root: gradebook copy, source, a copy of the submission."""
    import nbformat

    work = tmpdir / p.student
    (work / "source").mkdir(parents=True)
    shutil.copytree(seminar.root / "source" / assignment, work / "source" / assignment)
    target = work / "submitted" / p.student / assignment
    shutil.copytree(integrity.recorded_folder(seminar.root, assignment, p.student), target)
    for path in [target, *target.rglob("*")]:
        os.chmod(path, 0o755 if path.is_dir() else 0o644)  # the recorded copy is read-only
    for name, nb in p.repaired.items():
        nbformat.write(nb, target / f"{name}.ipynb")
    shutil.copyfile(template, work / "gradebook.db")
    return {"seminar": str(seminar.root), "assignment": assignment, "student": p.student,
            "workdir": str(work), "timeout": timeout, "sandbox": sandbox}


def _finish(seminar: Seminar, gb: Any, assignment: str, p: Prepared, fut: Any, job: dict[str, Any],
            cell_timeout: int, now: str) -> dict[str, Any]:
    """Merge one finished worker result; returns the participant's status entry."""
    try:
        result = fut.result()
    except Exception as exc:  # a crashed worker process must not stop the others
        result = {"student": p.student, "success": False, "error": f"{type(exc).__name__}: {exc}", "log": ""}
    notes = list(p.notes)
    if not result["success"]:
        return {"status": "fehler", "message": " ".join(notes + [_failure_reason(result)]),
                "sha256": p.hashes, "zeit": now}
    work = Path(job["workdir"])
    graded = work / "autograded" / p.student / assignment
    notes += _scan_autograded(graded, cell_timeout)
    _merge(gb, assignment, p.student, result["grades"])
    dest = seminar.root / "autograded" / p.student / assignment
    if dest.exists():
        for path in dest.rglob("*"):
            os.chmod(path, 0o755 if path.is_dir() else 0o644)
        shutil.rmtree(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copytree(graded, dest)
    return {"status": "ok", "message": " ".join(notes) or None, "sha256": p.hashes, "zeit": now}
