"""Import of post data in the generic CSV/Excel format (see the package docstring) with row-numbered errors."""

from __future__ import annotations

import io
import re
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kommsocial._german import DATE_FORMAT, WEEKDAYS, plural
from kommsocial._io import read_input_bytes
from kommsocial.errors import InputError
from kommsocial.plan.importer import parse_date, parse_time, read_table_bytes

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

# (header, kind, required); kind: date, time, text, int, float, flag
COLUMNS: tuple[tuple[str, str, bool], ...] = (
    ("Datum", "date", True),
    ("Uhrzeit", "time", False),
    ("Kanal", "text", True),
    ("Format", "text", False),
    ("Thema", "text", False),
    ("Reichweite", "int", True),
    ("Impressionen", "int", False),
    ("Likes", "int", False),
    ("Kommentare", "int", False),
    ("Geteilt", "int", False),
    ("Gespeichert", "int", False),
    ("Interaktionen", "int", False),
    ("Klicks", "int", False),
    ("Follower", "int", False),
    ("Kommentare_beantwortet", "int", False),
    ("Antwortzeit_min", "float", False),
    ("synthetisch", "flag", False),
)
COMPONENTS = ("Likes", "Kommentare", "Geteilt", "Gespeichert")
_THOUSANDS = re.compile(r"^\d{1,3}(\.\d{3})+$")
_EXAMPLE = {"date": "31.12.2026", "time": "14:30", "int": "1250", "float": "45,5", "flag": "ja oder nein"}


def _number(raw: Any, kind: str) -> float | int | None:
    """Parse 12500, 12.500 (thousands), 45,5 (decimal comma); None when empty; ValueError otherwise."""
    if raw is None:
        return None
    if isinstance(raw, bool):
        raise ValueError(raw)
    if isinstance(raw, str) and raw.isdigit():  # fast path: most cells are plain counts
        return int(raw) if kind == "int" else float(raw)
    if isinstance(raw, (int, float)):
        value = raw
    else:
        text = str(raw).strip().replace("\u00a0", "").replace(" ", "")
        if not text:
            return None
        if _THOUSANDS.match(text):
            text = text.replace(".", "")
        text = text.replace(",", ".")
        value = float(text)
    if value != value or value < 0:  # NaN or negative
        raise ValueError(raw)
    if kind == "int":
        if float(value) != int(value):
            raise ValueError(raw)
        return int(value)
    return float(value)


def _flag(raw: Any) -> bool:
    text = str(raw or "").strip().lower()
    if text in {"ja", "j", "true", "wahr", "1", "x", "yes"}:
        return True
    if text in {"", "nein", "n", "false", "falsch", "0", "no"}:
        return False
    raise ValueError(raw)


@lru_cache(maxsize=4096)
def _date_text(raw: str):
    return parse_date(raw)


@lru_cache(maxsize=2048)
def _time_text(raw: str):
    return parse_time(raw)


def _parse(raw: Any, kind: str) -> Any:
    # Dates and times repeat a lot in post data: parse each distinct text once.
    if kind == "date":
        return _date_text(raw) if isinstance(raw, str) else parse_date(raw)
    if kind == "time":
        return _time_text(raw) if isinstance(raw, str) else parse_time(raw)
    if kind in {"int", "float"}:
        return _number(raw, kind)
    if kind == "flag":
        return _flag(raw)
    return "" if raw is None else str(raw).strip()


def _blank(cell: Any) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def rows_to_records(rows: list[list[Any]], name: str) -> list[dict[str, Any]]:
    """Validate raw rows (first non-empty = header) into records; raise InputError at the first bad cell."""
    numbered = [(i, r) for i, r in enumerate(rows, start=1) if not all(_blank(c) for c in r)]
    if not numbered:
        raise InputError("Die Datei ist leer.", file=name, hint="Die erste Zeile braucht die Spaltenüberschriften.")
    header_row, header = numbered[0]
    wanted = {h.lower(): (h, kind) for h, kind, _ in COLUMNS}
    cols: dict[str, int] = {}
    for idx, cell in enumerate(header):
        key = "" if cell is None else str(cell).strip().lower()
        if key in wanted and wanted[key][0] not in cols:
            cols[wanted[key][0]] = idx
    missing = [h for h, _, req in COLUMNS if req and h not in cols]
    if missing:
        fehlen = plural(len(missing), "Pflichtspalte fehlt", "Pflichtspalten fehlen")
        raise InputError(f"{fehlen}: {', '.join(missing)}.",
                         file=name, row=header_row,
                         hint="Nötig sind Datum, Kanal, Reichweite und Interaktionen oder "
                              "Likes/Kommentare/Geteilt/Gespeichert. "
                              "Das Format steht in der Hilfe: kommsocial wirkung kennzahlen --hilfe")
    if "Interaktionen" not in cols and not any(c in cols for c in COMPONENTS):
        raise InputError("Es fehlen Interaktionen: weder „Interaktionen“ noch Likes/Kommentare/Geteilt/Gespeichert.",
                         file=name, row=header_row, hint="Ergänzen Sie mindestens eine dieser Spalten.")
    kinds = {h: kind for h, kind, _ in COLUMNS}
    required = {h for h, _, req in COLUMNS if req}
    records = []
    for row, cells in numbered[1:]:
        rec: dict[str, Any] = {"Zeile": row}
        for head, idx in cols.items():
            raw = cells[idx] if idx < len(cells) else None
            if head in required and _blank(raw):
                raise InputError("Pflichtfeld ist leer.", file=name, row=row, field=head,
                                 hint=f"Tragen Sie einen Wert ein, z. B. {_EXAMPLE.get(kinds[head], 'Instagram')}.")
            try:
                rec[head] = _parse(raw, kinds[head])
            except (ValueError, TypeError):
                raise InputError(f"„{raw}“ ist kein gültiger Wert.", file=name, row=row, field=head,
                                 hint=f"Erwartet wird z. B. {_EXAMPLE[kinds[head]]}"
                                      + (" (keine negativen Zahlen)." if kinds[head] in {"int", "float"} else ".")
                                 ) from None
        answered = rec.get("Kommentare_beantwortet")
        if answered is not None and answered > (rec.get("Kommentare") or 0):
            raise InputError("Es sind mehr Kommentare beantwortet, als es Kommentare gibt.", file=name, row=row,
                             field="Kommentare_beantwortet",
                             hint="Prüfen Sie die Spalten Kommentare und Kommentare_beantwortet.")
        records.append(rec)
    if not records:
        raise InputError("Die Datei enthält keine Beiträge, nur die Überschrift.", file=name)
    return records


