"""Dienstanweisung builder widget: options per section, live preview, download as .md and .html.

A thin view over `kommsocial.strategie.dienstanweisung`; the preview shows the
engine's escaped HTML, so names typed by users never become markup.
"""

from __future__ import annotations

import ipywidgets as w

from kommsocial.errors import InputError
from kommsocial.strategie.dienstanweisung import (
    DEFAULT_KOMMUNE,
    DEFAULT_STELLE,
    Entwurf,
    build,
    default_auswahl,
    load_vorlage,
)
from kommsocial.strategie.schema import Abschnitt, Vorlage
from kommsocial.ui._html import download_link, esc, stand_footer

WEGLASSEN = "__weglassen__"
MD_NAME = "dienstanweisung_social_media.md"
HTML_NAME = "dienstanweisung_social_media.html"
# Radio labels have a fixed one-line height in ipywidgets; our answers are sentences and must wrap.
STRATEGIE_CSS = (
    "<style>"
    ".ks-strategie .widget-radio-box label,.ks-strategie .jupyter-widget-radio-box label{white-space:normal;"
    "height:auto;line-height:1.35;margin:2px 0 6px 0}"
    ".ks-strategie .widget-radio-box input,.ks-strategie .jupyter-widget-radio-box input{vertical-align:top}"
    # The preview stays in view while the form on the left scrolls. Sticky works only if no box between
    # the preview and the page's scrolling area scrolls or clips itself (ipywidgets' boxes and the notebook's
    # output areas do by default), so those let their content overflow.
    ".ks-strategie .ks-vorschau-spalte{position:sticky;top:8px;align-self:flex-start}"
    "body .jp-OutputArea:has(.ks-vorschau-spalte),body .jp-OutputArea-child:has(.ks-vorschau-spalte),"
    "body .jp-OutputArea-output:has(.ks-vorschau-spalte){overflow:visible}"
    "</style>"
)


def _control(a: Abschnitt) -> w.ValueWidget:
    if a.mehrfach:
        return w.SelectMultiple(options=[(o.label, o.id) for o in a.optionen], value=tuple(a.standard),
                                rows=len(a.optionen), layout=w.Layout(width="95%"))
    options = [(o.label, o.id) for o in a.optionen]
    if not a.pflicht:
        options.append(("Diesen Abschnitt weglassen", WEGLASSEN))
    return w.RadioButtons(options=options, value=a.standard[0], layout=w.Layout(width="95%"))


class DienstanweisungBuilder(w.VBox):
    """Form with one block per section, a live preview and download links."""

    def __init__(self, vorlage: Vorlage | None = None) -> None:
        self.vorlage = vorlage or load_vorlage()
        self.entwurf: Entwurf | None = None
        self.kommune = w.Text(value=DEFAULT_KOMMUNE, description="Kommune:",
                              placeholder="mit Art, z. B. Stadt Musterstadt oder Gemeinde Beispieldorf",
                              style={"description_width": "130px"}, layout=w.Layout(width="95%"))
        self.stelle = w.Text(value=DEFAULT_STELLE, description="Zentrale Stelle:", placeholder="z. B. Pressestelle",
                             style={"description_width": "130px"}, layout=w.Layout(width="95%"))
        self.controls: dict[str, w.ValueWidget] = {}
        blocks: list[w.Widget] = [self.kommune, self.stelle]
        for a in self.vorlage.abschnitte:
            control = _control(a)
            self.controls[a.id] = control
            pflicht = " (Pflicht)" if a.pflicht else ""
            blocks.append(w.VBox([
                w.HTML(f'<div style="font-weight:600;margin-top:6px">{esc(a.titel)}{esc(pflicht)}</div>'
                       f"<div>{esc(a.frage)}</div>"
                       f'<div style="color:#546e7a;font-size:0.9em">{esc(a.erklaerung)}</div>'),
                control,
            ], layout=w.Layout(border_bottom="1px solid #eceff1", padding="2px 0 6px 0")))
        for widget in (self.kommune, self.stelle, *self.controls.values()):
            widget.observe(lambda _c: self.update(), names="value")
        form = w.VBox(blocks, layout=w.Layout(flex="1 1 380px", min_width="320px", padding="0 8px 0 0"))
        # At most the window's height less the heading and links above it: the whole column stays in view.
        self.preview = w.HTML(layout=w.Layout(border="1px solid #cfd8dc", padding="4px 12px",
                                              max_height="calc(100vh - 110px)", overflow="auto"))
        self.preview.add_class("ks-vorschau")
        self.downloads = w.HTML()
        right = w.VBox([w.HTML("<b>Vorschau</b>"), self.downloads, self.preview],
                       layout=w.Layout(flex="1 1 420px", min_width="320px"))
        right.add_class("ks-vorschau-spalte")
        intro = w.HTML(
            STRATEGIE_CSS
            + '<div style="font-size:1.15em;font-weight:600">Dienstanweisungs-Baukasten Social Media</div>'
            "<div>Wählen Sie für jeden Abschnitt eine Regel. Rechts sehen Sie sofort den Entwurf, den Sie als "
            "Markdown- oder HTML-Datei herunterladen können.</div>")
        footer = w.HTML(stand_footer(self.vorlage.stand, quelle=self.vorlage.quellen))
        columns = w.HBox([form, right], layout=w.Layout(flex_flow="row wrap", overflow="visible"))
        super().__init__([intro, columns, footer], layout=w.Layout(overflow="visible"))
        self.add_class("ks-dienstanweisung")
        self.add_class("ks-strategie")
        self.update()

    def auswahl(self) -> dict[str, list[str]]:
        """The current choice: section id → chosen option ids ([] = left out)."""
        out: dict[str, list[str]] = {}
        for sid, control in self.controls.items():
            value = control.value
            if isinstance(value, tuple):
                out[sid] = list(value)
            else:
                out[sid] = [] if value in (None, WEGLASSEN) else [value]
        return out

    def choose(self, section_id: str, option_id: str | None) -> None:
        """Select an option in a section (None leaves an optional section out)."""
        control = self.controls[section_id]
        if isinstance(control, w.SelectMultiple):
            control.value = () if option_id is None else (option_id,)
        else:
            control.value = WEGLASSEN if option_id is None else option_id

    def reset(self) -> None:
        """Back to the template's defaults."""
        for sid, opts in default_auswahl(self.vorlage).items():
            self.choose(sid, opts[0] if opts else None)

    def update(self) -> None:
        """Rebuild the draft, the preview and the download links."""
        try:
            self.entwurf = build(self.auswahl(), kommune=self.kommune.value, zentrale_stelle=self.stelle.value,
                                 vorlage=self.vorlage)
        except InputError as exc:
            self.entwurf = None
            self.preview.value = (f'<div class="ks-fehler" style="color:#c62828">{esc(exc.reason)} '
                                  f'{esc(exc.hint or "")}</div>')
            self.downloads.value = ""
            return
        self.preview.value = self.entwurf.html()
        self.downloads.value = (
            download_link(self.entwurf.markdown(), MD_NAME, "text/markdown", "Entwurf als Markdown (.md)")
            + download_link(self.entwurf.html_page(), HTML_NAME, "text/html", "Entwurf als HTML (.html)")
        )
