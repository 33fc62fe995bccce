"""Small shared HTML helpers for the widgets: escaping, badges, traffic light, highlighting, footer.

Everything here returns HTML strings with inline CSS only (no network, no
classes that need a stylesheet). Text from users is always escaped here.
"""

from __future__ import annotations

import base64
import datetime as _dt
import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from kommsocial import _german
from kommsocial._findings import SEVERITY_RANK

SEVERITY_COLORS = {"fehler": "#c62828", "warnung": "#ef6c00", "hinweis": "#1565c0"}
SEVERITY_BACKGROUNDS = {"fehler": "#ffcdd2", "warnung": "#ffe0b2", "hinweis": "#d7e8fb"}
SEVERITY_LABELS = {"fehler": "Fehler", "warnung": "Warnung", "hinweis": "Hinweis"}

TRAFFIC_COLORS = {"rot": "#d32f2f", "gelb": "#f9a825", "gruen": "#2e7d32"}
TRAFFIC_LABELS = {
    "rot": "Rot: Bitte überarbeiten Sie den Text, bevor Sie ihn veröffentlichen.",
    "gelb": "Gelb: Veröffentlichen möglich, aber prüfen Sie die Hinweise.",
    "gruen": "Grün: Keine Probleme gefunden.",
}


def esc(text: object) -> str:
    """Escape any value for HTML text and attribute positions (quotes included)."""
    return html.escape("" if text is None else str(text), quote=True)


def badge(label: str, color: str = "#546e7a", *, title: str | None = None) -> str:
    """A small rounded label with white text."""
    tip = f' title="{esc(title)}"' if title else ""
    return (
        f'<span{tip} style="display:inline-block;padding:1px 8px;border-radius:10px;'
        f'background:{esc(color)};color:#fff;font-size:0.85em;line-height:1.5;'
        f'margin-right:4px;white-space:nowrap">{esc(label)}</span>'
    )


def severity_badge(severity: str) -> str:
    """Badge in the colour of a finding severity (Fehler/Warnung/Hinweis)."""
    return badge(SEVERITY_LABELS.get(severity, severity), SEVERITY_COLORS.get(severity, "#546e7a"))


def traffic_light(state: str, *, label: str | None = None) -> str:
    """An Ampel with three lamps; the active one (rot/gelb/gruen) is lit, the others dimmed."""
    lamps = []
    for name in ("rot", "gelb", "gruen"):
        lit = name == state
        color = TRAFFIC_COLORS[name] if lit else "#cfd8dc"
        glow = f"box-shadow:0 0 6px {TRAFFIC_COLORS[name]};" if lit else ""
        lamps.append(
            f'<span data-lamp="{name}" data-lit="{str(lit).lower()}" style="display:inline-block;'
            f'width:18px;height:18px;border-radius:50%;margin:2px;background:{color};{glow}"></span>'
        )
    text = label if label is not None else TRAFFIC_LABELS.get(state, state)
    return (
        f'<div class="ks-ampel" data-state="{esc(state)}" style="display:flex;align-items:center;gap:8px">'
        f'<span role="img" aria-label="Ampel {esc(state)}" style="display:inline-flex;flex-direction:column;'
        f'background:#37474f;border-radius:8px;padding:3px">{"".join(lamps)}</span>'
        f'<span style="font-weight:600">{esc(text)}</span></div>'
    )


def german_date(value: object) -> str:
    """A date (or ISO date string) as TT.MM.JJJJ; anything else unchanged as text."""
    if isinstance(value, str):
        try:
            return _german.datum(_dt.date.fromisoformat(value))
        except ValueError:
            return value
    if isinstance(value, (_dt.date, _dt.datetime)):
        return _german.datum(value)
    return "" if value is None else str(value)


