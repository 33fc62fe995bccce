"""Debrief data model: scores per dimension, timeline, expectations, decisions, notes."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Literal

Status = Literal["erfuellt", "verfehlt", "offen", "entfallen"]
STATUS_LABELS = {"erfuellt": "erfüllt", "verfehlt": "verfehlt", "offen": "noch offen", "entfallen": "entfallen"}


@dataclass(frozen=True)
class Score:
    """Overall score and per-dimension scores, each 0..100."""

    gesamt: int
    dimensions: dict[str, int]

    def to_dict(self) -> dict:
        """JSON form: {"gesamt": int, "dimensions": {name: int}}."""
        return {"gesamt": self.gesamt, "dimensions": dict(self.dimensions)}


@dataclass(frozen=True)
class TimelineEntry:
    """An inject, own action or decision at a simulated minute."""

    minute: float
    art: str  # inject | aktion | entscheidung
    id: str | None
    kanal: str | None
    wer: str
    text: str
    ziel: str | None = None
    aktion: str | None = None  # own action type (post, reply, hide …) or None
    tags: tuple[str, ...] = ()
    beschreibung: str = ""  # German label of an own action or decision ("Antwort auf …", the question)


@dataclass(frozen=True)
class ExpectationResult:
    """Whether one expectation was met, and the explanation shown when it was not."""

    id: str
    beschreibung: str
    dimension: str
    status: Status
    minute: float | None
    erklaerung: str


@dataclass(frozen=True)
class DecisionResult:
    """The option taken at a decision point (or none) and its effect."""

    id: str
    frage: str
    option: str | None
    option_text: str | None
    minute: float | None
    wirkung: dict[str, int]
    erklaerung: str


@dataclass(frozen=True)
class ItemCheck:
    """One rubric item judged on an own post: met or not, with the German feedback when missed."""

    punkt: str
    titel: str
    bereich: str
    erfuellt: bool
    rueckmeldung: str = ""
    fund: str = ""


@dataclass(frozen=True)
class PostResult:
    """An own post or reply with the items it met and missed (German labels, no internal ids)."""

    minute: float
    aktion: str  # German label: Beitrag, Antwort …
    ziel: str | None  # German description of what it answers, e.g. "Kommentar von Gisela Brandt"
    text: str
    punkte: tuple[ItemCheck, ...] = ()

    @property
    def erfuellt(self) -> list[ItemCheck]:
        """Items met."""
        return [p for p in self.punkte if p.erfuellt]

    @property
    def verfehlt(self) -> list[ItemCheck]:
        """Items missed."""
        return [p for p in self.punkte if not p.erfuellt]


@dataclass(frozen=True)
class Note:
    """A concrete observation behind a score (e.g. an unconfirmed number in minute 12)."""

    dimension: str
    minute: float | None
    text: str


@dataclass
class Debrief:
    """Result of an exercise run, for the CLI (JSON), HTML export and the trainer console."""

    scenario: str
    titel: str
    seed: int
    minute: float
    score: Score
    timeline: list[TimelineEntry] = field(default_factory=list)
    expectations: list[ExpectationResult] = field(default_factory=list)
    decisions: list[DecisionResult] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    posts: list[PostResult] = field(default_factory=list)

    @property
    def missed(self) -> list[str]:
        """Ids of the expectations that were not met in time."""
        return [e.id for e in self.expectations if e.status == "verfehlt"]

    def to_dict(self) -> dict:
        """The JSON object printed by `kommsocial szenario durchspielen --json`."""
        return {
            "scenario": self.scenario,
            "titel": self.titel,
            "seed": self.seed,
            "minute": round(self.minute, 2),
            "score": self.score.to_dict(),
            "timeline": [asdict(t) for t in self.timeline],
            "missed": self.missed,
            "expectations": [asdict(e) for e in self.expectations],
            "decisions": [asdict(d) for d in self.decisions],
            "notes": [asdict(n) for n in self.notes],
            "beitraege": [asdict(p) for p in self.posts],
        }
