"""Debrief view: score per dimension (bars), timeline plot, missed expectations, items per post, HTML export.

Thin view over `Debrief` (crisis/debrief.py), `timeline_figure` (crisis/plot.py) and
`debrief_html` (crisis/report_html.py). Every text from scenario or user is escaped.
"""

from __future__ import annotations

import io
import tempfile
from collections.abc import Callable
from pathlib import Path

import ipywidgets as widgets

from kommsocial.crisis.debrief import Debrief
from kommsocial.crisis.schema import DIMENSION_LABELS, DIMENSIONS
from kommsocial.errors import KommSocialError
from kommsocial.ui._html import download_link, esc
from kommsocial.ui.crisis_feed import minute_label


def _color(value: int) -> str:
    return "#2b8a3e" if value >= 70 else "#e67700" if value >= 40 else "#c92a2a"


def scores_html(debrief: Debrief) -> str:
    """Overall score and one bar per dimension."""
    score = debrief.score
    rows = "".join(
        f'<div class="ks-dim" data-dim="{esc(dim)}" data-wert="{score.dimensions.get(dim, 0)}" '
        f'style="display:grid;grid-template-columns:10rem 1fr 3rem;gap:8px;align-items:center;margin:3px 0">'
        f'<span>{esc(DIMENSION_LABELS[dim])}</span><div style="background:#e9ecef;border-radius:4px;height:14px">'
        f'<div style="width:{score.dimensions.get(dim, 0)}%;height:100%;border-radius:4px;'
        f'background:{_color(score.dimensions.get(dim, 0))}"></div></div><b>{score.dimensions.get(dim, 0)}</b></div>'
        for dim in DIMENSIONS
    )
    return (
        f'<div class="ks-debrief-scores"><div class="ks-gesamt" data-wert="{score.gesamt}">'
        f'<span style="font-size:2.2em;font-weight:700;color:{_color(score.gesamt)}">{score.gesamt}</span> '
        f'<span style="color:#6c757d">von 100 Punkten · ausgewertet bis {esc(minute_label(debrief.minute))}</span>'
        f"</div>{rows}</div>"
    )


def missed_html(debrief: Debrief) -> str:
    """Missed expectations with the explanation why they matter; then the met ones."""
    missed = [e for e in debrief.expectations if e.status == "verfehlt"]
    met = [e for e in debrief.expectations if e.status == "erfuellt"]
    parts = ['<div class="ks-verfehlt">']
    if missed:
        parts.append("<h4>Verpasste Erwartungen</h4><ul>")
        parts.extend(
            f'<li data-id="{esc(e.id)}"><b>{esc(e.beschreibung)}</b> '
            f'<span style="color:#6c757d">({esc(DIMENSION_LABELS[e.dimension])})</span>'
            f'<div>{esc(e.erklaerung)}</div></li>' for e in missed)
        parts.append("</ul>")
    else:
        weak = [DIMENSION_LABELS[d] for d in DIMENSIONS if debrief.score.dimensions.get(d, 0) < 40]
        if weak:
            # A bar at 0 next to a bare "nothing missed" reads as a contradiction: say where the points went.
            parts.append('<div style="color:#e67700">Keine der festen Erwartungen verpasst. Trotzdem schwach: '
                         f'{esc(", ".join(weak))}. Die Hinweise zu Ihren Beiträgen sagen, warum.</div>')
        else:
            parts.append('<div style="color:#2b8a3e">Keine Erwartung verpasst.</div>')
    if met:
        parts.append("<h4>Erfüllt</h4><ul>" + "".join(
            f'<li>{esc(e.beschreibung)} <span style="color:#6c757d">({esc(minute_label(e.minute))})</span></li>'
            for e in met) + "</ul>")
    if debrief.notes:
        parts.append("<h4>Beobachtungen</h4><ul>" + "".join(
            f'<li>{esc(minute_label(n.minute))} · {esc(DIMENSION_LABELS[n.dimension])}: {esc(n.text)}</li>'
            for n in debrief.notes) + "</ul>")
    parts.append("</div>")
    return "".join(parts)


def own_timeline_html(debrief: Debrief) -> str:
    """The own actions and decisions as a list (the plot shows them as markers), in German labels."""
    own = [t for t in debrief.timeline if t.art != "inject"]
    if not own:
        return '<div class="ks-eigene-zeitleiste" style="color:#6c757d">Sie haben noch nichts veröffentlicht.</div>'
    # A moderation has no text of its own: no dash with nothing after it.
    return '<ul class="ks-eigene-zeitleiste">' + "".join(
        f'<li>{esc(minute_label(t.minute))}: {esc(t.beschreibung or t.art)}'
        + (f' – <span style="white-space:pre-wrap">{esc(t.text)}</span>' if t.text.strip() else "")
        + "</li>"
        for t in own) + "</ul>"


