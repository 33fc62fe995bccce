"""One interface for the crisis views: a solo exercise in this process, or a shared one in the store.

The participant view and the debrief only talk to a `LiveSession`. `SoloSession` wraps an
`Exercise` (self-learners in the Voilà app, headless demos); `SharedSession` wraps
`Store` + exercise code + participant name (seminars with a trainer console). Both return
the same state dict as `Store.state(code, participant)`.
"""

from __future__ import annotations

from typing import Protocol

from kommsocial.crisis.actions import make_action
from kommsocial.crisis.debrief import Debrief
from kommsocial.crisis.engine import Exercise
from kommsocial.crisis.schema import Scenario, render, resolve
from kommsocial.errors import InputError

# Solo speeds offered to self-learners: simulated minutes per real minute.
SOLO_SPEEDS = {"Echtzeit (1 ×)": 1.0, "5-mal so schnell": 5.0, "10-mal so schnell": 10.0,
               "20-mal so schnell": 20.0}


class LiveSession(Protocol):
    """What the participant view needs from an exercise."""

    scenario: Scenario
    solo: bool
    name: str

    def state(self) -> dict: ...

    def act(self, kind: str, **fields) -> dict: ...

    def choose(self, decision: str, option: str) -> dict: ...

    def debrief(self) -> Debrief: ...

    def render(self, text: str) -> str: ...


def phase(minute: float, dauer: float, status: str) -> str:
    """A plain-language phase of the exercise for the Lage panel (by status and elapsed share)."""
    if status == "bereit":
        return "Vor dem Start"
    if status == "beendet":
        return "Übung beendet – Zeit für die Nachbesprechung"
    share = minute / dauer if dauer else 1.0
    if share < 0.25:
        label = "Anfang: erste Meldungen, Lage noch unklar"
    elif share < 0.75:
        label = "Hauptphase: viele Nachfragen, Gerüchte möglich"
    else:
        label = "Schlussphase: Lage beruhigt sich, Nachsorge"
    return label + (" (pausiert)" if status == "pausiert" else "")


class SoloSession:
    """A self-learner's exercise in this process; the clock runs in real time × speed."""

    solo = True

    def __init__(self, scenario: str | Scenario = "grossbrand", *, speed: float = 10.0, seed: int = 0,
                 setting: dict[str, str] | None = None, name: str = "Sie") -> None:
        self.scenario = scenario if isinstance(scenario, Scenario) else resolve(scenario)
        self.exercise = Exercise(self.scenario, seed=seed, speed=speed, setting=setting)
        self.name = name
        self.started = False
        self.ended = False

    @property
    def dauer(self) -> float:
        """Length of the scenario in simulated minutes."""
        return float(self.scenario.meta.dauer)

    def _clamp(self) -> None:
        # The clock would run past the end; stop it exactly at the scenario's duration.
        clock = self.exercise.clock
        if clock.now() >= self.dauer:
            clock.pause()
            clock.offset = self.dauer

    @property
    def status(self) -> str:
        """bereit, läuft, pausiert or beendet (same words as the store)."""
        self._clamp()
        if self.ended or self.exercise.now >= self.dauer:
            return "beendet"
        if not self.started:
            return "bereit"
        return "läuft" if self.exercise.clock.running else "pausiert"

    def start(self) -> None:
        """Start the clock (first time) or continue after a pause."""
        if self.status == "beendet":
            raise InputError("Die Übung ist beendet. Starten Sie eine neue Übung.")
        if not self.started:
            self.started = True
            self.exercise.start()
        else:
            self.exercise.resume()

    def pause(self) -> None:
        """Freeze the clock."""
        if self.status == "läuft":
            self.exercise.pause()

    def set_speed(self, speed: float) -> None:
        """Change the speed without a jump in simulated time."""
        self.exercise.set_speed(speed)

    def advance(self, minutes: float) -> None:
        """Skip forward (the "+5 Minuten" button); never beyond the end."""
        if self.status == "beendet":
            return
        self.started = True
        self.exercise.advance(min(minutes, self.dauer - self.exercise.now))
        self._clamp()

    def end(self) -> None:
        """Stop the exercise; the debrief covers everything up to now."""
        self.exercise.clock.pause()
        self.ended = True

    def state(self) -> dict:
        """Same shape as `Store.state(code, participant)`."""
        status = self.status
        ex = self.exercise
        variables = ex.variables
        sc = self.scenario
        return {
            "code": None, "scenario": sc.id, "titel": sc.render(sc.meta.titel, variables),
            "status": status, "minute": round(ex.now, 2), "dauer": sc.meta.dauer,
            "tempo": ex.clock.speed, "seed": ex.seed, "teilnehmer": [self.name],
            "feed": [item.to_dict() for item in ex.feed()],
            "offene_entscheidungen": [
                {"id": d.id, "frage": sc.render(d.frage, variables),
                 "optionen": [{"id": o.id, "text": sc.render(o.text, variables)} for o in d.optionen]}
                for d in ex.open_decisions()
            ] if status in ("läuft", "pausiert") else [],
            "entscheidungen": {c.decision: c.option for c in ex.choices.values()},
            "aktionen": [a.to_dict() for a in ex.actions],
        }

    def _check_active(self) -> None:
        status = self.status
        if status == "bereit":
            raise InputError("Die Übung hat noch nicht begonnen. Klicken Sie zuerst auf „Start“.")
        if status == "beendet":
            raise InputError("Die Übung ist beendet. Aktionen sind nicht mehr möglich.")

    def act(self, kind: str, **fields) -> dict:
        """Record an own action now (post, reply, hide, delete, report, ask)."""
        self._check_active()
        return self.exercise.respond(make_action(kind, **fields)).to_dict()

    def choose(self, decision: str, option: str) -> dict:
        """Take a decision now."""
        self._check_active()
        choice = self.exercise.choose(decision, option)
        return {"decision": decision, "option": option, "minute": round(choice.minute, 2)}

    def debrief(self) -> Debrief:
        """Scores, timeline and missed expectations up to now."""
        self._clamp()
        return self.exercise.debrief()

    def render(self, text: str) -> str:
        """Fill the scenario's placeholders ({stadt} …) with this exercise's setting."""
        return render(text, self.exercise.variables)


