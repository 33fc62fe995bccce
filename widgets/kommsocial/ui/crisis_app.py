"""The Krisen-Simulator app: solo practice with accelerated time, or joining a seminar exercise by code.

Used by the Voilà app course/apps/krisen_simulator.ipynb, whose Markdown cell carries the heading and the
introduction (the widget has none, so they appear once); no login, nothing stored in solo mode.
"""

from __future__ import annotations

import time
from collections import deque

import ipywidgets as widgets

from kommsocial._german import stand
from kommsocial.crisis import access
from kommsocial.crisis.live import SOLO_SPEEDS, SharedSession, SoloSession
from kommsocial.crisis.schema import list_scenarios
from kommsocial.errors import KommSocialError
from kommsocial.ui._choice import chosen
from kommsocial.ui._html import esc
from kommsocial.ui.crisis_participant import ParticipantView


def scenario_info_html(scenario) -> str:
    """Title, short description, learning goals and duration of a scenario."""
    meta = scenario.meta
    goals = "".join(f"<li>{esc(scenario.render(g))}</li>" for g in meta.lernziele)
    return (
        f"<div class='ks-szenario-info'><b>{esc(scenario.render(meta.titel))}</b>"
        f"<div>{esc(scenario.render(meta.kurzbeschreibung or ''))}</div>"
        f"<div style='margin-top:4px'>Lernziele:</div><ul style='margin:2px 0'>{goals}</ul>"
        f"<div style='color:#6c757d'>Dauer: {meta.dauer} simulierte Minuten · "
        f"{esc(stand(meta.stand))}</div></div>"
    )


class KrisenSimulatorApp(widgets.VBox):
    """Tabs "Allein üben" and "Seminar beitreten"; the exercise view appears below."""

    def __init__(self, store_url: str | None = None, *, autorefresh: bool = True, clock=time.monotonic) -> None:
        self.store_url = store_url
        self._clock = clock
        self._failed_joins: deque[float] = deque()
        self.autorefresh = autorefresh
        self.view: ParticipantView | None = None
        self._scenarios = {s.id: s for s in list_scenarios()}
        self.scenario = widgets.Dropdown(options=[(s.render(s.meta.titel), s.id) for s in self._scenarios.values()],
                                         description="Szenario:", layout=widgets.Layout(width="70%"),
                                         style={"description_width": "initial"})
        self.scenario.add_class("ks-szenario")
        self.info = widgets.HTML()
        self.speed = widgets.Dropdown(options=list(SOLO_SPEEDS.items()), value=10.0, description="Tempo:")
        self.solo_button = widgets.Button(description="Übung vorbereiten", button_style="primary", icon="check")
        self.solo_button.add_class("ks-solo-vorbereiten")
        self.solo_button.on_click(lambda _b: self.start_solo())
        self.scenario.observe(lambda _c: self._show_info(), names="value")
        self._show_info()
        solo = widgets.VBox([
            widgets.HTML("<div>Wählen Sie ein Szenario und ein Tempo. Bei „10-mal so schnell“ dauert eine "
                         "90-Minuten-Lage 9 echte Minuten. Mit „+5 Minuten“ springen Sie vor.</div>"),
            self.scenario, self.info, self.speed, self.solo_button,
        ])
        self.code = widgets.Text(description="Code:", placeholder="z. B. BRAND-7KQM3-XDT9H-WRP2Z",
                                 layout=widgets.Layout(width="420px"))
        self.name = widgets.Text(description="Ihr Name:", placeholder="Vorname oder Kürzel")
        self.key = widgets.Text(description="Schlüssel:", placeholder="nur beim Wiedereintritt",
                                layout=widgets.Layout(width="420px"))
        for field, css in ((self.code, "ks-beitritt-code"), (self.name, "ks-beitritt-name"),
                           (self.key, "ks-beitritt-schluessel")):
            field.add_class(css)
        self.join_button = widgets.Button(description="Beitreten", button_style="primary", icon="sign-in")
        self.join_button.on_click(lambda _b: self.join())
        self.join_button.add_class("ks-beitreten")
        seminar = widgets.VBox([
            widgets.HTML("<div>Ihre Trainerin oder Ihr Trainer nennt Ihnen einen Code. Die Übungsleitung startet "
                         "und pausiert die Übung für alle. Nach dem Beitritt erhalten Sie einen persönlichen "
                         "Schlüssel. Mit Namen und Schlüssel kommen Sie später wieder in die Übung.</div>"),
            self.code, self.name, self.key, self.join_button,
        ])
        self.tabs = widgets.Tab(children=[solo, seminar])
        self.tabs.set_title(0, "Allein üben")
        self.tabs.set_title(1, "Seminar beitreten")
        self.message = widgets.HTML()
        self.message.add_class("ks-app-meldung")
        self.area = widgets.VBox([])
        super().__init__([self.tabs, self.message, self.area])
        self.add_class("ks-krisen-app")

    def _show_info(self) -> None:
        self.info.value = scenario_info_html(self._scenarios[chosen(self.scenario)])

    def _show_view(self, view: ParticipantView) -> ParticipantView:
        if self.view is not None:
            self.view.close()
        self.view = view
        self.area.children = [view]
        return view

    def start_solo(self) -> ParticipantView:
        """Prepare a solo exercise of the chosen scenario (the learner presses Start)."""
        self.message.value = ""
        session = SoloSession(self._scenarios[chosen(self.scenario)], speed=self.speed.value)
        return self._show_view(ParticipantView(session, autorefresh=self.autorefresh))

    def join(self) -> ParticipantView | None:
        """Join a seminar exercise with code and name (or come back with name and personal key)."""
        from kommsocial.crisis.store import Store

        now = self._clock()
        while self._failed_joins and self._failed_joins[0] < now - access.WINDOW_SECONDS:
            self._failed_joins.popleft()
        if len(self._failed_joins) >= access.APP_MAX_FAILED_JOINS:
            # This page has failed too often: do not ask the store at all for a minute.
            self.message.value = f"<div style='color:#c92a2a'>{esc(access.TOO_MANY)}</div>"
            return None
        try:
            session = SharedSession(Store(self.store_url), self.code.value[:200], self.name.value[:200],
                                    schluessel=self.key.value.strip()[:200] or None)
        except KommSocialError as exc:
            self._failed_joins.append(now)
            self.message.value = f"<div style='color:#c92a2a'>{esc(exc)}</div>"
            return None
        self._failed_joins.clear()
        self.key.value = ""
        self.message.value = ""
        return self._show_view(ParticipantView(session, autorefresh=self.autorefresh))