def posts_html(debrief: Debrief) -> str:
    """Per own post or reply: which assessment items it met and which it missed, with what to change."""
    if not debrief.posts:
        return '<div class="ks-beitraege"></div>'
    parts = ['<div class="ks-beitraege"><h4>Ihre Beiträge im Einzelnen</h4>']
    for post in debrief.posts:
        head = post.aktion + (f" auf {post.ziel}" if post.ziel else "")
        parts.append(
            f'<div class="ks-beitrag" style="border-left:3px solid #ced4da;padding:2px 8px;margin:6px 0">'
            f'<div style="color:#6c757d">{esc(minute_label(post.minute))} · {esc(head)}</div>'
            f'<div style="white-space:pre-wrap">{esc(post.text)}</div>')
        if post.verfehlt:
            parts.append('<div style="color:#c92a2a;font-weight:600">Nicht erfüllt:</div>'
                         '<ul class="ks-verfehlt-punkte">'
                         + "".join(f"<li><b>{esc(c.titel)}</b> ({esc(c.bereich)}): {esc(c.rueckmeldung)}</li>"
                                   for c in post.verfehlt) + "</ul>")
        if post.erfuellt:
            # Each met item once (several checks of one item, e.g. one per official fact, share a title).
            parts.append('<div style="color:#2b8a3e">Erfüllt: '
                         + esc(", ".join(dict.fromkeys(c.titel for c in post.erfuellt))) + "</div>")
        parts.append("</div>")
    parts.append("</div>")
    return "".join(parts)


def download_link_html(page: str, filename: str = "nachbesprechung.html") -> str:
    """The link that downloads the debrief's HTML export."""
    return download_link(page, filename, "text/html", "Nachbesprechung als HTML herunterladen")


def timeline_png(debrief: Debrief) -> bytes:
    """The timeline plot as PNG bytes (matplotlib is imported only here)."""
    from kommsocial.crisis.plot import timeline_figure

    fig = timeline_figure(debrief)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=90)
    return buf.getvalue()


class DebriefView(widgets.VBox):
    """Shows a debrief; `load` is a function returning the current Debrief (button "Jetzt auswerten")."""

    def __init__(self, load: Callable[[], Debrief], *, plot: bool = True) -> None:
        self.load = load
        self.plot = plot
        self.debrief: Debrief | None = None
        self.export_html: str | None = None
        self.button = widgets.Button(description="Jetzt auswerten", icon="chart-bar", button_style="info")
        self.button.add_class("ks-auswerten")
        self.button.on_click(lambda _b: self.refresh())
        self.scores = widgets.HTML()
        self.image = widgets.Image(format="png", layout=widgets.Layout(max_width="100%", display="none"))
        self.own = widgets.HTML()
        self.missed = widgets.HTML()
        self.posts = widgets.HTML()
        self.export = widgets.HTML()
        self.save_button = widgets.Button(description="Als Datei speichern", icon="save")
        self.save_button.on_click(lambda _b: self.save())
        self.message = widgets.HTML(
            '<div style="color:#6c757d">Klicken Sie auf „Jetzt auswerten“. Die Auswertung zählt alles bis zur '
            "aktuellen Minute; nach dem Ende der Übung ist sie vollständig.</div>")
        for w, cls in ((self.scores, "ks-debrief-w"), (self.own, "ks-eigene-w"), (self.missed, "ks-verfehlt-w")):
            w.add_class(cls)
        super().__init__([
            self.button, self.message, self.scores, self.image,
            widgets.HTML("<h4>Ihre Aktionen</h4>"), self.own, self.missed, self.posts,
            widgets.HBox([self.save_button]), self.export,
        ])
        self.add_class("ks-debrief")

    def refresh(self) -> Debrief | None:
        """Evaluate now and show scores, plot, missed expectations and the export link."""
        from kommsocial.crisis.report_html import debrief_html

        try:
            debrief = self.load()
        except KommSocialError as exc:
            self.message.value = f'<div style="color:#c92a2a">{esc(exc)}</div>'
            return None
        self.debrief = debrief
        self.message.value = (f'<h3 style="margin:4px 0">Nachbesprechung: {esc(debrief.titel)}</h3>'
                              '<div style="color:#6c757d">Übungsszenario – alle Ereignisse sind erfunden.</div>')
        self.scores.value = scores_html(debrief)
        if self.plot:
            self.image.value = timeline_png(debrief)
            self.image.layout.display = None
        self.own.value = own_timeline_html(debrief)
        self.missed.value = missed_html(debrief)
        self.posts.value = posts_html(debrief)
        self.export_html = debrief_html(debrief)
        self.export.value = download_link_html(self.export_html)
        return debrief

    def save(self, folder: str | Path | None = None) -> Path | None:
        """Write the HTML export into a (temporary) folder and show where it is."""
        from kommsocial.crisis.report_html import write_debrief_html

        debrief = self.debrief or self.refresh()
        if debrief is None:
            return None
        folder = Path(folder) if folder else Path(tempfile.mkdtemp(prefix="kommsocial-nachbesprechung-"))
        path = write_debrief_html(debrief, folder / "nachbesprechung.html")
        self.export.value = (download_link_html(self.export_html or "") +
                             f'<div>Gespeichert unter: <code>{esc(path)}</code></div>')
        return path
