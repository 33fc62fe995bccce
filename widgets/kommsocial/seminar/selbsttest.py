"""Self-check before handing in: run the participant's notebook in a fresh kernel, report each public test.

From a notebook cell::

    from kommsocial.seminar.selbsttest import pruefen
    pruefen("a02_pressemitteilung.ipynb")

The file is only read; hidden tests are not part of the participant version
(and are removed here too, should a solution file be checked).
"""

from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from kommsocial._german import plural
from kommsocial.errors import InputError

_GUARD = "KOMMSOCIAL_SELBSTTEST"
_HIDDEN = re.compile(r"### BEGIN HIDDEN TESTS.*?### END HIDDEN TESTS\n?", re.S)


@dataclass
class Testergebnis:
    """One public test cell."""

    name: str
    punkte: float
    bestanden: bool
    meldung: str


@dataclass
class Selbsttest:
    """Result of a self-check; shows itself as German HTML in a notebook."""

    datei: str
    tests: list[Testergebnis] = field(default_factory=list)
    hinweis: str | None = None

    @property
    def alle_bestanden(self) -> bool:
        """True when every public test passed."""
        return bool(self.tests) and all(t.bestanden for t in self.tests)

    def text(self) -> str:
        """Plain German text for the terminal."""
        if self.hinweis:
            return self.hinweis
        lines = [f"Selbsttest für {self.datei}:"]
        for t in self.tests:
            mark = "bestanden" if t.bestanden else "noch nicht bestanden"
            einheit = plural(t.punkte, "Punkt", "Punkte")
            lines.append(f"  {t.name} ({t.punkte:g} {einheit}): {mark}" + ("" if t.bestanden else f" – {t.meldung}"))
        ok = sum(t.bestanden for t in self.tests)
        lines.append(f"{ok} von {len(self.tests)} öffentlichen Tests bestanden. "
                     "Es gibt weitere, verdeckte Tests bei der Bewertung.")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        if self.hinweis:
            return f"<p>{escape(self.hinweis)}</p>"
        rows = "".join(
            f"<tr><td>{escape(t.name)}</td><td>{'✅ bestanden' if t.bestanden else '❌ noch nicht bestanden'}</td>"
            f"<td>{escape('' if t.bestanden else t.meldung)}</td></tr>" for t in self.tests)
        ok = sum(t.bestanden for t in self.tests)
        return (f"<p><strong>Selbsttest: {ok} von {len(self.tests)} öffentlichen Tests bestanden.</strong></p>"
                f"<table><tr><th>Test</th><th>Ergebnis</th><th>Was Sie ändern können</th></tr>{rows}</table>"
                "<p>Bei der Bewertung gibt es weitere, verdeckte Tests.</p>")

    def as_dict(self) -> dict:
        """JSON-ready form."""
        return {"datei": self.datei, "hinweis": self.hinweis, "alle_bestanden": self.alle_bestanden,
                "tests": [t.__dict__ for t in self.tests]}


def _message(outputs: list) -> str:
    from kommsocial.seminar.meldungen import fehlermeldung

    return fehlermeldung(outputs) or ""


def pruefen(path: str | os.PathLike, timeout: int = 60) -> Selbsttest:
    """Run the notebook at `path` in a fresh kernel and report each public test cell."""
    import nbformat
    from nbclient import NotebookClient

    if os.environ.get(_GUARD):
        return Selbsttest(str(path), hinweis="(Der Selbsttest läuft bereits.)")
    nb_path = Path(path).expanduser().resolve()
    if not nb_path.is_file():
        raise InputError("Das Notebook wurde nicht gefunden.", file=str(path),
                         hint="Geben Sie den Dateinamen an, z. B. pruefen(\"a02_pressemitteilung.ipynb\").")
    try:
        nb = nbformat.read(nb_path, as_version=4)
    except Exception:
        raise InputError("Die Datei ist kein gültiges Notebook.", file=str(path),
                         hint="Speichern Sie das Notebook in JupyterLab erneut.") from None
    tests: list[tuple[int, str, float]] = []
    for idx, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        if "selbsttest" in cell.source or "pruefen(" in cell.source:
            cell.source = ""  # never start the self-check from inside the self-check
            continue
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("grade") and not meta.get("solution"):
            cell.source = _HIDDEN.sub("", cell.source)
            tests.append((idx, meta.get("grade_id", f"Zelle {idx + 1}"), float(meta.get("points", 0))))
    result = Selbsttest(str(nb_path.name))
    if not tests:
        result.hinweis = "In diesem Notebook gibt es keine Tests zum Selbsttest."
        return result
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3", allow_errors=True, interrupt_on_timeout=True,
                            resources={"metadata": {"path": str(nb_path.parent)}})
    os.environ[_GUARD] = "1"  # the kernel inherits it: nested self-checks return at once
    try:
        # The kernel's own stderr (English transport warnings) is noise for participants.
        client.execute(stderr=subprocess.DEVNULL)
    except Exception as exc:  # kernel death etc.: report instead of a traceback
        result.hinweis = f"Das Notebook ließ sich nicht vollständig ausführen ({type(exc).__name__})."
        return result
    finally:
        os.environ.pop(_GUARD, None)
    for idx, name, points in tests:
        msg = _message(nb.cells[idx].get("outputs", []))
        result.tests.append(Testergebnis(name, points, not msg, msg))
    return result
