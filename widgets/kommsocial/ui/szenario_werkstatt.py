"""Write and try out a crisis-exercise scenario in a notebook: with forms or as text.

`SzenarioBaukasten` is the code-free way: change title and places, add personas, Einspielungen and
expectations with forms, check the scenario and play it with prepared or entered responses. The
scenario text it produces is shown read-only. `SzenarioWerkstatt` is the text way („Vertiefung“):
the scenario and the responses as editable YAML. Both use the real check (`load_scenario`) and the
real exercise engine; the form logic lives in `kommsocial.crisis.builder`. Everything shown is escaped.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from kommsocial.crisis import builder
from kommsocial.crisis.actions import Action, load_responses, reference_problem
from kommsocial.crisis.debrief import STATUS_LABELS, Debrief
from kommsocial.crisis.engine import Exercise
from kommsocial.crisis.schema import CHANNEL_LABELS, DEFAULT_SETTING, DIMENSION_LABELS, Scenario, load_scenario
from kommsocial.errors import InputError
from kommsocial.ui._choice import chosen
from kommsocial.ui._html import esc

_ERROR = "color:#c62828"
_OK = "color:#2e7d32"
_WIDE = w.Layout(width="100%")
_LABEL = {"description_width": "170px"}
_CHOICE = w.Layout(width="420px")
_CELL = "padding:2px 8px;text-align:left;vertical-align:top;border-bottom:1px solid #e0e0e0"


def _play(scenario: Scenario, actions: list[Action]) -> Debrief:
    exercise = Exercise(scenario)
    exercise.play(sorted(actions, key=lambda a: a.minute or 0.0))
    return exercise.debrief()


def error_html(exc: InputError) -> str:
    """A German error line in red (escaped)."""
    return f"<p style='{_ERROR}'>❌ {esc(exc)}</p>"


# --- text way (Vertiefung) -----------------------------------------------------------------------


class SzenarioWerkstatt(w.VBox):
    """Scenario and responses as editable text side by side; „Prüfen“ and „Durchspielen“.

    Args:
        szenario_yaml: the scenario text to start from.
        antworten_yaml: prepared responses (a list of minute, action, text, target).
        abspielen: play once on construction, so the points show right away.
    """

    def __init__(self, szenario_yaml: str, antworten_yaml: str = "", *, abspielen: bool = True) -> None:
        self.scenario_area = w.Textarea(value=szenario_yaml, layout=w.Layout(width="50%", height="420px"))
        self.responses_area = w.Textarea(value=antworten_yaml, layout=w.Layout(width="50%", height="420px"))
        self.check_button = w.Button(description="Prüfen", button_style="info")
        self.play_button = w.Button(description="Durchspielen", button_style="primary")
        self.output = w.HTML()
        self.check_button.on_click(lambda _b: self.check())
        self.play_button.on_click(lambda _b: self.play())
        super().__init__([
            w.HBox([self.scenario_area, self.responses_area]),
            w.HBox([self.check_button, self.play_button]),
            self.output,
        ])
        if abspielen:
            self.play()

    def check(self) -> Scenario | None:
        """Check the edited scenario and show the result; the Scenario, or None on an error."""
        try:
            sc = load_scenario("mein_szenario.yaml", text=self.scenario_area.value)
        except InputError as exc:
            self.output.value = error_html(exc)
            return None
        self.output.value = f"<p>✅ In Ordnung: {len(sc.injects)} Einspielungen, {len(sc.erwartungen)} Erwartungen.</p>"
        return sc

    def play(self) -> Debrief | None:
        """Check, then play the edited responses; show points and missed expectations."""
        sc = self.check()
        if sc is None:
            return None
        try:
            actions = load_responses("meine_antworten.yaml", sc, text=self.responses_area.value)
        except InputError as exc:
            self.output.value = error_html(exc)
            return None
        d = _play(sc, actions)
        missed = "".join(
            f"<li>{esc(e.beschreibung)} – {esc(e.erklaerung)}</li>" for e in d.expectations if e.status == "verfehlt"
        ) or "<li>keine</li>"
        self.output.value = (
            f"<p><b>Gesamt: {d.score.gesamt} von 100</b> · "
            + " · ".join(f"{esc(DIMENSION_LABELS[k])} {v}" for k, v in d.score.dimensions.items())
            + f"</p><p>Verfehlte Erwartungen:</p><ul>{missed}</ul>"
        )
        return d


# --- form way (main track) -----------------------------------------------------------------------


def _row(cells: list[str], *, head: bool = False) -> str:
    """One table row of already escaped cells, with padding (inline CSS only)."""
    tag = "th" if head else "td"
    return "<tr>" + "".join(f"<{tag} style='{_CELL}'>{c}</{tag}>" for c in cells) + "</tr>"


def overview_html(data: dict[str, Any]) -> str:
    """The current Drehbuch and expectations as two tables (texts with filled placeholders, escaped)."""
    personas = {p["id"]: p for p in data.get("personas", [])}
    rows = []
    for n, inj in enumerate(data.get("injects", []), start=1):
        who = personas.get(inj.get("persona"), {}).get("name", inj.get("persona"))
        tags = ", ".join(builder.TAG_LABELS.get(t, t) for t in inj.get("tags", []))
        rows.append(_row([str(n), esc(inj.get("minute")), esc(CHANNEL_LABELS.get(inj.get("kanal"), "")),
                          esc(builder.shown(data, str(who))), esc(builder.shown(data, str(inj.get("text", "")))),
                          esc(tags)]))
    expectations = []
    for n, exp in enumerate(data.get("erwartungen", []), start=1):
        frist = (f"binnen {exp['binnen']} Minuten" if exp.get("binnen") is not None
                 else f"bis Minute {exp.get('bis_minute')}")
        expectations.append(_row([str(n), esc(builder.KIND_LABELS.get(exp.get("art"), "")),
                                  esc(builder.shown(data, str(exp.get("beschreibung", "")))), esc(frist),
                                  esc(DIMENSION_LABELS.get(exp.get("dimension"), ""))]))
    names = ", ".join(
        f"{builder.shown(data, str(p.get('name')))} ({builder.ROLE_LABELS.get(p.get('rolle'), '')})"
        for p in personas.values())
    style = "border-collapse:collapse;margin:4px 0"
    return (
        f"<h4>{esc(builder.shown(data, str(data['meta']['titel'])))}</h4>"
        f"<p><b>Personas:</b> {esc(names)}</p>"
        f"<p><b>Drehbuch</b> ({len(rows)} Einspielungen, {esc(data['meta']['dauer'])} Minuten)</p>"
        f"<table style='{style}'>{_row(['Nr.', 'Minute', 'Kanal', 'Von', 'Text', 'Markierungen'], head=True)}"
        f"{''.join(rows)}</table>"
        f"<p><b>Erwartungen</b> (was die Nachbesprechung prüft)</p>"
        f"<table style='{style}'>{_row(['Nr.', 'Art', 'Beschreibung', 'Frist', 'Bereich'], head=True)}"
        f"{''.join(expectations) or _row(['noch keine'])}</table>"
    )


def result_html(d: Debrief, *, note: str = "") -> str:
    """Points per area and every expectation with its status (escaped)."""
    head = _row(["Gesamt", *(esc(v) for v in DIMENSION_LABELS.values())], head=True)
    cells = _row([f"<b>{d.score.gesamt} von 100</b>", *(str(d.score.dimensions[k]) for k in DIMENSION_LABELS)])
    items = "".join(
        f"<li><b>{esc(STATUS_LABELS.get(e.status, e.status))}:</b> {esc(e.beschreibung)}"
        + (f" – {esc(e.erklaerung)}" if e.status == "verfehlt" else "") + "</li>"
        for e in d.expectations) or "<li>keine Erwartungen</li>"
    return (
        f"<table style='border-collapse:collapse;margin:4px 0'>{head}{cells}</table>"
        + (f"<p>{esc(note)}</p>" if note else "")
        + f"<p>Erwartungen:</p><ul>{items}</ul>"
    )


def _section(title: str, *children: w.Widget) -> w.VBox:
    return w.VBox([w.HTML(f"<b>{esc(title)}</b>"), *children],
                  layout=w.Layout(border="1px solid #ced4da", padding="6px", margin="0 0 8px 0"))


class SzenarioBaukasten(w.VBox):
    """Build a scenario with forms: start from a scenario text, change and extend it, check and play it.

    Args:
        szenario_yaml: the scenario to start from (must pass the check).
        antworten_yaml: prepared good responses, played together with the entered ones.
    """

    def __init__(self, szenario_yaml: str, antworten_yaml: str = "") -> None:
        self.data: dict[str, Any] = builder.from_text(szenario_yaml)
        self.prepared_text = antworten_yaml
        self.own_responses: list[dict[str, Any]] = []
        self.scenario: Scenario | None = None
        self.debrief: Debrief | None = None
        self.generated_text = ""

        # Title and places
        self.title = w.Text(value=str(self.data["meta"]["titel"]), description="Titel:", style=_LABEL, layout=_WIDE)
        keys = ["stadt", "behoerde", *[k for k in self.data.get("setting", {}) if k not in ("stadt", "behoerde")]]
        values = builder.variables(self.data)
        self.setting_fields = {
            key: w.Text(value=values.get(key, DEFAULT_SETTING.get(key, "")),
                        description=f"{builder.SETTING_LABELS.get(key, key)}:", style=_LABEL, layout=_WIDE)
            for key in keys}
        hint = w.HTML("<small>In den Texten steht dafür zum Beispiel {stadt} oder {strasse}; "
                      "die Übung setzt Ihren Wert ein.</small>")

        # New persona
        self.persona_name = w.Text(description="Name:", placeholder="z. B. Wahrheitssucher_88", style=_LABEL,
                                   layout=_WIDE)
        self.persona_role = w.Dropdown(options=[(v, k) for k, v in builder.ROLE_LABELS.items()], value="troll",
                                       description="Rolle:", style=_LABEL, layout=_CHOICE)
        self.persona_attitude = w.Text(description="Haltung:", placeholder="z. B. provoziert, verbreitet Gerüchte",
                                       style=_LABEL, layout=_WIDE)
        self.persona_button = w.Button(description="Persona hinzufügen", icon="user-plus",
                                       layout=w.Layout(width="auto"))
        self.persona_message = w.HTML()

        # New inject
        self.inject_minute = w.IntText(value=12, description="Minute:", style=_LABEL)
        self.inject_persona = w.Dropdown(description="Von (Persona):", style=_LABEL, layout=_WIDE)
        self.inject_channel = w.Dropdown(options=[(v, k) for k, v in CHANNEL_LABELS.items()], value="kommentar",
                                         description="Kanal:", style=_LABEL, layout=_CHOICE)
        self.inject_text = w.Textarea(description="Text:", placeholder="Was schreibt die Persona?", style=_LABEL,
                                      layout=w.Layout(width="100%", height="70px"))
        self.tag_boxes = {tag: w.Checkbox(value=False, description=label, indent=False,
                                          layout=w.Layout(width="auto"))
                          for tag, label in builder.TAG_LABELS.items()}
        self.inject_keywords = w.Text(description="Stichwörter:", placeholder="z. B. absichtlich gespart, Pfusch",
                                      style=_LABEL, layout=_WIDE)
        self.inject_button = w.Button(description="Einspielung hinzufügen", icon="plus", layout=w.Layout(width="auto"))
        self.inject_message = w.HTML()

        # New expectation
        self.exp_kind = w.Dropdown(options=[(v, k) for k, v in builder.KIND_LABELS.items()], value="antwort",
                                   description="Was soll geschehen:", style=_LABEL, layout=_WIDE)
        self.exp_target = w.Dropdown(description="Zu welcher Einspielung:", style=_LABEL, layout=_WIDE)
        self.exp_deadline = w.IntText(value=10, description="Binnen Minuten:", style=_LABEL)
        self.exp_dimension = w.Dropdown(options=[(v, k) for k, v in DIMENSION_LABELS.items()],
                                        value=builder.KIND_DIMENSIONS["antwort"], description="Bereich:", style=_LABEL,
                                        layout=_CHOICE)
        self.exp_description = w.Text(description="Beschreibung:", style=_LABEL, layout=_WIDE,
                                      placeholder="leer lassen: der Baukasten schreibt sie")
        self.exp_explanation = w.Textarea(description="Erklärung:", style=_LABEL,
                                          placeholder="Warum zählt das? Leer lassen: ein Standardtext",
                                          layout=w.Layout(width="100%", height="55px"))
        self.exp_words = w.Text(description="Suchwörter:", placeholder="optional, z. B. nicht gespart, Rohr alt",
                                style=_LABEL, layout=_WIDE)
        self.exp_button = w.Button(description="Erwartung hinzufügen", icon="plus", layout=w.Layout(width="auto"))
        self.exp_message = w.HTML()
        self.exp_kind.observe(lambda c: setattr(self.exp_dimension, "value", builder.KIND_DIMENSIONS[c["new"]])
                              if c["new"] in builder.KIND_DIMENSIONS else None, names="value")

        # Remove
        self.remove_choice = w.Dropdown(description="Eintrag:", style=_LABEL, layout=_WIDE)
        self.remove_button = w.Button(description="Entfernen", icon="trash", button_style="warning")
        self.remove_message = w.HTML()

        # Responses
        self.use_prepared = w.Checkbox(value=bool(antworten_yaml.strip()), indent=False,
                                       description="Vorbereitete gute Antworten mitspielen",
                                       layout=w.Layout(width="auto"))
        self.resp_minute = w.IntText(value=13, description="Minute:", style=_LABEL)
        self.resp_kind = w.Dropdown(options=[(v, k) for k, v in builder.RESPONSE_LABELS.items()], value="reply",
                                    description="Was tun Sie:", style=_LABEL, layout=_WIDE)
        self.resp_target = w.Dropdown(description="Einspielung:", style=_LABEL, layout=_WIDE)
        self.resp_text = w.Textarea(description="Text:", placeholder="Ihre Antwort", style=_LABEL,
                                    layout=w.Layout(width="100%", height="70px"))
        self.resp_button = w.Button(description="Antwort hinzufügen", icon="plus", layout=w.Layout(width="auto"))
        self.resp_message = w.HTML()
        self.resp_list = w.HTML()

        # Check, play, generated text
        self.check_button = w.Button(description="Prüfen", button_style="info", icon="check")
        self.play_button = w.Button(description="Durchspielen", button_style="primary", icon="play")
        self.output = w.HTML()
        self.overview = w.HTML()
        self.yaml_view = w.HTML()
        self.yaml_box = w.Accordion(children=[self.yaml_view], titles=("Erzeugter Szenario-Text (nur lesen)",))
        self.yaml_box.selected_index = None

        self.persona_button.on_click(lambda _b: self.add_persona())
        self.inject_button.on_click(lambda _b: self.add_inject())
        self.exp_button.on_click(lambda _b: self.add_expectation())
        self.remove_button.on_click(lambda _b: self.remove())
        self.resp_button.on_click(lambda _b: self.add_response())
        self.check_button.on_click(lambda _b: self.check())
        self.play_button.on_click(lambda _b: self.play())
        for field in [self.title, *self.setting_fields.values()]:
            field.observe(lambda _c: self.refresh_text(), names="value")

        tags = w.HBox(list(self.tag_boxes.values()), layout=w.Layout(flex_flow="row wrap"))
        super().__init__([
            _section("1. Titel und Ort", self.title, *self.setting_fields.values(), hint),
            _section("2. Persona hinzufügen", self.persona_name, self.persona_role, self.persona_attitude,
                     self.persona_button, self.persona_message),
            _section("3. Einspielung hinzufügen", self.inject_minute, self.inject_persona, self.inject_channel,
                     self.inject_text, w.HTML("Markierungen:"), tags, self.inject_keywords,
                     w.HTML("<small>Stichwörter, durch Kommas getrennt: Woran erkennt die Auswertung, dass ein "
                            "eigener Beitrag das Gerücht wiederholt?</small>"),
                     self.inject_button, self.inject_message),
            _section("4. Erwartung hinzufügen", self.exp_kind, self.exp_target, self.exp_deadline,
                     w.HTML("<small>Die Frist zählt ab dem Erscheinen der Einspielung; ohne Einspielung ab "
                            "Übungsbeginn.</small>"),
                     self.exp_dimension, self.exp_description, self.exp_explanation, self.exp_words,
                     self.exp_button, self.exp_message),
            _section("5. Eintrag entfernen", w.HBox([self.remove_choice, self.remove_button]), self.remove_message),
            _section("6. Antworten für das Durchspielen", self.use_prepared, self.resp_minute, self.resp_kind,
                     self.resp_target, self.resp_text, self.resp_button, self.resp_message, self.resp_list),
            w.HBox([self.check_button, self.play_button]),
            self.output,
            self.overview,
            self.yaml_box,
        ])
        self.add_class("ks-szenario-baukasten")
        self.refresh()

    # --- state -----------------------------------------------------------------------------------

    def current_data(self) -> dict[str, Any]:
        """The scenario data with the title and place fields applied (InputError on empty values)."""
        data = builder.set_title(self.data, self.title.value)
        return builder.set_setting(data, {k: f.value for k, f in self.setting_fields.items()})

    def refresh(self) -> None:
        """Update dropdowns, overview, the list of entered responses and the generated text."""
        personas = [(builder.shown(self.data, str(p["name"])), p["id"]) for p in self.data.get("personas", [])]
        self._set_options(self.inject_persona, personas, prefer="troll")
        injects = [(builder.inject_label(self.data, i["id"]), i["id"]) for i in self.data.get("injects", [])]
        self._set_options(self.exp_target, [("– keine (ab Übungsbeginn) –", ""), *injects], prefer=None)
        self._set_options(self.resp_target, injects, prefer=None)
        removable = (
            [(f"Einspielung: {label}", f"injects:{ident}") for label, ident in injects]
            + [(f"Erwartung: {e['beschreibung']}", f"erwartungen:{e['id']}") for e in self.data.get("erwartungen", [])]
            + [(f"Persona: {name}", f"personas:{ident}") for name, ident in personas]
            + [(f"Ihre Antwort {n}: Minute {r['minute']}", f"antwort:{n}")
               for n, r in enumerate(self.own_responses, start=1)])
        self._set_options(self.remove_choice, removable, prefer=None)
        self.resp_list.value = self._responses_html()
        self.refresh_text()

    def refresh_text(self) -> None:
        """Show the overview and the scenario text the forms produce (read-only)."""
        try:
            data = self.current_data()
        except InputError as exc:
            self.overview.value = overview_html(self.data)
            self.yaml_view.value = error_html(exc)
            return
        self.overview.value = overview_html(data)
        self.yaml_view.value = (
            "<pre style='white-space:pre-wrap;font-family:monospace;font-size:0.9em;line-height:1.4;margin:0;"
            "background:#fafafa;border:1px solid #cfd8dc;padding:6px'>"
            f"{esc(builder.to_yaml(data))}</pre>")

    @staticmethod
    def _set_options(dropdown: w.Dropdown, options: list[tuple[str, str]], *, prefer: str | None) -> None:
        current = dropdown.value
        dropdown.options = options
        values = [v for _l, v in options]
        if not values:
            return
        if current in values:
            dropdown.value = current
        else:  # always show a choice: a dropdown without one looks empty in the browser
            wanted = [v for v in values if prefer is not None and v.startswith(prefer)]
            dropdown.value = wanted[-1] if wanted else values[0]

    def _responses_html(self) -> str:
        if not self.own_responses:
            return "<small>Noch keine eigenen Antworten.</small>"
        items = []
        for n, r in enumerate(self.own_responses, start=1):
            target = f" auf „{builder.inject_label(self.data, r['target'], length=40)}“" if r.get("target") else ""
            text = f": {r['text']}" if r.get("text") else ""
            items.append(f"<li>Ihre Antwort {n}, Minute {esc(r['minute'])}: "
                         f"{esc(builder.RESPONSE_LABELS.get(r['action'], r['action']))}{esc(target)}{esc(text)}</li>")
        return f"<ul>{''.join(items)}</ul>"

    @staticmethod
    def _show(target: w.HTML, message: str, *, error: bool = False) -> None:
        target.value = f"<p style='{_ERROR if error else _OK}'>{'❌' if error else '✅'} {esc(message)}</p>"

    # --- actions of the buttons ------------------------------------------------------------------

    def add_persona(self) -> bool:
        """Add the persona from the form."""
        try:
            self.data, ident = builder.add_persona(self.data, name=self.persona_name.value,
                                                   rolle=chosen(self.persona_role),
                                                   haltung=self.persona_attitude.value)
        except InputError as exc:
            self._show(self.persona_message, str(exc), error=True)
            return False
        self._show(self.persona_message, f"Persona „{self.persona_name.value.strip()}“ hinzugefügt. Sie steht jetzt "
                                         "bei „Einspielung hinzufügen“ zur Auswahl.")
        self.persona_name.value = self.persona_attitude.value = ""
        self.refresh()
        self.inject_persona.value = ident
        return True

    def add_inject(self) -> bool:
        """Add the inject from the form."""
        tags = [tag for tag, box in self.tag_boxes.items() if box.value]
        try:
            self.data, ident = builder.add_inject(
                self.data, minute=self.inject_minute.value, persona=chosen(self.inject_persona) or "",
                kanal=chosen(self.inject_channel), text=self.inject_text.value, tags=tags,
                stichworte=builder.split_words(self.inject_keywords.value))
        except InputError as exc:
            self._show(self.inject_message, str(exc), error=True)
            return False
        self._show(self.inject_message, f"Einspielung in Minute {self.inject_minute.value} hinzugefügt.")
        self.inject_text.value = self.inject_keywords.value = ""
        for box in self.tag_boxes.values():
            box.value = False
        self.refresh()
        self.exp_target.value = ident
        self.resp_target.value = ident
        return True

    def add_expectation(self) -> bool:
        """Add the expectation from the form."""
        try:
            self.data, _ident = builder.add_expectation(
                self.data, art=chosen(self.exp_kind), ziel=self.exp_target.value or None,
                frist=self.exp_deadline.value, dimension=chosen(self.exp_dimension),
                beschreibung=self.exp_description.value, erklaerung=self.exp_explanation.value,
                enthaelt=builder.split_words(self.exp_words.value))
        except InputError as exc:
            self._show(self.exp_message, str(exc), error=True)
            return False
        self._show(self.exp_message, f"Erwartung hinzugefügt: {self.data['erwartungen'][-1]['beschreibung']}.")
        self.exp_description.value = self.exp_explanation.value = self.exp_words.value = ""
        self.refresh()
        return True

    def remove(self) -> bool:
        """Remove the chosen entry (refused while something still refers to it)."""
        choice = self.remove_choice.value
        if not choice:
            self._show(self.remove_message, "Es gibt nichts zu entfernen.", error=True)
            return False
        section, _sep, ident = str(choice).partition(":")
        label = dict((v, k) for k, v in self.remove_choice.options).get(choice, "")
        if section == "antwort":
            del self.own_responses[int(ident) - 1]
        else:
            try:
                self.data = builder.remove(self.data, section, ident)
            except InputError as exc:
                self._show(self.remove_message, str(exc), error=True)
                return False
        self._show(self.remove_message, f"Entfernt: {label}")
        self.refresh()
        return True

    def add_response(self) -> bool:
        """Add the entered response (checked against the current scenario)."""
        item = builder.response(minute=self.resp_minute.value, action=chosen(self.resp_kind),
                                text=self.resp_text.value, target=self.resp_target.value)
        try:
            _text, sc = builder.check(self.current_data())
            builder.check_responses([*self.own_responses, item], sc)
        except InputError as exc:
            self._show(self.resp_message, str(exc), error=True)
            return False
        self.own_responses.append(item)
        self._show(self.resp_message, f"Ihre Antwort für Minute {self.resp_minute.value} ist vorgemerkt. Klicken Sie "
                                      "auf „Durchspielen“.")
        self.resp_text.value = ""
        self.refresh()
        return True

    def check(self) -> Scenario | None:
        """Produce the scenario text, check it with the real check and show the result."""
        self.scenario = None
        try:
            text, sc = builder.check(self.current_data())
        except InputError as exc:
            self.output.value = error_html(exc)
            return None
        self.scenario = sc
        self.refresh()
        n_dec = len(sc.entscheidungen)
        self.output.value = (
            f"<p style='{_OK}'>✅ In Ordnung: „{esc(sc.render(sc.meta.titel))}“ – {len(sc.injects)} Einspielungen "
            f"über {sc.meta.dauer} Minuten, {n_dec} {'Entscheidung' if n_dec == 1 else 'Entscheidungen'}, "
            f"{len(sc.erwartungen)} Erwartungen.</p>")
        self.generated_text = text
        return sc

    def _prepared(self, sc: Scenario) -> tuple[list[Action], int]:
        """Prepared responses that still fit the scenario, and how many were left out."""
        if not self.use_prepared.value or not self.prepared_text.strip():
            return [], 0
        actions = load_responses("gute_antworten.yaml", None, text=self.prepared_text)
        fitting = [a for a in actions if reference_problem(a, sc) is None]
        return fitting, len(actions) - len(fitting)

    def play(self) -> Debrief | None:
        """Check, then play prepared and entered responses; show points per area and every expectation."""
        sc = self.check()
        if sc is None:
            return None
        try:
            own = builder.check_responses(self.own_responses, sc)
            prepared, dropped = self._prepared(sc)
        except InputError as exc:
            self.output.value = error_html(exc)
            return None
        if not own and not prepared:
            self.output.value += ("<p>Es gibt keine Antworten: Die Auswertung zeigt, wie ein Team abschneidet, "
                                  "das gar nicht reagiert.</p>")
        note = (f"{dropped} vorbereitete {'Antwort entfällt' if dropped == 1 else 'Antworten entfallen'}, "
                "weil es ihre Einspielung nicht mehr gibt.") if dropped else ""
        self.debrief = d = _play(sc, prepared + own)
        self.output.value += result_html(d, note=note)
        return d
