"""German text for a failed test cell, from the error output the kernel recorded."""

from __future__ import annotations

import re
from typing import Any

_NAME_ERROR = re.compile(r"name '([^']+)' is not defined")


def fehlermeldung(outputs: list[dict[str, Any]]) -> str | None:
    """What the participant should change, or None when the cell raised no error."""
    errors = [o for o in outputs if o.get("output_type") == "error"]
    if not errors:
        return None
    err = errors[-1]
    ename, evalue = err.get("ename", "Fehler"), str(err.get("evalue", ""))
    if ename in {"Hinweis", "AssertionError"} and evalue:
        return evalue  # German message from kommsocial.seminar.checks
    if ename == "NameError":
        match = _NAME_ERROR.search(evalue)
        name = f"„{match.group(1)}“" if match else "einer Antwort"
        return f"Die Variable {name} fehlt. Haben Sie die Antwortzelle ausgefüllt und ausgeführt?"
    if ename == "NotImplementedError":
        return "Die Antwort fehlt noch (Platzhalter „raise NotImplementedError()“)."
    if ename in {"CellTimeoutError", "KeyboardInterrupt"}:
        return "Die Zelle lief zu lange und wurde abgebrochen (Endlosschleife?)."
    if ename == "CellStuckError":
        return "Die Zelle lief zu lange und ließ sich nicht abbrechen. Die Zellen danach liefen nicht."
    if ename == "AssertionError":
        return "Ein Test ist fehlgeschlagen. Prüfen Sie Ihre Antwort."
    return f"Python meldet einen Fehler: {ename}: {evalue}".strip()