def stand_footer(stand: object, *, quelle: str | Sequence[str] | None = None, rechtsberatung: bool = True) -> str:
    """Footer line "Stand: …" (German date), optional sources, and the note "keine Rechtsberatung"."""
    parts = [esc(_german.stand(german_date(stand)))]
    if quelle:
        quellen = [quelle] if isinstance(quelle, str) else list(quelle)
        parts.append("Quelle: " + "; ".join(esc(q) for q in quellen))
    if rechtsberatung:
        parts.append("Dies ist keine Rechtsberatung. Klären Sie Einzelfälle mit Ihrem Rechtsamt.")
    return (
        '<div class="ks-stand" style="margin-top:8px;padding-top:4px;border-top:1px solid #cfd8dc;'
        'color:#546e7a;font-size:0.85em">' + " · ".join(parts) + "</div>"
    )


@dataclass(frozen=True)
class Span:
    """A character range [start, end) to mark, with tooltip text and severity."""

    start: int
    end: int
    title: str
    severity: str = "hinweis"


def highlight(text: str, spans: Iterable[Span]) -> str:
    """Escape `text` and wrap every marked range in <mark title=...>; overlapping ranges are merged.

    The text is cut at every span boundary; each piece covered by at least one
    span becomes one <mark> whose tooltip lists all covering messages and whose
    colour is the worst covering severity. Marks are therefore never nested.
    """
    n = len(text)
    clean = [s for s in spans if s.end > s.start and s.start < n and s.end > 0]
    if not clean:
        return esc(text)
    cuts = {0, n}
    for s in clean:
        cuts.add(max(0, s.start))
        cuts.add(min(n, s.end))
    bounds = sorted(cuts)
    out: list[str] = []
    for a, b in pairwise(bounds):
        piece = text[a:b]
        covering = [s for s in clean if s.start <= a and s.end >= b]
        if not covering:
            out.append(esc(piece))
            continue
        worst = min(covering, key=lambda s: SEVERITY_RANK.get(s.severity, 3)).severity
        titles = list(dict.fromkeys(s.title for s in covering))
        out.append(
            f'<mark data-severity="{esc(worst)}" title="{esc(" | ".join(titles))}" '
            f'style="background:{SEVERITY_BACKGROUNDS.get(worst, "#fff59d")};'
            f'border-bottom:2px solid {SEVERITY_COLORS.get(worst, "#f9a825")};padding:0 1px">'
            f"{esc(piece)}</mark>"
        )
    return "".join(out)


def text_block(inner_html: str) -> str:
    """A box that keeps line breaks of already escaped text (white-space: pre-wrap)."""
    return (
        '<div class="ks-text" style="white-space:pre-wrap;word-wrap:break-word;font-family:inherit;'
        'border:1px solid #cfd8dc;border-radius:6px;padding:8px;background:#fafafa;line-height:1.5">'
        f"{inner_html}</div>"
    )


def box(inner_html: str, *, title: str | None = None, color: str = "#cfd8dc") -> str:
    """A titled panel with a thin border."""
    head = f'<div style="font-weight:600;margin-bottom:4px">{esc(title)}</div>' if title else ""
    return (
        f'<div style="border:1px solid {esc(color)};border-radius:6px;padding:8px;margin:4px 0">'
        f"{head}{inner_html}</div>"
    )


def download_link(content: str | bytes, filename: str, mime: str, label: str) -> str:
    """A link that downloads `content` as a file (data URI: works offline and in Voilà). Text is sent as UTF-8."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    charset = ";charset=utf-8" if isinstance(content, str) else ""
    b64 = base64.b64encode(data).decode("ascii")
    return (f'<a class="ks-download" download="{esc(filename)}" href="data:{esc(mime)}{charset};base64,{b64}" '
            f'style="font-weight:600;margin-right:16px">{esc(label)}</a>')


def feedback_line(text: str, *, ok: bool) -> str:
    """One line of an exercise's feedback: green when it is right, red when something is still missing."""
    return f'<div style="color:{"#2e7d32" if ok else "#c62828"}">{esc(text)}</div>'
