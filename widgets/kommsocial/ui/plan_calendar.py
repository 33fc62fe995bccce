"""Week/month calendar of a Redaktionsplan with findings marked (HTML grid, all user text escaped)."""

from __future__ import annotations

import calendar as _cal
from collections import defaultdict
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Literal

import ipywidgets as widgets

from kommsocial._german import WEEKDAYS_SHORT, datum, day_month, month_year
from kommsocial.plan.checks import RULE_LABELS
from kommsocial.plan.model import Plan, PlanFinding, Post
from kommsocial.ui._html import SEVERITY_BACKGROUNDS, SEVERITY_COLORS, SEVERITY_RANK, esc, severity_badge

Mode = Literal["woche", "monat"]


def period(start: date, mode: Mode) -> tuple[date, date]:
    """First and last day shown: the Monday-Sunday week of `start`, or whole weeks covering its month."""
    if mode == "woche":
        first = start - timedelta(days=start.weekday())
        return first, first + timedelta(days=6)
    month_first = start.replace(day=1)
    month_last = start.replace(day=_cal.monthrange(start.year, start.month)[1])
    return (month_first - timedelta(days=month_first.weekday()),
            month_last + timedelta(days=6 - month_last.weekday()))


def title(start: date, mode: Mode) -> str:
    """Heading of the shown period in German."""
    first, last = period(start, mode)
    if mode == "woche":
        return f"Woche {first.isocalendar().week}: {day_month(first)} – {datum(last)}"
    return month_year(start)


def _post_html(post: Post, findings: Sequence[PlanFinding]) -> str:
    worst = min((f.severity for f in findings), key=SEVERITY_RANK.__getitem__, default=None)
    border = SEVERITY_COLORS.get(worst or "", "#90a4ae")
    bg = SEVERITY_BACKGROUNDS.get(worst or "", "#ffffff")
    tip = " | ".join(f"{RULE_LABELS.get(f.rule, f.rule)}: {f.message}" for f in findings)
    time_txt = post.uhrzeit.strftime("%H:%M") if post.uhrzeit else "ganztägig"
    who = f"{esc(post.kommune)} · " if post.kommune else ""
    marks = "".join(severity_badge(s) for s in sorted({f.severity for f in findings}, key=SEVERITY_RANK.__getitem__))
    return (
        f'<div class="ks-post" data-row="{post.row}" data-severity="{esc(worst or "")}" title="{esc(tip)}" '
        f'style="border-left:4px solid {border};background:{bg};margin:2px 0;padding:2px 4px;'
        f'border-radius:3px;font-size:0.85em;overflow-wrap:anywhere">'
        f'<b>{esc(time_txt)}</b> {who}<i>{esc(post.kanal)}</i><br>{esc(post.thema)}'
        f'{"<br>" + marks if marks else ""}</div>'
    )


def calendar_html(plan: Plan, findings: Sequence[PlanFinding], start: date, mode: Mode = "woche") -> str:
    """The calendar grid for the period around `start`; posts with findings are coloured by severity."""
    first, last = period(start, mode)
    by_row: dict[int, list[PlanFinding]] = defaultdict(list)
    for f in findings:
        by_row[f.row].append(f)
    by_day: dict[date, list[Post]] = defaultdict(list)
    for p in plan.dated_posts:
        if p.datum is not None and first <= p.datum <= last:
            by_day[p.datum].append(p)
    head = "".join(f'<th style="padding:4px;background:#eceff1;width:14.28%">{d}</th>' for d in WEEKDAYS_SHORT)
    rows = []
    day = first
    min_height = "160px" if mode == "woche" else "80px"
    while day <= last:
        cells = []
        for _ in range(7):
            muted = mode == "monat" and day.month != start.month
            posts = "".join(_post_html(p, by_row.get(p.row, [])) for p in by_day.get(day, []))
            cells.append(
                f'<td data-date="{day.isoformat()}" style="vertical-align:top;border:1px solid #cfd8dc;'
                f'padding:3px;height:{min_height};{"color:#90a4ae;" if muted else ""}">'
                f'<div style="font-weight:600;font-size:0.85em">{day_month(day)}</div>{posts}</td>'
            )
            day += timedelta(days=1)
        rows.append("<tr>" + "".join(cells) + "</tr>")
    count = sum(len(v) for v in by_day.values())
    return (
        f'<div class="ks-plan-calendar" data-mode="{mode}">'
        f'<div style="font-weight:600;margin:4px 0">{esc(title(start, mode))} – {count} Beiträge</div>'
        f'<table style="border-collapse:collapse;width:100%;table-layout:fixed">'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
        '<div style="font-size:0.8em;color:#546e7a;margin-top:4px">Farbiger Rand: Beitrag mit Hinweis '
        "(rot Fehler, orange Warnung, blau Hinweis). Fahren Sie mit der Maus darüber für Details.</div></div>"
    )


