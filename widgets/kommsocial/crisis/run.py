"""What one run of a crisis exercise is made of: released injects, own actions, decisions, log lines.

The engine (`crisis/engine.py`) produces these records; scoring and the assessment read them, and a
run itself through `ExerciseState`, so they need not import the engine that calls them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from kommsocial.crisis.schema import Channel, Scenario


@dataclass(frozen=True)
class FeedItem:
    """A scheduled or released inject with its text filled in."""

    id: str
    minute: float
    kanal: Channel
    persona: str
    persona_name: str
    rolle: str
    text: str
    tags: tuple[str, ...] = ()
    antwort_auf: str | None = None
    quelle: str = "drehbuch"  # drehbuch | folge | manuell
    stichworte: tuple[str, ...] = ()

    def to_dict(self) -> dict:
        """JSON form for the CLI, the store and the views."""
        return {
            "id": self.id, "minute": round(self.minute, 2), "kanal": self.kanal,
            "persona": self.persona, "persona_name": self.persona_name, "rolle": self.rolle,
            "text": self.text, "tags": list(self.tags), "antwort_auf": self.antwort_auf,
            "quelle": self.quelle,
        }


@dataclass(frozen=True)
class OwnAction:
    """An action recorded at a simulated minute."""

    minute: float
    action: str
    channel: str | None
    text: str
    target: str | None
    option: str | None = None

    def to_dict(self) -> dict:
        """JSON form (same keys as a responses file entry)."""
        return {"minute": round(self.minute, 2), "action": self.action, "channel": self.channel,
                "text": self.text, "target": self.target, "option": self.option}


@dataclass(frozen=True)
class Choice:
    """A decision taken at a simulated minute."""

    decision: str
    option: str
    minute: float


@dataclass(frozen=True)
class LogEvent:
    """One line of the exercise's event log."""

    minute: float
    kind: str  # start, pause, weiter, tempo, vorspulen, inject, manuell, aktion, entscheidung
    detail: str


@dataclass(frozen=True)
class ManualInject:
    """An inject fired by the trainer: a Drehbuch inject early, or free text as a persona."""

    minute: float
    inject_id: str | None = None
    text: str | None = None
    persona: str | None = None
    kanal: Channel = "feed"
    tags: tuple[str, ...] = ()


class ExerciseState(Protocol):
    """What scoring and the assessment read from a run; `engine.Exercise` is the implementation."""

    @property
    def scenario(self) -> Scenario: ...

    @property
    def seed(self) -> int: ...

    @property
    def variables(self) -> dict[str, str]: ...

    @property
    def actions(self) -> list[OwnAction]: ...

    @property
    def choices(self) -> dict[str, Choice]: ...

    @property
    def finished(self) -> bool: ...

    def feed(self, now: float | None = None) -> list[FeedItem]: ...

    def item(self, item_id: str) -> FeedItem | None: ...
