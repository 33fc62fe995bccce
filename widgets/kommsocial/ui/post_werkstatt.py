"""Post-Werkstatt: paste a press release, get a draft per platform, edit each draft with live checks.

Thin view over `kommsocial.text.geruest` (drafts), `kommsocial.text.analyze` (findings, via
PostEditor) and the assessment engine `kommsocial.assess` (rubric `post_werkstatt`: formal
address, respectful tone, written in sentences), whose missed items join the findings as
warnings. Used by the Voilà app course/apps/post_werkstatt.ipynb and the Werkstatt notebook
of module 02.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from datetime import date
from functools import lru_cache
from typing import Any

import ipywidgets as widgets
from pydantic import BaseModel, ConfigDict, Field

from kommsocial import platforms as platform_rules
from kommsocial._data import load_model, package_file
from kommsocial.errors import KommSocialError
from kommsocial.text.report import Finding, Report
from kommsocial.ui import report_view
from kommsocial.ui._html import esc
from kommsocial.ui.debounce import DEFAULT_DELAY, Scheduler
from kommsocial.ui.post_editor import PostEditor

DEFAULT_PLATFORMS = ("x", "instagram", "mastodon")
HINT_RUBRIC = "post_werkstatt"
# Engine item → finding rule id shown in the list (kebab-case like the text engine's rules).
_HINT_RULES = {"sie_anrede": "sie-anrede", "respektvoll": "respektvoll", "in_saetzen": "in-saetzen"}
# The draft helper's reminder about the alternative text (kommsocial.text.geruest) starts so; it is
# shown only while „Bild anhängen“ is ticked.
ALT_TEXT_NOTE = "Mit Bild:"


class Beispiel(BaseModel):
    """One fictional example press release."""

    model_config = ConfigDict(extra="forbid")
    titel: str = Field(min_length=3)
    text: str = Field(min_length=50)


class BeispielDatei(BaseModel):
    """Schema of pressemitteilungen.yaml."""

    model_config = ConfigDict(extra="forbid")
    hinweis: str
    stand: date
    pressemitteilungen: dict[str, Beispiel] = Field(min_length=1)


@lru_cache(maxsize=1)
def _beispiele() -> BeispielDatei:
    return load_model(BeispielDatei, package_file("kommsocial.ui", "pressemitteilungen.yaml"))


def beispiele() -> dict[str, Beispiel]:
    """The fictional Musterstadt press releases of module 02 by id (strassensperrung, bundid, stadtfest)."""
    return dict(_beispiele().pressemitteilungen)


def beispiel_text(key: str) -> str:
    """Text of one example press release."""
    return beispiele()[key].text


def draft_notes(hinweise: Iterable[str], *, image: bool) -> list[str]:
    """The draft helper's notes; the reminder about the alternative text only when an image is attached."""
    return [h for h in hinweise if image or not h.startswith(ALT_TEXT_NOTE)]


def draft_hints_html(hinweise: Iterable[str]) -> str:
    """The draft helper's notes as a short list, with the reminder that it is only a starting point."""
    items = "".join(f"<li>{esc(h)}</li>" for h in hinweise)
    return (
        '<div class="ks-geruest-hinweise" style="background:#fff8e1;border-left:4px solid #f9a825;'
        'padding:6px 10px;margin:4px 0"><b>Gerüst-Vorschlag – ein Entwurf, kein fertiger Beitrag.</b> '
        "Prüfen und ändern Sie ihn, bevor Sie ihn veröffentlichen."
        + (f'<ul style="margin:4px 0">{items}</ul>' if items else "")
        + "</div>"
    )


@lru_cache(maxsize=128)
def engine_hints(text: str) -> tuple[Finding, ...]:
    """Warnings for the items of the rubric `post_werkstatt` the text misses (cached per text: the editors
    re-check the same text for every ticked platform)."""
    from kommsocial.assess import judge_text, rubric

    if not text.strip():
        return ()
    found = []
    for r in judge_text(text, rubric(HINT_RUBRIC)).missed:
        rule = _HINT_RULES.get(r.item, r.item.replace("_", "-"))
        where = [(s.start, s.end) for s in r.spans if s.end > s.start] or [(0, 0)]
        for start, end in where:
            found.append(Finding(rule=rule, severity="warnung", message=r.rueckmeldung, start=start, end=end,
                                 threshold=f"Bewertungskern, {r.titel}: {r.schwelle}"))
    return tuple(found)


def with_engine_hints(analyzer: Callable[..., Report] | None = None) -> Callable[..., Report]:
    """An analyzer for PostEditor: the text engine's report plus the engine's hints (`engine_hints`)."""
    def analyze(text: str, **kwargs: Any) -> Report:
        if analyzer is None:
            from kommsocial.text import analyze as base
        else:
            base = analyzer
        report = base(text, **kwargs)
        extra = engine_hints(text)
        if not extra:
            return report
        return replace(report, findings=sorted([*report.findings, *extra], key=lambda f: (f.start, f.end)))

    return analyze


