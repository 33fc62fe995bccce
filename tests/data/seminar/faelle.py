"""Simulated submissions for the seminar tests and benchmark: good, blank and many kinds of broken notebooks."""

from __future__ import annotations

import copy
import json
from pathlib import Path

# Broken kinds and the status the seminar tool must give them.
KAPUTT = {
    "json_kaputt": "fehler",        # file cut off while sending
    "leere_datei": "fehler",        # 0 bytes, never saved
    "kein_notebook": "fehler",      # valid JSON, but no cells
    "ohne_kennzeichnung": "fehler", # all nbgrader marks lost (re-created notebook)
    "os_exit": "fehler",            # kernel dies
    "test_geloescht": "ok",         # test cell deleted → put back
    "antwort_geloescht": "ok",      # graded answer (markdown) deleted → put back empty
    "umgetippt": "ok",              # test cell code → markdown
    "endlosschleife": "ok",         # answer loops forever → timeout, that test 0
    "sys_exit": "ok",               # sys.exit in an answer
    "riesige_ausgabe": "ok",        # prints 3 million characters
    "doppelte_zelle": "ok",         # test cell copied
    "fremder_kernel": "ok",         # kernelspec of another language
    "test_veraendert": "ok",        # participant edited a protected test to pass
}


def _cell(nb: dict, gid: str) -> int:
    return next(i for i, c in enumerate(nb["cells"]) if c["metadata"].get("nbgrader", {}).get("grade_id") == gid)


def _set(nb: dict, gid: str, source: str) -> dict:
    nb = copy.deepcopy(nb)
    nb["cells"][_cell(nb, gid)]["source"] = source
    return nb


def notebook_bytes(kind: str, solution: dict, release: dict) -> bytes | None:
    """File content for one kind of submission (None: no notebook file at all)."""
    text = lambda nb: json.dumps(nb, ensure_ascii=False, indent=1).encode("utf-8")  # noqa: E731
    if kind == "voll":
        return text(solution)
    if kind == "leer":
        return text(release)
    if kind == "teilweise":
        return text(_set(release, "antwort_1", "anzahl = 3"))
    if kind == "json_kaputt":
        return text(solution)[:700]
    if kind == "leere_datei":
        return b""
    if kind == "kein_notebook":
        return b'{"name": "Max", "text": "Hier ist meine Abgabe"}'
    if kind == "ohne_kennzeichnung":
        nb = copy.deepcopy(solution)
        for c in nb["cells"]:
            c["metadata"].pop("nbgrader", None)
        return text(nb)
    if kind == "os_exit":
        return text(_set(solution, "antwort_2", "import os\nos._exit(1)"))
    if kind == "test_geloescht":
        nb = copy.deepcopy(solution)
        del nb["cells"][_cell(nb, "test_antwort_1")]
        return text(nb)
    if kind == "antwort_geloescht":
        nb = copy.deepcopy(solution)
        del nb["cells"][_cell(nb, "antwort_4")]
        return text(nb)
    if kind == "umgetippt":
        nb = copy.deepcopy(solution)
        cell = nb["cells"][_cell(nb, "test_antwort_3")]
        cell["cell_type"] = "markdown"
        cell.pop("outputs", None)
        cell.pop("execution_count", None)
        return text(nb)
    if kind == "endlosschleife":
        return text(_set(solution, "antwort_2", "while True:\n    pass"))
    if kind == "sys_exit":
        return text(_set(solution, "antwort_2", "import sys\nsys.exit(1)"))
    if kind == "riesige_ausgabe":
        return text(_set(solution, "antwort_3",
                         'schritte = ["Entwurf", "Freigabe", "Veröffentlichung"]\nprint("x" * 3_000_000)'))
    if kind == "doppelte_zelle":
        nb = copy.deepcopy(solution)
        idx = _cell(nb, "test_antwort_1")
        dup = copy.deepcopy(nb["cells"][idx])
        dup["id"] = "kopie1"
        nb["cells"].insert(idx + 1, dup)
        return text(nb)
    if kind == "fremder_kernel":
        nb = copy.deepcopy(solution)
        nb["metadata"]["kernelspec"] = {"name": "ir", "display_name": "R", "language": "R"}
        return text(nb)
    if kind == "test_veraendert":
        return text(_set(release, "test_antwort_1", "print('alles gut')"))
    if kind == "kein_notebook_in_ordner":
        return None
    raise KeyError(kind)


def expected_score(kind: str) -> float | None:
    """Autograded points (max 4) the fixture assignment gives each kind; None when refused."""
    return {
        "voll": 4.0, "leer": 0.0, "teilweise": 2.0, "test_geloescht": 4.0, "antwort_geloescht": 4.0,
        "umgetippt": 4.0, "endlosschleife": 3.0, "sys_exit": 3.0, "riesige_ausgabe": 4.0,
        "doppelte_zelle": 4.0, "fremder_kernel": 4.0, "test_veraendert": 0.0,
    }.get(kind)


def load(path: Path) -> dict:
    """Read a notebook as plain JSON."""
    return json.loads(path.read_text(encoding="utf-8"))
