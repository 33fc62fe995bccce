"""Hand out an assignment: nbgrader generate_assignment, then folders+zips or the hub exchange."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

from kommsocial.errors import KommSocialError
from kommsocial.seminar.folder import Seminar
from kommsocial.seminar.progress import fortschritt


def _check(result: dict, what: str) -> None:
    if not result.get("success"):
        detail = (result.get("error") or result.get("log") or "").strip().splitlines()[-5:]
        raise KommSocialError(f"nbgrader konnte {what} nicht ausführen:\n" + "\n".join(detail))


def generate(seminar: Seminar, assignment: str) -> Path:
    """Run nbgrader generate_assignment (source/ → release/)."""
    seminar.require_assignment(assignment)
    _check(seminar.api().generate_assignment(assignment, force=True, create=True), "generate_assignment")
    return seminar.root / "release" / assignment


def _zip_folder(folder: Path, target: Path, arcroot: str) -> None:
    tmp = target.with_name(f".{target.name}.tmp")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                zf.write(path, f"{arcroot}/{path.relative_to(folder).as_posix()}")
    tmp.replace(target)


def release_folders(seminar: Seminar, assignment: str) -> list[Path]:
    """Write verteilen/<id>/<aufgabe>/ and verteilen/<id>_<aufgabe>.zip for every participant."""
    release = generate(seminar, assignment)
    students = seminar.students()
    if not students:
        raise KommSocialError("Es sind noch keine Teilnehmenden eingetragen. "
                              "Zuerst: kommsocial seminar teilnehmende DIR liste.csv")
    out = seminar.root / "verteilen"
    written: list[Path] = []
    with fortschritt("Verteilen", len(students)) as schritt:
        for s in students:
            folder = out / s["id"] / assignment
            if folder.exists():
                shutil.rmtree(folder)
            shutil.copytree(release, folder)
            archive = out / f"{s['id']}_{assignment}.zip"
            _zip_folder(release, archive, assignment)
            written += [folder, archive]
            schritt(s["id"])
    return written


def release_exchange(seminar: Seminar, assignment: str, exchange_root: str | None) -> None:
    """Generate and publish through nbgrader's exchange (JupyterHub with a shared folder)."""
    from nbgrader.apps import NbGraderAPI

    generate(seminar, assignment)
    c = seminar.config(exchange_root)
    # Releasing again (after a correction) replaces the earlier version in the exchange.
    c.ExchangeReleaseAssignment.force = True
    _check(NbGraderAPI(config=c).release_assignment(assignment), "release_assignment")
