"""Exports of a plan: Excel (with a findings sheet), iCalendar and German-Excel-friendly CSV.

Every ``write_*`` goes through a temp file in the target folder and a rename, so a
failed export never leaves a half-written file. The ``*_bytes`` functions serve
downloads in the Voilà app.
"""

from __future__ import annotations

import csv
import hashlib
import io
from collections import Counter
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from kommsocial._cells import neutralise_row
from kommsocial._findings import SEVERITY_RANK
from kommsocial._io import atomic_write
from kommsocial.plan.model import Plan, PlanFinding, Post

TZ = ZoneInfo("Europe/Berlin")
EVENT_MINUTES = 30  # a post is a point in time; calendars need a length
_FILL = {"fehler": "F8D7DA", "warnung": "FFF3CD", "hinweis": "D1ECF1"}


def csv_bytes(plan: Plan) -> bytes:
    """CSV for German Excel: separator ';', UTF-8 with BOM, dates 31.12.2026."""
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    heads = plan.headers()
    writer.writerow(neutralise_row(heads))
    for p in plan.posts:
        writer.writerow(neutralise_row(p.cell(h) for h in heads))
    return buf.getvalue().encode("utf-8-sig")


def uid(post: Post, occurrence: int = 0) -> str:
    """Stable UID: the same post (date, time, channel, topic, municipality) always gets the same id."""
    key = "|".join([post.kommune, post.cell("Datum"), post.cell("Uhrzeit"), post.kanal.casefold(),
                    post.thema.casefold(), str(occurrence)])
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:20] + "@kommsocial"


def ics_bytes(plan: Plan, name: str = "Redaktionsplan") -> bytes:
    """iCalendar with one VEVENT per dated post; times in Europe/Berlin, all-day without a time."""
    from icalendar import Calendar, Event

    cal = Calendar()
    cal.add("prodid", "-//KommSocial//Redaktionsplan//DE")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", name)
    stamp = datetime.now(UTC).replace(microsecond=0)
    seen: Counter[str] = Counter()
    for p in plan.posts:
        if p.datum is None:
            continue
        base = uid(p)
        ev = Event()
        ev.add("uid", uid(p, seen[base]))
        seen[base] += 1
        ev.add("dtstamp", stamp)
        prefix = f"{p.kommune}: " if p.kommune else ""
        ev.add("summary", f"{prefix}[{p.kanal}] {p.thema}")
        if p.uhrzeit is None:
            ev.add("dtstart", p.datum)
            ev.add("dtend", p.datum + timedelta(days=1))
        else:
            start = datetime.combine(p.datum, p.uhrzeit, tzinfo=TZ)
            ev.add("dtstart", start)
            ev.add("dtend", start + timedelta(minutes=EVENT_MINUTES))
        details = [f"{h}: {p.cell(h)}" for h in ("Format", "Verantwortlich", "Status", "Kampagne",
                                                  "Pressemitteilung", "Kategorie") if p.cell(h)]
        if details:
            ev.add("description", "\n".join(details))
        if p.kampagne:
            ev.add("categories", [p.kampagne])
        cal.add_component(ev)
    cal.add_missing_timezones()
    return cal.to_ical()


def xlsx_bytes(plan: Plan, findings: Sequence[PlanFinding] = ()) -> bytes:
    """Excel workbook: sheet "Plan" (rows coloured by their worst finding) and sheet "Hinweise"."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.worksheet import Worksheet

    wb = Workbook()
    ws = wb.active
    assert isinstance(ws, Worksheet)  # a new workbook starts with one ordinary worksheet
    ws.title = "Plan"
    heads = ["Zeile", *plan.headers()]
    ws.append(neutralise_row(heads))
    worst: dict[int, str] = {}
    for f in findings:
        if f.row not in worst or SEVERITY_RANK[f.severity] < SEVERITY_RANK[worst[f.row]]:
            worst[f.row] = f.severity
    for p in plan.posts:
        values: list[object] = []
        for h in heads:
            if h == "Zeile":
                values.append(p.row)
            elif h == "Datum":
                values.append(p.datum)
            elif h == "Uhrzeit":
                values.append(p.uhrzeit)
            else:
                values.append(p.cell(h))
        ws.append(neutralise_row(values))
        r = ws.max_row
        ws.cell(r, heads.index("Datum") + 1).number_format = "DD.MM.YYYY"
        ws.cell(r, heads.index("Uhrzeit") + 1).number_format = "HH:MM"
        if p.row in worst:
            fill = PatternFill("solid", fgColor=_FILL[worst[p.row]])
            for c in range(1, len(heads) + 1):
                ws.cell(r, c).fill = fill
    _style_sheet(ws, heads, Font, get_column_letter)

    hs = wb.create_sheet("Hinweise")
    h2 = ["Zeile", "Regel", "Schwere", "Meldung", "Schwelle"]
    hs.append(h2)
    for f in findings:
        hs.append(neutralise_row([f.row, f.rule, f.severity, f.message, f.threshold or ""]))
        hs.cell(hs.max_row, 3).fill = PatternFill("solid", fgColor=_FILL[f.severity])
        hs.cell(hs.max_row, 4).alignment = Alignment(wrap_text=True, vertical="top")
    _style_sheet(hs, h2, Font, get_column_letter, widths={"Meldung": 90, "Schwelle": 50})
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _style_sheet(ws, heads, Font, get_column_letter, widths: dict[str, int] | None = None) -> None:
    """Bold header, frozen first row, filter and readable column widths."""
    for c in range(1, len(heads) + 1):
        ws.cell(1, c).font = Font(bold=True)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions
    for i, h in enumerate(heads, start=1):
        longest = max((len(str(c.value)) for c in ws[get_column_letter(i)] if c.value is not None), default=8)
        ws.column_dimensions[get_column_letter(i)].width = (widths or {}).get(h, min(max(longest + 2, 10), 45))


def write_csv(plan: Plan, path: str | Path) -> Path:
    """Write the plan as CSV (';', UTF-8 with BOM)."""
    return atomic_write(path, csv_bytes(plan))


def write_ics(plan: Plan, path: str | Path) -> Path:
    """Write the plan as iCalendar file."""
    return atomic_write(path, ics_bytes(plan, Path(path).stem))


def write_xlsx(plan: Plan, path: str | Path, findings: Sequence[PlanFinding] = ()) -> Path:
    """Write the plan as Excel workbook with a findings sheet."""
    return atomic_write(path, xlsx_bytes(plan, findings))
