"""Trainer console ("Übungsleitung", White Cell) for seminar crisis exercises in a shared store.

Create an exercise from a scenario (shows the code to hand out), start, pause, change speed,
skip ahead, fire extra injects (prepared from the Drehbuch or free text as a persona), and
watch every participant's actions and live scores.

    from kommsocial.ui.crisis_trainer import TrainerConsole
    TrainerConsole("/geteilter/ordner/krisen.db")   # or any SQLAlchemy URL
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import ipywidgets as widgets

from kommsocial.crisis.schema import CHANNEL_LABELS, DIMENSION_LABELS, DIMENSIONS, list_scenarios
from kommsocial.errors import KommSocialError
from kommsocial.ui._html import badge, esc
from kommsocial.ui.crisis_feed import CHANNELS, action_summary, clock_html, minute_label
from kommsocial.ui.crisis_participant import Ticker
from kommsocial.ui.debounce import Scheduler

TRAINER_SPEEDS = [("1 × (Echtzeit)", 1.0), ("2 ×", 2.0), ("5 ×", 5.0), ("10 ×", 10.0), ("20 ×", 20.0)]
# Scores of 20 participants take about 0.3–0.6 s to compute: refresh less often than the participant view.
TRAINER_REFRESH_SECONDS = 5.0
FREE_CHANNELS = ("feed", "kommentar", "presseanfrage", "email", "lagemeldung", "warnung")


def scores_table_html(scores: dict[str, dict], actions: list[dict]) -> str:
    """Participants × dimensions with the overall score, action count and last action."""
    if not scores:
        return '<div class="ks-punkte" style="color:#6c757d">Noch niemand ist beigetreten.</div>'
    head = "".join(f"<th>{esc(DIMENSION_LABELS[d])}</th>" for d in DIMENSIONS)
    rows = []
    for name, score in scores.items():
        own = [a for a in actions if a.get("teilnehmer") == name]
        last = f"{minute_label(own[-1]['minute'])}: {action_summary(own[-1])}" if own else "–"
        cells = "".join(f"<td>{score['dimensions'].get(d, 0)}</td>" for d in DIMENSIONS)
        rows.append(f'<tr data-name="{esc(name)}"><td><b>{esc(name)}</b></td><td><b>{score["gesamt"]}</b></td>'
                    f"{cells}<td>{len(own)}</td><td>{esc(last)}</td></tr>")
    return (
        '<table class="ks-punkte" style="border-collapse:collapse;width:100%;font-size:0.9em">'
        f"<tr><th>Name</th><th>Gesamt</th>{head}<th>Aktionen</th><th>Letzte Aktion</th></tr>"
        + "".join(rows) + "</table>"
    )


def actions_log_html(actions: list[dict], limit: int = 30) -> str:
    """The latest participant actions, newest first (text escaped)."""
    if not actions:
        return '<div class="ks-aktionen" style="color:#6c757d">Noch keine Aktionen.</div>'
    items = "".join(
        f'<li>{esc(minute_label(a["minute"]))} · <b>{esc(a.get("teilnehmer", ""))}</b>: '
        f'<span style="white-space:pre-wrap">{esc(action_summary(a))}</span></li>'
        for a in reversed(actions[-limit:]))
    return f'<ul class="ks-aktionen" style="padding-left:18px;margin:2px 0">{items}</ul>'


class TrainerConsole(widgets.VBox):
    """Übungsleitung for exercises in one store (SQLite file or SQLAlchemy URL)."""

    def __init__(self, store=None, *, code: str | None = None, refresh_interval: float = TRAINER_REFRESH_SECONDS,
                 autorefresh: bool = True, scheduler: Scheduler | None = None) -> None:
        from kommsocial.crisis.store import Store

        self.store = store if isinstance(store, Store) else Store(store)
        self.code: str | None = None
        self.leitung: str | None = None  # trainer key; None: the one remembered on this computer
        self.state: dict = {}
        self.scores: dict = {}
        self._scenarios = {s.id: s for s in list_scenarios()}

        self.scenario = widgets.Dropdown(options=[(s.render(s.meta.titel), s.id) for s in self._scenarios.values()],
                                         description="Szenario:", layout=widgets.Layout(width="60%"))
        self.speed = widgets.Dropdown(options=TRAINER_SPEEDS, value=1.0, description="Tempo:")
        self.seed = widgets.BoundedIntText(value=0, min=0, max=10**6, description="Variante:",
                                           layout=widgets.Layout(width="180px"))
        self.create_button = widgets.Button(description="Übung anlegen", button_style="primary", icon="plus")
        self.create_button.on_click(lambda _b: self.create())
        self.existing = widgets.Dropdown(description="Vorhandene Übung:", layout=widgets.Layout(width="60%"),
                                         style={"description_width": "initial"})
        self.open_button = widgets.Button(description="Öffnen", icon="folder-open")
        self.open_button.on_click(lambda _b: self.open_exercise(self.existing.value) if self.existing.value else None)
        # A co-trainer on another computer opens an exercise with its code and the trainer key.
        self.other_code = widgets.Text(description="Code:", placeholder="z. B. BRAND-7KQM3-XDT9H-WRP2Z",
                                       layout=widgets.Layout(width="340px"))
        self.other_key = widgets.Password(description="Leitungsschlüssel:", style={"description_width": "initial"},
                                          layout=widgets.Layout(width="340px"))
        self.other_button = widgets.Button(description="Mit Schlüssel öffnen", icon="key")
        self.other_button.on_click(lambda _b: self.open_exercise(self.other_code.value, self.other_key.value))

        self.code_html = widgets.HTML()
        self.code_html.add_class("ks-code")
        self.status = widgets.HTML()
        self.message = widgets.HTML()
        self.message.add_class("ks-meldung")
        self.start_button = widgets.Button(description="Start", button_style="success", icon="play")
        self.pause_button = widgets.Button(description="Pause", icon="pause")
        self.resume_button = widgets.Button(description="Weiter", icon="play")
        self.plus_button = widgets.Button(description="+5 Minuten", icon="forward")
        self.end_button = widgets.Button(description="Übung beenden", button_style="danger", icon="stop")
        self.speed_live = widgets.Dropdown(options=TRAINER_SPEEDS, value=1.0, description="Tempo:")
        self.speed_button = widgets.Button(description="Tempo setzen")
        for button, fn in ((self.start_button, lambda: self.store.start(self._code(), leitung=self.leitung)),
                           (self.pause_button, lambda: self.store.pause(self._code(), leitung=self.leitung)),
                           (self.resume_button, lambda: self.store.resume(self._code(), leitung=self.leitung)),
                           (self.plus_button, lambda: self.store.advance(self._code(), 5, leitung=self.leitung)),
                           (self.end_button, lambda: self.store.end(self._code(), leitung=self.leitung)),
                           (self.speed_button, lambda: self.store.set_speed(self._code(), self.speed_live.value,
                                                                            leitung=self.leitung))):
            button.on_click(lambda _b, f=fn: self._do(f))

        self.inject_choice = widgets.Dropdown(description="Einspielung:", layout=widgets.Layout(width="75%"))
        self.fire_button = widgets.Button(description="Jetzt einspielen", icon="bolt", button_style="warning")
        self.fire_button.on_click(lambda _b: self.fire_prepared())
        self.persona = widgets.Dropdown(description="Als:", layout=widgets.Layout(width="60%"))
        self.channel = widgets.Dropdown(options=[(CHANNEL_LABELS[c], c) for c in FREE_CHANNELS], value="feed",
                                        description="Kanal:")
        # No side margins: 100 % plus the widget's 2 px margins overflowed the box (a horizontal scrollbar).
        self.free_text = widgets.Textarea(placeholder="Text der Einspielung, z. B. eine neue Nachfrage …",
                                          layout=widgets.Layout(width="100%", height="70px", margin="2px 0"))
        self.free_text.add_class("ks-freitext")
        self.free_button = widgets.Button(description="Als Persona einspielen", icon="user", button_style="warning")
        self.free_button.on_click(lambda _b: self.fire_free())

        # With 30 participants: show only the names (rows and actions) that contain the filter text.
        self.name_filter = widgets.Text(description="Filter:", placeholder="Name oder ein Teil davon",
                                        layout=widgets.Layout(width="340px"))
        self.name_filter.add_class("ks-filter")
        self.name_filter.observe(lambda _change: self._draw_tables(), names="value")
        self.filter_count = widgets.HTML()
        self.filter_count.add_class("ks-punkte-anzahl")
        self.scores_html = widgets.HTML()
        self.actions_html = widgets.HTML()
        self.notes = widgets.HTML()
        self.refresh_button = widgets.Button(description="Aktualisieren", icon="refresh")
        self.refresh_button.on_click(lambda _b: self.refresh())

        for value in vars(self).values():  # full labels instead of "Als Persona ein…"
            if isinstance(value, widgets.Button):
                value.layout.width = "auto"
        self.control_box = widgets.VBox([
            self.code_html, self.status,
            widgets.HBox([self.start_button, self.pause_button, self.resume_button, self.plus_button,
                          self.end_button], layout=widgets.Layout(flex_flow="row wrap")),
            widgets.HBox([self.speed_live, self.speed_button, self.refresh_button]),
            widgets.HTML("<h4>Einspielungen</h4><div style='color:#6c757d'>Vorbereitete Einspielungen aus dem "
                         "Drehbuch vorziehen – oder frei formulieren und als Persona einspielen.</div>"),
            widgets.HBox([self.inject_choice, self.fire_button]),
            widgets.HBox([self.persona, self.channel]), self.free_text, widgets.HBox([self.free_button]),
            widgets.HTML("<h4>Teilnehmende und Punkte (live)</h4>"),
            widgets.HBox([self.name_filter, self.filter_count]), self.scores_html,
            widgets.HTML("<h4>Letzte Aktionen</h4>"), self.actions_html, self.notes,
        ])
        self.control_box.layout.display = "none"
        super().__init__([
            widgets.HTML("<h3 style='margin:4px 0'>Übungsleitung Krisen-Simulator</h3>"
                         f"<div style='color:#6c757d'>Datenbank: {esc(_short_url(self.store.url))}</div>"),
            widgets.HTML("<b>Neue Übung</b>"), self.scenario,
            widgets.HBox([self.speed, self.seed, self.create_button]),
            widgets.HBox([self.existing, self.open_button]),
            widgets.HBox([self.other_code, self.other_key, self.other_button],
                         layout=widgets.Layout(flex_flow="row wrap")),
            self.message, self.control_box,
        ])
        self.add_class("ks-uebungsleitung")
        self._load_existing()
        self.ticker = Ticker(self.refresh, refresh_interval, scheduler)
        if code:
            self.open_exercise(code)
        if autorefresh:
            self.ticker.start()

    # --- helpers ---------------------------------------------------------------------------

    def _code(self) -> str:
        if not self.code:
            raise KommSocialError("Legen Sie zuerst eine Übung an oder öffnen Sie eine vorhandene.")
        return self.code

    def _show(self, message: str, *, error: bool = False) -> None:
        color = "#c92a2a" if error else "#2b8a3e"
        self.message.value = f'<div style="color:{color}">{esc(message)}</div>' if message else ""

    def _do(self, fn: Callable[[], object]) -> bool:
        try:
            fn()
        except KommSocialError as exc:
            self._show(str(exc), error=True)
            return False
        self._show("")
        self.refresh()
        return True

    def _load_existing(self) -> None:
        options = [(f"{e['code']} · {e['scenario']} · {e['status']}", e["code"]) for e in self.store.exercises()]
        self.existing.options = options
        # Dropdowns filled later start with no selection; preselect the newest entry.
        self.existing.value = options[0][1] if options else None

    # --- commands --------------------------------------------------------------------------

    def create(self) -> str | None:
        """Create an exercise from the chosen scenario and open it; returns the code."""
        try:
            created = self.store.create_exercise(self.scenario.value, speed=self.speed.value, seed=self.seed.value)
        except KommSocialError as exc:
            self._show(str(exc), error=True)
            return None
        self._load_existing()
        self.open_exercise(created.code, created.leitung)
        self._show(f"Übung {created.code} angelegt. Geben Sie den Teilnehmenden den Code und starten Sie, "
                   f"wenn alle beigetreten sind. Ihr Leitungsschlüssel: {created.leitung}. Dieser Rechner merkt "
                   "sich den Schlüssel. Geben Sie ihn nur an Personen weiter, die die Übung mit leiten.")
        return created.code

    def open_exercise(self, code: str, leitung: str | None = None) -> None:
        """Show the console for an existing exercise (trainer key given or remembered on this computer)."""
        try:
            self.code = self.store.check_trainer(code, leitung or None)
            self.leitung = leitung or None
            state = self.store.state(self.code, leitung=self.leitung)
            scenario, setting = self.store.scenario_and_setting(self.code)
        except KommSocialError as exc:
            self.code = None
            self.control_box.layout.display = "none"
            self._show(str(exc), error=True)
            return
        self.other_key.value = ""
        self._scenario = scenario
        self.inject_choice.options = [
            ((f"{'Folge' if inj.folge else 'Min. ' + str(inj.minute)} · {CHANNELS[inj.kanal].name} · "
              f"{scenario.render(scenario.persona(inj.persona).name, setting)[:30]}: "
              f"{' '.join(scenario.render(inj.text, setting).split())[:60]}"), inj.id)
            for inj in scenario.injects
        ]
        self.persona.options = [(f"{scenario.render(p.name, setting)} ({p.rolle})", p.id) for p in scenario.personas]
        self.inject_choice.value = scenario.injects[0].id
        self.persona.value = scenario.personas[0].id
        self.speed_live.value = state["tempo"] if state["tempo"] in dict(TRAINER_SPEEDS).values() else 1.0
        self.notes.value = (
            "<h4>Hinweise für die Übungsleitung</h4>"
            f"<div>{esc(scenario.render(scenario.meta.notizen or '–', setting))}</div>"
            f"<div style='color:#6c757d;font-size:0.85em'>Stand des Szenarios: {esc(scenario.meta.stand)}</div>")
        self.control_box.layout.display = None
        self.refresh()
        released = {item["id"] for item in self.state.get("feed", [])}
        upcoming = [inj.id for inj in scenario.injects if inj.id not in released and not inj.folge]
        self.inject_choice.value = upcoming[0] if upcoming else scenario.injects[0].id  # the next one due

    def fire_prepared(self) -> dict | None:
        """Fire the chosen Drehbuch inject now."""
        if not self.inject_choice.value:
            self._show("Wählen Sie eine Einspielung aus.", error=True)
            return None
        result: dict = {}
        if self._do(lambda: result.update(self.store.fire_inject(self._code(), self.inject_choice.value,
                                                                 leitung=self.leitung))):
            self._show(f"Eingespielt: {result['id']} ({result['persona_name']}).")
            return result
        return None

    def fire_free(self) -> dict | None:
        """Fire the free text as the chosen persona on the chosen channel."""
        result: dict = {}
        ok = self._do(lambda: result.update(self.store.fire_inject(
            self._code(), text=self.free_text.value, persona=self.persona.value, kanal=self.channel.value,
            leitung=self.leitung)))
        if ok:
            self.free_text.value = ""
            self._show(f"Eingespielt als {result['persona_name']}.")
            return result
        return None

    def refresh(self) -> dict:
        """Read status, scores and actions from the store and redraw."""
        if not self.code:
            return {}
        try:
            self.state = state = self.store.state(self.code, leitung=self.leitung)
            self.scores = self.store.scores(self.code, leitung=self.leitung)
        except KommSocialError as exc:
            self._show(str(exc), error=True)
            return self.state
        self.code_html.value = (
            f'<div style="font-size:1.1em">Code für die Teilnehmenden: '
            f'<span class="ks-uebungscode" style="font-size:1.6em;font-weight:700;letter-spacing:2px;'
            f'font-family:monospace">{esc(state["code"])}</span></div>'
            f"<div>{esc(state['titel'])}</div>")
        people = ", ".join(state["teilnehmer"]) or "noch niemand"
        self.status.value = (clock_html(state) + f"<div>Teilnehmende ({len(state['teilnehmer'])}): {esc(people)}</div>"
                             f"<div>Eingespielte Meldungen: {len(state['feed'])} "
                             f"{badge('Übungsleitung', '#495057')}</div>")
        status = state["status"]
        self.start_button.disabled = status != "bereit"
        self.pause_button.disabled = status != "läuft"
        self.resume_button.disabled = status != "pausiert"
        self.plus_button.disabled = self.end_button.disabled = status == "beendet"
        self.fire_button.disabled = self.free_button.disabled = status == "beendet"
        self._draw_tables()
        return state

    def _draw_tables(self) -> None:
        """Scores and latest actions of the participants whose name contains the filter text (any case)."""
        needle = " ".join(self.name_filter.value.split()).casefold()
        scores, actions = self.scores, self.state.get("aktionen", [])
        if needle:
            scores = {name: score for name, score in scores.items() if needle in name.casefold()}
            actions = [a for a in actions if needle in str(a.get("teilnehmer", "")).casefold()]
        self.filter_count.value = (f'<span style="color:#6c757d">{len(scores)} von {len(self.scores)} '
                                   "Teilnehmenden</span>" if needle else "")
        if needle and not scores:
            self.scores_html.value = '<div class="ks-punkte" style="color:#6c757d">Kein Name passt zum Filter.</div>'
        else:
            self.scores_html.value = scores_table_html(scores, actions)
        self.actions_html.value = actions_log_html(actions)

    def close(self) -> None:
        """Stop the periodic refresh and close the widgets."""
        if hasattr(self, "ticker"):
            self.ticker.stop()
        super().close()


def _short_url(url: str) -> str:
    """The store URL without a password."""
    if "@" in url and "://" in url:
        scheme, rest = url.split("://", 1)
        return f"{scheme}://…@{rest.split('@', 1)[1]}"
    return url.removeprefix("sqlite:///") if url.startswith("sqlite:///") else str(Path(url))
