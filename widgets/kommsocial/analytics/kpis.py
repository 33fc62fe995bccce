"""KPIs over prepared post data: reach, interactions, both engagement rates, dialogue quality."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from kommsocial._german import percent, stand

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

GROUPS = ("Kanal", "Format", "Thema", "Wochentag", "Stunde")
# When the engagement-rate formulas of Buffer, Later and Fanpage Karma were last checked.
SOURCES_STAND = dt.date(2026, 11, 21)

DEFINITIONS = {
    "er_reichweite": "Engagement-Rate nach Reichweite = Interaktionen ÷ Reichweite × 100. Sie zeigt, wie die "
                     "Menschen reagiert haben, die den Beitrag gesehen haben.",
    "er_follower": "Engagement-Rate nach Followern = Interaktionen ÷ Follower × 100. Sie setzt die Reaktionen ins "
                   "Verhältnis zur Größe des Kanals. Sie steigt, wenn ein Beitrag weit über die Follower hinaus "
                   "geteilt wird, und sinkt, wenn der Kanal wächst – auch bei gleich guten Beiträgen. Diese Rate "
                   "ist umstritten.",
    "interaktionen": "Interaktionen = Likes + Kommentare + Geteilt + Gespeichert (Klicks zählen nicht mit).",
    "antwortquote": "Antwortquote = beantwortete Kommentare ÷ Kommentare × 100: ein Maß für Dialog, "
                    "nicht für Reichweite.",
    "hinweis": "Es gibt keine Standardformel für die Engagement-Rate (Buffer, Later und Fanpage Karma rechnen "
               f"verschieden). Vergleichen Sie nur Werte, die gleich berechnet wurden. {stand(SOURCES_STAND)}.",
}


def _ratio(num: float, den: float) -> float | None:
    return None if not den or (isinstance(den, float) and math.isnan(den)) else round(num / den * 100, 2)


def _clean(value: Any) -> Any:
    """JSON-friendly scalars: numpy types to Python, NaN to None."""
    if value is None:
        return None
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def _kpis(df: pd.DataFrame) -> dict[str, Any]:
    """KPIs of one set of posts (ratio of sums, so big posts weigh more than small ones)."""
    reach = float(df["Reichweite"].sum())
    inter = float(df["Interaktionen"].sum())
    out: dict[str, Any] = {
        "beitraege": int(len(df)),
        "reichweite": int(reach),
        "reichweite_je_beitrag": round(reach / len(df), 1) if len(df) else None,
        "interaktionen": int(inter),
        "er_reichweite": _ratio(inter, reach),
        "er_follower": None,
    }
    if "Follower" in df:
        valid = df[df["Follower"].notna() & (df["Follower"] > 0)]
        out["er_follower"] = _ratio(float(valid["Interaktionen"].sum()), float(valid["Follower"].sum()))
    if "Kommentare" in df:
        out["kommentare"] = int(df["Kommentare"].sum())
        if "Kommentare_beantwortet" in df:
            answered = df["Kommentare_beantwortet"].fillna(0)
            out["beantwortet"] = int(answered.sum())
            out["antwortquote"] = _ratio(float(answered.sum()), float(df["Kommentare"].sum()))
    if "Antwortzeit_min" in df:
        times = df["Antwortzeit_min"].dropna()
        out["antwortzeit_median_min"] = round(float(times.median()), 1) if len(times) else None
    return {k: _clean(v) for k, v in out.items()}


def total_kpis(df: pd.DataFrame) -> dict[str, Any]:
    """KPIs over all posts."""
    return _kpis(df)


def group_kpis(df: pd.DataFrame, by: str) -> pd.DataFrame:
    """One row of KPIs per value of `by` (Kanal, Format, Thema, Wochentag or Stunde), sorted by that value."""
    import pandas as pd

    from kommsocial.errors import InputError

    if by not in df.columns:
        raise InputError(f"Nach „{by}“ lässt sich nicht gruppieren: Die Spalte fehlt in den Daten.",
                         hint="Möglich: " + ", ".join(g for g in GROUPS if g in df.columns))
    rows = []
    for key, part in df.groupby(by, observed=True, sort=True):
        rows.append({by: _clean(key), **_kpis(part)})
    return pd.DataFrame(rows)


def explain_difference(kpis: dict[str, Any]) -> str:
    """German sentence on why the two engagement rates differ for these KPIs."""
    er_r, er_f = kpis.get("er_reichweite"), kpis.get("er_follower")
    if er_r is None or er_f is None:
        return "Für den Vergleich fehlen Reichweite oder Follower."
    if er_f > er_r:
        return (f"Die Follower-Rate ({percent(er_f)}) liegt über der Reichweiten-Rate ({percent(er_r)}): Die Beiträge "
                "haben im Schnitt mehr Menschen erreicht, als der Kanal Follower hat – etwa durch Teilen.")
    if er_f < er_r:
        return (f"Die Follower-Rate ({percent(er_f)}) liegt unter der Reichweiten-Rate ({percent(er_r)}): Nur ein Teil "
                "der Follower hat die Beiträge überhaupt gesehen. Die Reichweiten-Rate bewertet nur die Menschen, "
                "die sie gesehen haben.")
    return f"Beide Raten sind gleich ({percent(er_r)}): Die Reichweite entsprach genau der Zahl der Follower."


@dataclass
class AnalyticsReport:
    """Totals and grouped KPIs of a post dataset; `to_dict()` is what `kommsocial wirkung kennzahlen --json` prints."""

    rows: int
    synthetic: bool
    gesamt: dict[str, Any]
    nach: dict[str, pd.DataFrame] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """JSON form with totals, groups and the definitions used."""
        return {
            "rows": self.rows,
            "synthetisch": self.synthetic,
            "gesamt": self.gesamt,
            "vergleich": explain_difference(self.gesamt),
            "nach": {k: [{c: _clean(v) for c, v in r.items()} for r in t.to_dict("records")]
                     for k, t in self.nach.items()},
            "definitionen": DEFINITIONS,
        }


def analyze(df: pd.DataFrame, groups: tuple[str, ...] = GROUPS) -> AnalyticsReport:
    """Totals plus KPIs grouped by every available column of `groups`."""
    nach = {g: group_kpis(df, g) for g in groups if g in df.columns}
    return AnalyticsReport(rows=len(df), synthetic=bool(df.attrs.get("synthetisch", False)),
                           gesamt=total_kpis(df), nach=nach)
