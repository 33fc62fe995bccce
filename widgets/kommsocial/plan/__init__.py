"""Redaktionsplan: import, checks, exports and merging of editorial plans.

A plan is a table (CSV or Excel) with these German column headers; the match is
case-insensitive and tolerates surrounding spaces, unknown extra columns are
ignored:

    Datum;Uhrzeit;Kanal;Thema;Format;Verantwortlich;Status;Kampagne;Pressemitteilung;Kategorie

Required: ``Datum``, ``Kanal``, ``Thema``. Accepted values:

- Datum: ``31.12.2026``, ``31.12.26`` (two-digit years always mean 2000–2099),
  ``2026-12-31``, or a real date cell in Excel.
- Uhrzeit: ``14:30``, ``14.30``, ``14:30:00``, ``9`` (full hour) or empty (= all day).
- Row numbers are the ones a spreadsheet shows: the header is row 1.

Public API (all light, no pandas import at module load)::

    from kommsocial.plan import read_plan, check_plan, load_settings
    plan = read_plan("plan.csv")                       # Plan(posts=[Post...], problems=[...])
    findings = check_plan(plan, land="NI", wahltag=date(2026, 9, 13))
    from kommsocial.plan.export import write_xlsx, write_ics, write_csv
    from kommsocial.plan.merge import merge_plans      # joint campaigns of several municipalities
    df = plan.to_dataframe()                           # pandas, imported lazily

Rule ids: pflichtfeld, datum (fehler); feiertag, kampagne (hinweis); luecke,
ueberlast, nachtruhe, vorwahlzeit (warnung); merged plans add ueberschneidung
(hinweis). Thresholds live in ``plan/regeln.yaml`` and can be overridden by a
Hausregel file (``load_settings("haus.yaml")``, CLI ``--hausregel``); every
finding carries the threshold it applied. The vorwahlzeit finding cites
BVerfGE 44, 125 and the legal card ``neutralitaet-vorwahlzeit`` (by id only).
"""

from kommsocial.plan.checks import check_plan
from kommsocial.plan.importer import read_plan, read_plan_bytes
from kommsocial.plan.model import COLUMNS, REQUIRED, Plan, PlanFinding, Post
from kommsocial.plan.settings import PlanSettings, load_settings

__all__ = [
    "COLUMNS", "REQUIRED", "Plan", "PlanFinding", "PlanSettings", "Post",
    "check_plan", "load_settings", "read_plan", "read_plan_bytes",
]
