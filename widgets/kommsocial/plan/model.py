"""Data model of a Redaktionsplan: posts, findings and the plan itself."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, time
from typing import TYPE_CHECKING

from kommsocial import _german
from kommsocial._findings import Severity

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

# Column order of the documented plan format (attribute name, German header).
COLUMNS: tuple[tuple[str, str], ...] = (
    ("datum", "Datum"),
    ("uhrzeit", "Uhrzeit"),
    ("kanal", "Kanal"),
    ("thema", "Thema"),
    ("format", "Format"),
    ("verantwortlich", "Verantwortlich"),
    ("status", "Status"),
    ("kampagne", "Kampagne"),
    ("pressemitteilung", "Pressemitteilung"),
    ("kategorie", "Kategorie"),
)
HEADERS: tuple[str, ...] = tuple(h for _, h in COLUMNS)
REQUIRED: tuple[str, ...] = ("Datum", "Kanal", "Thema")


@dataclass
class Post:
    """One row of the plan; `row` is the spreadsheet row number (header = 1)."""

    row: int
    datum: date | None
    uhrzeit: time | None
    kanal: str
    thema: str
    format: str = ""
    verantwortlich: str = ""
    status: str = ""
    kampagne: str = ""
    pressemitteilung: str = ""
    kategorie: str = ""
    # Extra column used by merged plans of several municipalities.
    kommune: str = ""

    def cell(self, header: str) -> str:
        """Value as text for export, German formats (31.12.2026, 14:30)."""
        if header == "Datum":
            return _german.datum(self.datum) if self.datum else ""
        if header == "Uhrzeit":
            return self.uhrzeit.strftime("%H:%M") if self.uhrzeit else ""
        if header == "Kommune":
            return self.kommune
        return str(getattr(self, header.lower()))


@dataclass(frozen=True)
class PlanFinding:
    """One problem in the plan: rule id, severity, spreadsheet row, German message, threshold."""

    rule: str
    severity: Severity
    row: int
    message: str
    threshold: str | None = None
    # Extra context shown in views, e.g. the legal card id of the vorwahlzeit rule.
    card: str | None = None

    def to_dict(self) -> dict:
        """JSON form (`kommsocial plan check --json` prints row, rule, severity, message)."""
        return asdict(self)


@dataclass
class Plan:
    """An imported plan: its valid posts and the problems found while reading it."""

    source: str
    posts: list[Post] = field(default_factory=list)
    problems: list[PlanFinding] = field(default_factory=list)
    rows: int = 0  # non-empty data rows, including the broken ones

    @property
    def dated_posts(self) -> list[Post]:
        """Posts with a usable date, sorted by date and time."""
        dated = [p for p in self.posts if p.datum is not None]
        return sorted(dated, key=lambda p: (p.datum, p.uhrzeit or time(0), p.row))

    def headers(self) -> list[str]:
        """Column headers for export (with Kommune first in merged plans)."""
        extra = ["Kommune"] if any(p.kommune for p in self.posts) else []
        return extra + list(HEADERS)

    def to_records(self) -> list[dict]:
        """Rows as dicts keyed by German header, plus the spreadsheet row as "Zeile"."""
        heads = self.headers()
        return [{"Zeile": p.row, **{h: p.cell(h) for h in heads}} for p in self.posts]

    def to_dataframe(self) -> pd.DataFrame:
        """Posts as a pandas DataFrame (Datum as datetime64, Uhrzeit as text)."""
        import pandas as pd

        df = pd.DataFrame(self.to_records(), columns=["Zeile", *self.headers()])
        df["Datum"] = pd.to_datetime(df["Datum"], format=_german.DATE_FORMAT, errors="coerce")
        return df
