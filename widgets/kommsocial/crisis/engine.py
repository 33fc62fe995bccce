"""Headless crisis exercise: simulated clock, Drehbuch release, own actions, decisions, event log.

`Exercise` is a pure function of (scenario, seed, setting, events): the store rebuilds it
from the database in every process, so trainer and participants see the same state.
"""

from __future__ import annotations

import random
from dataclasses import replace

from kommsocial.crisis.actions import MANUAL_PREFIX, Action, make_action, reference_problem
from kommsocial.crisis.clock import SimClock
from kommsocial.crisis.debrief import Debrief
from kommsocial.crisis.run import Choice, FeedItem, LogEvent, ManualInject, OwnAction
from kommsocial.crisis.schema import Channel, Inject, Scenario, render
from kommsocial.errors import InputError


class Exercise:
    """One run of a scenario; deterministic for the same seed and the same events."""

    def __init__(
        self,
        scenario: Scenario,
        seed: int = 0,
        speed: float = 1.0,
        setting: dict[str, str] | None = None,
        clock: SimClock | None = None,
    ) -> None:
        self.scenario = scenario
        self.seed = int(seed)
        self.variables = scenario.variables(setting)
        self.clock = clock or SimClock(speed=speed)
        self.actions: list[OwnAction] = []
        self.choices: dict[str, Choice] = {}
        self.manual: list[ManualInject] = []
        self.log: list[LogEvent] = []
        self._seen: set[str] = set()
        self._schedule_cache: tuple[tuple, list[FeedItem]] | None = None
        self._base = self._base_schedule()

    # --- time ----------------------------------------------------------------------------

    @property
    def now(self) -> float:
        """Current simulated minute."""
        return self.clock.now()

    @property
    def finished(self) -> bool:
        """True once the simulated time has reached the scenario's duration."""
        return self.now >= self.scenario.meta.dauer

    def start(self, wall: float | None = None) -> None:
        """Run the clock in real time (× speed)."""
        self.clock.start(wall)
        self._log("start", f"Tempo {self.clock.speed:g}", self.clock.now(wall))

    def pause(self, wall: float | None = None) -> None:
        """Freeze the clock (White Cell)."""
        self.clock.pause(wall)
        self._log("pause", "Übung pausiert", self.clock.now(wall))

    def resume(self, wall: float | None = None) -> None:
        """Continue after a pause."""
        self.clock.resume(wall)
        self._log("weiter", "Übung läuft weiter", self.clock.now(wall))

    def set_speed(self, speed: float, wall: float | None = None) -> None:
        """Change the speed factor (simulated minutes per wall minute)."""
        try:
            self.clock.set_speed(speed, wall)
        except ValueError as exc:
            raise InputError(str(exc), field="tempo") from None
        self._log("tempo", f"Tempo {speed:g}", self.clock.now(wall))

    def advance(self, minutes: float) -> list[FeedItem]:
        """Move simulated time forward and return the injects that became due."""
        self.clock.advance(minutes)
        return self.due_injects()

    def advance_to(self, minute: float) -> list[FeedItem]:
        """Move simulated time forward to a minute (never backwards)."""
        return self.advance(max(0.0, minute - self.now))

    def tick(self, wall: float | None = None) -> list[FeedItem]:
        """Injects that became due on the real-time clock since the last call."""
        return self.due_injects(self.clock.now(wall))

    def due_injects(self, now: float | None = None) -> list[FeedItem]:
        """Released injects not returned before (each inject is returned once)."""
        new = [item for item in self.feed(now) if item.id not in self._seen]
        for item in new:
            self._seen.add(item.id)
            self._log("inject", f"{item.id} ({item.kanal}, {item.persona_name})", item.minute)
        return new

    # --- schedule ------------------------------------------------------------------------

    def _item(self, inj: Inject, minute: float, text: str, quelle: str, item_id: str | None = None) -> FeedItem:
        persona = self.scenario.persona(inj.persona)
        return FeedItem(
            id=item_id or inj.id, minute=minute, kanal=inj.kanal, persona=persona.id,
            persona_name=render(persona.name, self.variables), rolle=persona.rolle,
            text=render(text, self.variables), tags=tuple(inj.tags), antwort_auf=inj.antwort_auf,
            quelle=quelle, stichworte=tuple(render(k, self.variables) for k in inj.stichworte),
        )

    def _base_schedule(self) -> dict[str, FeedItem]:
        # The RNG is consumed in Drehbuch order and only by injects with variants or jitter,
        # so editing one inject does not reshuffle the whole feed.
        rng = random.Random(self.seed)
        dauer = self.scenario.meta.dauer
        items: dict[str, FeedItem] = {}
        for inj in self.scenario.injects:
            text = inj.text
            if inj.varianten:
                text = [inj.text, *inj.varianten][rng.randrange(len(inj.varianten) + 1)]
            minute = float(inj.minute)
            if inj.streuung:
                minute = float(min(dauer, max(0, inj.minute + rng.randint(-inj.streuung, inj.streuung))))
            if not inj.folge:
                items[inj.id] = self._item(inj, minute, text, "drehbuch")
            else:
                items["__folge__" + inj.id] = self._item(inj, minute, text, "folge")
        return items

    def schedule(self) -> list[FeedItem]:
        """Every inject that will appear given the decisions and manual injects so far."""
        # Cached per (decisions, manual injects): scoring asks for it many times.
        key = (tuple(sorted(self.choices.items())), tuple(self.manual))
        if self._schedule_cache is None or self._schedule_cache[0] != key:
            self._schedule_cache = (key, self._compute_schedule())
        return list(self._schedule_cache[1])

    def _compute_schedule(self) -> list[FeedItem]:
        items = {k: v for k, v in self._base.items() if not k.startswith("__folge__")}
        for choice in self.choices.values():
            option = next(o for o in self.scenario.decision(choice.decision).optionen if o.id == choice.option)
            for ref in option.folge_injects:
                template = self._base["__folge__" + ref]
                items[ref] = _moved(template, choice.minute + template.minute)
        for n, manual in enumerate(self.manual, 1):
            if manual.inject_id:
                fired = items.get(manual.inject_id) or self._base.get("__folge__" + manual.inject_id)
                if fired is None:
                    continue
                if manual.inject_id in items and items[manual.inject_id].minute <= manual.minute:
                    continue  # already out: firing it again changes nothing
                items[manual.inject_id] = _moved(fired, manual.minute, quelle="manuell")
            else:
                persona = self.scenario.persona(manual.persona or _default_persona(self.scenario))
                items[f"{MANUAL_PREFIX}{n}"] = FeedItem(
                    id=f"{MANUAL_PREFIX}{n}", minute=manual.minute, kanal=manual.kanal,
                    persona=persona.id, persona_name=render(persona.name, self.variables),
                    rolle=persona.rolle, text=render(manual.text or "", self.variables),
                    tags=manual.tags, quelle="manuell",
                )
        order = {inj.id: n for n, inj in enumerate(self.scenario.injects)}
        return sorted(items.values(), key=lambda i: (i.minute, order.get(i.id, 10**6), i.id))

    def feed(self, now: float | None = None) -> list[FeedItem]:
        """Injects released up to `now` (default: the current minute), oldest first."""
        now = self.now if now is None else now
        return [item for item in self.schedule() if item.minute <= now + 1e-9]

    def item(self, item_id: str) -> FeedItem | None:
        """A scheduled inject by id (None if it is not, or not yet, in the schedule)."""
        return next((i for i in self.schedule() if i.id == item_id), None)

    # --- trainer and participant actions ---------------------------------------------------

    def fire(
        self,
        inject_id: str | None = None,
        *,
        text: str | None = None,
        persona: str | None = None,
        kanal: Channel = "feed",
        tags: tuple[str, ...] = (),
        minute: float | None = None,
    ) -> FeedItem:
        """Trainer fires an extra inject now: a Drehbuch/follow-up inject by id, or free text."""
        minute = self.now if minute is None else float(minute)
        if inject_id:
            try:
                self.scenario.inject(inject_id)
            except KeyError:
                raise InputError(f"Die Einspielung „{inject_id}“ gibt es nicht.", field="inject") from None
            manual = ManualInject(minute=minute, inject_id=inject_id)
        else:
            if not (text or "").strip():
                raise InputError("Eine freie Einspielung braucht einen Text.", field="text")
            if persona:
                try:
                    self.scenario.persona(persona)
                except StopIteration:
                    raise InputError(f"Die Persona „{persona}“ gibt es nicht.", field="persona") from None
            manual = ManualInject(minute=minute, text=text, persona=persona, kanal=kanal, tags=tuple(tags))
        self.manual.append(manual)
        item = self.item(inject_id or f"{MANUAL_PREFIX}{len(self.manual)}")
        assert item is not None
        self._log("manuell", f"{item.id}: {item.text[:60]}", minute)
        return item

    def respond(self, action: Action | str | None = None, **fields) -> OwnAction:
        """Record an own action: an Action, or its fields (`respond("post", text=...)`)."""
        if not isinstance(action, Action):
            action = make_action(action, **fields)
        problem = reference_problem(action, self.scenario)
        if problem:
            raise InputError(problem[1], field=problem[0])
        minute = self.now if action.minute is None else float(action.minute)
        if action.action == "choose":
            self.choose(action.target or "", action.option or "", minute=minute)
            return OwnAction(minute, "choose", None, "", action.target, action.option)
        if action.target and action.action != "ask":
            target = self.item(action.target)
            if target is None or target.minute > minute + 1e-9:
                raise InputError(
                    f"Die Einspielung „{action.target}“ ist zu diesem Zeitpunkt noch nicht erschienen.",
                    field="target",
                )
        channel = action.channel
        if channel is None and action.action == "post":
            channel = self.scenario.meta.hauptkanal
        elif channel is None and action.target and action.action == "reply":
            channel = self.item(action.target).kanal  # type: ignore[union-attr]
        own = OwnAction(minute, action.action, channel, action.text, action.target)
        self.actions.append(own)
        self.actions.sort(key=lambda a: a.minute)
        self._log("aktion", f"{action.action} {action.target or ''} {action.text[:60]}".strip(), minute)
        return own

    def choose(self, decision_id: str, option_id: str, minute: float | None = None) -> Choice:
        """Take a decision; follow-up injects are scheduled relative to this minute."""
        minute = self.now if minute is None else float(minute)
        try:
            decision = self.scenario.decision(decision_id)
        except KeyError:
            raise InputError(f"Die Entscheidung „{decision_id}“ gibt es nicht.", field="entscheidung") from None
        if option_id not in {o.id for o in decision.optionen}:
            raise InputError(f"Die Option „{option_id}“ gibt es bei „{decision_id}“ nicht.", field="option")
        if minute + 1e-9 < decision.minute:
            raise InputError(
                f"Die Entscheidung „{decision_id}“ steht erst ab Minute {decision.minute} an.", field="entscheidung"
            )
        if decision_id in self.choices:
            raise InputError(f"Die Entscheidung „{decision_id}“ ist schon getroffen.", field="entscheidung")
        choice = Choice(decision_id, option_id, minute)
        self.choices[decision_id] = choice
        self._log("entscheidung", f"{decision_id}: {option_id}", minute)
        return choice

    def open_decisions(self) -> list:
        """Decision points that are due now and not yet taken."""
        now = self.now
        return [d for d in self.scenario.entscheidungen if d.minute <= now and d.id not in self.choices]

    def play(self, actions: list[Action]) -> None:
        """Run headless to the end: release injects, apply the scripted actions at their minutes."""
        for action in sorted(actions, key=lambda a: a.minute or 0.0):
            if action.minute is not None:
                self.advance_to(action.minute)
            self.respond(action)
        self.advance_to(self.scenario.meta.dauer)

    def debrief(self, now: float | None = None) -> Debrief:
        """Scores, timeline and missed expectations up to `now` (default: current minute)."""
        # Scoring sits above the engine (it reads a run through crisis.run.ExerciseState) and loads
        # the assessment engine, so it is imported on first use only.
        from kommsocial.crisis.scoring import evaluate

        return evaluate(self, self.now if now is None else now)

    def _log(self, kind: str, detail: str, minute: float | None = None) -> None:
        self.log.append(LogEvent(round(self.now if minute is None else minute, 2), kind, detail))


def _moved(item: FeedItem, minute: float, quelle: str | None = None) -> FeedItem:
    return replace(item, minute=float(minute), quelle=quelle or item.quelle)


def _default_persona(scenario: Scenario) -> str:
    """Free-text manual injects default to the Lagezentrum (or the first persona)."""
    return next((p.id for p in scenario.personas if p.rolle == "lagezentrum"), scenario.personas[0].id)