class PostWerkstatt(widgets.VBox):
    """Press release in, one editable draft per platform out (with findings and previews).

    Args:
        pressemitteilung: initial text of the press release field.
        platforms: platforms ticked at the start.
        beispiele: optional example press releases by title, offered in a drop-down.
        hausstil: house style passed to the engine.
        delay, scheduler: debouncing of the editors (tests inject a fake scheduler).
    """

    def __init__(self, pressemitteilung: str = "", platforms: Iterable[str] = DEFAULT_PLATFORMS, *,
                 beispiele: Mapping[str, str] | None = None, hausstil: Any = None,
                 delay: float = DEFAULT_DELAY, scheduler: Scheduler | None = None) -> None:
        self.hausstil = hausstil
        self._delay = delay
        self._scheduler = scheduler
        self.editors: dict[str, PostEditor] = {}
        self.drafts: dict[str, Any] = {}
        self.beispiele = dict(beispiele or {})
        names = {pid: rules.name for pid, rules in platform_rules.platforms().items()}
        wanted = {p.strip().lower() for p in platforms}

        self.example_select = widgets.Dropdown(
            options=["– Beispiel wählen –", *self.beispiele], description="Beispiel:",
            layout=widgets.Layout(width="420px"), style={"description_width": "initial"},
        )
        self.example_select.observe(self._load_example, names="value")
        self.pm_area = widgets.Textarea(
            value=pressemitteilung, placeholder="Fügen Sie hier Ihre Pressemitteilung ein …",
            layout=widgets.Layout(width="100%", height="200px"),
        )
        self.pm_area.add_class("ks-pm-text")
        self.platform_boxes = {
            pid: widgets.Checkbox(value=pid in wanted, description=name, indent=False,
                                  layout=widgets.Layout(width="auto", margin="0 12px 0 0"))
            for pid, name in names.items()
        }
        self.button = widgets.Button(description="Entwürfe erstellen", button_style="primary", icon="magic",
                                     layout=widgets.Layout(width="220px"))
        self.button.on_click(lambda _b: self.build())
        self.message = widgets.HTML()
        self.pm_findings = widgets.HTML()
        self.pm_accordion = widgets.Accordion(children=[self.pm_findings])
        self.pm_accordion.set_title(0, "Prüfung der Pressemitteilung selbst (W-Fragen, Amtsdeutsch, Satzlänge)")
        self.pm_accordion.selected_index = None
        self.tabs = widgets.Tab()
        self.tabs.add_class("ks-werkstatt-tabs")

        rows = [widgets.HTML("<b>1. Pressemitteilung</b>")]
        if self.beispiele:
            rows.append(self.example_select)
        rows += [
            self.pm_area,
            widgets.HTML("<b>2. Plattformen</b>"),
            widgets.HBox(list(self.platform_boxes.values()), layout=widgets.Layout(flex_flow="row wrap")),
            self.button,
            self.message,
            self.pm_accordion,
            widgets.HTML("<b>3. Entwürfe bearbeiten</b> – je Plattform ein Reiter. Änderungen werden beim "
                         "Tippen geprüft."),
            self.tabs,
        ]
        super().__init__(rows)

    @classmethod
    def mit_beispielen(cls, start: str = "stadtfest", platforms: Iterable[str] = DEFAULT_PLATFORMS,
                       **kwargs: Any) -> PostWerkstatt:
        """The app as self-learners see it: the example press releases to choose from, drafts of one already
        built."""
        alle = beispiele()
        werkstatt = cls(alle[start].text, platforms, beispiele={b.titel: b.text for b in alle.values()}, **kwargs)
        werkstatt.build()
        return werkstatt

    @property
    def selected_platforms(self) -> list[str]:
        """Ids of the ticked platforms, in data order."""
        return [pid for pid, box in self.platform_boxes.items() if box.value]

    def _load_example(self, change: dict) -> None:
        text = self.beispiele.get(change["new"])
        if text is not None:
            self.pm_area.value = text

    def build(self) -> None:
        """Create one draft and one live editor per ticked platform from the press release."""
        from kommsocial.text import analyze
        from kommsocial.text.geruest import entwuerfe

        pm = self.pm_area.value
        chosen = self.selected_platforms
        if not pm.strip():
            self._fail("Bitte fügen Sie zuerst eine Pressemitteilung ein.")
            return
        if not chosen:
            self._fail("Bitte wählen Sie mindestens eine Plattform aus.")
            return
        try:
            drafts = entwuerfe(pm, chosen)
            pm_report = analyze(pm, "facebook", hausstil=self.hausstil, pressemitteilung=True)
        except KommSocialError as exc:
            self._fail(str(exc))
            return
        self.drafts = _by_platform(drafts, chosen)
        merged = report_view.merge_findings({"pm": pm_report})
        self.pm_findings.value = report_view.findings_html(merged)
        self.editors = {
            pid: PostEditor(self.drafts[pid].text, [pid], hausstil=self.hausstil, delay=self._delay,
                            scheduler=self._scheduler, analyzer=with_engine_hints())
            for pid in chosen
        }
        children = []
        for pid, ed in self.editors.items():
            hints = widgets.HTML()
            notes = tuple(getattr(self.drafts[pid], "hinweise", ()))

            def show_notes(_change: Any = None, hints: widgets.HTML = hints, ed: PostEditor = ed,
                           notes: tuple[str, ...] = notes) -> None:
                hints.value = draft_hints_html(draft_notes(notes, image=ed.image_box.value))

            ed.image_box.observe(show_notes, names="value")
            show_notes()
            children.append(widgets.VBox([hints, ed]))
        self.tabs.children = children
        for i, pid in enumerate(chosen):
            self.tabs.set_title(i, platform_rules.get(pid).name)
        self.tabs.selected_index = 0
        self.message.value = (f'<div style="color:#2e7d32">{len(chosen)} Entwürfe erstellt. '
                              "Bearbeiten Sie sie unten.</div>")

    def _fail(self, text: str) -> None:
        self.message.value = f'<div style="color:#c62828">{esc(text)}</div>'


def _by_platform(drafts: Any, order: list[str]) -> dict[str, Any]:
    """Drafts keyed by platform id, whether the helper returns a dict or a list."""
    if isinstance(drafts, Mapping):
        return {pid: drafts[pid] for pid in order}
    return {d.platform: d for d in drafts}
