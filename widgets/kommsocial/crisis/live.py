"""One interface for the crisis views: a solo exercise in this process, or a shared one in the store.

The participant view and the debrief only talk to a `LiveSession`. `SoloSession` wraps an
`Exercise` (self-learners in the Voilà app, headless demos); `SharedSession` wraps
`Store` + exercise code + participant name (seminars with a trainer console). Both return
the same state dict as `Store.state(code, participant)`.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from kommsocial.crisis.actions import make_action
from kommsocial.crisis.debrief import Debrief
from kommsocial.crisis.engine import Exercise
from kommsocial.crisis.schema import Scenario, render, resolve
from kommsocial.errors import InputError

# Solo speeds offered to self-learners: simulated minutes per real minute.
SOLO_SPEEDS = {"Echtzeit (1 ×)": 1.0, "5-mal so schnell": 5.0, "10-mal so schnell": 10.0,
               "20-mal so schnell": 20.0}


class LiveSession(Protocol):
    """What the participant view needs from an exercise.

    `solo` is True for a session whose clock the participant steers itself; such a
    session also offers the `SoloControls`.
    """

    scenario: Scenario
    solo: bool
    name: str

    def state(self) -> dict: ...

    def act(self, kind: str, **fields) -> dict: ...

    def choose(self, decision: str, option: str) -> dict: ...

    def debrief(self) -> Debrief: ...

    def render(self, text: str) -> str: ...


@runtime_checkable
class SoloControls(LiveSession, Protocol):
    """A `LiveSession` with its own clock (`solo` is True): the buttons Start, Pause, +5 Minuten, Tempo, Ende."""

    exercise: Exercise

    def start(self) -> None: ...

    def pause(self) -> None: ...

    def advance(self, minutes: float) -> None: ...

    def end(self) -> None: ...

    def set_speed(self, speed: float) -> None: ...


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
    """A participant in a seminar exercise stored in a database (see `Store`).

    Joining issues a personal key; the session sends it with every call, so nobody else can act
    under this name. `schluessel` lets a participant come back (e.g. after reloading the page).
    """

    solo = False

    def __init__(self, store, code: str, name: str, *, schluessel: str | None = None) -> None:
        self.store = store
        membership = store.join(code, name, schluessel)
        self.code, self.name, self.schluessel = membership.code, membership.name, membership.schluessel
        self.scenario, self.setting = store.scenario_and_setting(self.code)

    @property
    def status(self) -> str:
        """Status as the trainer set it."""
        return self.state()["status"]

    def state(self) -> dict:
        """The store's view for this participant."""
        return self.store.state(self.code, self.name, schluessel=self.schluessel)

    def act(self, kind: str, **fields) -> dict:
        """Record an own action (only while the exercise runs)."""
        return self.store.record_action(self.code, self.name, make_action(kind, **fields), schluessel=self.schluessel)

    def choose(self, decision: str, option: str) -> dict:
        """Take a decision for this participant."""
        return self.store.choose(self.code, decision, option, participant=self.name, schluessel=self.schluessel)

    def debrief(self) -> Debrief:
        """Debrief of this participant up to now."""
        return self.store.debrief(self.code, self.name, schluessel=self.schluessel)

    def render(self, text: str) -> str:
        """Fill the scenario's placeholders with the setting the trainer chose."""
        return self.scenario.render(text, self.setting)


def replay(store, code: str, teams: dict[str, list], *, end: bool = True,
           leitung: str | None = None) -> dict[str, dict]:
    """Play scripted responses of several participants in a shared exercise (demos, rehearsals).

    `teams` maps a participant name to a list of `Action`s with minutes (e.g. from
    `load_responses`). The shared clock is paused and moved to each action's minute, set
    running for the action itself, and the exercise is ended afterwards; returns `store.scores`.
    Needs the trainer key (given, or remembered on this computer).
    """
    keys = {name: store.join(code, name).schluessel for name in teams}
    steps = sorted(((a.minute or 0.0, n, name, a) for name, actions in teams.items()
                    for n, a in enumerate(actions)), key=lambda s: (s[0], s[1], s[2]))
    state = store.state(code, leitung=leitung)
    if state["status"] == "bereit":
        store.start(code, leitung=leitung)
    for minute, _n, name, action in steps:
        store.pause(code, leitung=leitung)  # paused while jumping, so wall time does not add minutes
        now = store.state(code, leitung=leitung)["minute"]  # rounded to 0.01 by the store
        if minute > now:
            # + 0.006 covers the rounding, so the action never lands just before its minute.
            store.advance(code, minute - now + 0.006, leitung=leitung)
        store.resume(code, leitung=leitung)
        store.record_action(code, name, action, schluessel=keys[name])
    if end:
        store.pause(code, leitung=leitung)
        rest = store.state(code, leitung=leitung)
        if rest["minute"] < rest["dauer"]:
            store.advance(code, rest["dauer"] - rest["minute"], leitung=leitung)
        store.end(code, leitung=leitung)
    return store.scores(code, leitung=leitung)
