"""Self-contained HTML export of a debrief (inline CSS, every text escaped, no network)."""

from __future__ import annotations

import html
from pathlib import Path

from kommsocial._io import atomic_write
from kommsocial.crisis.actions import ACTION_LABELS
from kommsocial.crisis.debrief import STATUS_LABELS, Debrief
from kommsocial.crisis.schema import CHANNEL_LABELS, DIMENSION_LABELS, DIMENSIONS

_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;max-width:60rem;margin:2rem auto;
padding:0 1rem;color:#1d2733;line-height:1.45}
h1{font-size:1.5rem;margin-bottom:.2rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #d5dbe3}
.gesamt{font-size:2.4rem;font-weight:700}.sub{color:#5b6775}
.dim{display:grid;grid-template-columns:11rem 1fr 3rem;gap:.5rem;align-items:center;margin:.25rem 0}
.bar{background:#e7ebf0;border-radius:4px;height:.9rem}.bar span{display:block;height:100%;border-radius:4px}
table{border-collapse:collapse;width:100%;font-size:.92rem}td,th{border-bottom:1px solid #e2e6eb;
padding:.35rem .4rem;text-align:left;vertical-align:top}
.erfuellt{color:#1e7a34;font-weight:600}.verfehlt{color:#b3261e;font-weight:600}.offen,.entfallen{color:#6b7280}
.own td{background:#eef6ff}.min{white-space:nowrap;color:#5b6775}
footer{margin-top:2rem;font-size:.8rem;color:#6b7280}
"""


def _e(value: object) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def _color(score: int) -> str:
    return "#1e7a34" if score >= 70 else "#c77c02" if score >= 40 else "#b3261e"


def _minute(value: float | None) -> str:
    return "–" if value is None else f"Min. {value:g}"


def debrief_html(debrief: Debrief, *, title: str | None = None) -> str:
    """The debrief as one HTML page (opens offline, printable)."""
    score = debrief.score
    parts = [
        "<!DOCTYPE html><html lang=\"de\"><head><meta charset=\"utf-8\">",
        f"<title>{_e(title or 'Nachbesprechung: ' + debrief.titel)}</title><style>{_CSS}</style></head><body>",
        f"<h1>Nachbesprechung: {_e(debrief.titel)}</h1>",
        (f"<p class=\"sub\">Szenario „{_e(debrief.scenario)}“ · Seed {_e(debrief.seed)} · "
        f"ausgewertet bis Minute {debrief.minute:g} · Übungsszenario, alle Ereignisse sind erfunden</p>"),
        (f"<p><span class=\"gesamt\" style=\"color:{_color(score.gesamt)}\">{score.gesamt}</span> "
        "<span class=\"sub\">von 100 Punkten (gesamt)</span></p>"),
        "<h2>Bewertung nach Bereichen</h2>",
    ]
    for dim in DIMENSIONS:
        value = score.dimensions.get(dim, 0)
        parts.append(
            f"<div class=\"dim\"><span>{_e(DIMENSION_LABELS[dim])}</span><div class=\"bar\">"
            f"<span style=\"width:{value}%;background:{_color(value)}\"></span></div><b>{value}</b></div>"
        )
    parts.append("<h2>Erwartungen</h2><table><tr><th>Status</th><th>Erwartung</th><th>Bereich</th><th>Hinweis</th></tr>")
    for exp in debrief.expectations:
        hint = exp.erklaerung if exp.status == "verfehlt" else (_minute(exp.minute) if exp.minute is not None else "")
        parts.append(
            f"<tr><td class=\"{_e(exp.status)}\">{_e(STATUS_LABELS[exp.status])}</td><td>{_e(exp.beschreibung)}</td>"
            f"<td>{_e(DIMENSION_LABELS[exp.dimension])}</td><td>{_e(hint)}</td></tr>"
        )
    parts.append("</table>")
    if debrief.decisions:
        parts.append("<h2>Entscheidungen</h2><table>"
                     "<tr><th>Frage</th><th>Ihre Wahl</th><th>Wirkung</th><th>Erklärung</th></tr>")
        for dec in debrief.decisions:
            effect = ", ".join(f"{DIMENSION_LABELS[k]} {v:+d}" for k, v in dec.wirkung.items()) or "–"
            parts.append(
                f"<tr><td>{_e(dec.frage)}</td><td>{_e(dec.option_text or 'keine Entscheidung')}</td>"
                f"<td>{_e(effect)}</td><td>{_e(dec.erklaerung)}</td></tr>"
            )
        parts.append("</table>")
    if debrief.notes:
        parts.append("<h2>Beobachtungen</h2><table><tr><th>Minute</th><th>Bereich</th><th>Beobachtung</th></tr>")
        for note in debrief.notes:
            parts.append(
                f"<tr><td class=\"min\">{_e(_minute(note.minute))}</td><td>{_e(DIMENSION_LABELS[note.dimension])}</td>"
                f"<td>{_e(note.text)}</td></tr>"
            )
        parts.append("</table>")
    if debrief.posts:
        parts.append("<h2>Ihre Beiträge im Einzelnen</h2><table><tr><th>Minute</th><th>Beitrag</th>"
                     "<th>Nicht erfüllt</th><th>Erfüllt</th></tr>")
        for post in debrief.posts:
            head = post.aktion + (f" auf {post.ziel}" if post.ziel else "")
            missed = "".join(f"<li><b>{_e(c.titel)}</b>: {_e(c.rueckmeldung)}</li>" for c in post.verfehlt)
            met = ", ".join(c.titel for c in post.erfuellt)
            parts.append(
                f"<tr><td class=\"min\">{_e(_minute(post.minute))}</td><td><b>{_e(head)}</b><br>{_e(post.text)}</td>"
                f"<td class=\"verfehlt\">{'<ul>' + missed + '</ul>' if missed else '–'}</td>"
                f"<td>{_e(met or '–')}</td></tr>"
            )
        parts.append("</table>")
    parts.append("<h2>Zeitleiste</h2><table><tr><th>Minute</th><th>Wer</th><th>Kanal</th><th>Text</th></tr>")
    for entry in debrief.timeline:
        own = entry.art != "inject"
        channel = CHANNEL_LABELS.get(entry.kanal or "", entry.kanal or "")
        text = entry.text
        if entry.art == "entscheidung":
            text = f"{entry.beschreibung or 'Entscheidung'} – Ihre Wahl: {entry.text}"
        elif entry.art == "aktion":
            label = entry.beschreibung or ACTION_LABELS.get(entry.aktion or "", entry.aktion or "")
            text = f"{label}: {text}" if text else label
        parts.append(
            f"<tr class=\"{'own' if own else ''}\"><td class=\"min\">{_e(_minute(entry.minute))}</td>"
            f"<td>{_e(entry.wer)}</td><td>{_e(channel)}</td><td>{_e(text)}</td></tr>"
        )
    parts.append("</table><footer>Erstellt mit KommSocial (Krisen-Simulator). "
                 "Übung in einer fiktiven Kommune.</footer>")
    parts.append("</body></html>")
    return "\n".join(parts)


def write_debrief_html(debrief: Debrief, path: str | Path) -> Path:
    """Write the HTML export through a temp file and rename (never a half-written file)."""
    return atomic_write(path, debrief_html(debrief).encode("utf-8"))
