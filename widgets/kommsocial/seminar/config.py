"""nbgrader settings shared by the repository config, release generation and seminar folders."""

from __future__ import annotations

from typing import Any

CODE_STUB = "# IHRE LÖSUNG HIER\nraise NotImplementedError()"
TEXT_STUB = "IHRE ANTWORT HIER"
CELL_TIMEOUT = 60


def apply_common(c: Any) -> Any:
    """Set the stubs and timeouts every KommSocial nbgrader run uses; returns `c`."""
    c.ClearSolutions.code_stub = {"python": CODE_STUB}
    c.ClearSolutions.text_stub = TEXT_STUB
    c.Execute.timeout = CELL_TIMEOUT
    # Run cells with the kernel of the environment nbgrader itself runs in.
    c.Execute.kernel_name = "python3"
    return c