def prepare(df: pd.DataFrame) -> pd.DataFrame:
    """Add derived columns: Interaktionen (if missing), Wochentag, Stunde and both per-post engagement rates."""
    import numpy as np
    import pandas as pd

    out = df.copy()
    out["Datum"] = pd.to_datetime(out["Datum"])
    for col in COMPONENTS:
        if col in out:
            out[col] = out[col].fillna(0).astype("int64")
    if "Interaktionen" not in out or out["Interaktionen"].isna().all():
        out["Interaktionen"] = sum(out[c] for c in COMPONENTS if c in out)
    out["Interaktionen"] = out["Interaktionen"].fillna(0).astype("int64")
    out["Wochentag"] = pd.Categorical([WEEKDAYS[d] for d in out["Datum"].dt.weekday], categories=WEEKDAYS, ordered=True)
    if "Uhrzeit" in out:
        out["Stunde"] = [t.hour if t is not None and t == t else pd.NA for t in out["Uhrzeit"]]
        out["Stunde"] = out["Stunde"].astype("Int64")
    reach = out["Reichweite"].astype("float64")
    out["ER_Reichweite"] = np.where(reach > 0, out["Interaktionen"] / reach.where(reach > 0) * 100, np.nan)
    if "Follower" in out:
        fol = out["Follower"].astype("float64")
        out["ER_Follower"] = np.where(fol > 0, out["Interaktionen"] / fol.where(fol > 0) * 100, np.nan)
    for text_col in ("Format", "Thema"):
        if text_col in out:
            out[text_col] = out[text_col].fillna("").replace("", "(ohne)")
    return out


def read_posts_bytes(data: bytes, name: str = "Beiträge") -> pd.DataFrame:
    """Read and validate post data from file content; returns a prepared DataFrame."""
    import pandas as pd

    records = rows_to_records(read_table_bytes(data, name), name)
    df = pd.DataFrame.from_records(records)
    synthetic = bool(df["synthetisch"].any()) if "synthetisch" in df else False
    out = prepare(df)
    out.attrs.update({"quelle": name, "synthetisch": synthetic})
    return out


def read_posts(path: str | Path) -> pd.DataFrame:
    """Read a post data file (CSV or .xlsx) without changing it.

    Raises:
        InputError: naming file, row and field of the first problem.
    """
    path = Path(path)
    data = read_input_bytes(path)
    return read_posts_bytes(data, str(path))


def posts_csv_bytes(df: pd.DataFrame) -> bytes:
    """Post data in the generic format (';', UTF-8 with BOM, German dates and decimal commas)."""
    heads = [h for h, _, _ in COLUMNS if h in df.columns]
    out = df[heads].copy()
    out["Datum"] = out["Datum"].dt.strftime(DATE_FORMAT) if hasattr(out["Datum"], "dt") else out["Datum"]
    if "Uhrzeit" in out:
        out["Uhrzeit"] = [t.strftime("%H:%M") if t is not None and t == t else "" for t in out["Uhrzeit"]]
    if "synthetisch" in out:
        out["synthetisch"] = out["synthetisch"].map(lambda v: "ja" if v else "nein")
    from kommsocial._cells import neutralise_cell

    # Texts (topic, channel …) may come from an upload: no cell may start a formula.
    for col in out.columns:
        if out[col].dtype == object:
            out[col] = out[col].map(neutralise_cell)
    buf = io.StringIO()
    out.to_csv(buf, sep=";", index=False, decimal=",", lineterminator="\r\n")
    return buf.getvalue().encode("utf-8-sig")


def write_posts(df: pd.DataFrame, path: str | Path) -> Path:
    """Write post data in the generic format via temp file + rename."""
    from kommsocial._io import atomic_write

    return atomic_write(path, posts_csv_bytes(df))