class PlanCalendar(widgets.VBox):
    """Calendar widget: switch week/month and page through the plan."""

    def __init__(self, plan: Plan | None = None, findings: Sequence[PlanFinding] = ()) -> None:
        self.mode = widgets.ToggleButtons(options=[("Woche", "woche"), ("Monat", "monat")], value="woche",
                                          description="Ansicht:")
        self.back = widgets.Button(description="‹ zurück", tooltip="vorheriger Zeitraum")
        self.first = widgets.Button(description="Planbeginn", tooltip="zum ersten Beitrag springen")
        self.forward = widgets.Button(description="weiter ›", tooltip="nächster Zeitraum")
        self.grid = widgets.HTML()
        self.plan = plan or Plan(source="")
        self.findings = list(findings)
        self.start = date.today()
        self.back.on_click(lambda _b: self._step(-1))
        self.forward.on_click(lambda _b: self._step(1))
        self.first.on_click(lambda _b: self._jump_to_first())
        self.mode.observe(lambda _c: self.render(), names="value")
        super().__init__([widgets.HBox([self.mode, self.back, self.first, self.forward]), self.grid])
        self.show(self.plan, self.findings)

    def show(self, plan: Plan, findings: Sequence[PlanFinding]) -> None:
        """Display a (new) plan, starting at its first post."""
        self.plan, self.findings = plan, list(findings)
        self._jump_to_first()

    def _jump_to_first(self) -> None:
        posts = self.plan.dated_posts
        self.start = (posts[0].datum if posts else None) or date.today()
        self.render()

    def _step(self, direction: int) -> None:
        if self.mode.value == "woche":
            self.start += timedelta(weeks=direction)
        else:
            month = self.start.month - 1 + direction
            self.start = date(self.start.year + month // 12, month % 12 + 1, 1)
        self.render()

    def render(self) -> None:
        """Redraw the grid for the current period."""
        self.grid.value = calendar_html(self.plan, self.findings, self.start, self.mode.value)


def findings_html(findings: Sequence[PlanFinding]) -> str:
    """Table of findings (row, severity, rule, message, threshold) for the app and notebooks."""
    if not findings:
        return '<div class="ks-findings" style="color:#2e7d32;font-weight:600">Keine Auffälligkeiten gefunden.</div>'
    rows = "".join(
        f'<tr data-rule="{esc(f.rule)}"><td style="padding:3px 6px;text-align:right">{f.row}</td>'
        f'<td style="padding:3px 6px">{severity_badge(f.severity)}</td>'
        f'<td style="padding:3px 6px">{esc(RULE_LABELS.get(f.rule, f.rule))}</td>'
        f'<td style="padding:3px 6px">{esc(f.message)}'
        f'<div style="color:#546e7a;font-size:0.85em">Schwelle: {esc(f.threshold or "–")}</div></td></tr>'
        for f in findings
    )
    return (
        '<table class="ks-findings" style="border-collapse:collapse;width:100%">'
        '<thead><tr style="background:#eceff1"><th>Zeile</th><th>Schwere</th><th>Regel</th><th>Meldung</th></tr>'
        f"</thead><tbody>{rows}</tbody></table>"
    )
