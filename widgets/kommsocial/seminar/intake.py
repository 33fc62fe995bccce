"""Bring submissions into nbgrader's layout submitted/<id>/<aufgabe>/: from the exchange or from files.

Imported files are matched to participants by id, e-mail or name in the file or
folder name. Sources are only read (copied, never moved); every file that cannot
be matched is kept in importe/<aufgabe>/_nicht_zugeordnet/ and reported.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import unicodedata
import zipfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from kommsocial.errors import InputError
from kommsocial.seminar import integrity, zip_import
from kommsocial.seminar.distribute import _check
from kommsocial.seminar.folder import Seminar
from kommsocial.seminar.zip_import import DEFAULT_LIMITS, ZipLimits

UNMATCHED = "_nicht_zugeordnet"
_SKIP_PARTS = {"__MACOSX", ".ipynb_checkpoints"}


@dataclass
class ImportResult:
    """What an import did; every received file appears in exactly one list."""

    zugeordnet: list[tuple[str, str]] = field(default_factory=list)  # (file, participant id)
    nicht_zugeordnet: list[tuple[str, str]] = field(default_factory=list)  # (file, reason)
    ersetzt: list[tuple[str, str]] = field(default_factory=list)  # (older file, participant id)


def fold(text: str) -> str:
    """Lower-case, German umlauts spelled out, accents removed (for name matching)."""
    text = text.lower().replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss")
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def _matches(name: str, person: dict[str, str]) -> bool:
    folded = fold(name)
    toks = set(re.split(r"[^a-z0-9]+", folded))
    pid = fold(person["id"])
    if pid and (pid in toks or re.search(rf"(?<![a-z0-9]){re.escape(pid)}(?![a-z0-9])", folded)):
        return True
    email = fold(person["email"])
    local = email.split("@")[0]
    if email and (email in folded or (len(local) > 2 and local in re.split(r"[^a-z0-9.]+", folded))):
        return True
    vor, nach = fold(person["vorname"]), fold(person["nachname"])
    if vor and nach:
        vt, nt = set(re.split(r"[^a-z0-9]+", vor)) - {""}, set(re.split(r"[^a-z0-9]+", nach)) - {""}
        if vt <= toks and nt <= toks:
            return True
        # Short forms like "mmuster" (first letter + surname).
        if vor[0] + nach.replace(" ", "") in toks:
            return True
    return False


def _who(path: Path, base: Path, students: list[dict[str, str]]) -> tuple[str | None, str]:
    """Participant for a file: parent folders first, then the file name; (id, reason if none)."""
    for part in list(path.relative_to(base).parts[:-1])[::-1] + [path.stem]:
        hits = [s["id"] for s in students if _matches(part, s)]
        if len(hits) == 1:
            return hits[0], ""
        if len(hits) > 1:
            return None, "passt zu mehreren Teilnehmenden: " + ", ".join(sorted(hits))
    return None, "kein Name, keine id und keine E-Mail-Adresse erkannt"


def _which_notebook(path: Path, notebooks: list[str]) -> str | None:
    if len(notebooks) == 1:
        return notebooks[0]
    hits = [nb for nb in notebooks if fold(nb) in fold(path.name)]
    return max(hits, key=len) if hits else None


def _timestamp(path: Path) -> str:
    stamp = datetime.fromtimestamp(path.stat().st_mtime, tz=UTC)
    return stamp.strftime("%Y-%m-%d %H:%M:%S.%f %Z")


def _copy(src: Path, dest: Path) -> None:
    """copy2 via a temporary name and a rename: an interrupted import leaves no half-written notebook."""
    tmp = dest.with_name(f".{dest.name}.import-tmp")
    try:
        shutil.copy2(src, tmp)
        os.replace(tmp, dest)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def import_files(seminar: Seminar, assignment: str, source: str | Path,
                 limits: ZipLimits = DEFAULT_LIMITS) -> ImportResult:
    """Copy participants' notebooks from a folder or zip into submitted/; report everything.

    Entries that are refused (links, paths leading outside, too large, zip bombs) are listed in
    `nicht_zugeordnet` with a German reason starting "nicht übernommen"; nothing of them is written.
    """
    seminar.require_assignment(assignment)
    source = Path(source).expanduser().resolve()
    if not source.exists():
        raise InputError("Der Ordner oder die ZIP-Datei wurde nicht gefunden.", file=str(source))
    students = seminar.students()
    if not students:
        raise InputError("Es sind noch keine Teilnehmenden eingetragen.",
                         hint="Zuerst: kommsocial seminar teilnehmende DIR liste.csv")
    notebooks = seminar.notebook_names(assignment)
    result = ImportResult()
    with tempfile.TemporaryDirectory(prefix="kommsocial-import-") as tmp:
        base = source
        if source.is_file():
            if not zipfile.is_zipfile(source):
                raise InputError("Die Datei ist keine ZIP-Datei.", file=str(source),
                                 hint="Geben Sie einen Ordner oder eine ZIP-Datei an.")
            base = Path(tmp) / "zip"
            base.mkdir()
            # Everything is unpacked into the temp folder first: a refused zip leaves the seminar untouched.
            refused = zip_import.extract(source, base, limits)
        else:
            refused = []
        files, skipped = zip_import.folder_files(base, limits, skip=frozenset(_SKIP_PARTS))
        files = [p for p in files if not (_SKIP_PARTS & set(p.parts))]
        chosen: dict[tuple[str, str], Path] = {}
        for path in files:
            rel = str(path.relative_to(base))
            if path.suffix.lower() != ".ipynb":
                result.nicht_zugeordnet.append((rel, "kein Notebook (.ipynb)"))
                continue
            pid, reason = _who(path, base, students)
            nb = _which_notebook(path, notebooks) if pid else None
            if pid and nb is None:
                reason = "unklar, zu welchem Notebook der Aufgabe die Datei gehört (" + ", ".join(notebooks) + ")"
            if not pid or nb is None:
                result.nicht_zugeordnet.append((rel, reason))
                continue
            key = (pid, nb)
            if key in chosen:
                # Two files for the same notebook: the newer one counts, the other is reported.
                older, newer = sorted([chosen[key], path], key=lambda p: p.stat().st_mtime)
                chosen[key] = newer
                result.ersetzt.append((str(older.relative_to(base)), pid))
            else:
                chosen[key] = path
        keep = seminar.root / "importe" / assignment
        for rel, _reason in result.nicht_zugeordnet:
            dest = keep / UNMATCHED / rel
            dest.parent.mkdir(parents=True, exist_ok=True)
            _copy(base / rel, dest)
        result.nicht_zugeordnet += [(name, reason) for name, reason in refused + skipped]
        for (pid, nb), path in sorted(chosen.items()):
            rel = str(path.relative_to(base))
            original = keep / pid / rel
            original.parent.mkdir(parents=True, exist_ok=True)
            _copy(path, original)
            target_dir = seminar.root / "submitted" / pid / assignment
            target_dir.mkdir(parents=True, exist_ok=True)
            _copy(path, target_dir / f"{nb}.ipynb")
            (target_dir / "timestamp.txt").write_text(_timestamp(path), encoding="utf-8")
            integrity.record(seminar.root, assignment, pid)
            result.zugeordnet.append((rel, pid))
        for rel, pid in result.ersetzt:
            original = keep / pid / rel
            original.parent.mkdir(parents=True, exist_ok=True)
            _copy(base / rel, original)
    return result


def collect_exchange(seminar: Seminar, assignment: str, exchange_root: str | None) -> list[str]:
    """nbgrader collect from the exchange; returns the participants now in submitted/."""
    seminar.require_assignment(assignment)
    _check(seminar.api(exchange_root).collect(assignment, update=True), "collect")
    sub = seminar.root / "submitted"
    ids = sorted(p.name for p in sub.iterdir() if (p / assignment).is_dir()) if sub.is_dir() else []
    for pid in ids:
        integrity.record_if_collected(seminar.root, assignment, pid)  # what was collected is what is graded
    return ids
