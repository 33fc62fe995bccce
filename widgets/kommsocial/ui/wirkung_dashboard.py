"""Wirkung dashboard: synthetic or uploaded post data, filters, KPI tiles, both engagement rates, plots.

The numbers come from `kommsocial.analytics` (importer, generator, kpis, plots); this view only
collects input, filters rows and renders. Plots are drawn lazily for the visible tab only.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import TYPE_CHECKING, Any

import ipywidgets as w

from kommsocial._german import datum, number, stand
from kommsocial.analytics.kpis import SOURCES_STAND
from kommsocial.errors import KommSocialError
from kommsocial.ui._choice import uploaded_file
from kommsocial.ui._html import badge, box, esc

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

ALLE = "Alle Kanäle"
TILES = (
    ("beitraege", "Beiträge", ""),
    ("reichweite", "Reichweite", ""),
    ("interaktionen", "Interaktionen", ""),
    ("er_reichweite", "Engagement nach Reichweite", " %"),
    ("er_follower", "Engagement nach Followern", " %"),
    ("antwortquote", "Kommentare beantwortet", " %"),
    ("antwortzeit_median_min", "Antwortzeit (Median)", " Min."),
)
TABLE_COLUMNS = (
    ("beitraege", "Beiträge"), ("reichweite", "Reichweite"), ("interaktionen", "Interaktionen"),
    ("er_reichweite", "ER Reichweite %"), ("er_follower", "ER Follower %"),
    ("antwortquote", "beantwortet %"), ("antwortzeit_median_min", "Antwortzeit Median (Min.)"),
)
SOURCES = ("Es gibt keine Standardformel: Buffer teilt Interaktionen durch Impressionen, Later (Likes + "
           "Kommentare + Saves) durch die Reichweite, Fanpage Karma Interaktionen pro Tag durch die Fans. "
           f"Die follower-basierte Rate ist umstritten. {stand(SOURCES_STAND)}.")


def fmt_number(value: Any, suffix: str = "") -> str:
    """German number format: 12.500 and 3,52; a dash for missing values."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return number(value) + suffix


def tiles_html(kpis: dict[str, Any]) -> str:
    """KPI tiles as escaped HTML; each tile carries data-kpi for tests and screen readers get the label."""
    tiles = []
    for key, label, suffix in TILES:
        value = fmt_number(kpis.get(key), suffix if kpis.get(key) is not None else "")
        tiles.append(
            f'<div class="ks-kpi" data-kpi="{esc(key)}" style="flex:1 1 130px;border:1px solid #cfd8dc;'
            f'border-radius:6px;padding:6px 10px;background:#fafafa">'
            f'<div style="font-size:0.8em;color:#546e7a">{esc(label)}</div>'
            f'<div class="ks-kpi-wert" style="font-size:1.4em;font-weight:600">{esc(value)}</div></div>'
        )
    return f'<div class="ks-kpis" style="display:flex;flex-wrap:wrap;gap:6px">{"".join(tiles)}</div>'


def explanation_html(kpis: dict[str, Any]) -> str:
    """Both definitions, why they differ for these numbers, and the note that no standard formula exists."""
    from kommsocial.analytics.kpis import DEFINITIONS, explain_difference

    items = "".join(f"<li>{esc(DEFINITIONS[k])}</li>" for k in ("er_reichweite", "er_follower", "interaktionen"))
    return box(
        f'<p class="ks-vergleich" style="margin:0 0 4px 0"><b>{esc(explain_difference(kpis))}</b></p>'
        f'<ul style="margin:4px 0">{items}</ul>'
        f'<p style="margin:4px 0;color:#546e7a;font-size:0.9em">{esc(SOURCES)} Vergleichen Sie nur Werte, '
        f'die gleich berechnet wurden.</p>',
        title="Warum zwei Engagement-Raten?",
    )


