"""Own actions of the participants (post, reply, moderate, ask, choose) and scripted response files."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, RootModel, ValidationError, model_validator

from kommsocial._data import _field_name as field_name
from kommsocial._data import line_of, read_yaml, validation_error
from kommsocial._io import MAX_TEXT_CHARS
from kommsocial.crisis.schema import Channel, Scenario
from kommsocial.errors import InputError

ActionKind = Literal["post", "reply", "hide", "delete", "report", "ask", "choose"]
ACTION_LABELS = {
    "post": "Beitrag",
    "reply": "Antwort",
    "hide": "ausgeblendet",
    "delete": "gelöscht",
    "report": "gemeldet",
    "ask": "Rückfrage ans Lagezentrum",
    "choose": "Entscheidung",
}
TEXT_ACTIONS = ("post", "reply", "ask")
TARGET_ACTIONS = ("reply", "hide", "delete", "report", "choose")
# Ids of injects the trainer fires with free text (a colon never occurs in scenario ids).
MANUAL_PREFIX = "manuell:"


class Action(BaseModel):
    """One own action at a simulated minute (minute None = now)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    minute: float | None = Field(default=None, ge=0)
    action: ActionKind
    channel: Channel | None = None
    text: str = ""
    target: str | None = None
    option: str | None = None

    @model_validator(mode="after")
    def _complete(self) -> Action:
        if self.action in TEXT_ACTIONS and not self.text.strip():
            raise ValueError(f"Für „{self.action}“ fehlt der Text („text“).")
        if len(self.text) > MAX_TEXT_CHARS:
            raise ValueError(f"Der Text ist zu lang ({len(self.text)} Zeichen, erlaubt sind höchstens "
                             f"{MAX_TEXT_CHARS}). Kürzen Sie ihn.")
        if self.action in TARGET_ACTIONS and not self.target:
            what = "die Id der Entscheidung" if self.action == "choose" else "die Id der Einspielung"
            raise ValueError(f"Für „{self.action}“ fehlt „target“ ({what}).")
        if self.action == "choose" and not self.option:
            raise ValueError("Für „choose“ fehlt „option“ (die Id der gewählten Option).")
        return self


def make_action(kind: str | None = None, **fields) -> Action:
    """Build an Action from keyword fields; problems become a German InputError."""
    if kind is not None:
        fields["action"] = kind
    try:
        return Action(**fields)
    except ValidationError as exc:
        err = exc.errors()[0]
        message = err["msg"].removeprefix("Value error, ")
        where = ".".join(str(p) for p in err["loc"]) or None
        raise InputError(message if err["type"] == "value_error" else f"Ungültige Aktion: {message}",
                         field=where) from None


class _Responses(RootModel[list[Action]]):
    pass


def reference_problem(action: Action, scenario: Scenario) -> tuple[str, str] | None:
    """(field, German message) if the action points to an unknown inject, decision or option."""
    if action.action == "choose":
        try:
            decision = scenario.decision(action.target or "")
        except KeyError:
            known = ", ".join(d.id for d in scenario.entscheidungen) or "(keine)"
            return "target", f"Die Entscheidung „{action.target}“ gibt es nicht. Vorhanden: {known}."
        options = [o.id for o in decision.optionen]
        if action.option not in options:
            return "option", f"Die Option „{action.option}“ gibt es nicht. Vorhanden: {', '.join(options)}."
        return None
    if action.target is not None and not action.target.startswith(MANUAL_PREFIX):
        try:
            scenario.inject(action.target)
        except KeyError:
            return "target", f"Die Einspielung „{action.target}“ gibt es im Szenario „{scenario.id}“ nicht."
    return None


def _timing_problem(action: Action, scenario: Scenario) -> tuple[str, str] | None:
    """(field, message) if the action comes before its decision or target inject can exist."""
    minute = action.minute or 0.0
    if action.action == "choose":
        decision = scenario.decision(action.target or "")
        if minute < decision.minute:
            return "minute", f"Die Entscheidung „{decision.id}“ steht erst ab Minute {decision.minute} an."
        return None
    if action.target and action.action != "ask" and not action.target.startswith(MANUAL_PREFIX):
        inj = scenario.inject(action.target)
        earliest = inj.minute - inj.streuung
        if not inj.folge and minute < earliest:
            return "minute", f"Die Einspielung „{inj.id}“ erscheint erst ab Minute {earliest}."
    return None


def load_responses(path: str | Path, scenario: Scenario | None = None, *, text: str | None = None) -> list[Action]:
    """Read a scripted responses file (YAML list); German errors with line and field.

    With a scenario, targets, decisions and options are checked too.
    """
    data, node = read_yaml(path, text=text)
    if data is None:
        return []
    if not isinstance(data, list):
        raise InputError(
            "Die Antwortdatei muss eine Liste sein (jede Zeile beginnt mit „- minute: …“).",
            file=str(path), line=1,
        )
    try:
        actions = _Responses.model_validate(data).root
    except ValidationError as exc:
        raise validation_error(path, node, exc) from None
    for n, action in enumerate(actions):
        if action.minute is None:
            raise InputError("Pflichtfeld fehlt", file=str(path), line=line_of(node, (n,)),
                             field=field_name((n, "minute")), hint="Geben Sie die Minute der Aktion an.")
        if scenario is not None:
            problem = reference_problem(action, scenario) or _timing_problem(action, scenario)
            if problem:
                fld, message = problem
                raise InputError(message, file=str(path), line=line_of(node, (n, fld)),
                                 field=field_name((n, fld)), hint="Prüfen Sie die Id im Szenario.")
    return sorted(actions, key=lambda a: a.minute or 0.0)
