"""HTML views of text-analysis `Report`s: Ampel, readability gauge, counters, marked text, findings.

Pure functions from engine results to HTML strings, shared by the post editor
and anyone else who shows a Report (crisis statements, notebooks). No analysis
happens here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from kommsocial._german import decimal
from kommsocial.text.readability import band_for, lesbarkeit  # the bands are text data; the gauge draws them
from kommsocial.text.report import Finding, Report
from kommsocial.ui._html import (
    SEVERITY_RANK,
    Span,
    badge,
    esc,
    highlight,
    severity_badge,
    text_block,
    traffic_light,
)


def de_number(value: float, digits: int = 1) -> str:
    """A number with German decimal comma, e.g. 63,2."""
    return decimal(value, digits)


def gauge_html(value: float, *, minimum: float | None = None, minimum_label: str | None = None) -> str:
    """Horizontal Flesch-Amstad scale 0–100 with coloured bands, a marker and the visible threshold.

    Args:
        value: Flesch-Amstad reading ease of the text.
        minimum: the house style's lower bound, if any; drawn as a dashed line.
        minimum_label: where the bound comes from, e.g. "Hausstil Musterstadt".
    """
    data = lesbarkeit()
    band = band_for(value)
    pos = min(100.0, max(0.0, value))
    segments = "".join(
        f'<div title="{esc(b.name)}: {de_number(b.von, 0)}–{de_number(b.bis, 0)}" style="position:absolute;'
        f'left:{b.von}%;width:{b.bis - b.von}%;top:0;bottom:0;background:{esc(b.farbe)};opacity:0.85"></div>'
        for b in data.baender
    )
    ticks = "".join(
        f'<span style="position:absolute;left:{b.von}%;transform:translateX(-50%)">{de_number(b.von, 0)}</span>'
        for b in data.baender[1:]
    )
    if minimum is not None:
        target = min(100.0, max(0.0, minimum))
        line = (f'<div title="Mindestwert {de_number(minimum, 0)}" style="position:absolute;left:{target}%;'
                'top:-4px;bottom:-4px;border-left:3px dashed #263238"></div>')
        ok = value >= minimum
        src = f" ({esc(minimum_label)})" if minimum_label else ""
        goal = (f'Mindestwert: {de_number(minimum, 0)}{src} – '
                + ("erreicht." if ok else "noch nicht erreicht: Kürzen Sie Sätze und wählen Sie kürzere Wörter."))
    else:
        o = data.orientierung
        line = (f'<div title="Orientierung {de_number(o.von, 0)}–{de_number(o.bis, 0)}" style="position:absolute;'
                f'left:{o.von}%;width:{o.bis - o.von}%;top:-4px;bottom:-4px;border:2px dashed #263238"></div>')
        goal = f"Orientierung für Sachtexte: {de_number(o.von, 0)}–{de_number(o.bis, 0)} ({esc(o.quelle)})."
    marker = (f'<div style="position:absolute;left:{pos}%;top:-7px;transform:translateX(-50%);'
              'font-size:16px;line-height:1">▼</div>')
    return (
        f'<div class="ks-gauge" data-band="{esc(band.name)}" data-value="{value:.1f}" style="margin:6px 0">'
        f'<div style="font-weight:600">Lesbarkeit (Flesch-Amstad): {de_number(value)} – '
        f'<span class="ks-band">{esc(band.name)}</span></div>'
        f'<div style="position:relative;height:14px;margin:10px 0 2px;border-radius:3px">{segments}{line}{marker}</div>'
        f'<div style="position:relative;height:14px;font-size:0.75em;color:#546e7a">'
        f'<span style="position:absolute;left:0">0</span>{ticks}'
        f'<span style="position:absolute;right:0">100</span></div>'
        f'<div style="font-size:0.85em;color:#37474f">{goal} Skala: 0 = sehr schwer, 100 = sehr leicht.</div>'
        "</div>"
    )


@dataclass
class MergedFinding:
    """A finding shown once, with the platforms it applies to."""

    finding: Finding
    platforms: list[str] = field(default_factory=list)


def merge_findings(reports: Mapping[str, Report]) -> list[MergedFinding]:
    """Findings of several reports for the same text, de-duplicated, in text order."""
    merged: dict[tuple, MergedFinding] = {}
    for pid, report in reports.items():
        for f in report.findings:
            key = (f.rule, f.start, f.end, f.message)
            merged.setdefault(key, MergedFinding(f)).platforms.append(pid)
    return sorted(merged.values(), key=lambda m: (m.finding.start, SEVERITY_RANK.get(m.finding.severity, 3)))


def worst_light(reports: Mapping[str, Report]) -> str:
    """The worst Ampel state over all reports (rot > gelb > gruen)."""
    states = [r.traffic_light for r in reports.values()]
    for state in ("rot", "gelb"):
        if state in states:
            return state
    return "gruen"


def ampel_html(reports: Mapping[str, Report]) -> str:
    """Ampel over all selected platforms."""
    return traffic_light(worst_light(reports)) if reports else ""


def counters_html(reports: Mapping[str, Report], names: Mapping[str, str] | None = None) -> str:
    """One badge per platform: counted / limit unit, red when over the limit."""
    names = names or {}
    parts = []
    for pid, r in reports.items():
        over = r.length.counted > r.length.limit
        label = f"{names.get(pid, pid)}: {r.length.counted} / {r.length.limit} {r.length.unit}"
        parts.append(badge(label, "#c62828" if over else "#2e7d32",
                           title="zu lang" if over else "passt"))
    return f'<div class="ks-zaehler-liste">{"".join(parts)}</div>'


def marked_text_html(text: str, merged: list[MergedFinding]) -> str:
    """The escaped text with every finding span wrapped in <mark title="message">."""
    spans = [Span(m.finding.start, m.finding.end, m.finding.message, m.finding.severity) for m in merged]
    return text_block(highlight(text, spans))


def findings_html(merged: list[MergedFinding], names: Mapping[str, str] | None = None,
                  all_platforms: int | None = None) -> str:
    """List of findings: severity, German message, suggestion, applied threshold, affected platforms."""
    if not merged:
        return '<div class="ks-befunde" style="color:#2e7d32">Keine Auffälligkeiten gefunden.</div>'
    names = names or {}
    items = []
    for m in merged:
        f = m.finding
        extra = ""
        if f.suggestion:
            extra += f'<div style="color:#2e7d32">Vorschlag: {esc(f.suggestion)}</div>'
        if f.threshold:
            extra += f'<div style="color:#607d8b;font-size:0.85em">Angewandt: {esc(f.threshold)}</div>'
        if all_platforms is not None and len(m.platforms) < all_platforms:
            where = ", ".join(names.get(p, p) for p in m.platforms)
            extra += f'<div style="color:#607d8b;font-size:0.85em">Betrifft: {esc(where)}</div>'
        items.append(
            f'<li data-rule="{esc(f.rule)}" data-severity="{esc(f.severity)}" style="margin-bottom:6px">'
            f"{severity_badge(f.severity)}{esc(f.message)}{extra}</li>"
        )
    return f'<ul class="ks-befunde" style="padding-left:18px;margin:4px 0">{"".join(items)}</ul>'
