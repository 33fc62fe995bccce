"""A seminar folder: nbgrader course root outside the repository, plus KommSocial's own bookkeeping.

Layout (nbgrader standard plus three KommSocial folders)::

    DIR/nbgrader_config.py      read by nbgrader and by every `kommsocial seminar` command
    DIR/kommsocial-seminar.json salt for pseudonyms, course id, creation time
    DIR/gradebook.db            nbgrader gradebook (unless --db names another database)
    DIR/source/ release/ submitted/ autograded/ feedback/   nbgrader
    DIR/verteilen/              one folder and one zip per participant (seminars without a hub)
    DIR/importe/<aufgabe>/      original files received by e-mail/USB, per participant
    DIR/status/<aufgabe>.json   grading status and reason per participant
"""

from __future__ import annotations

import json
import secrets
import shutil
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from kommsocial import paths
from kommsocial._db import shown_url
from kommsocial._io import atomic_write
from kommsocial.errors import InputError, KommSocialError
from kommsocial.seminar.config import ensure_tool_path

META_FILE = "kommsocial-seminar.json"
CONFIG_FILE = "nbgrader_config.py"
COURSE_ID = "kommsocial"

_CONFIG_TEMPLATE = '''"""nbgrader-Einstellungen dieses Seminars (erzeugt von `kommsocial seminar anlegen`)."""

import os

from kommsocial.seminar.config import apply_common, apply_seminar

c = get_config()  # noqa: F821 (nbgrader stellt get_config bereit)
apply_common(c)
apply_seminar(c)
c.CourseDirectory.root = os.path.dirname(os.path.abspath(__file__))
c.CourseDirectory.db_url = {db_url!r}
c.CourseDirectory.course_id = {course_id!r}
{exchange_line}'''


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write via a temporary file and rename (no half-written files); creates the folder first."""
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, data)


def atomic_write_text(path: Path, text: str, encoding: str = "utf-8") -> None:
    """Text variant of atomic_write_bytes."""
    atomic_write_bytes(path, text.encode(encoding))


@dataclass
class Seminar:
    """An initialised seminar folder."""

    root: Path

    @property
    def meta(self) -> dict[str, Any]:
        """Contents of kommsocial-seminar.json."""
        return json.loads((self.root / META_FILE).read_text(encoding="utf-8"))

    def config(self, exchange_root: str | None = None):
        """The traitlets Config from DIR/nbgrader_config.py (exactly what `nbgrader` would use)."""
        from traitlets.config.loader import PyFileConfigLoader

        ensure_tool_path()
        c = PyFileConfigLoader(CONFIG_FILE, path=str(self.root)).load_config()
        if exchange_root:
            c.Exchange.root = str(Path(exchange_root).resolve())
        return c

    def api(self, exchange_root: str | None = None):
        """An NbGraderAPI on this seminar."""
        from nbgrader.apps import NbGraderAPI

        return NbGraderAPI(config=self.config(exchange_root))

    @property
    def db_url(self) -> str:
        """Gradebook URL from the config."""
        return str(self.config().CourseDirectory.db_url)

    @property
    def course_id(self) -> str:
        """nbgrader course id."""
        return str(self.config().CourseDirectory.course_id)

    def gradebook(self):
        """Open the gradebook (use with `with`); a German error if its database cannot be reached."""
        return open_gradebook(self.db_url, self.course_id)

    def source_assignments(self) -> list[str]:
        """Assignments available in DIR/source/."""
        src = self.root / "source"
        return sorted(p.name for p in src.iterdir() if p.is_dir() and any(p.glob("*.ipynb"))) if src.is_dir() else []

    def require_assignment(self, assignment: str) -> None:
        """Fail with the list of known assignments if `assignment` is unknown."""
        known = self.source_assignments()
        if assignment not in known:
            raise InputError(
                f"Die Aufgabe „{assignment}“ gibt es in diesem Seminar nicht.",
                hint="Vorhandene Aufgaben: " + (", ".join(known) or "keine"),
            )

    def notebook_names(self, assignment: str) -> list[str]:
        """Notebook names (without .ipynb) of an assignment's source version."""
        return sorted(p.stem for p in (self.root / "source" / assignment).glob("*.ipynb"))

    def students(self) -> list[dict[str, str]]:
        """Participants in the gradebook, sorted by id."""
        with self.gradebook() as gb:
            return [
                {"id": s.id, "vorname": s.first_name or "", "nachname": s.last_name or "", "email": s.email or ""}
                for s in sorted(gb.students, key=lambda s: s.id)
            ]

    def status_path(self, assignment: str) -> Path:
        """Where grading statuses of an assignment are kept."""
        return self.root / "status" / f"{assignment}.json"

    def load_status(self, assignment: str) -> dict[str, dict[str, Any]]:
        """Grading status per participant ({} before the first grading)."""
        path = self.status_path(assignment)
        return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}

    def save_status(self, assignment: str, status: dict[str, dict[str, Any]]) -> None:
        """Store grading statuses (atomically)."""
        atomic_write_text(self.status_path(assignment), json.dumps(status, ensure_ascii=False, indent=1))


