"""Shared exercise state in a database: one SQLite file per exercise by default, or any SQLAlchemy URL.

Trainer console and participant views run in separate processes; each call opens a
short transaction, and the simulated clock is stored as (speed, offset, wall anchor),
so every process computes the same minute.

Concurrency (tested with several writer processes on SQLite and on PostgreSQL, see
tests/test_crisis_store.py): on SQLite (WAL mode, readers never block the writer) every
write transaction starts with BEGIN IMMEDIATE, so a read-then-write never fails with
"database is locked" when another process wrote in between; writers queue on the busy
timeout instead. On PostgreSQL writes run in READ COMMITTED and lock the exercise row
first (trainer: FOR UPDATE, participant: FOR SHARE), so clock changes never interleave
with actions and no update is lost; reads run in one REPEATABLE READ snapshot.

Access (see `crisis/access.py`): an exercise is found by its code; every participant action
needs the personal key issued on joining, every trainer action the trainer key issued on
creating (remembered in the creator's keyring). Failed attempts are counted and limited.
"""

from __future__ import annotations

import json
import os
import random
import time
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from sqlalchemy import (
    Engine,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    create_engine,
    event,
    func,
    inspect,
    select,
    text,
)
from sqlalchemy.exc import ArgumentError, DBAPIError, IntegrityError, NoSuchModuleError, OperationalError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

from kommsocial._db import why_unusable
from kommsocial.crisis import access
from kommsocial.crisis.actions import Action, make_action
from kommsocial.crisis.clock import SimClock
from kommsocial.crisis.debrief import Debrief
from kommsocial.crisis.engine import Exercise
from kommsocial.crisis.run import Choice, ManualInject, OwnAction
from kommsocial.crisis.schema import Scenario, load_scenario, resolve
from kommsocial.errors import InputError, KommSocialError

try:
    import fcntl
except ImportError:  # Windows: SQLite's busy timeout alone orders the writers
    fcntl = None  # type: ignore[assignment]

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
    code: Mapped[str] = mapped_column(String(40))
    code_norm: Mapped[str] = mapped_column(String(40), unique=True, index=True)
    leitung_digest: Mapped[str] = mapped_column(String(64))
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
    __table_args__ = (UniqueConstraint("exercise_id", "name_key"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    exercise_id: Mapped[int] = mapped_column(ForeignKey("krisen_uebung.id"), index=True)
    name: Mapped[str] = mapped_column(String(80))
    name_key: Mapped[str] = mapped_column(String(80))
    key_digest: Mapped[str] = mapped_column(String(64))
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


class FailureRow(_Base):
    """A failed attempt (unknown code, wrong key) for the rate limit; scope "*" or an exercise code."""

    __tablename__ = "krisen_fehlversuch"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    scope: Mapped[str] = mapped_column(String(40), index=True)
    wall: Mapped[float] = mapped_column(Float, index=True)


@dataclass(frozen=True)
class NewExercise:
    """What the trainer gets when creating an exercise: the code to hand out and the trainer key."""

    code: str
    leitung: str


@dataclass(frozen=True)
class Membership:
    """A participant's seat in an exercise: the display name and the personal key every action needs."""

    code: str
    name: str
    schluessel: str
    neu: bool


def default_location() -> str:
    """$KOMMSOCIAL_KRISEN_DB (a file, folder or URL), else the folder ~/.kommsocial/krisen (one file per exercise)."""
    return os.environ.get("KOMMSOCIAL_KRISEN_DB") or str(access.kommsocial_home() / "krisen")


def _to_url(url_or_path: str | Path) -> str:
    text = str(url_or_path)
    if "://" in text:
        return text
    path = Path(text).expanduser()
    path.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{path}"


def _is_folder(target: str) -> bool:
    """A folder of per-exercise files: an existing folder, a path ending in "/", or a new path without suffix."""
    if "://" in target:
        return False
    path = Path(target).expanduser()
    return target.endswith(("/", os.sep)) or path.is_dir() or (not path.exists() and not path.suffix)


_WRITE = "kommsocial_write"  # execution option: this transaction writes (SQLite: BEGIN IMMEDIATE)
_SCHEMA_LOCK = 0x6B6F6D6D  # PostgreSQL advisory lock: one process creates the tables at a time
_TURN_WAIT = 10.0  # seconds a SQLite writer waits for its turn (then SQLite's own busy timeout applies)


def _unusable(url: str, exc: BaseException) -> InputError:
    """A German message for a database URL that does not work (wrong form, no driver, no server)."""
    reason, hint = why_unusable(url, exc)
    return InputError(reason, field="db", hint=hint)


def _open_engine(url: str) -> Engine:
    try:
        engine = create_engine(url, future=True, pool_pre_ping=not url.startswith("sqlite"))
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", _sqlite_pragmas)
            event.listen(engine, "begin", _sqlite_begin)
        with engine.execution_options(**{_WRITE: True}).begin() as conn:
            if conn.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _SCHEMA_LOCK})
            _Base.metadata.create_all(conn)
            columns = {c["name"] for c in inspect(conn).get_columns("krisen_teilnehmer")}
    except (ArgumentError, NoSuchModuleError, ImportError, OperationalError, DBAPIError) as exc:
        raise _unusable(url, exc) from None
    if "key_digest" not in columns:
        raise InputError(
            "Diese Datenbank stammt von einer älteren Version ohne Zugangsschutz.",
            file=url.removeprefix("sqlite:///"),
            hint="Legen Sie die Übung neu an: ohne --db (eigene Datei je Übung) oder mit einer neuen Datei.",
        )
    return engine


