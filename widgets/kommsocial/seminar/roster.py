"""Participant list import: German Excel CSV → nbgrader gradebook (all or nothing)."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

from kommsocial._io import read_input_bytes
from kommsocial.errors import InputError

MAX_ROSTER_BYTES = 5 * 1024 * 1024  # 50 000 participants; a real list has 10 to 30
COLUMNS = ("id", "vorname", "nachname", "email")
# nbgrader uses ids in folder names and the exchange separates fields with "+".
ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
EMAIL_PATTERN = re.compile(r"^[^@\s;,]+@[^@\s;,]+\.[^@\s;,]{2,}$")


@dataclass(frozen=True)
class Teilnehmer:
    """One participant row."""

    id: str
    vorname: str
    nachname: str
    email: str


def decode(raw: bytes, file: str) -> str:
    """Decode UTF-8 (with or without BOM), UTF-16 with BOM (Excel's "Unicode-Text") or Windows-1252."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError("Die Datei ist als UTF-16 gekennzeichnet, lässt sich aber nicht lesen.", file=file,
                             hint="Speichern Sie sie in Excel als „CSV UTF-8 (durch Trennzeichen getrennt)“.") from None
    if b"\x00" in raw[:4096]:
        # UTF-16 without BOM or a binary file: cp1252 would turn it into garbage silently.
        raise InputError("Die Datei ist keine lesbare Textdatei (UTF-16 ohne Kennung oder keine CSV-Datei).",
                         file=file, hint="Speichern Sie sie in Excel als „CSV UTF-8 (durch Trennzeichen getrennt)“.")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            return raw.decode("cp1252")
        except UnicodeDecodeError:
            raise InputError("Die Datei ist weder UTF-8 noch Windows-1252.", file=file,
                             hint="Speichern Sie sie in Excel als „CSV UTF-8 (durch Trennzeichen getrennt)“.") from None


def parse_roster(path: str | Path) -> list[Teilnehmer]:
    """Read and validate the whole CSV; raises InputError listing every problem with its line."""
    path = Path(path)
    name = str(path)
    text = decode(read_input_bytes(path, limit=MAX_ROSTER_BYTES), name)
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        raise InputError("Die Datei ist leer.", file=name, hint="Erste Zeile: id;vorname;nachname;email")
    # Excel writes ";" (German CSV), "," (CSV UTF-8 in some versions) or tabs (Unicode-Text).
    delimiter = max((";", ",", "\t"), key=lines[0].count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = [h.strip().lower() for h in next(reader)]
    missing = [col for col in COLUMNS if col not in header]
    if missing:
        raise InputError(
            "Es fehlen Spalten: " + ", ".join(missing) + f" (gefunden: {', '.join(header) or 'keine'}).",
            file=name, line=1, hint="Die erste Zeile muss lauten: id;vorname;nachname;email",
        )
    index = {col: header.index(col) for col in COLUMNS}
    problems: list[str] = []
    result: list[Teilnehmer] = []
    seen: dict[str, int] = {}
    for row in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue  # Excel often appends empty lines
        values = {col: (row[i].strip() if i < len(row) else "") for col, i in index.items()}
        pid = values["id"]
        if not pid:
            problems.append(f"Zeile {line}: Die id ist leer.")
        elif not ID_PATTERN.match(pid):
            problems.append(
                f"Zeile {line}: Die id „{pid}“ enthält unzulässige Zeichen. Erlaubt sind Buchstaben ohne Umlaute, "
                "Ziffern, Punkt, Binde- und Unterstrich (z. B. mmuster)."
            )
        elif pid.lower() in seen:
            problems.append(f"Zeile {line}: Die id „{pid}“ steht schon in Zeile {seen[pid.lower()]}.")
        else:
            seen[pid.lower()] = line
        if values["email"] and not EMAIL_PATTERN.match(values["email"]):
            problems.append(f"Zeile {line}: Die E-Mail-Adresse „{values['email']}“ ist ungültig.")
        result.append(Teilnehmer(**values))
    if problems:
        raise InputError(
            "Die Liste wurde nicht übernommen (nichts wurde gespeichert):\n  " + "\n  ".join(problems),
            file=name, hint="Korrigieren Sie die genannten Zeilen und starten Sie den Import erneut.",
        )
    if not result:
        raise InputError("Die Datei enthält keine Teilnehmenden.", file=name)
    return result


def import_roster(seminar, path: str | Path) -> tuple[int, int]:
    """Validate the CSV, then store all participants in one transaction; returns (new, updated)."""
    from nbgrader.api import Student

    people = parse_roster(path)
    new = updated = 0
    with seminar.gradebook() as gb:
        try:
            for p in people:
                student = gb.db.get(Student, p.id)
                if student is None:
                    student = Student(id=p.id)
                    gb.db.add(student)
                    new += 1
                else:
                    updated += 1
                student.first_name, student.last_name = p.vorname or None, p.nachname or None
                student.email = p.email or None
            gb.db.commit()
        except Exception:
            gb.db.rollback()
            raise
    return new, updated
