"""Read a Redaktionsplan from CSV or Excel as German offices produce it.

CSV: separator ``;``, ``,`` or tab (sniffed), encoding UTF-8 (with or without
BOM), UTF-16 with BOM, or Windows-1252. Excel: ``.xlsx`` (first sheet). Empty
rows are skipped but still counted, so row numbers match the spreadsheet.
Unusable files raise `InputError`; problems in single rows become findings
(rules ``pflichtfeld`` and ``datum``) so the rest of the plan is still checked.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from kommsocial._german import plural
from kommsocial._io import read_input_bytes
from kommsocial.errors import InputError
from kommsocial.plan.model import COLUMNS, HEADERS, REQUIRED, Plan, PlanFinding, Post

_DATE_DE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})$")
_DATE_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_TIME = re.compile(r"^(\d{1,2})(?:[:.](\d{2}))?(?::(\d{2}))?(?:\s*uhr)?$", re.IGNORECASE)
_XLSX_MAGIC = b"PK\x03\x04"


def parse_date(value: Any) -> date:
    """Parse 31.12.2026, 31.12.26 (= 2026) or 2026-12-31; raises ValueError otherwise."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    # Excel exports sometimes append a midnight time ("2026-12-31 00:00:00").
    text = re.sub(r"[ T]00:00(:00)?$", "", text)
    if m := _DATE_DE.match(text):
        day, month, year = int(m[1]), int(m[2]), m[3]
        # Decision: two-digit years always mean 2000-2099 (plans look ahead, never back to 19xx).
        full_year = 2000 + int(year) if len(year) == 2 else int(year)
        return date(full_year, month, day)
    if m := _DATE_ISO.match(text):
        return date(int(m[1]), int(m[2]), int(m[3]))
    raise ValueError(text)


