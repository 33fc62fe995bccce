"""Shared exercise state in a database (SQLite file by default, any SQLAlchemy URL for larger setups).

Trainer console and participant views run in separate processes; each call opens a
short transaction, and the simulated clock is stored as (speed, offset, wall anchor),
so every process computes the same minute. SQLite runs in WAL mode so readers never
block the writer.
"""

from __future__ import annotations

import json
import os
import secrets
import time
from functools import lru_cache
from pathlib import Path

from sqlalchemy import (
    Float, ForeignKey, Integer, String, Text, UniqueConstraint, create_engine, event, select,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

from kommsocial.crisis.actions import Action, make_action
from kommsocial.crisis.clock import SimClock
from kommsocial.crisis.debrief import Debrief
from kommsocial.crisis.engine import Choice, Exercise, ManualInject, OwnAction
from kommsocial.crisis.schema import Scenario, load_scenario, resolve
from kommsocial.errors import InputError

STATUS = ("bereit", "läuft", "pausiert", "beendet")
# Readable code prefixes for the built-in scenarios; others use the first letters of the id.
CODE_PREFIX = {
    "grossbrand": "BRAND", "bombenentschaerfung": "BOMBE", "starkregen": "REGEN",
    "cyberangriff": "CYBER", "shitstorm": "STURM", "falschmeldung": "FAKE",
}


class _Base(DeclarativeBase):
    pass


class ExerciseRow(_Base):
    __tablename__ = "krisen_uebung"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True, index=True)
    scenario_id: Mapped[str] = mapped_column(String(80))
    scenario_source: Mapped[str | None] = mapped_column(Text, nullable=True)  # YAML of non-built-in scenarios
    seed: Mapped[int] = mapped_column(Integer, default=0)
    setting_json: Mapped[str] = mapped_column(Text, default="{}")
    status: Mapped[str] = mapped_column(String(20), default="bereit")
    speed: Mapped[float] = mapped_column(Float, default=1.0)
    offset: Mapped[float] = mapped_column(Float, default=0.0)
    anchor: Mapped[float | None] = mapped_column(Float, nullable=True)
    created: Mapped[float] = mapped_column(Float)