class SharedSession:
    """A participant in a seminar exercise stored in a database (see `Store`)."""

    solo = False

    def __init__(self, store, code: str, name: str, *, join: bool = True) -> None:
        self.store = store
        self.code = code.strip().upper()
        self.name = store.join(self.code, name) if join else name.strip()
        self.scenario, self.setting = _scenario_for(store, self.code)

    @property
    def status(self) -> str:
        """Status as the trainer set it."""
        return self.store.state(self.code, self.name)["status"]

    def state(self) -> dict:
        """The store's view for this participant."""
        return self.store.state(self.code, self.name)

    def act(self, kind: str, **fields) -> dict:
        """Record an own action (only while the exercise runs)."""
        return self.store.record_action(self.code, self.name, make_action(kind, **fields))

    def choose(self, decision: str, option: str) -> dict:
        """Take a decision for this participant."""
        return self.store.choose(self.code, decision, option, participant=self.name)

    def debrief(self) -> Debrief:
        """Debrief of this participant up to now."""
        return self.store.debrief(self.code, self.name)

    def render(self, text: str) -> str:
        """Fill the scenario's placeholders with the setting the trainer chose."""
        return self.scenario.render(text, self.setting)


def _scenario_for(store, code: str) -> tuple[Scenario, dict[str, str]]:
    """The exercise's scenario (built-in, or the YAML stored with it; cached by the store) and its setting."""
    import json

    from sqlalchemy.orm import Session

    from kommsocial.crisis.store import _scenario_from

    with Session(store.engine) as session:
        row = store._row(session, code)  # German InputError for an unknown code
        return _scenario_from(row.scenario_id, row.scenario_source), json.loads(row.setting_json or "{}")


def replay(store, code: str, teams: dict[str, list], *, end: bool = True) -> dict[str, dict]:
    """Play scripted responses of several participants in a shared exercise (demos, rehearsals).

    `teams` maps a participant name to a list of `Action`s with minutes (e.g. from
    `load_responses`). The shared clock is paused and moved to each action's minute, set
    running for the action itself, and the exercise is ended afterwards; returns `store.scores`.
    """
    for name in teams:
        store.join(code, name)
    steps = sorted(((a.minute or 0.0, n, name, a) for name, actions in teams.items()
                    for n, a in enumerate(actions)), key=lambda s: (s[0], s[1], s[2]))
    state = store.state(code)
    if state["status"] == "bereit":
        store.start(code)
    for minute, _n, name, action in steps:
        store.pause(code)  # paused while jumping, so wall time does not add minutes
        now = store.state(code)["minute"]  # rounded to 0.01 by the store
        if minute > now:
            # + 0.006 covers the rounding, so the action never lands just before its minute.
            store.advance(code, minute - now + 0.006)
        store.resume(code)
        store.record_action(code, name, action)
    if end:
        store.pause(code)
        rest = store.state(code)
        if rest["minute"] < rest["dauer"]:
            store.advance(code, rest["dauer"] - rest["minute"])
        store.end(code)
    return store.scores(code)
