"""nbgrader preprocessor that replaces `Execute`: participant code in the sandbox, tests in the grader.

1. The participant's notebook, without any test cell, runs in a fresh folder inside
   the sandbox (kommsocial.seminar.sandbox). Its last cell writes the answers' values.
2. The instructor's tests, taken from the seminar's own source notebook, run in this
   process on those values (kommsocial.seminar.trusted_tests).
3. Outputs go back into the notebook: the participant's cells keep what their code
   printed, test cells get the tests' results; nbgrader then scores as usual.

Hidden tests never enter the sandbox, and nothing the notebook defines reaches the tests.
"""

from __future__ import annotations

import copy
import json
import os
import shutil
import stat
import sys
import tempfile
from pathlib import Path
from typing import Any

import nbformat
from nbformat.v4 import new_code_cell, new_output
from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets import Bool, Integer, Unicode

from kommsocial.seminar.answers import answer_names, decode_values, extraction_code, rebound_setup_names
from kommsocial.seminar.sandbox import Limits, run_sandboxed
from kommsocial.seminar.trusted_tests import run_tests

VALUES_FILE = "__antworten__.json"
EXECUTED_FILE = "__ausgefuehrt__.ipynb"
MAX_EXECUTED_BYTES = 100 * 1024 * 1024
MAX_TEXT = 10_000_000  # grading.py shortens long outputs further, with a note
NOTES_KEY = "kommsocial_hinweise"


def _meta(cell: Any) -> dict[str, Any]:
    return dict(cell.get("metadata", {}).get("nbgrader", {}) or {})


def _is_test(cell: Any) -> bool:
    m = _meta(cell)
    return cell.get("cell_type") == "code" and bool(m.get("grade")) and not m.get("solution")


def _is_setup(cell: Any) -> bool:
    m = _meta(cell)
    return (cell.get("cell_type") == "code" and bool(m.get("locked")) and not m.get("grade")
            and not m.get("solution"))


def _is_solution(cell: Any) -> bool:
    return cell.get("cell_type") == "code" and bool(_meta(cell).get("solution"))


def read_limited(path: Path, limit: int) -> bytes:
    """Read a file the sandbox wrote: no symlinks, only regular files, at most limit bytes."""
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise ValueError(f"{path.name} ist keine gewöhnliche Datei.")
        if info.st_size > limit:
            raise ValueError(f"{path.name} ist größer als {limit // 1024**2} MB.")
        with os.fdopen(fd, "rb", closefd=False) as fh:
            return fh.read(limit + 1)[:limit]
    finally:
        os.close(fd)


def _text(value: Any) -> str | None:
    """nbformat stores multi-line strings as lists of lines."""
    if isinstance(value, list) and all(isinstance(x, str) for x in value):
        return "".join(value)
    return value if isinstance(value, str) else None


def _clean_outputs(outputs: Any) -> list[Any]:
    """Only plain text, PNG images and error texts come back from the sandbox."""
    clean: list[Any] = []
    if not isinstance(outputs, list):
        return clean
    for out in outputs[:200]:
        if not isinstance(out, dict):
            continue
        kind = out.get("output_type")
        if kind == "stream" and _text(out.get("text")) is not None:
            name = out.get("name") if out.get("name") in ("stdout", "stderr") else "stdout"
            clean.append(new_output("stream", name=name, text=str(_text(out["text"]))[:MAX_TEXT]))
        elif kind in ("display_data", "execute_result") and isinstance(out.get("data"), dict):
            data = {k: _text(v) for k, v in out["data"].items() if k in ("text/plain", "image/png")}
            data = {k: v[:MAX_TEXT] if k == "text/plain" else v for k, v in data.items() if v is not None}
            if data:
                extra = {"execution_count": None} if kind == "execute_result" else {}
                clean.append(new_output(kind, data=data, **extra))
        elif kind == "error":
            ename = str(out.get("ename", "Fehler"))[:200]
            evalue = str(out.get("evalue", ""))[:2000]
            tb = out.get("traceback")
            tb = [str(x)[:2000] for x in tb[:50]] if isinstance(tb, list) else [f"{ename}: {evalue}"]
            clean.append(new_output("error", ename=ename, evalue=evalue, traceback=tb))
    return clean


class KernelDied(RuntimeError):
    """The participant's kernel crashed; nbgrader reports the submission as not gradable."""


