"""The Voilà app „Redaktionsplan prüfen“: upload a plan (or use the example), choose the state and an
election day, read the findings, browse the calendar, download the checked plan. The plan engine does the
work (kommsocial.plan); this view wires the widgets."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import ipywidgets as w

from kommsocial.errors import KommSocialError
from kommsocial.plan import check_plan, read_plan, read_plan_bytes
from kommsocial.plan.export import csv_bytes, ics_bytes, xlsx_bytes
from kommsocial.plan.importer import sample_plan_path
from kommsocial.plan.model import Plan
from kommsocial.plan.settings import LAENDER_NAMEN, PlanSettings, load_settings
from kommsocial.ui._choice import uploaded_file
from kommsocial.ui._html import download_link, esc, stand_footer
from kommsocial.ui.plan_calendar import PlanCalendar, findings_html

EXPORT_TAB = 2
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_ERROR = 'style="color:#c62828"'


class RedaktionsplanApp(w.VBox):
    """The whole app; starts with the example plan of Musterstadt (Niedersachsen)."""

    def __init__(self, settings: PlanSettings | None = None, land: str = "NI") -> None:
        self.settings = settings or load_settings()
        self.plan: Plan = read_plan(sample_plan_path())
        self.name = "beispielplan"
        self.upload = w.FileUpload(accept=".csv,.xlsx", multiple=False, description="Plan hochladen",
                                   layout=w.Layout(width="auto"))
        self.example = w.Button(description="Beispielplan verwenden", icon="calendar", layout=w.Layout(width="auto"))
        self.land = w.Dropdown(options=[(n, c) for c, n in sorted(LAENDER_NAMEN.items(), key=lambda x: x[1])],
                               value=land, description="Bundesland:", style={"description_width": "initial"})
        self.wahltag = w.DatePicker(description="Wahltag:", value=None, style={"description_width": "initial"})
        vorwahl = self.settings.vorwahlzeit
        self.wahl_hinweis = w.HTML(
            f"<small>Nur nötig, wenn in Ihrem Planungszeitraum gewählt wird. Geprüft werden Beiträge der Kategorien "
            f"{esc(', '.join(vorwahl.kategorien))} in den {vorwahl.wochen_vor_wahl} Wochen vor der Wahl "
            # The house rule speaks of „the rulings cited here“: the page names them too.
            f"({esc(vorwahl.hausregel)} Quelle: {esc(vorwahl.quelle)})</small>")
        self.status = w.HTML()
        self.findings = w.HTML()
        self.calendar = PlanCalendar()
        self.downloads = w.HTML()
        self.tabs = w.Tab(children=[self.findings, self.calendar, self.downloads])
        self.tabs.titles = ("Hinweise", "Kalender", "Export")
        self._befunde: list[Any] = []
        self.tabs.observe(self._tab, names="selected_index")
        self.upload.observe(self._uploaded, names="value")
        self.example.on_click(lambda _b: self.load_example())
        self.land.observe(lambda _c: self.check(), names="value")
        self.wahltag.observe(lambda _c: self.check(), names="value")
        super().__init__([w.HBox([self.upload, self.example]), w.HBox([self.land, self.wahltag]),
                          self.wahl_hinweis, self.status, self.tabs])
        self.check()

    def check(self) -> None:
        """Check the current plan and show findings, calendar and downloads."""
        try:
            befunde = check_plan(self.plan, land=self.land.value, wahltag=self.wahltag.value, settings=self.settings)
        except KommSocialError as fehler:
            self.status.value = f"<div {_ERROR}>{esc(fehler)}</div>"
            return
        anzahl = {s: sum(f.severity == s for f in befunde) for s in ("fehler", "warnung", "hinweis")}
        self.status.value = (
            f"<b>{esc(Path(self.plan.source).name)}</b>: {len(self.plan.posts)} Beiträge – {anzahl['fehler']} "
            f"Fehler, {anzahl['warnung']} Warnungen, {anzahl['hinweis']} Hinweise.")
        fuss = ""
        if any(f.rule == "vorwahlzeit" for f in befunde):
            fuss = stand_footer(self.settings.vorwahlzeit.stand, quelle=self.settings.vorwahlzeit.quelle)
        self.findings.value = findings_html(befunde) + fuss
        self.calendar.show(self.plan, befunde)
        self._befunde = befunde
        self.downloads.value = ""
        if self.tabs.selected_index == EXPORT_TAB:
            self._fill_downloads()

    def _fill_downloads(self) -> None:
        # Built when the tab is opened, not on every check: the Excel writer (openpyxl) is loaded only then.
        self.downloads.value = (
            "<p>Die Dateien enthalten alle lesbaren Zeilen. Die Excel-Datei hat ein Blatt „Hinweise“.</p>"
            + download_link(xlsx_bytes(self.plan, self._befunde), f"{self.name}.xlsx", XLSX, "Excel (.xlsx)")
            + download_link(ics_bytes(self.plan, self.name), f"{self.name}.ics", "text/calendar", "Kalender (.ics)")
            + download_link(csv_bytes(self.plan), f"{self.name}.csv", "text/csv", "CSV für Excel"))

    def _tab(self, change: dict[str, Any]) -> None:
        if change["new"] == EXPORT_TAB and not self.downloads.value:
            self._fill_downloads()

    def load_bytes(self, data: bytes, name: str) -> None:
        """Read an uploaded plan; a file that cannot be read is named with its problem, nothing else changes."""
        try:
            self.plan = read_plan_bytes(data, name)
        except KommSocialError as fehler:
            self.status.value = f"<div {_ERROR}><b>Die Datei lässt sich nicht lesen.</b> {esc(fehler)}</div>"
            self.findings.value = self.downloads.value = ""
            self._befunde = []
            return
        self.name = Path(name).stem or "plan"
        self.check()

    def load_example(self) -> None:
        """Back to the example plan."""
        self.plan, self.name = read_plan(sample_plan_path()), "beispielplan"
        self.check()

    def _uploaded(self, change: dict[str, Any]) -> None:
        if change["new"]:
            datei = uploaded_file(change["new"][0])
            if datei is None:
                self.status.value = (f"<div {_ERROR}>Die Datei ist nicht vollständig angekommen. Bitte laden Sie "
                                     "sie erneut hoch.</div>")
                return
            self.load_bytes(*datei)