def parse_time(value: Any) -> time | None:
    """Parse 14:30, 14.30, 14:30:00, 9 or "9 Uhr"; empty means all day (None)."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.time().replace(second=0, microsecond=0)
    if isinstance(value, time):
        return value.replace(second=0, microsecond=0)
    text = str(value).strip()
    if not text:
        return None
    m = _TIME.match(text)
    if not m:
        raise ValueError(text)
    return time(int(m[1]), int(m[2] or 0))


def decode_bytes(data: bytes, name: str) -> str:
    """Decode CSV bytes: UTF-16 (BOM), UTF-8 (BOM optional), else Windows-1252."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if b"\x00" in data:
        raise InputError(
            "Die Datei ist keine Tabelle (sie enthält Binärdaten).", file=name,
            hint="Speichern Sie den Plan als CSV (Trennzeichen Semikolon) oder als Excel-Datei (.xlsx).",
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        raise InputError(
            "Die Zeichenkodierung der Datei ist unbekannt (weder UTF-8 noch Windows-1252).", file=name,
            hint="Speichern Sie die Datei in Excel als „CSV UTF-8 (durch Trennzeichen getrennt)“.",
        ) from None


def sniff_delimiter(text: str) -> str:
    """Guess the separator from the first lines; the header line decides ties."""
    sample = "\n".join(text.splitlines()[:20])
    try:
        return csv.Sniffer().sniff(sample, delimiters=";,\t").delimiter
    except csv.Error:
        first = next((line for line in text.splitlines() if line.strip()), "")
        counts = {d: first.count(d) for d in ";,\t"}
        return max(counts, key=counts.__getitem__) if any(counts.values()) else ";"


def _csv_rows(data: bytes, name: str) -> list[list[Any]]:
    text = decode_bytes(data, name)
    try:
        return list(csv.reader(io.StringIO(text), delimiter=sniff_delimiter(text)))
    except csv.Error as exc:
        raise InputError(f"Die CSV-Datei ist beschädigt ({exc}).", file=name,
                         hint="Öffnen Sie sie in Excel und speichern Sie sie neu als CSV.") from None


def _xlsx_rows(data: bytes, name: str) -> list[list[Any]]:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many types for broken archives
        raise InputError("Die Excel-Datei lässt sich nicht öffnen.", file=name,
                         hint="Speichern Sie sie neu als .xlsx oder als CSV.") from None
    try:
        ws = wb.worksheets[0]
        return [list(r) for r in ws.iter_rows(values_only=True)]
    finally:
        wb.close()


def _blank(cell: Any) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def _text(cell: Any) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()


def _header_map(header: Sequence[Any], name: str, row: int) -> dict[str, int]:
    """Map German header -> column index; raises InputError if required columns are missing."""
    wanted = {h.lower(): h for h in HEADERS}
    found: dict[str, int] = {}
    for idx, cell in enumerate(header):
        key = _text(cell).lower()
        if key in wanted and wanted[key] not in found:
            found[wanted[key]] = idx
    missing = [h for h in REQUIRED if h not in found]
    if missing:
        seen = ", ".join(f"„{_text(c)}“" for c in header if not _blank(c)) or "keine"
        raise InputError(
            f"{plural(len(missing), 'Pflichtspalte fehlt', 'Pflichtspalten fehlen')}: {', '.join(missing)}. "
            f"Gefundene Spalten: {seen}.",
            file=name, row=row,
            hint="Die erste Zeile braucht die Überschriften " + ";".join(HEADERS)
            + " (Datum, Kanal und Thema sind Pflicht).",
        )
    return found


def rows_to_plan(rows: Iterable[Sequence[Any]], name: str) -> Plan:
    """Turn raw table rows (first non-empty row = header) into a Plan with row-numbered problems."""
    numbered = [(i, list(r)) for i, r in enumerate(rows, start=1)]
    content = [(i, r) for i, r in numbered if not all(_blank(c) for c in r)]
    if not content:
        raise InputError("Die Datei ist leer.", file=name,
                         hint="Die erste Zeile braucht die Überschriften " + ";".join(HEADERS) + ".")
    header_row, header = content[0]
    cols = _header_map(header, name, header_row)
    plan = Plan(source=name)
    for row, cells in content[1:]:
        plan.rows += 1
        values = {h: (cells[i] if i < len(cells) else None) for h, i in cols.items()}
        problems, usable = _row_problems(row, values)
        plan.problems.extend(problems)
        if usable:
            plan.posts.append(_post(row, values))
    return plan


def _row_problems(row: int, values: dict[str, Any]) -> tuple[list[PlanFinding], bool]:
    """Problems of one row and whether the row is still usable as a post (required fields, date ok)."""
    found: list[PlanFinding] = []
    for header in REQUIRED:
        if _blank(values.get(header)):
            found.append(PlanFinding(
                "pflichtfeld", "fehler", row,
                f"Das Pflichtfeld „{header}“ ist leer. Tragen Sie einen Wert ein.",
                threshold="Pflichtfelder: " + ", ".join(REQUIRED),
            ))
    if not _blank(values.get("Datum")):
        try:
            parse_date(values["Datum"])
        except ValueError:
            found.append(PlanFinding(
                "datum", "fehler", row,
                f"Das Datum „{_text(values['Datum'])}“ ist nicht lesbar. "
                "Schreiben Sie es wie 31.12.2026 oder 2026-12-31.",
                threshold="Formate: TT.MM.JJJJ, TT.MM.JJ, JJJJ-MM-TT",
            ))
    usable = not found
    try:
        parse_time(values.get("Uhrzeit"))
    except ValueError:
        found.append(PlanFinding(
            "datum", "fehler", row,
            f"Die Uhrzeit „{_text(values['Uhrzeit'])}“ ist nicht lesbar. "
            "Schreiben Sie sie wie 14:30 oder lassen Sie das Feld leer (ganztägig).",
            threshold="Formate: HH:MM, HH.MM",
        ))
    return found, usable


def _post(row: int, values: dict[str, Any]) -> Post:
    try:
        uhrzeit = parse_time(values.get("Uhrzeit"))
    except ValueError:
        uhrzeit = None  # reported as a finding; the post still counts for the other rules
    fields = {attr: _text(values.get(head)) for attr, head in COLUMNS if attr not in {"datum", "uhrzeit"}}
    return Post(row=row, datum=parse_date(values["Datum"]), uhrzeit=uhrzeit, **fields)


def read_table_bytes(data: bytes, name: str) -> list[list[Any]]:
    """Raw rows of a CSV or .xlsx file (also used by the analytics import); `name` decides the format."""
    suffix = Path(name).suffix.lower()
    if suffix in {".xls", ".ods", ".numbers"}:
        raise InputError(f"Das Format {suffix} wird nicht gelesen.", file=name,
                         hint="Speichern Sie die Tabelle als Excel-Arbeitsmappe (.xlsx) oder als CSV.")
    if suffix in {".xlsx", ".xlsm"} or data.startswith(_XLSX_MAGIC):
        return _xlsx_rows(data, name)
    return _csv_rows(data, name)


def read_plan_bytes(data: bytes, name: str = "Plan") -> Plan:
    """Read a plan from file content (e.g. a Voilà upload); `name` decides CSV or Excel."""
    return rows_to_plan(read_table_bytes(data, name), name)


def read_plan(path: str | Path) -> Plan:
    """Read a plan file (CSV or .xlsx) without changing it.

    Raises:
        InputError: file missing, empty, not a table, unknown encoding or required column missing.
    """
    path = Path(path)
    data = read_input_bytes(path)
    return read_plan_bytes(data, str(path))


def sample_plan_path() -> Path:
    """The shipped sample plan of Musterstadt (March 2027, fictional, with typical problems)."""
    from kommsocial._data import package_file

    return package_file("kommsocial.plan", "beispielplan.csv")