def channel_table_html(table: pd.DataFrame) -> str:
    """KPIs per channel as an escaped HTML table."""
    if table.empty:
        return ""
    heads = "".join(f'<th style="text-align:right;padding:2px 8px">{esc(h)}</th>' for _, h in TABLE_COLUMNS)
    rows = []
    for rec in table.to_dict("records"):
        cells = "".join(
            f'<td style="text-align:right;padding:2px 8px">{esc(fmt_number(rec.get(k)))}</td>'
            for k, _ in TABLE_COLUMNS
        )
        rows.append(f'<tr data-kanal="{esc(rec["Kanal"])}"><td style="padding:2px 8px">{esc(rec["Kanal"])}</td>'
                    f"{cells}</tr>")
    return (f'<table class="ks-kanaltabelle" style="border-collapse:collapse;font-size:0.9em">'
            f'<thead><tr><th style="text-align:left;padding:2px 8px">Kanal</th>{heads}</tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table>')


class WirkungDashboard(w.VBox):
    """Data source (synthetic with seed, or upload), channel and period filters, KPI tiles and plots."""

    def __init__(self, df: pd.DataFrame | None = None, *, seed: int = 2027, name: str | None = None) -> None:
        from kommsocial.analytics.plots import FIGURES

        self._figures = FIGURES
        self.df: pd.DataFrame | None = None
        self.current: pd.DataFrame | None = None  # filtered rows shown right now
        self.kpis: dict[str, Any] = {}
        self.name = ""
        style = {"description_width": "initial"}
        self.seed = w.BoundedIntText(value=seed, min=0, max=999_999, description="Datensatz Nr.:", style=style,
                                     layout=w.Layout(width="160px"))
        self.sample = w.Button(description="Beispieldaten erzeugen", icon="random", layout=w.Layout(width="auto"),
                               tooltip="Erfundene Beitragsdaten der Musterstadt; gleiche Nummer, gleiche Daten")
        self.upload = w.FileUpload(accept=".csv,.xlsx", multiple=False, description="CSV hochladen",
                                   layout=w.Layout(width="auto"))
        self.status = w.HTML()
        self.kanal = w.Dropdown(options=[ALLE], value=ALLE, description="Kanal:", style=style)
        self.von = w.DatePicker(description="von:", style=style)
        self.bis = w.DatePicker(description="bis:", style=style)
        self.auswahl = w.HTML()
        self.tiles = w.HTML()
        self.erklaerung = w.HTML()
        self.tabelle = w.HTML()
        self.images = [w.Image(format="png", layout=w.Layout(max_width="100%", height="auto")) for _ in FIGURES]
        self.tabs = w.Tab(children=[w.VBox([img]) for img in self.images], titles=list(FIGURES))
        self._drawn: set[int] = set()
        self._quiet = False

        self.sample.on_click(lambda _b: self.use_sample(self.seed.value))
        self.upload.observe(self._on_upload, names="value")
        for ctrl in (self.kanal, self.von, self.bis):
            ctrl.observe(lambda _c: self.refresh(), names="value")
        self.tabs.observe(lambda _c: self._draw_visible(), names="selected_index")

        super().__init__([
            w.HBox([self.seed, self.sample, self.upload], layout=w.Layout(flex_flow="row wrap", align_items="center")),
            self.status,
            w.HBox([self.kanal, self.von, self.bis], layout=w.Layout(flex_flow="row wrap", align_items="center")),
            self.auswahl, self.tiles, self.erklaerung, self.tabelle, self.tabs,
        ])
        self.add_class("ks-wirkung")
        if df is not None:
            self.set_data(df, name or "Daten")
        else:
            self.use_sample(seed)

    # --- data sources -------------------------------------------------------------------------------
    def use_sample(self, seed: int) -> None:
        """Load synthetic Musterstadt data for `seed`."""
        from kommsocial.analytics.generator import generate_posts

        self.set_data(generate_posts(seed=int(seed)), f"Beispieldaten (Datensatz {int(seed)})")

    def load_bytes(self, content: bytes, name: str) -> bool:
        """Read an uploaded file; on bad input show the German, row-numbered error and keep the old data."""
        from kommsocial.analytics.importer import read_posts_bytes

        try:
            df = read_posts_bytes(bytes(content), name)
        except KommSocialError as err:
            self.status.value = (f'<div class="ks-fehler" role="alert" style="color:#c62828">Die Datei lässt sich '
                                 f'nicht auswerten. {esc(err)}</div>')
            return False
        self.set_data(df, name)
        return True

    def _on_upload(self, change: dict) -> None:
        files = change["new"]
        if files:
            upload = uploaded_file(files[0])
            if upload is None:
                self.status.value = ('<div class="ks-fehler" role="alert" style="color:#c62828">Die Datei ist '
                                     'nicht vollständig angekommen. Bitte laden Sie sie erneut hoch.</div>')
            else:
                self.load_bytes(*upload)
            # Clear the widget so that uploading the corrected file under the same name triggers again.
            self.upload.value = ()

    def set_data(self, df: pd.DataFrame, name: str) -> None:
        """Show a new dataset: reset the filters to all channels and the full period."""
        self.df, self.name = df, name
        channels = sorted(str(c) for c in df["Kanal"].unique())
        self._quiet = True  # one refresh after all filters are reset, not one per control
        try:
            self.kanal.options = [ALLE, *channels]
            self.kanal.value = ALLE
            self.von.value = df["Datum"].min().date()
            self.bis.value = df["Datum"].max().date()
        finally:
            self._quiet = False
        synthetic = bool(df.attrs.get("synthetisch", False))
        note = " " + badge("Synthetische Daten", "#c62828") if synthetic else ""
        self.status.value = (f'<div class="ks-quelle">Daten: <b>{esc(name)}</b> – {len(df)} Beiträge, '
                             f'{datum(df["Datum"].min())} bis {datum(df["Datum"].max())}{note}</div>')
        self.refresh()

    # --- filtering and rendering --------------------------------------------------------------------
    def filtered(self) -> pd.DataFrame:
        """Rows matching the channel and period filters (a copy keeps df.attrs)."""
        df = self.df
        if df is None:
            raise RuntimeError("no data")
        mask = df["Datum"].notna()
        if self.kanal.value != ALLE:
            mask &= df["Kanal"] == self.kanal.value
        if isinstance(self.von.value, dt.date):
            mask &= df["Datum"].dt.date >= self.von.value
        if isinstance(self.bis.value, dt.date):
            mask &= df["Datum"].dt.date <= self.bis.value
        out = df[mask]
        out.attrs = dict(df.attrs)
        return out

    def refresh(self) -> None:
        """Recompute tiles, explanation, table; redraw the visible plot."""
        if self._quiet or self.df is None:
            return
        from kommsocial.analytics.kpis import group_kpis, total_kpis

        part = self.filtered()
        self.current = part
        if self.von.value and self.bis.value and self.von.value > self.bis.value:
            self.auswahl.value = ('<div class="ks-auswahl" style="color:#c62828">Das Startdatum liegt nach dem '
                                  'Enddatum. Bitte tauschen Sie „von“ und „bis“.</div>')
        elif part.empty:
            self.auswahl.value = ('<div class="ks-auswahl" style="color:#c62828">Keine Beiträge für diese Auswahl. '
                                  'Wählen Sie einen anderen Kanal oder Zeitraum.</div>')
        else:
            self.auswahl.value = (f'<div class="ks-auswahl">Auswahl: {esc(self.kanal.value)}, '
                                  f'{len(part)} Beiträge</div>')
        if part.empty:
            kpis: dict[str, Any] = {"beitraege": 0}
            self.tabelle.value = ""
        else:
            kpis = total_kpis(part)
            self.tabelle.value = channel_table_html(group_kpis(part, "Kanal"))
        self.kpis = kpis
        self.tiles.value = tiles_html(kpis)
        self.erklaerung.value = explanation_html(kpis)
        self._drawn.clear()
        self._draw_visible()

    def _draw_visible(self) -> None:
        index = self.tabs.selected_index or 0
        if index in self._drawn or self.current is None:
            return
        from kommsocial.analytics.plots import to_png

        make = list(self._figures.values())[index]
        self.images[index].value = to_png(make(self.current))
        self._drawn.add(index)
