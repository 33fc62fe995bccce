"""Post editor widget: type a post, see findings, Ampel, readability, counters and previews live.

A thin view: every number and finding comes from `kommsocial.text.analyze`;
this module only wires widgets, debounces typing and renders the reports.

    from kommsocial.ui.post_editor import PostEditor
    PostEditor("Text …", platforms=["x", "mastodon"])
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import ipywidgets as widgets

from kommsocial import platforms as platform_rules
from kommsocial.errors import KommSocialError
from kommsocial.text.report import Report
from kommsocial.ui import report_view
from kommsocial.ui._html import esc
from kommsocial.ui.debounce import DEFAULT_DELAY, Debouncer, Scheduler
from kommsocial.ui.platform_preview import previews_html

Analyzer = Callable[..., Report]
EMPTY_HINT = '<div style="color:#546e7a">Geben Sie oben einen Text ein. Die Prüfung startet beim Tippen.</div>'


def _default_analyzer() -> Analyzer:
    from kommsocial.text import analyze

    return analyze


def _house_flesch_min(hausstil: Any) -> tuple[float | None, str | None]:
    """The readability lower bound the engine applies, and where it comes from ("Standard"/"Hausstil …")."""
    from kommsocial.text import hausstil as hausstil_mod

    style = hausstil_mod.load(hausstil)
    label = style.source("lesbarkeit", "flesch_min").strip("()")
    return style.lesbarkeit.flesch_min, label


class PostEditor(widgets.VBox):
    """Editor with live checks for one post on several platforms.

    Args:
        text: initial post text.
        platforms: platform ids selected at the start (e.g. ["x", "instagram"]).
        alt_text: initial alternative text for an attached image.
        image: whether "Bild anhängen" is ticked at the start.
        hausstil: path or loaded house style, passed through to the engine.
        delay: seconds of quiet typing before the analysis runs.
        scheduler: timer function for the debouncer (tests inject a fake one).
        analyzer: the analysis function (defaults to `kommsocial.text.analyze`).
        flesch_min: lower readability bound to draw on the gauge; defaults to the house style's.
        flesch_min_label: where that bound comes from, shown next to it.
        title: optional heading above the editor.
    """

    def __init__(self, text: str = "", platforms: Iterable[str] = ("x",), *, alt_text: str = "",
                 image: bool = False, hausstil: Any = None, delay: float = DEFAULT_DELAY,
                 scheduler: Scheduler | None = None, analyzer: Analyzer | None = None,
                 flesch_min: float | None = None, flesch_min_label: str | None = None,
                 title: str | None = None) -> None:
        self.hausstil = hausstil
        if flesch_min is None:
            flesch_min, flesch_min_label = _house_flesch_min(hausstil)
        self.flesch_min = flesch_min
        self.flesch_min_label = flesch_min_label
        self._analyze = analyzer or _default_analyzer()
        self.reports: dict[str, Report] = {}
        self.error: str | None = None
        self.names = {pid: rules.name for pid, rules in platform_rules.platforms().items()}
        wanted = {p.strip().lower() for p in platforms}
        unknown = wanted - set(self.names)
        if unknown:
            platform_rules.get(sorted(unknown)[0])  # raises the German InputError listing valid ids

        self.text_area = widgets.Textarea(
            value=text, placeholder="Ihr Beitrag …", continuous_update=True,
            layout=widgets.Layout(width="100%", height="160px"),
        )
        self.text_area.add_class("ks-post-text")
        self.platform_boxes = {
            pid: widgets.Checkbox(value=pid in wanted, description=name, indent=False,
                                  layout=widgets.Layout(width="auto", margin="0 12px 0 0"))
            for pid, name in self.names.items()
        }
        self.image_box = widgets.Checkbox(value=image, description="Bild anhängen", indent=False,
                                          layout=widgets.Layout(width="auto"))
        self.alt_area = widgets.Textarea(
            value=alt_text, placeholder="Alternativtext: Was ist auf dem Bild zu sehen?",
            continuous_update=True, layout=widgets.Layout(width="100%", height="60px"),
        )
        self.alt_area.add_class("ks-alt-text")
        self.alt_label = widgets.HTML("<b>Alternativtext zum Bild</b> (für Menschen, die das Bild nicht sehen)")
        self.alt_row = widgets.VBox([self.alt_label, self.alt_area])

        self.ampel = widgets.HTML()
        self.gauge = widgets.HTML()
        self.counters = widgets.HTML()
        self.marked = widgets.HTML()
        self.findings = widgets.HTML()
        self.previews = widgets.HTML()
        for w, cls in ((self.ampel, "ks-ampel-w"), (self.marked, "ks-markiert"),
                       (self.findings, "ks-befunde-w"), (self.previews, "ks-vorschau")):
            w.add_class(cls)

        self.debouncer = Debouncer(self.update_now, delay=delay, scheduler=scheduler)
        for w in (self.text_area, self.alt_area, self.image_box, *self.platform_boxes.values()):
            w.observe(self._changed, names="value")
        self.image_box.observe(self._toggle_alt, names="value")
        self._toggle_alt()

        head = [widgets.HTML(f"<h3>{esc(title)}</h3>")] if title else []
        super().__init__(head + [
            widgets.HTML("<b>Ihr Beitrag</b>"),
            self.text_area,
            widgets.HTML("<b>Plattformen</b>"),
            widgets.HBox(list(self.platform_boxes.values()), layout=widgets.Layout(flex_flow="row wrap")),
            self.image_box,
            self.alt_row,
            self.ampel,
            self.counters,
            self.gauge,
            widgets.HTML("<b>Ihr Text mit Markierungen</b> (Maus über eine Markierung zeigt den Hinweis)"),
            self.marked,
            widgets.HTML("<b>Hinweise</b>"),
            self.findings,
            widgets.HTML("<b>Vorschau</b>"),
            self.previews,
        ])
        self.update_now()

    @property
    def text(self) -> str:
        """The current post text."""
        return self.text_area.value

    @text.setter
    def text(self, value: str) -> None:
        self.text_area.value = value

    @property
    def selected_platforms(self) -> list[str]:
        """Ids of the ticked platforms, in data order."""
        return [pid for pid, box in self.platform_boxes.items() if box.value]

    @selected_platforms.setter
    def selected_platforms(self, ids: Iterable[str]) -> None:
        wanted = set(ids)
        for pid, box in self.platform_boxes.items():
            box.value = pid in wanted

    def _toggle_alt(self, _change: Any = None) -> None:
        self.alt_row.layout.display = None if self.image_box.value else "none"

    def _changed(self, _change: Any) -> None:
        self.debouncer.trigger()

    def update_now(self) -> None:
        """Analyse the current text for every ticked platform and refresh all views (synchronously)."""
        self.debouncer.cancel()
        text = self.text_area.value
        chosen = self.selected_platforms
        image = self.image_box.value
        alt = self.alt_area.value if image else None
        self.reports, self.error = {}, None
        if not chosen:
            self._show_message("Wählen Sie mindestens eine Plattform aus.")
            return
        if not text.strip():
            self._show_message(None)
            return
        try:
            for pid in chosen:
                self.reports[pid] = self._analyze(text, platform=pid, alt_text=alt or None, image=image,
                                                  hausstil=self.hausstil)
        except KommSocialError as exc:
            self.reports = {}
            self._show_message(str(exc), error=True)
            return
        merged = report_view.merge_findings(self.reports)
        first = next(iter(self.reports.values()))
        self.ampel.value = report_view.ampel_html(self.reports)
        self.counters.value = report_view.counters_html(self.reports, self.names)
        self.gauge.value = report_view.gauge_html(first.readability.flesch_amstad, minimum=self.flesch_min,
                                                  minimum_label=self.flesch_min_label)
        self.marked.value = report_view.marked_text_html(text, merged)
        self.findings.value = report_view.findings_html(merged, self.names, all_platforms=len(self.reports))
        self.previews.value = previews_html(text, chosen, image=image, alt_text=alt)

    def _show_message(self, message: str | None, *, error: bool = False) -> None:
        """Clear the result views and show a hint (or the empty-text prompt)."""
        self.error = message if error else None
        color = "#c62828" if error else "#546e7a"
        note = f'<div style="color:{color}">{esc(message)}</div>' if message else EMPTY_HINT
        for w in (self.ampel, self.counters, self.gauge, self.marked, self.previews):
            w.value = ""
        self.findings.value = note


def post_editor(text: str = "", platforms: Iterable[str] = ("x",), **kwargs: Any) -> PostEditor:
    """Create a PostEditor (convenience for notebooks)."""
    return PostEditor(text, platforms, **kwargs)