class _Refusal(Exception):
    """A failed access check inside a transaction; counted (and throttled) after the transaction ended."""

    def __init__(self, scope: str, limit: int, error: InputError, field: str | None = None) -> None:
        super().__init__(error.reason)
        self.scope, self.limit, self.error, self.field = scope, limit, error, field


def _create_private_file(path: Path) -> None:
    # O_EXCL: never reuse (or follow a link to) an existing file; 0600: only the owner reads the exercise.
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.close(fd)


@lru_cache(maxsize=32)
def _scenario_from(scenario_id: str, source: str | None) -> Scenario:
    if source is not None:
        return load_scenario(f"{scenario_id}.yaml", text=source)
    return resolve(scenario_id)


class Store:
    """Exercises with their participants, actions, manual injects and decisions.

    `location` is a folder (default ~/.kommsocial/krisen: one private SQLite file per exercise),
    a SQLite file or any SQLAlchemy URL (several exercises in one database, e.g. PostgreSQL).
    """

    def __init__(self, location: str | Path | None = None, *, wall=time.time, sleep=time.sleep,
                 keyring: access.Keyring | None = None) -> None:
        target = str(location or default_location())
        self._wall = wall
        self._sleep = sleep
        self.keyring = keyring or access.Keyring()
        self._engines: dict[str, Engine] = {}
        self._turns: dict[str, int | None] = {}  # SQLite file -> open lock file (see _turn)
        weakref.finalize(self, _close_all, self._turns)
        if _is_folder(target):
            self.folder: Path | None = access.private_dir(Path(target).expanduser())
            self.url = str(self.folder)
            counts = self.folder / "zugang.db"
            self._access = self._engine_at(counts, create=not counts.exists())
        else:
            self.folder = None
            self.url = _to_url(target)
            self._access = _open_engine(self.url)

    # --- databases -------------------------------------------------------------------------

    def _engine_at(self, path: Path, *, create: bool = False) -> Engine:
        """Engine of one file in the folder; `create` makes a new private file, else it must exist."""
        key = str(path)
        if key not in self._engines:
            if create:
                _create_private_file(path)
            elif not path.is_file():
                raise FileNotFoundError(path)
            self._engines[key] = _open_engine(f"sqlite:///{path}")
        return self._engines[key]

    def _engine(self, code: str) -> Engine:
        """The database holding exercise `code`; a German error (and a counted failure) if there is none."""
        if self.folder is None:
            return self._access
        try:
            return self._engine_at(self.folder / access.code_file_name(code))
        except FileNotFoundError:
            raise self._refuse(self._unknown(code)) from None

    @contextmanager
    def _reading(self, engine: Engine) -> Iterator[Session]:
        """A read-only session: one consistent snapshot (PostgreSQL: REPEATABLE READ, SQLite: one BEGIN)."""
        if engine.dialect.name == "postgresql":
            engine = engine.execution_options(isolation_level="REPEATABLE READ")
        with self._guard(engine), Session(engine) as session:
            yield session

    @contextmanager
    def _writing(self, engine: Engine) -> Iterator[Session]:
        """A write transaction (SQLite: BEGIN IMMEDIATE); commits at the end, rolls back on an error."""
        with (self._guard(engine), self._turn(engine),
              Session(engine.execution_options(**{_WRITE: True})) as session, session.begin()):
            yield session

    @contextmanager
    def _turn(self, engine: Engine) -> Iterator[None]:
        """SQLite: wait for this write's turn on a lock file next to the database, polling every few ms.

        SQLite's busy handler retries a locked database only every 100 ms after the first few tries, so
        with many writers (30 participants posting at once) a waiting writer kept losing to newer ones: one
        post waited 6 s, another failed after the 10 s busy timeout ("gerade belegt"). Polling this lock every
        0.5–3 ms gives every waiting process a fair chance; after _TURN_WAIT the write goes ahead anyway.
        """
        fd = self._turn_file(engine)
        held = False
        if fd is not None:
            deadline = time.monotonic() + _TURN_WAIT
            while not held:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    held = True
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        break
                    time.sleep(random.uniform(0.0005, 0.003))
        try:
            yield
        finally:
            if held and fd is not None:
                fcntl.flock(fd, fcntl.LOCK_UN)

    def _turn_file(self, engine: Engine) -> int | None:
        """The lock file of a SQLite database ("<file>-lock", opened once per store); None: no such lock."""
        db = engine.url.database
        if fcntl is None or engine.dialect.name != "sqlite" or not db or db == ":memory:":
            return None
        if db not in self._turns:
            try:
                mode = os.stat(db).st_mode & 0o666  # whoever may write the database may take a turn
                self._turns[db] = os.open(f"{db}-lock", os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, mode)
            except OSError:
                self._turns[db] = None  # e.g. a read-only folder: SQLite's busy timeout alone
        return self._turns[db]

    @contextmanager
    def _guard(self, engine: Engine) -> Iterator[None]:
        """Count refused access after the transaction ended; German messages for database trouble."""
        try:
            yield
        except _Refusal as refusal:
            raise self._refuse(refusal) from None
        except OperationalError as exc:
            if "locked" in str(exc.orig):
                raise KommSocialError("Die Übungsdatenbank ist gerade belegt. Bitte versuchen Sie es in einigen "
                                      "Sekunden noch einmal.") from None
            raise _unusable(str(engine.url), exc) from None

    # --- access ----------------------------------------------------------------------------

    def _failures(self, scope: str) -> int:
        with self._reading(self._access) as session:
            return int(session.scalar(select(func.count()).select_from(FailureRow).where(
                FailureRow.scope == scope, FailureRow.wall > self._wall() - access.WINDOW_SECONDS)) or 0)

    def _fail(self, scope: str) -> None:
        with self._writing(self._access) as session:
            session.add(FailureRow(scope=scope, wall=self._wall()))
            # Keep the table small: old attempts no longer count.
            session.query(FailureRow).filter(FailureRow.wall < self._wall() - 10 * access.WINDOW_SECONDS).delete()

    def _refuse(self, refusal: _Refusal) -> InputError:
        """Count a failed attempt; past the limit of the last minute it waits first and says "too many".

        Runs outside any transaction of the exercise, so the wait holds no lock (SQLite: no other
        participant waits for it) and the count is kept even though the refused transaction rolled back.
        """
        throttled = self._failures(refusal.scope) >= refusal.limit
        if throttled:
            self._sleep(access.THROTTLE_SECONDS)
        self._fail(refusal.scope)
        if throttled:
            return InputError(access.TOO_MANY, field=refusal.field or refusal.error.field)
        return refusal.error

    def _unknown(self, code: str) -> _Refusal:
        return _Refusal("*", access.MAX_FAILED_CODES, InputError(
            f"Eine Übung mit dem Code „{code[:40]}“ gibt es nicht.",
            field="code", hint="Prüfen Sie den Code, den Ihre Trainerin oder Ihr Trainer genannt hat.",
        ))

    def _row(self, session: Session, code: str, *, lock: str | None = None) -> ExerciseRow:
        """The exercise row; `lock` "update" (trainer writes) or "share" (participant writes) on PostgreSQL."""
        query = select(ExerciseRow).where(ExerciseRow.code_norm == access.normalize_code(code))
        if lock is not None and session.get_bind().dialect.name == "postgresql":
            query = query.with_for_update(read=lock == "share")
        row = session.scalar(query)
        if row is None:
            raise self._unknown(code)
        return row

    def _participant(self, session: Session, row: ExerciseRow, name: str, key: str | None) -> ParticipantRow:
        part = session.scalar(select(ParticipantRow).where(
            ParticipantRow.exercise_id == row.id, ParticipantRow.name_key == access.name_key(name)))
        if part is None or not access.matches(key, part.key_digest):
            raise _Refusal(row.code_norm, access.MAX_FAILED_KEYS, InputError(
                "Name und persönlicher Schlüssel passen nicht zu dieser Übung.", field="name",
                hint="Treten Sie mit Code und Namen bei. Beim Wiedereintritt geben Sie den "
                     "persönlichen Schlüssel ein, den Sie beim ersten Beitritt erhalten haben."), field="schlüssel")
        return part

    def _trainer(self, row: ExerciseRow, leitung: str | None) -> None:
        """Check the trainer key (given, or remembered in this computer's keyring)."""
        key = leitung or self.keyring.get(self.url, row.code)
        if not key:
            raise InputError(f"Für die Übung {row.code} fehlt der Leitungsschlüssel.", field="leitungsschlüssel",
                             hint="Geben Sie den Schlüssel ein, den Sie beim Anlegen der Übung erhalten haben.")
        if not access.matches(key, row.leitung_digest):
            raise _Refusal(row.code_norm, access.MAX_FAILED_KEYS, InputError(
                "Der Leitungsschlüssel passt nicht zu dieser Übung.", field="leitungsschlüssel",
                hint="Prüfen Sie den Schlüssel, den Sie beim Anlegen der Übung erhalten haben."))

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
    ) -> NewExercise:
        """Create an exercise from a built-in id or a scenario file.

        Returns the code to hand out (e.g. BRAND-7KQM3-XDT9H-WRP2Z) and the trainer key, which
        is also remembered in this computer's keyring.
        """
        sc = resolve(scenario)
        source = None
        if Path(str(scenario)).suffix in {".yaml", ".yml"} or Path(str(scenario)).exists():
            source = Path(scenario).read_text(encoding="utf-8-sig")
        SimClock().set_speed(speed)  # validates the speed with a German message
        prefix = CODE_PREFIX.get(sc.id) or "".join(ch for ch in sc.id.upper() if ch.isalpha())[:5] or "UEBUNG"
        code, leitung = access.new_code(prefix), access.new_key(access.TRAINER_KEY_GROUPS)
        engine = (self._access if self.folder is None
                  else self._engine_at(self.folder / access.code_file_name(code), create=True))
        with self._writing(engine) as session:
            row = ExerciseRow(code=code, code_norm=access.normalize_code(code), leitung_digest=access.digest(leitung),
                              scenario_id=sc.id, scenario_source=source, seed=int(seed),
                              setting_json=json.dumps(setting or {}, ensure_ascii=False), status="bereit",
                              speed=float(speed), offset=0.0, anchor=None, created=self._wall())
            session.add(row)
            session.flush()
            self._log(session, row, "angelegt", f"{sc.id}, Tempo {speed:g}, Variante {seed}")
        self.keyring.put(self.url, code, leitung)
        return NewExercise(code, leitung)

    def check_trainer(self, code: str, leitung: str | None = None) -> str:
        """Verify the trainer key (or the remembered one); returns the code as stored."""
        with self._reading(self._engine(code)) as session:
            row = self._row(session, code)
            self._trainer(row, leitung)
            if leitung:
                self.keyring.put(self.url, row.code, leitung)
            return row.code

    def _clock_op(self, code: str, op: str, value: float | None, leitung: str | None) -> dict:
        with self._writing(self._engine(code)) as session:
            row = self._row(session, code, lock="update")
            self._trainer(row, leitung)
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
        return self.state(code, leitung=leitung)

    def start(self, code: str, *, leitung: str | None = None) -> dict:
        """Start the exercise clock (participants see injects from now on)."""
        return self._clock_op(code, "start", None, leitung)

    def pause(self, code: str, *, leitung: str | None = None) -> dict:
        """Pause: the simulated clock stops for everybody."""
        return self._clock_op(code, "pause", None, leitung)

    def resume(self, code: str, *, leitung: str | None = None) -> dict:
        """Continue after a pause."""
        return self._clock_op(code, "start", None, leitung)

    def set_speed(self, code: str, speed: float, *, leitung: str | None = None) -> dict:
        """Change the speed factor (simulated minutes per real minute)."""
        return self._clock_op(code, "tempo", speed, leitung)

    def advance(self, code: str, minutes: float, *, leitung: str | None = None) -> dict:
        """Skip forward in simulated time (e.g. over a quiet phase)."""
        return self._clock_op(code, "vorspulen", minutes, leitung)

    def end(self, code: str, *, leitung: str | None = None) -> dict:
        """End the exercise; the clock stops and the debrief is final."""
        return self._clock_op(code, "ende", None, leitung)

    def fire_inject(
        self, code: str, inject: str | None = None, *, text: str | None = None, persona: str | None = None,
        kanal: str = "feed", tags: tuple[str, ...] = (), leitung: str | None = None,
    ) -> dict:
        """Release an extra inject now: a Drehbuch inject by id, or free text as a persona."""
        with self._writing(self._engine(code)) as session:
            row = self._row(session, code, lock="update")
            self._trainer(row, leitung)
            ex = self._build(session, row, None)
            item = ex.fire(inject, text=text, persona=persona, kanal=kanal, tags=tags)  # type: ignore[arg-type]
            session.add(ManualRow(exercise_id=row.id, minute=ex.now, inject_id=inject, text=text,
                                  persona=persona, kanal=kanal, tags=",".join(tags)))
            self._log(session, row, "manuell", item.id)
            return item.to_dict()

    # --- participants ----------------------------------------------------------------------

    def join(self, code: str, name: str, schluessel: str | None = None) -> Membership:
        """Join with the code and a display name, or come back with name and personal key.

        Names are unique per exercise (ignoring case and invisible characters); a new member gets
        a personal key that every later action needs.
        """
        name = access.clean_name(name)
        if not 1 <= len(name) <= 80:
            raise InputError("Bitte geben Sie einen Namen mit 1 bis 80 Zeichen ein.", field="name")
        taken = InputError(
            f"Den Namen „{name}“ gibt es in dieser Übung schon.", field="name",
            hint="Wählen Sie einen anderen Namen, zum Beispiel mit dem ersten Buchstaben Ihres Nachnamens. "
                 "Wenn Sie selbst schon beigetreten sind, geben Sie Ihren persönlichen Schlüssel ein.")
        engine = self._engine(code)
        try:
            with self._writing(engine) as session:
                row = self._row(session, code, lock="share")
                existing = session.scalar(select(ParticipantRow).where(
                    ParticipantRow.exercise_id == row.id, ParticipantRow.name_key == access.name_key(name)))
                if existing is not None:
                    if schluessel:
                        part = self._participant(session, row, name, schluessel)
                        return Membership(row.code, part.name, access.format_key(schluessel), False)
                    raise taken
                if schluessel:
                    self._participant(session, row, name, schluessel)  # counts the failure, German message
                key = access.new_key()
                session.add(ParticipantRow(exercise_id=row.id, name=name, name_key=access.name_key(name),
                                           key_digest=access.digest(key), joined=self._wall()))
                self._log(session, row, "beitritt", name)
                stored_code = row.code
        except IntegrityError:
            raise taken from None  # somebody else took the name at the same moment
        return Membership(stored_code, name, key, True)

    def record_action(self, code: str, participant: str, action: Action | dict, *, schluessel: str | None) -> dict:
        """Record a participant's action at the current simulated minute."""
        action = action if isinstance(action, Action) else make_action(**action)
        if action.action == "choose":
            self.choose(code, action.target or "", action.option or "", participant=participant,
                        schluessel=schluessel)
            return {"action": "choose", "target": action.target, "option": action.option}
        with self._writing(self._engine(code)) as session:
            row = self._row(session, code, lock="share")
            part = self._participant(session, row, participant, schluessel)
            scenario = _scenario_from(row.scenario_id, row.scenario_source)
            status = self._status(row, scenario)
            if status != "läuft":
                raise InputError(f"Die Übung ist {status}. Aktionen sind nur möglich, solange sie läuft.")
            ex = self._build(session, row, part)
            own = ex.respond(action.model_copy(update={"minute": None}))
            session.add(ActionRow(exercise_id=row.id, participant_id=part.id, minute=own.minute, action=own.action,
                                  channel=own.channel, text=own.text, target=own.target, wall=self._wall()))
            self._log(session, row, "aktion", f"{part.name}: {own.action} {own.target or ''}".strip())
            return own.to_dict()

    def choose(self, code: str, decision: str, option: str, *, participant: str | None = None,
               schluessel: str | None = None, leitung: str | None = None) -> dict:
        """Take a decision for one participant (with their key), or for everybody as trainer."""
        taken = InputError(f"Die Entscheidung „{decision}“ ist schon getroffen.", field="entscheidung")
        try:
            return self._choose(code, decision, option, participant, schluessel, leitung, taken)
        except IntegrityError:
            raise taken from None  # the same participant decided at the same moment in another window

    def _choose(self, code: str, decision: str, option: str, participant: str | None, schluessel: str | None,
                leitung: str | None, taken: InputError) -> dict:
        with self._writing(self._engine(code)) as session:
            row = self._row(session, code, lock="update" if participant is None else "share")
            part = None
            if participant is not None:
                part = self._participant(session, row, participant, schluessel)
            else:
                self._trainer(row, leitung)
            ex = self._build(session, row, part)
            if decision in ex.choices:
                already = session.scalar(select(DecisionRow).where(
                    DecisionRow.exercise_id == row.id, DecisionRow.decision_id == decision,
                    DecisionRow.participant_id == (part.id if part else None)))
                if already is not None or part is None:
                    raise taken
                del ex.choices[decision]  # the trainer's choice for all may be overridden once
            choice = ex.choose(decision, option)
            session.add(DecisionRow(exercise_id=row.id, participant_id=part.id if part else None,
                                    decision_id=decision, option_id=option, minute=choice.minute))
            self._log(session, row, "entscheidung", f"{part.name if part else 'Übungsleitung'}: {decision} → {option}")
            return {"decision": decision, "option": option, "minute": round(choice.minute, 2)}

    # --- reading ---------------------------------------------------------------------------

    def state(self, code: str, participant: str | None = None, *, schluessel: str | None = None,
              leitung: str | None = None) -> dict:
        """Everything a view needs: status, minute, released feed, open decisions, participants, actions.

        A participant (name and key) sees their own actions; the trainer (key) sees everybody's.
        """
        with self._reading(self._engine(code)) as session:
            row = self._row(session, code)
            part = None
            if participant is not None:
                part = self._participant(session, row, participant, schluessel)
            else:
                self._trainer(row, leitung)
            ex = self._build(session, row, part)
            scenario = ex.scenario
            setting = json.loads(row.setting_json)
            names = [p.name for p in session.scalars(
                select(ParticipantRow).where(ParticipantRow.exercise_id == row.id).order_by(ParticipantRow.id))]
            actions = [a.to_dict() for a in ex.actions]
            if part is None:
                actions = []
                for a, name in session.execute(
                    select(ActionRow, ParticipantRow.name)
                    .join(ParticipantRow, ActionRow.participant_id == ParticipantRow.id)
                    .where(ActionRow.exercise_id == row.id).order_by(ActionRow.id)
                ):
                    actions.append({"teilnehmer": name, "minute": round(a.minute, 2), "action": a.action,
                                    "channel": a.channel, "text": a.text, "target": a.target})
            events = [{"minute": e.minute, "art": e.kind, "detail": e.detail} for e in session.scalars(
                select(EventRow).where(EventRow.exercise_id == row.id).order_by(EventRow.id))]
            return {
                "code": row.code, "scenario": scenario.id, "titel": scenario.render(scenario.meta.titel, setting),
                "kurzbeschreibung": scenario.render(scenario.meta.kurzbeschreibung, setting),
                "lernziele": list(scenario.meta.lernziele), "hauptkanal": scenario.meta.hauptkanal,
                "status": self._status(row, scenario), "minute": round(ex.now, 2), "dauer": scenario.meta.dauer,
                "tempo": row.speed, "seed": row.seed, "teilnehmer": names,
                "feed": [item.to_dict() for item in ex.feed()],
                "offene_entscheidungen": [
                    {"id": d.id, "frage": scenario.render(d.frage, setting),
                     "optionen": [{"id": o.id, "text": scenario.render(o.text, setting)} for o in d.optionen]}
                    for d in ex.open_decisions()
                ],
                "entscheidungen": {c.decision: c.option for c in ex.choices.values()},
                "aktionen": actions, "ereignisse": events if part is None else [],
            }

    def scenario_and_setting(self, code: str) -> tuple[Scenario, dict[str, str]]:
        """The exercise's scenario (custom files are stored with the exercise) and the trainer's setting."""
        with self._reading(self._engine(code)) as session:
            row = self._row(session, code)
            return _scenario_from(row.scenario_id, row.scenario_source), json.loads(row.setting_json or "{}")

    def scenario(self, code: str) -> Scenario:
        """The scenario of an exercise (also for custom files stored with the exercise)."""
        return self.scenario_and_setting(code)[0]

    def debrief(self, code: str, participant: str, *, schluessel: str | None = None,
                leitung: str | None = None) -> Debrief:
        """Debrief of one participant at the current minute (for the participant's key or the trainer's)."""
        with self._reading(self._engine(code)) as session:
            row = self._row(session, code)
            if schluessel is not None:
                return self._build(session, row, self._participant(session, row, participant, schluessel)).debrief()
            self._trainer(row, leitung)
            part = session.scalar(select(ParticipantRow).where(
                ParticipantRow.exercise_id == row.id, ParticipantRow.name_key == access.name_key(participant)))
            if part is None:
                raise InputError(f"„{participant}“ ist dieser Übung nicht beigetreten.", field="name")
            return self._build(session, row, part).debrief()

    def scores(self, code: str, *, leitung: str | None = None) -> dict[str, dict]:
        """Live scores per participant (trainer only): {name: {"gesamt": int, "dimensions": {...}, "missed": [...]}}."""
        with self._reading(self._engine(code)) as session:
            row = self._row(session, code)
            self._trainer(row, leitung)
            result = {}
            for part in session.scalars(
                select(ParticipantRow).where(ParticipantRow.exercise_id == row.id).order_by(ParticipantRow.id)
            ):
                debrief = self._build(session, row, part).debrief()
                result[part.name] = {**debrief.score.to_dict(), "missed": debrief.missed}
            return result

    def exercises(self) -> list[dict]:
        """Exercises this computer's keyring can steer (newest first): code, scenario, status."""
        rows: list[ExerciseRow] = []
        engines = [self._access] if self.folder is None else [
            self._engine_at(path) for path in sorted(self.folder.glob("*.db")) if path.name != "zugang.db"]
        for engine in engines:
            with self._reading(engine) as session:
                rows += session.scalars(select(ExerciseRow)).all()
        rows.sort(key=lambda r: r.created, reverse=True)
        return [{"code": r.code, "scenario": r.scenario_id, "status": self._status(
                 r, _scenario_from(r.scenario_id, r.scenario_source))}
                for r in rows if self.keyring.get(self.url, r.code)]


def _close_all(files: dict[str, int | None]) -> None:
    for fd in files.values():
        if fd is not None:
            os.close(fd)


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    # The driver must not start transactions itself (it would BEGIN DEFERRED only before the first
    # write); _sqlite_begin starts each one, so reads and writes share one snapshot.
    dbapi_connection.isolation_level = None
    # WAL: readers (participants) never block the writer (trainer); busy_timeout waits out short locks.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA synchronous=NORMAL")  # safe with WAL, avoids an fsync per commit
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _sqlite_begin(conn) -> None:
    # A read that is followed by a write must hold the write lock from the start: a DEFERRED
    # transaction that read an older snapshot fails at once with "database is locked" (SQLITE_BUSY_SNAPSHOT,
    # the busy timeout does not apply) when another process wrote in between.
    conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get(_WRITE) else "BEGIN")