class ParticipantRow(_Base):
    __tablename__ = "krisen_teilnehmer"
    __table_args__ = (UniqueConstraint("exercise_id", "name"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    exercise_id: Mapped[int] = mapped_column(ForeignKey("krisen_uebung.id"), index=True)
    name: Mapped[str] = mapped_column(String(80))
    joined: Mapped[float] = mapped_column(Float)


class ActionRow(_Base):
    __tablename__ = "krisen_aktion"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    exercise_id: Mapped[int] = mapped_column(ForeignKey("krisen_uebung.id"), index=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("krisen_teilnehmer.id"), index=True)
    minute: Mapped[float] = mapped_column(Float)
    action: Mapped[str] = mapped_column(String(20))
    channel: Mapped[str | None] = mapped_column(String(20), nullable=True)
    text: Mapped[str] = mapped_column(Text, default="")
    target: Mapped[str | None] = mapped_column(String(80), nullable=True)
    wall: Mapped[float] = mapped_column(Float)


class ManualRow(_Base):
    __tablename__ = "krisen_manuell"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    exercise_id: Mapped[int] = mapped_column(ForeignKey("krisen_uebung.id"), index=True)
    minute: Mapped[float] = mapped_column(Float)
    inject_id: Mapped[str | None] = mapped_column(String(80), nullable=True)
    text: Mapped[str | None] = mapped_column(Text, nullable=True)
    persona: Mapped[str | None] = mapped_column(String(80), nullable=True)
    kanal: Mapped[str] = mapped_column(String(20), default="feed")
    tags: Mapped[str] = mapped_column(String(200), default="")


class DecisionRow(_Base):
    __tablename__ = "krisen_entscheidung"
    __table_args__ = (UniqueConstraint("exercise_id", "participant_id", "decision_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    exercise_id: Mapped[int] = mapped_column(ForeignKey("krisen_uebung.id"), index=True)
    participant_id: Mapped[int | None] = mapped_column(ForeignKey("krisen_teilnehmer.id"), nullable=True)
    decision_id: Mapped[str] = mapped_column(String(80))
    option_id: Mapped[str] = mapped_column(String(80))
    minute: Mapped[float] = mapped_column(Float)


class EventRow(_Base):
    __tablename__ = "krisen_ereignis"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    exercise_id: Mapped[int] = mapped_column(ForeignKey("krisen_uebung.id"), index=True)
    minute: Mapped[float] = mapped_column(Float)
    wall: Mapped[float] = mapped_column(Float)
    kind: Mapped[str] = mapped_column(String(30))
    detail: Mapped[str] = mapped_column(Text, default="")


def default_url() -> str:
    """SQLite file from $KOMMSOCIAL_KRISEN_DB, else ~/.kommsocial/krisen.db."""
    path = os.environ.get("KOMMSOCIAL_KRISEN_DB") or str(Path.home() / ".kommsocial" / "krisen.db")
    return path


def _to_url(url_or_path: str | Path) -> str:
    text = str(url_or_path)
    if "://" in text:
        return text
    path = Path(text).expanduser()
    path.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{path}"


@lru_cache(maxsize=32)
def _scenario_from(scenario_id: str, source: str | None) -> Scenario:
    if source is not None:
        return load_scenario(f"{scenario_id}.yaml", text=source)
    return resolve(scenario_id)


class Store:
    """Exercises, participants, actions, manual injects and decisions in one database."""

    def __init__(self, url: str | Path | None = None, *, wall=time.time) -> None:
        self.url = _to_url(url or default_url())
        self._wall = wall
        self.engine = create_engine(self.url, future=True)
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
        _Base.metadata.create_all(self.engine)

    # --- helpers ---------------------------------------------------------------------------

    def _row(self, session: Session, code: str) -> ExerciseRow:
        row = session.scalar(select(ExerciseRow).where(ExerciseRow.code == code.strip().upper()))
        if row is None:
            raise InputError(
                f"Eine Übung mit dem Code „{code}“ gibt es nicht.",
                field="code", hint="Prüfen Sie den Code, den Ihre Trainerin oder Ihr Trainer genannt hat.",
            )
        return row

    def _participant(self, session: Session, row: ExerciseRow, name: str) -> ParticipantRow:
        part = session.scalar(select(ParticipantRow).where(
            ParticipantRow.exercise_id == row.id, ParticipantRow.name == name.strip()))
        if part is None:
            raise InputError(f"„{name}“ ist dieser Übung nicht beigetreten.", field="name",
                             hint="Treten Sie zuerst mit Code und Namen bei.")
        return part

    @staticmethod
    def _clock(row: ExerciseRow) -> SimClock:
        return SimClock(speed=row.speed, offset=row.offset, anchor=row.anchor)

    @staticmethod
    def _save_clock(row: ExerciseRow, clock: SimClock) -> None:
        row.speed, row.offset, row.anchor = clock.speed, clock.offset, clock.anchor

    def _log(self, session: Session, row: ExerciseRow, kind: str, detail: str = "") -> None:
        wall = self._wall()
        session.add(EventRow(exercise_id=row.id, minute=round(self._clock(row).now(wall), 2),
                             wall=wall, kind=kind, detail=detail))

    def _status(self, row: ExerciseRow, scenario: Scenario) -> str:
        if row.status == "läuft" and self._clock(row).now(self._wall()) >= scenario.meta.dauer:
            return "beendet"
        return row.status

    def _build(self, session: Session, row: ExerciseRow, participant: ParticipantRow | None) -> Exercise:
        """Rebuild the deterministic Exercise for one participant (or the trainer's view)."""
        scenario = _scenario_from(row.scenario_id, row.scenario_source)
        clock = self._clock(row)
        wall = self._wall()
        # Freeze the clock at "now" so every read inside one call sees the same minute.
        frozen = SimClock(speed=clock.speed, offset=min(clock.now(wall), float(scenario.meta.dauer)))
        ex = Exercise(scenario, seed=row.seed, setting=json.loads(row.setting_json), clock=frozen)
        for m in session.scalars(select(ManualRow).where(ManualRow.exercise_id == row.id).order_by(ManualRow.id)):
            ex.manual.append(ManualInject(m.minute, m.inject_id, m.text, m.persona, m.kanal,  # type: ignore[arg-type]
                                          tuple(t for t in m.tags.split(",") if t)))
        pid = participant.id if participant else None
        for d in session.scalars(select(DecisionRow).where(DecisionRow.exercise_id == row.id).order_by(DecisionRow.id)):
            if d.participant_id is None or d.participant_id == pid:
                # A participant's own decision overrides one the trainer took for everybody.
                if d.participant_id is None and d.decision_id in ex.choices:
                    continue
                ex.choices[d.decision_id] = Choice(d.decision_id, d.option_id, d.minute)
        if participant is not None:
            for a in session.scalars(select(ActionRow).where(ActionRow.participant_id == pid).order_by(ActionRow.id)):
                ex.actions.append(OwnAction(a.minute, a.action, a.channel, a.text, a.target))
            ex.actions.sort(key=lambda a: a.minute)
        return ex

    # --- trainer ---------------------------------------------------------------------------

    def create_exercise(
        self, scenario: str | Path = "grossbrand", speed: float = 1.0, seed: int = 0,
        setting: dict[str, str] | None = None,
    ) -> str:
        """Create an exercise from a built-in id or a scenario file; returns its code (e.g. BRAND-4821)."""
        sc = resolve(scenario)
        source = None
        if Path(str(scenario)).suffix in {".yaml", ".yml"} or Path(str(scenario)).exists():
            source = Path(scenario).read_text(encoding="utf-8-sig")
        SimClock().set_speed(speed)  # validates the speed with a German message
        prefix = CODE_PREFIX.get(sc.id) or "".join(ch for ch in sc.id.upper() if ch.isalpha())[:5] or "UEBUNG"
        with Session(self.engine) as session, session.begin():
            while True:
                code = f"{prefix}-{secrets.randbelow(9000) + 1000}"
                if session.scalar(select(ExerciseRow.id).where(ExerciseRow.code == code)) is None:
                    break
            row = ExerciseRow(code=code, scenario_id=sc.id, scenario_source=source, seed=int(seed),
                              setting_json=json.dumps(setting or {}, ensure_ascii=False), status="bereit",
                              speed=float(speed), offset=0.0, anchor=None, created=self._wall())
            session.add(row)
            session.flush()
            self._log(session, row, "angelegt", f"{sc.id}, Tempo {speed:g}, Seed {seed}")
        return code

    def _clock_op(self, code: str, op: str, value: float | None = None) -> dict:
        with Session(self.engine) as session, session.begin():
            row = self._row(session, code)
            clock, wall = self._clock(row), self._wall()
            if op == "start":
                if row.status == "beendet":
                    raise InputError("Die Übung ist beendet und kann nicht neu gestartet werden.")
                clock.start(wall)
                row.status = "läuft"
            elif op == "pause":
                clock.pause(wall)
                row.status = "pausiert" if row.status != "beendet" else row.status
            elif op == "tempo":
                try:
                    clock.set_speed(float(value or 0), wall)
                except ValueError as exc:
                    raise InputError(str(exc), field="tempo") from None
            elif op == "vorspulen":
                clock.advance(float(value or 0), wall)
            elif op == "ende":
                clock.pause(wall)
                row.status = "beendet"
            self._save_clock(row, clock)
            self._log(session, row, op, "" if value is None else f"{value:g}")
        return self.state(code)

    def start(self, code: str) -> dict:
        """Start the exercise clock (participants see injects from now on)."""
        return self._clock_op(code, "start")

    def pause(self, code: str) -> dict:
        """Pause: the simulated clock stops for everybody."""
        return self._clock_op(code, "pause")

    def resume(self, code: str) -> dict:
        """Continue after a pause."""
        return self._clock_op(code, "start")

    def set_speed(self, code: str, speed: float) -> dict:
        """Change the speed factor (simulated minutes per real minute)."""
        return self._clock_op(code, "tempo", speed)

    def advance(self, code: str, minutes: float) -> dict:
        """Skip forward in simulated time (e.g. over a quiet phase)."""
        return self._clock_op(code, "vorspulen", minutes)

    def end(self, code: str) -> dict:
        """End the exercise; the clock stops and the debrief is final."""
        return self._clock_op(code, "ende")

    def fire_inject(
        self, code: str, inject: str | None = None, *, text: str | None = None, persona: str | None = None,
        kanal: str = "feed", tags: tuple[str, ...] = (),
    ) -> dict:
        """Release an extra inject now: a Drehbuch inject by id, or free text as a persona."""
        with Session(self.engine) as session, session.begin():
            row = self._row(session, code)
            ex = self._build(session, row, None)
            item = ex.fire(inject, text=text, persona=persona, kanal=kanal, tags=tags)  # type: ignore[arg-type]
            session.add(ManualRow(exercise_id=row.id, minute=ex.now, inject_id=inject, text=text,
                                  persona=persona, kanal=kanal, tags=",".join(tags)))
            self._log(session, row, "manuell", item.id)
            return item.to_dict()

    # --- participants ----------------------------------------------------------------------

    def join(self, code: str, name: str) -> str:
        """Join an exercise with its code and a display name; returns the name."""
        name = (name or "").strip()
        if not 1 <= len(name) <= 80:
            raise InputError("Bitte geben Sie einen Namen mit 1 bis 80 Zeichen ein.", field="name")
        with Session(self.engine) as session, session.begin():
            row = self._row(session, code)
            exists = session.scalar(select(ParticipantRow).where(
                ParticipantRow.exercise_id == row.id, ParticipantRow.name == name))
            if exists is None:
                session.add(ParticipantRow(exercise_id=row.id, name=name, joined=self._wall()))
                self._log(session, row, "beitritt", name)
        return name

    def record_action(self, code: str, participant: str, action: Action | dict) -> dict:
        """Record a participant's action at the current simulated minute."""
        action = action if isinstance(action, Action) else make_action(**action)
        if action.action == "choose":
            self.choose(code, action.target or "", action.option or "", participant=participant)
            return {"action": "choose", "target": action.target, "option": action.option}
        with Session(self.engine) as session, session.begin():
            row = self._row(session, code)
            scenario = _scenario_from(row.scenario_id, row.scenario_source)
            status = self._status(row, scenario)
            if status != "läuft":
                raise InputError(f"Die Übung ist {status}. Aktionen sind nur möglich, solange sie läuft.")
            part = self._participant(session, row, participant)
            ex = self._build(session, row, part)
            own = ex.respond(action.model_copy(update={"minute": None}))
            session.add(ActionRow(exercise_id=row.id, participant_id=part.id, minute=own.minute, action=own.action,
                                  channel=own.channel, text=own.text, target=own.target, wall=self._wall()))
            self._log(session, row, "aktion", f"{participant}: {own.action} {own.target or ''}".strip())
            return own.to_dict()

    def choose(self, code: str, decision: str, option: str, *, participant: str | None = None) -> dict:
        """Take a decision for one participant, or (participant None) for everybody as trainer."""
        with Session(self.engine) as session, session.begin():
            row = self._row(session, code)
            part = self._participant(session, row, participant) if participant else None
            ex = self._build(session, row, part)
            if decision in ex.choices:
                already = session.scalar(select(DecisionRow).where(
                    DecisionRow.exercise_id == row.id, DecisionRow.decision_id == decision,
                    DecisionRow.participant_id == (part.id if part else None)))
                if already is not None or part is None:
                    raise InputError(f"Die Entscheidung „{decision}“ ist schon getroffen.", field="entscheidung")
                del ex.choices[decision]  # the trainer's choice for all may be overridden once
            choice = ex.choose(decision, option)
            session.add(DecisionRow(exercise_id=row.id, participant_id=part.id if part else None,
                                    decision_id=decision, option_id=option, minute=choice.minute))
            self._log(session, row, "entscheidung", f"{participant or 'Übungsleitung'}: {decision} → {option}")
            return {"decision": decision, "option": option, "minute": round(choice.minute, 2)}

    # --- reading ---------------------------------------------------------------------------

    def state(self, code: str, participant: str | None = None) -> dict:
        """Everything a view needs: status, minute, released feed, open decisions, participants, actions."""
        with Session(self.engine) as session:
            row = self._row(session, code)
            part = self._participant(session, row, participant) if participant else None
            ex = self._build(session, row, part)
            scenario = ex.scenario
            names = [p.name for p in session.scalars(
                select(ParticipantRow).where(ParticipantRow.exercise_id == row.id).order_by(ParticipantRow.id))]
            actions = [a.to_dict() for a in ex.actions]
            if part is None:
                actions = []
                for a, name in session.execute(
                    select(ActionRow, ParticipantRow.name).join(ParticipantRow, ActionRow.participant_id == ParticipantRow.id)
                    .where(ActionRow.exercise_id == row.id).order_by(ActionRow.id)
                ):
                    actions.append({"teilnehmer": name, "minute": round(a.minute, 2), "action": a.action,
                                    "channel": a.channel, "text": a.text, "target": a.target})
            events = [{"minute": e.minute, "art": e.kind, "detail": e.detail} for e in session.scalars(
                select(EventRow).where(EventRow.exercise_id == row.id).order_by(EventRow.id))]
            return {
                "code": row.code, "scenario": scenario.id, "titel": scenario.render(scenario.meta.titel,
                                                                                   json.loads(row.setting_json)),
                "kurzbeschreibung": scenario.render(scenario.meta.kurzbeschreibung, json.loads(row.setting_json)),
                "lernziele": list(scenario.meta.lernziele), "hauptkanal": scenario.meta.hauptkanal,
                "status": self._status(row, scenario), "minute": round(ex.now, 2), "dauer": scenario.meta.dauer,
                "tempo": row.speed, "seed": row.seed, "teilnehmer": names,
                "feed": [item.to_dict() for item in ex.feed()],
                "offene_entscheidungen": [
                    {"id": d.id, "frage": scenario.render(d.frage, json.loads(row.setting_json)),
                     "optionen": [{"id": o.id, "text": scenario.render(o.text, json.loads(row.setting_json))}
                                  for o in d.optionen]}
                    for d in ex.open_decisions()
                ],
                "entscheidungen": {c.decision: c.option for c in ex.choices.values()},
                "aktionen": actions, "ereignisse": events,
            }

    def scenario(self, code: str) -> Scenario:
        """The scenario of an exercise (also for custom files stored with the exercise)."""
        with Session(self.engine) as session:
            row = self._row(session, code)
            return _scenario_from(row.scenario_id, row.scenario_source)

    def debrief(self, code: str, participant: str) -> Debrief:
        """Debrief of one participant at the current minute."""
        with Session(self.engine) as session:
            row = self._row(session, code)
            ex = self._build(session, row, self._participant(session, row, participant))
            return ex.debrief()

    def scores(self, code: str) -> dict[str, dict]:
        """Live scores per participant: {name: {"gesamt": int, "dimensions": {...}, "missed": [...]}}."""
        with Session(self.engine) as session:
            row = self._row(session, code)
            result = {}
            for part in session.scalars(
                select(ParticipantRow).where(ParticipantRow.exercise_id == row.id).order_by(ParticipantRow.id)
            ):
                debrief = self._build(session, row, part).debrief()
                result[part.name] = {**debrief.score.to_dict(), "missed": debrief.missed}
            return result

    def exercises(self) -> list[dict]:
        """All exercises in the database (newest first): code, scenario, status."""
        with Session(self.engine) as session:
            rows = session.scalars(select(ExerciseRow).order_by(ExerciseRow.id.desc())).all()
            return [{"code": r.code, "scenario": r.scenario_id, "status": self._status(
                r, _scenario_from(r.scenario_id, r.scenario_source))} for r in rows]


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    # WAL: readers (participants) never block the writer (trainer); busy_timeout waits out short locks.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA synchronous=NORMAL")  # safe with WAL, avoids an fsync per commit
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()