class SandboxedExecute(NbGraderPreprocessor):
    """Execute a submission safely: see the module docstring."""

    timeout = Integer(30, help="Seconds per cell.").tag(config=True)
    sandbox = Bool(True, help="Run the participant's code in bubblewrap (False only for trusted submissions)."
                   ).tag(config=True)
    source_dir = Unicode("", help="Folder of the instructor's source notebooks of this assignment.").tag(config=True)
    memory_bytes = Integer(Limits.memory_bytes).tag(config=True)
    processes = Integer(Limits.processes).tag(config=True)

    def preprocess(self, nb: Any, resources: dict[str, Any]) -> tuple[Any, dict[str, Any]]:
        name = resources["unique_key"]
        here = Path(resources["metadata"]["path"])
        source_dir = Path(self.source_dir) if self.source_dir else self._course_source(resources)
        source = nbformat.read(source_dir / f"{name}.ipynb", as_version=4)
        setup = [c.source for c in source.cells if _is_setup(c)]
        tests = {_meta(c)["grade_id"]: c.source for c in source.cells if _is_test(c)}
        names = answer_names([c.source for c in source.cells if _is_solution(c)], setup, list(tests.values()))
        notes: list[str] = []
        locked_ids = {_meta(c).get("grade_id") for c in source.cells if _meta(c).get("locked")}
        own = [c.source for c in nb.cells
               if c.get("cell_type") == "code" and _meta(c).get("grade_id") not in locked_ids]
        rebound = rebound_setup_names(own, setup)
        if rebound:
            notes.append("Die Abgabe legt Prüfhilfen oder Vorgaben der Aufgabe neu fest ("
                         + ", ".join(f"„{n}“" for n in rebound[:8]) + "). Für die Bewertung zählt nur die "
                         "Originalfassung der Aufgabe.")

        values = self._run_participant(nb, name, here, source_dir, tests, names, notes)
        results = run_tests(setup, tests, values, names, source_dir, self.timeout)
        for cell in nb.cells:
            cell_id = _meta(cell).get("grade_id")
            if cell.get("cell_type") == "code" and cell_id in results:
                cell.outputs = results[cell_id]
        if notes:
            nb.metadata[NOTES_KEY] = notes
        return nb, resources

    def _course_source(self, resources: dict[str, Any]) -> Path:
        """The assignment's source folder in the seminar folder (nbgrader in the seminar folder itself, e.g. the
        formgrader's Autograde button: the assignment comes from nbgrader, the folder from CourseDirectory)."""
        root = self.config.CourseDirectory.get("root") or os.getcwd()
        assignment = (resources.get("nbgrader") or {}).get("assignment")
        if not assignment:
            raise ValueError("SandboxedExecute: no source_dir and no assignment in the nbgrader resources")
        return Path(root) / "source" / str(assignment)

    def _run_participant(self, nb: Any, name: str, here: Path, source_dir: Path, tests: dict[str, str],
                         names: list[str], notes: list[str]) -> dict[str, Any]:
        """Phase 1: the submission without tests in its own sandbox; returns the answers' values."""
        work_root = Path(tempfile.mkdtemp(prefix="kommsocial-abgabe-"))
        work = work_root / "abgabe"
        try:
            # Data files of the task first, then the participant's own files (never notebooks of the source).
            shutil.copytree(source_dir, work, ignore=shutil.ignore_patterns("*.ipynb", ".*"), symlinks=False)
            for item in here.iterdir():
                if item.is_symlink() or item.suffix == ".ipynb" or item.name.startswith("."):
                    continue
                target = work / item.name
                if item.is_dir():
                    shutil.copytree(item, target, symlinks=True, dirs_exist_ok=True)
                else:
                    shutil.copyfile(item, target)
            runnable = copy.deepcopy(nb)
            for cell in runnable.cells:
                if cell.get("cell_type") == "code":
                    cell.outputs = []
                    if _is_test(cell) or _meta(cell).get("grade_id") in tests:
                        cell.source = ""  # tests, also the hidden ones, never enter the sandbox
            runnable.cells.append(new_code_cell(extraction_code(names, VALUES_FILE)))
            nbformat.write(runnable, work / f"{name}.ipynb")
            code_cells = sum(1 for c in runnable.cells if c.get("cell_type") == "code")
            limits = Limits(memory_bytes=self.memory_bytes, processes=self.processes,
                            wall_seconds=min(1800, self.timeout * code_cells + 60))
            argv = [sys.executable, "-m", "kommsocial.seminar.sandbox_run", f"{name}.ipynb", EXECUTED_FILE,
                    str(self.timeout), str(self.processes if self.sandbox else 0)]
            res = run_sandboxed(work, argv, limits, sandbox=self.sandbox)
            if res.timed_out:
                notes.append(f"Die Ausführung dauerte länger als {int(limits.wall_seconds)} Sekunden und wurde "
                             "abgebrochen; Antworten, die bis dahin fehlten, zählen 0.")
            stuck = self._note_stuck(work, notes)
            if self.sandbox:
                self._note_background(work, notes)
            executed = self._read_executed(work, len(runnable.cells), notes)
            if executed is not None:
                for cell, done in zip(nb.cells, executed[:len(nb.cells)], strict=True):  # minus the extraction cell
                    if cell.get("cell_type") == "code" and not _is_test(cell):
                        cell.outputs = _clean_outputs(done.get("outputs"))
                        count = done.get("execution_count")
                        cell.execution_count = count if isinstance(count, int) else None
            if res.returncode not in (0, None) and "DeadKernelError" in res.stderr:
                # Same policy as before the sandbox: a crashed kernel means "not graded" (grading.py).
                raise KernelDied("DeadKernelError: Kernel died while executing the submission")
            try:
                return decode_values(read_limited(work / VALUES_FILE, 20 * 1024 * 1024))
            except (OSError, ValueError):
                if not stuck:  # the note on the stuck cell already says why the answers are missing
                    notes.append("Die Antworten ließen sich nicht aus dem Notebook lesen (die letzte Zelle lief nicht "
                                 "bis zum Ende). Fehlende Antworten zählen 0.")
                return {}
        finally:
            shutil.rmtree(work_root, ignore_errors=True)

    def _note_stuck(self, work: Path, notes: list[str]) -> bool:
        """Note a cell that ignored the interrupt after its time limit; True if there was one."""
        from kommsocial.seminar.sandbox_run import STUCK_FILE

        cell = _report_number(work / STUCK_FILE, "zelle")
        if cell is None:
            return False
        notes.append(f"Zelle {cell} lief länger als {self.timeout} Sekunden und ließ sich danach nicht "
                     "abbrechen (sie fängt das Abbruchsignal ab). Die Zellen danach liefen nicht. Ihre Antworten "
                     "zählen 0. Bitte prüfen Sie die Abgabe.")
        return True

    @staticmethod
    def _note_background(work: Path, notes: list[str]) -> None:
        from kommsocial.seminar.sandbox_run import BACKGROUND_FILE

        count = _report_number(work / BACKGROUND_FILE, "anzahl")
        if count is not None and count > 0:
            notes.append(f"Die Abgabe hat {count} Programm(e) im Hintergrund gestartet, die nach dem Notebook "
                         "weiterliefen. Sie wurden beendet, als die Bewertung der Abgabe endete. Bitte prüfen "
                         "Sie die Abgabe.")

    @staticmethod
    def _read_executed(work: Path, n_cells: int, notes: list[str]) -> list[dict[str, Any]] | None:
        try:
            data = json.loads(read_limited(work / EXECUTED_FILE, MAX_EXECUTED_BYTES).decode("utf-8"))
        except (OSError, ValueError, UnicodeDecodeError, RecursionError):
            notes.append("Die Ausgaben des Notebooks ließen sich nicht lesen; die Rückmeldung zeigt sie nicht.")
            return None
        cells = data.get("cells") if isinstance(data, dict) else None
        if not isinstance(cells, list) or len(cells) != n_cells:
            notes.append("Die Ausgaben des Notebooks passen nicht zu seinen Zellen; die Rückmeldung zeigt sie nicht.")
            return None
        return [c if isinstance(c, dict) else {} for c in cells]


def _report_number(path: Path, key: str) -> int | None:
    """A number the sandbox wrote into a small JSON report; None if the report is missing or unusable."""
    try:
        return int(json.loads(read_limited(path, 1000)).get(key, 0))
    except (OSError, ValueError, TypeError, AttributeError):
        return None


def use_sandbox(c: Any) -> Any:
    """Make nbgrader's autograde run SandboxedExecute in place of its own Execute; returns `c`."""
    from nbgrader.converters import Autograde
    from nbgrader.preprocessors import Execute

    c.Autograde.autograde_preprocessors = [SandboxedExecute if p is Execute else p
                                           for p in Autograde.class_traits()["autograde_preprocessors"].default()]
    return c


def configure(c: Any, source_dir: Path, *, timeout: int, sandbox: bool = True) -> None:
    """SandboxedExecute for one assignment's source folder (kommsocial seminar bewerten's workers)."""
    use_sandbox(c)
    c.SandboxedExecute.timeout = int(timeout)
    c.SandboxedExecute.sandbox = bool(sandbox)
    c.SandboxedExecute.source_dir = str(source_dir)
