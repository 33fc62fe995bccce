"""nbgrader settings shared by the repository config, release generation and seminar folders."""

from __future__ import annotations

import os
import sys
from typing import Any

CODE_STUB = "# IHRE LÖSUNG HIER\nraise NotImplementedError()"
TEXT_STUB = "IHRE ANTWORT HIER"
CELL_TIMEOUT = 60
MISSING_CELL_NOTE = "Diese Zelle (id:{cell_id}) fehlte in der Abgabe und wurde aus der Vorlage ergänzt.\n\n"


def ensure_tool_path() -> None:
    """Put this environment's bin folder first on PATH.

    nbgrader runs the `alembic` executable from PATH when it creates a gradebook;
    without an activated venv (CI, `make test`, cron) that lookup fails.
    """
    bindir = os.path.dirname(sys.executable)
    parts = os.environ.get("PATH", "").split(os.pathsep)
    if bindir not in parts:
        os.environ["PATH"] = os.pathsep.join([bindir, *[p for p in parts if p]])


def apply_common(c: Any) -> Any:
    """Set the stubs and timeouts every KommSocial nbgrader run uses; returns `c`."""
    ensure_tool_path()
    c.ClearSolutions.code_stub = {"python": CODE_STUB}
    c.ClearSolutions.text_stub = TEXT_STUB
    c.Execute.timeout = CELL_TIMEOUT
    # Run cells with the kernel of the environment nbgrader itself runs in.
    c.Execute.kernel_name = "python3"
    return c


def apply_seminar(c: Any) -> Any:
    """Settings of a running seminar folder (also used by plain `nbgrader` there); returns `c`.

    Deleted grade cells are put back from the gradebook's copy, so a participant who
    removed a test cell is still graded by that test (a deleted answer cell comes back
    as the empty stub and scores 0). See course/trainer/bewertung.md for every break type.
    """
    c.OverwriteCells.add_missing_cells = True
    c.OverwriteCells.missing_cell_notification = MISSING_CELL_NOTE
    # Participants' code never runs outside the sandbox, also when nbgrader itself grades in this folder
    # (the formgrader's Autograde button, `nbgrader autograde`): the tests come from source/<assignment>.
    from kommsocial.seminar.sandboxed_execute import use_sandbox

    use_sandbox(c)
    c.SandboxedExecute.timeout = int(c.Execute.get("timeout") or 30)
    return c