def open_gradebook(db_url: str, course_id: str = COURSE_ID):
    """nbgrader's Gradebook on `db_url`, or a German error naming the fix when the database cannot be used."""
    from nbgrader.api import Gradebook
    from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError

    from kommsocial._db import why_unusable

    try:
        return Gradebook(db_url, course_id)
    except (ArgumentError, NoSuchModuleError, ImportError, DBAPIError) as exc:
        reason, hint = why_unusable(db_url, exc)
        raise KommSocialError(f"Das Notenbuch ist nicht zu öffnen: {reason} {hint}") from None


def _inside(child: Path, parent: Path) -> bool:
    try:
        child.relative_to(parent)
        return True
    except ValueError:
        return False


def open_seminar(directory: str | Path) -> Seminar:
    """Open an initialised seminar folder or fail with a German hint."""
    root = Path(directory).expanduser().resolve()
    if not (root / META_FILE).exists() or not (root / CONFIG_FILE).exists():
        raise InputError(
            f"{root} ist kein Seminarordner.",
            hint=f"Legen Sie ihn zuerst an: kommsocial seminar anlegen {directory}",
        )
    return Seminar(root)


def init_seminar(
    directory: str | Path,
    *,
    db_url: str | None = None,
    source: Path | None = None,
    exchange_root: str | None = None,
    course_id: str = COURSE_ID,
) -> tuple[Seminar, list[str]]:
    """Create a seminar folder with config, assignments and gradebook; returns it and the assignments."""

    root = Path(directory).expanduser().resolve()
    repo = paths.project_root().resolve()
    if _inside(root, repo) or _inside(repo, root):
        raise InputError(
            f"Der Seminarordner {root} liegt im KommSocial-Repository (oder umgekehrt).",
            hint="Wählen Sie einen Ordner außerhalb, z. B. ~/seminare/2026-11-musterstadt. "
            "Abgaben und Noten gehören nicht ins Repository.",
        )
    if (root / META_FILE).exists():
        raise InputError(f"{root} ist bereits ein Seminarordner.",
                         hint="Nutzen Sie ihn weiter oder wählen Sie einen neuen Ordner.")
    if root.exists() and any(root.iterdir()):
        raise InputError(f"Der Ordner {root} ist nicht leer.", hint="Wählen Sie einen neuen oder leeren Ordner.")
    source = (source or paths.solutions_dir()).resolve()
    if not source.is_dir():
        raise InputError(f"Der Aufgabenordner {source} fehlt.", hint="Prüfen Sie die Angabe --quelle.")
    assignments = sorted(p.name for p in source.iterdir() if p.is_dir() and any(p.glob("*.ipynb")))
    if not assignments:
        raise InputError(f"In {source} liegen keine Aufgaben (Ordner mit Notebooks).")

    created = not root.exists()
    root.mkdir(parents=True, exist_ok=True)
    db_url = db_url or f"sqlite:///{root / 'gradebook.db'}"
    # Open the gradebook first: a wrong database address must not leave a half-made folder behind.
    ensure_tool_path()
    try:
        with open_gradebook(db_url, course_id):
            pass
    except KommSocialError as exc:
        if created and not any(root.iterdir()):
            root.rmdir()
        raise KommSocialError(f"Das Notenbuch {shown_url(db_url)} ließ sich nicht anlegen. "
                              + str(exc).removeprefix("Das Notenbuch ist nicht zu öffnen: ")) from None
    exchange_line = f"c.Exchange.root = {str(Path(exchange_root).resolve())!r}\n" if exchange_root else ""
    atomic_write_text(root / CONFIG_FILE, _CONFIG_TEMPLATE.format(
        db_url=db_url, course_id=course_id, exchange_line=exchange_line))
    for name in assignments:
        shutil.copytree(source / name, root / "source" / name,
                        ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
    meta = {
        "erstellt": datetime.now(UTC).isoformat(timespec="seconds"),
        "quelle": str(source),
        # Salt for stable pseudonyms; stays in the seminar folder, never in exports.
        "salz": secrets.token_hex(16),
    }
    atomic_write_text(root / META_FILE, json.dumps(meta, ensure_ascii=False, indent=1))
    return Seminar(root), assignments
