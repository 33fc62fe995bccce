"""Checks of a Redaktionsplan: each rule yields PlanFindings with rule id, severity, row and threshold."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from datetime import date, time, timedelta
from itertools import pairwise

from kommsocial._german import datum, stand
from kommsocial.errors import InputError
from kommsocial.plan.model import Plan, PlanFinding, Post
from kommsocial.plan.settings import LAENDER, PlanSettings, load_settings

RULE_ORDER = ("pflichtfeld", "datum", "vorwahlzeit", "nachtruhe", "ueberlast", "luecke", "feiertag", "kampagne")
# What people read instead of the rule ids (the ids stay for settings files and JSON).
RULE_LABELS = {
    "pflichtfeld": "Angabe fehlt",
    "datum": "Datum",
    "vorwahlzeit": "Vorwahlzeit",
    "nachtruhe": "Nachtruhe",
    "ueberlast": "Zu viele Beiträge",
    "luecke": "Lange Pause",
    "feiertag": "Feiertag",
    "kampagne": "Kampagne",
}


def _hm(t: time) -> str:
    return t.strftime("%H:%M")


def _dated(posts: list[Post]) -> Iterator[tuple[date, Post]]:
    """Each post that has a date, with its date; the date rules skip undated posts.

    `Plan.dated_posts` already leaves them out; a caller with its own list of posts
    gets no TypeError (the import reports a missing date as its own finding).
    """
    for p in posts:
        if p.datum is not None:
            yield p.datum, p


def check_luecke(posts: list[Post], s: PlanSettings) -> list[PlanFinding]:
    """Warn where more than N days in a row have no post at all ("Seien Sie aktiv")."""
    rule = s.luecke
    limit = rule.max_tage_ohne_beitrag
    first_of_day: dict[date, Post] = {}
    for day, p in _dated(posts):
        first_of_day.setdefault(day, p)
    days = sorted(first_of_day)
    found = []
    for before, after in pairwise(days):
        empty = (after - before).days - 1
        if empty > limit:
            found.append(PlanFinding(
                "luecke", rule.schwere, first_of_day[after].row,
                f"Zwischen {datum(before)} und {datum(after)} ist {empty} Tage lang kein Beitrag geplant. "
                "Seien Sie aktiv: Planen Sie in der Lücke zum Beispiel einen Hinweis auf Termine oder Service.",
                threshold=f"höchstens {limit} Tage ohne Beitrag ({rule.quelle})",
            ))
    return found


def check_ueberlast(posts: list[Post], s: PlanSettings) -> list[PlanFinding]:
    """Warn when a channel gets more than N posts on one day."""
    rule = s.ueberlast
    limit = rule.max_beitraege_je_kanal_und_tag
    groups: dict[tuple[date, str], list[Post]] = defaultdict(list)
    for day, p in _dated(posts):
        groups[(day, p.kanal.casefold())].append(p)
    found = []
    for (day, _), group in groups.items():
        if len(group) > limit:
            found.append(PlanFinding(
                "ueberlast", rule.schwere, group[limit].row,
                f"Am {datum(day)} sind {len(group)} Beiträge auf {group[0].kanal} geplant. "
                "Verteilen Sie einige auf andere Tage, sonst verdrängen sie sich gegenseitig.",
                threshold=f"höchstens {limit} Beiträge je Kanal und Tag ({rule.quelle})",
            ))
    return found


def _is_night(t: time, start: time, end: time) -> bool:
    if start > end:  # the night crosses midnight, e.g. 22:00-06:00
        return t >= start or t < end
    return start <= t < end


def check_nachtruhe(posts: list[Post], s: PlanSettings) -> list[PlanFinding]:
    """Warn about posts scheduled in the night hours (nobody can answer comments then)."""
    rule = s.nachtruhe
    found = []
    for p in posts:
        if p.uhrzeit is not None and _is_night(p.uhrzeit, rule.beginn, rule.ende):
            found.append(PlanFinding(
                "nachtruhe", rule.schwere, p.row,
                f"{_hm(p.uhrzeit)} Uhr liegt in der Nachtruhe. Verschieben Sie den Beitrag "
                f"auf eine Zeit, in der jemand Kommentare beantworten kann.",
                threshold=f"Nachtruhe {_hm(rule.beginn)}–{_hm(rule.ende)} Uhr ({rule.quelle})",
            ))
    return found


def check_feiertag(posts: list[Post], s: PlanSettings, land: str) -> list[PlanFinding]:
    """Point out posts on public holidays of the chosen Land (with the holiday's name)."""
    import holidays

    if land not in LAENDER:
        raise InputError(f"Unbekanntes Bundesland „{land}“.", hint="Erlaubt: " + ", ".join(LAENDER))
    years = sorted({day.year for day, _ in _dated(posts)})
    if not years:
        return []
    calendar = holidays.country_holidays("DE", subdiv=land, years=years, language="de")
    rule = s.feiertag
    found = []
    for day, p in _dated(posts):
        name = calendar.get(day)
        if name:
            found.append(PlanFinding(
                "feiertag", rule.schwere, p.row,
                f"Der {datum(day)} ist ein Feiertag ({name}). Passt der Beitrag zum Tag, "
                "und wer betreut an diesem Tag die Kommentare?",
                threshold=f"Feiertage in {land} ({rule.quelle})",
            ))
    return found


def check_vorwahlzeit(posts: list[Post], s: PlanSettings, wahltag: date | None) -> list[PlanFinding]:
    """Warn about achievement reports in the configured weeks before an election (Gebot der Zurückhaltung)."""
    if wahltag is None:
        return []
    rule = s.vorwahlzeit
    start = wahltag - timedelta(weeks=rule.wochen_vor_wahl)
    kinds = {k.casefold() for k in rule.kategorien}
    found = []
    for day, p in _dated(posts):
        if start <= day <= wahltag and p.kategorie.casefold() in kinds:
            found.append(PlanFinding(
                "vorwahlzeit", rule.schwere, p.row,
                f"„{p.kategorie}“ am {datum(day)} liegt {(wahltag - day).days} Tage vor der "
                f"Wahl am {datum(wahltag)}. In der Vorwahlzeit gilt das „Gebot äußerster Zurückhaltung“: keine "
                "haushaltsfinanzierten Arbeits-, Leistungs- und Erfolgsberichte (BVerfGE 44, 125). "
                "Verschieben Sie den Beitrag hinter die Wahl oder klären Sie ihn mit dem Rechtsamt. "
                f"{stand(rule.stand, disclaimer=True)}.",
                threshold=f"{rule.wochen_vor_wahl} Wochen vor der Wahl – {rule.hausregel} Quelle: {rule.quelle}",
                card=rule.karte,
            ))
    return found


def check_kampagne(posts: list[Post], s: PlanSettings) -> list[PlanFinding]:
    """Point out campaigns that run on fewer channels than configured."""
    rule = s.kampagne
    groups: dict[str, list[Post]] = defaultdict(list)
    for p in posts:
        if p.kampagne.strip():
            groups[p.kampagne.strip().casefold()].append(p)
    found = []
    for group in groups.values():
        channels = sorted({p.kanal.strip() for p in group}, key=str.casefold)
        if len({c.casefold() for c in channels}) < rule.min_kanaele:
            found.append(PlanFinding(
                "kampagne", rule.schwere, group[0].row,
                f"Die Kampagne „{group[0].kampagne}“ läuft nur auf {', '.join(channels)}. "
                "Planen Sie sie auf weiteren Kanälen, damit sie mehr Menschen erreicht.",
                threshold=f"mindestens {rule.min_kanaele} Kanäle je Kampagne ({rule.quelle})",
            ))
    return found


def check_plan(
    plan: Plan,
    *,
    land: str | None = None,
    wahltag: date | None = None,
    settings: PlanSettings | None = None,
) -> list[PlanFinding]:
    """All findings of a plan (import problems included), sorted by row and rule.

    Args:
        plan: the imported plan.
        land: Bundesland code for holidays (default from the settings, NI).
        wahltag: election date; without it the vorwahlzeit rule is off.
        settings: thresholds; default `load_settings()`.
    """
    s = settings or load_settings()
    if wahltag is not None and not date(2000, 1, 1) <= wahltag <= date(2200, 12, 31):
        # A date picker can send any year; far-off years overflow the date arithmetic below.
        raise InputError(f"Der Wahltag {datum(wahltag)} liegt außerhalb des möglichen Zeitraums.",
                         field="wahltag", hint="Geben Sie ein Datum zwischen 2000 und 2200 an.")
    posts = plan.dated_posts
    found = list(plan.problems)
    found += check_vorwahlzeit(posts, s, wahltag)
    found += check_nachtruhe(posts, s)
    found += check_ueberlast(posts, s)
    found += check_luecke(posts, s)
    found += check_feiertag(posts, s, (land or s.land).upper())
    found += check_kampagne(posts, s)
    return sorted(found, key=lambda f: (f.row, RULE_ORDER.index(f.rule)))
