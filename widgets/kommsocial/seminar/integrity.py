"""A recorded copy of every collected submission, so that a changed submission is never graded.

At collect time each participant's folder ``submitted/<id>/<aufgabe>/`` is copied to
``eingesammelt/<aufgabe>/<id>/`` (read-only) together with the sha256 of every file
(``eingesammelt/<aufgabe>/<id>.json``). Before grading and after it the submission is
compared with that record. A changed submission is moved to ``quarantaene/`` and
restored from the recorded copy; when the recorded copy no longer matches its own
hashes either, the submission is not graded. Submissions put into ``submitted/`` by
hand (without collect) are recorded the first time they are graded.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from kommsocial._io import atomic_write
from kommsocial.seminar.precheck import file_hashes

ARCHIVE = "eingesammelt"
QUARANTINE = "quarantaene"


@dataclass(frozen=True)
class Check:
    """Outcome of comparing one submission with its recorded copy."""

    status: str  # "ok", "wiederhergestellt" or "abweichend" (not gradable)
    note: str | None = None


def _paths(root: Path, assignment: str, student: str) -> tuple[Path, Path, Path]:
    return (root / "submitted" / student / assignment, root / ARCHIVE / assignment / student,
            root / ARCHIVE / assignment / f"{student}.json")


def _copy_tree(src: Path, dest: Path, *, read_only: bool) -> None:
    """Copy src to dest via a temporary sibling and a rename: never a half-written copy."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{dest.name}-", dir=dest.parent))
    try:
        shutil.copytree(src, tmp / "x", symlinks=False)
        if read_only:
            for path in (tmp / "x").rglob("*"):
                if path.is_file():
                    os.chmod(path, 0o444)
        _remove(dest)
        os.replace(tmp / "x", dest)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _remove(path: Path) -> None:
    if not path.exists():
        return
    for p in path.rglob("*"):
        if p.is_dir() and not p.is_symlink():
            os.chmod(p, 0o755)
    os.chmod(path, 0o755)
    shutil.rmtree(path)


def recorded_folder(root: Path, assignment: str, student: str) -> Path:
    """The read-only recorded copy of a submission (may not exist: no submission)."""
    return _paths(root, assignment, student)[1]


def record(root: Path, assignment: str, student: str) -> None:
    """Remember the submission as it is now (called by collect, and by grade for hand-placed ones)."""
    submitted, copy, manifest = _paths(root, assignment, student)
    if not submitted.is_dir():
        return
    _copy_tree(submitted, copy, read_only=True)
    atomic_write(manifest, json.dumps({"sha256": file_hashes(copy), "zeit": _now()}, indent=1).encode("utf-8"))


def record_if_collected(root: Path, assignment: str, student: str) -> None:
    """After nbgrader collect: record submissions it brought in (new timestamp), leave the rest."""
    submitted, copy, manifest = _paths(root, assignment, student)
    stamp = submitted / "timestamp.txt"
    old_stamp = copy / "timestamp.txt"
    if (not manifest.exists() or not old_stamp.is_file() or not stamp.is_file()
            or stamp.read_bytes() != old_stamp.read_bytes()):
        record(root, assignment, student)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _recorded(manifest: Path) -> dict[str, str] | None:
    try:
        data = json.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    hashes = data.get("sha256") if isinstance(data, dict) else None
    return hashes if isinstance(hashes, dict) else None


def verify(root: Path, assignment: str, student: str) -> Check:
    """Compare submitted/ with the recorded copy; quarantine and restore on a difference."""
    submitted, copy, manifest = _paths(root, assignment, student)
    if not manifest.exists():
        record(root, assignment, student)
        return Check("ok")
    expected = _recorded(manifest)
    current = file_hashes(submitted) if submitted.is_dir() else {}
    if expected is not None and current == expected:
        return Check("ok")
    changed = sorted(k for k in set(current) | set(expected or {}) if current.get(k) != (expected or {}).get(k))
    where = _quarantine(root, assignment, student, submitted)
    names = ", ".join(changed[:5]) or "unbekannt"
    if expected is not None and copy.is_dir() and file_hashes(copy) == expected:
        _copy_tree(copy, submitted, read_only=False)
        return Check("wiederhergestellt", (
            f"Die Abgabe wurde nach dem Einsammeln verändert ({names}). Bewertet wurde die eingesammelte "
            f"Fassung; die veränderte Fassung liegt in {where}."))
    return Check("abweichend", (
        f"Nicht bewertet: Die Abgabe stimmt nicht mehr mit der eingesammelten Fassung überein ({names}), "
        "und die eingesammelte Kopie ist ebenfalls verändert oder fehlt. Sammeln Sie die Abgabe bitte neu "
        f"ein (kommsocial seminar einsammeln). Die vorgefundene Fassung liegt in {where}."))


def _quarantine(root: Path, assignment: str, student: str, submitted: Path) -> str:
    """Keep the changed version for the trainer; returns its path relative to the seminar."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
    dest = root / QUARANTINE / assignment / f"{student}-{stamp}"
    if submitted.is_dir():
        _copy_tree(submitted, dest, read_only=True)
    else:
        dest.mkdir(parents=True, exist_ok=True)
    return str(dest.relative_to(root))
