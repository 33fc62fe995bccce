"""DSGVO helpers: grade export with stable pseudonyms, deleting one participant everywhere."""

from __future__ import annotations

import csv
import hashlib
import hmac
import io
import shutil
from pathlib import Path

from kommsocial._cells import neutralise_row
from kommsocial._german import decimal
from kommsocial.errors import InputError
from kommsocial.seminar.folder import Seminar, atomic_write_bytes
from kommsocial.seminar.results import Ergebnis, collect_results


def pseudonym(seminar: Seminar, student_id: str) -> str:
    """Stable pseudonym: keyed hash of the id with the seminar's secret salt (not reversible without it)."""
    digest = hmac.new(seminar.meta["salz"].encode(), student_id.encode(), hashlib.sha256).hexdigest()
    return "TN-" + digest[:10]


def export_csv(seminar: Seminar, target: str | Path, *, pseudonymised: bool) -> tuple[Path, int]:
    """Scores of all assignments per participant as Excel-friendly CSV (; and UTF-8 with BOM)."""
    assignments = seminar.source_assignments()
    people = seminar.students()
    table: dict[str, dict[str, Ergebnis]] = {p["id"]: {} for p in people}
    for a in assignments:
        _max, results = collect_results(seminar, a)
        for r in results:
            table.setdefault(r.id, {})[a] = r
    header = ["pseudonym"] if pseudonymised else ["id", "vorname", "nachname", "email"]
    header += assignments + ["summe"]
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    writer.writerow(neutralise_row(header))
    by_id = {p["id"]: p for p in people}
    rows = []
    for sid in sorted(table):
        person = by_id.get(sid, {"vorname": "", "nachname": "", "email": ""})
        if pseudonymised:
            row = [pseudonym(seminar, sid)]
        else:
            row = [sid, person["vorname"], person["nachname"], person["email"]]
        total = 0.0
        for a in assignments:
            result = table[sid].get(a)
            score = result.score if result is not None else None
            row.append("" if score is None else decimal(score))
            total += score or 0.0
        row.append(decimal(total))
        rows.append(row)
    if pseudonymised:
        rows.sort()  # order by pseudonym, so the row order does not reveal the id order
    # Names and ids come from the roster (untrusted): no cell may start a formula.
    writer.writerows(neutralise_row(r) for r in rows)
    path = Path(target).expanduser().resolve()
    atomic_write_bytes(path, buf.getvalue().encode("utf-8-sig"))
    return path, len(rows)


def _remove(path: Path, deleted: list[str], root: Path) -> None:
    if not path.exists() and not path.is_symlink():
        return
    if path.is_dir() and not path.is_symlink():
        for p in path.rglob("*"):
            p.chmod(0o755 if p.is_dir() else 0o644)  # nbgrader leaves read-only files
        shutil.rmtree(path)
    else:
        path.unlink()
    try:
        deleted.append(str(path.relative_to(root)))
    except ValueError:
        deleted.append(str(path))


def _rebuild(db_url: str) -> None:
    """Rewrite the gradebook so that deleted rows are not readable in the database files any more.

    SQLite keeps deleted rows in free pages, PostgreSQL in dead row versions; VACUUM rebuilds the
    SQLite file, VACUUM FULL writes each nbgrader table (and its indexes) into new files. (PostgreSQL's
    write-ahead log and backups keep old data until they are recycled; that is the server's business.)
    """
    if db_url.startswith("sqlite:///"):
        import sqlite3

        db = sqlite3.connect(db_url.removeprefix("sqlite:///"))
        try:
            db.execute("VACUUM")
        finally:
            db.close()
        return
    from nbgrader.api import Base
    from sqlalchemy import create_engine

    engine = create_engine(db_url)
    try:
        if engine.dialect.name != "postgresql":
            return
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as con:
            tables = [engine.dialect.identifier_preparer.quote(t.name) for t in Base.metadata.sorted_tables]
            con.exec_driver_sql("VACUUM FULL " + ", ".join(tables))
    finally:
        engine.dispose()


def purge(seminar: Seminar, student_id: str, exchange_root: str | None = None) -> list[str]:
    """Delete one participant's data everywhere; returns what was deleted."""
    from nbgrader.api import MissingEntry

    root = seminar.root
    deleted: list[str] = []
    known = False
    with seminar.gradebook() as gb:
        try:
            gb.find_student(student_id)
        except MissingEntry:
            pass
        else:
            gb.remove_student(student_id)
            known = True
            deleted.append(f"Notenbuch: Teilnehmer/in {student_id} mit allen Bewertungen")
    if known:
        _rebuild(seminar.db_url)
    for step in ("submitted", "autograded", "feedback"):
        _remove(root / step / student_id, deleted, root)
    _remove(root / "verteilen" / student_id, deleted, root)
    for archive in sorted((root / "verteilen").glob(f"{student_id}_*.zip")):
        _remove(archive, deleted, root)
    for folder in sorted((root / "importe").glob(f"*/{student_id}")):
        _remove(folder, deleted, root)
    # Recorded copies and quarantined versions (seminar/integrity.py).
    for pattern in (f"eingesammelt/*/{student_id}", f"eingesammelt/*/{student_id}.json",
                    f"quarantaene/*/{student_id}-*"):
        for path in sorted(root.glob(pattern)):
            _remove(path, deleted, root)
    for a in seminar.source_assignments():
        status = seminar.load_status(a)
        if status.pop(student_id, None) is not None:
            seminar.save_status(a, status)
            deleted.append(f"status/{a}.json: Eintrag {student_id}")
    ex_root = exchange_root or seminar.config().Exchange.root
    inbound = Path(str(ex_root)) / seminar.course_id / "inbound"
    if inbound.is_dir():
        for entry in sorted(inbound.glob(f"{student_id}+*")):
            _remove(entry, deleted, root)
    if not known and not deleted:
        raise InputError(f"Zu „{student_id}“ gibt es in diesem Seminar keine Daten.",
                         hint="Prüfen Sie die id (Liste: kommsocial seminar bericht DIR AUFGABE).")
    return deleted
