"""Pydantic models of the legal knowledge base: cards, decision trees, quiz questions.

Field names are German because trainers edit the YAML files; see FORMAT.md.
Models check everything that a single file can check; cross-file references
(card ids in trees and questions) are checked by `kommsocial.legal.data`.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator, model_validator

Status = Literal["gesichert", "umstritten", "offen"]
STATUSES: tuple[str, ...] = ("gesichert", "umstritten", "offen")

Thema = Literal[
    "impressum", "datenschutz", "bildrechte", "urheberrecht", "neutralitaet",
    "moderation", "barrierefreiheit", "ki", "praxis", "presse", "dienstrecht",
]
THEMEN: dict[str, str] = {
    "impressum": "Impressum",
    "datenschutz": "Datenschutz und Fanpages",
    "bildrechte": "Bildrechte",
    "urheberrecht": "Urheberrecht",
    "neutralitaet": "Neutralität und Vorwahlzeit",
    "moderation": "Kommentarmoderation und Sperren",
    "barrierefreiheit": "Barrierefreiheit",
    "ki": "KI-Kennzeichnung",
    "praxis": "Beispiele aus der Praxis",
    "presse": "Auskunftsrecht der Presse",
    "dienstrecht": "Beschäftigte und Dienstrecht",
}

Ebene = Literal["EU", "Bund", "Land", "Staatsvertrag"]
# How a norm's level is shown to users; federal norms must be visibly marked.
EBENE_LABEL: dict[str, str] = {
    "EU": "EU-Recht",
    "Bund": "Bundesnorm",
    "Land": "Landesnorm",
    "Staatsvertrag": "Staatsvertrag der Länder",
}

Ampel = Literal["gruen", "gelb", "rot"]

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# Dates of decisions exactly as the fact file gives them: "20.07.2006" or only the year "2011".
_COURT_DATE = re.compile(r"^(\d{2}\.\d{2}\.)?\d{4}$")


class _Strict(BaseModel):
    """Base: unknown keys are errors (catches typos in hand-edited YAML)."""

    model_config = ConfigDict(extra="forbid", frozen=True)


def _check_slug(value: str) -> str:
    if not _SLUG.match(value):
        raise ValueError(
            f"„{value}“ ist keine gültige Kennung: nur Kleinbuchstaben, Ziffern und Bindestriche"
        )
    return value


Slug = Annotated[str, AfterValidator(_check_slug)]


class Norm(_Strict):
    """A legal norm with its level (EU, Bund, Land, Staatsvertrag)."""

    norm: str = Field(min_length=2)
    ebene: Ebene

    @property
    def label(self) -> str:
        """Norm with visible level, e.g. „§ 26 Abs. 2 BDSG (Bundesnorm)“."""
        return f"{self.norm} ({EBENE_LABEL[self.ebene]})"


class Entscheidung(_Strict):
    """A court decision exactly as cited in the fact file."""

    gericht: str = Field(min_length=2)
    datum: str
    aktenzeichen: str | None = None
    fundstelle: str | None = None
    name: str | None = None
    aussage: str | None = None

    @field_validator("datum")
    @classmethod
    def _datum(cls, value: str) -> str:
        if not _COURT_DATE.match(value):
            raise ValueError("Datum bitte als TT.MM.JJJJ oder nur als Jahr angeben")
        return value

    @property
    def zitat(self) -> str:
        """Citation line, e.g. „BGH, 20.07.2006, I ZR 228/03“."""
        parts = [self.gericht, self.datum]
        if self.aktenzeichen:
            parts.append(self.aktenzeichen)
        if self.fundstelle:
            parts.append(self.fundstelle)
        text = ", ".join(parts)
        return f"{text} „{self.name}“" if self.name else text


class Karte(_Strict):
    """A knowledge card: one legal statement with norms, decisions, sources, Stand and status."""

    id: Slug
    titel: str = Field(min_length=3)
    thema: Thema
    kernaussage: str = Field(min_length=10)
    details: str = Field(min_length=10)
    normen: list[Norm] = Field(default_factory=list)
    entscheidungen: list[Entscheidung] = Field(default_factory=list)
    quellen: list[str] = Field(min_length=1)
    stand: dt.date
    status: Status
    # What is unconfirmed or disputed; required exactly when status is not "gesichert".
    offene_fragen: list[str] = Field(default_factory=list)
    hinweis_landesrecht: str | None = None

    @model_validator(mode="after")
    def _status_matches_open_points(self) -> Karte:
        if self.status != "gesichert" and not self.offene_fragen:
            raise ValueError(
                f"Karte „{self.id}“ hat Status „{self.status}“: bitte unter „offene_fragen“ nennen, "
                "was offen oder umstritten ist"
            )
        if self.status == "gesichert" and self.offene_fragen:
            raise ValueError(
                f"Karte „{self.id}“ nennt offene Fragen, hat aber Status „gesichert“: "
                "Status auf „offen“ oder „umstritten“ setzen"
            )
        return self

    @property
    def thema_label(self) -> str:
        """German name of the topic."""
        return THEMEN[self.thema]


class KartenDatei(_Strict):
    """One YAML file with the cards of a topic."""

    karten: list[Karte] = Field(min_length=1)


class Antwort(_Strict):
    """An answer option of a tree node; `weiter` names the next node or a verdict."""

    id: Slug
    text: str = Field(min_length=1)
    weiter: str


class Knoten(_Strict):
    """A question in a decision tree."""

    frage: str = Field(min_length=3)
    hilfe: str | None = None
    antworten: list[Antwort] = Field(min_length=2)

    @model_validator(mode="after")
    def _unique_answers(self) -> Knoten:
        ids = [a.id for a in self.antworten]
        if len(ids) != len(set(ids)):
            raise ValueError(f"Antwort-Kennungen doppelt bei Frage „{self.frage}“")
        return self

    def antwort(self, option_id: str) -> Antwort:
        """The answer with this id (KeyError if unknown)."""
        for a in self.antworten:
            if a.id == option_id:
                return a
        raise KeyError(option_id)


class Urteil(_Strict):
    """End of a path: result, traffic light, reasons and the cards to read."""

    ergebnis: str = Field(min_length=2)
    ampel: Ampel
    begruendung: str = Field(min_length=10)
    karten: list[str] = Field(min_length=1)


class Baum(_Strict):
    """A decision tree; node and verdict ids share one namespace."""

    id: Slug
    titel: str = Field(min_length=3)
    beschreibung: str = Field(min_length=10)
    thema: Thema
    stand: dt.date
    start: str
    knoten: dict[str, Knoten] = Field(min_length=1)
    urteile: dict[str, Urteil] = Field(min_length=1)

    @model_validator(mode="after")
    def _graph_is_sound(self) -> Baum:
        both = set(self.knoten) & set(self.urteile)
        if both:
            raise ValueError(f"Kennung sowohl Frage als auch Urteil: {', '.join(sorted(both))}")
        if self.start not in self.knoten:
            raise ValueError(f"Startfrage „{self.start}“ gibt es nicht unter „knoten“")
        for kid, knoten in self.knoten.items():
            for a in knoten.antworten:
                if a.weiter not in self.knoten and a.weiter not in self.urteile:
                    raise ValueError(
                        f"Frage „{kid}“, Antwort „{a.id}“: Ziel „{a.weiter}“ gibt es nicht "
                        "(weder Frage noch Urteil)"
                    )
        _check_acyclic(self)
        reached = _reachable(self)
        unreached = sorted((set(self.knoten) | set(self.urteile)) - reached)
        if unreached:
            raise ValueError(f"Nicht erreichbar von der Startfrage aus: {', '.join(unreached)}")
        return self

    def ist_urteil(self, node_id: str) -> bool:
        """True if the id names a verdict."""
        return node_id in self.urteile


def _reachable(baum: Baum) -> set[str]:
    seen: set[str] = set()
    todo = [baum.start]
    while todo:
        nid = todo.pop()
        if nid in seen:
            continue
        seen.add(nid)
        if nid in baum.knoten:
            todo.extend(a.weiter for a in baum.knoten[nid].antworten)
    return seen


def _check_acyclic(baum: Baum) -> None:
    # Iterative DFS with colours; a back edge means the user could loop forever.
    state: dict[str, int] = {}
    for root in baum.knoten:
        if state.get(root):
            continue
        stack: list[tuple[str, int]] = [(root, 0)]
        state[root] = 1
        while stack:
            nid, idx = stack[-1]
            answers = baum.knoten[nid].antworten
            if idx >= len(answers):
                state[nid] = 2
                stack.pop()
                continue
            stack[-1] = (nid, idx + 1)
            nxt = answers[idx].weiter
            if nxt not in baum.knoten:
                continue
            if state.get(nxt) == 1:
                raise ValueError(f"Kreis im Baum: Frage „{nid}“ führt zurück zu „{nxt}“")
            if not state.get(nxt):
                state[nxt] = 1
                stack.append((nxt, 0))


Fragetyp = Literal["einfach", "mehrfach", "wahr_falsch"]
WAHR_FALSCH = (("wahr", "Richtig"), ("falsch", "Falsch"))


class Option(_Strict):
    """An answer option of a quiz question."""

    id: Slug
    text: str = Field(min_length=1)


class Frage(_Strict):
    """A quiz question (single choice, multiple choice or true/false) with explanation and card."""

    id: Slug
    thema: Thema
    typ: Fragetyp
    frage: str = Field(min_length=5)
    optionen: list[Option] = Field(default_factory=list)
    richtig: list[str] = Field(min_length=1)
    erklaerung: str = Field(min_length=10)
    karten: list[str] = Field(min_length=1)

    @model_validator(mode="before")
    @classmethod
    def _default_true_false(cls, data: object) -> object:
        # True/false questions need no options in the YAML: "wahr"/"falsch" are implied.
        if isinstance(data, dict) and data.get("typ") == "wahr_falsch" and not data.get("optionen"):
            data = {**data, "optionen": [{"id": i, "text": t} for i, t in WAHR_FALSCH]}
        return data

    @model_validator(mode="after")
    def _answers_exist(self) -> Frage:
        ids = [o.id for o in self.optionen]
        if len(ids) < 2:
            raise ValueError(f"Frage „{self.id}“ braucht mindestens zwei Antwortmöglichkeiten")
        if len(ids) != len(set(ids)):
            raise ValueError(f"Frage „{self.id}“: Antwort-Kennungen doppelt")
        unknown = [r for r in self.richtig if r not in ids]
        if unknown:
            raise ValueError(
                f"Frage „{self.id}“: richtige Antwort „{unknown[0]}“ gibt es nicht unter „optionen“"
            )
        if len(set(self.richtig)) != len(self.richtig):
            raise ValueError(f"Frage „{self.id}“: richtige Antwort doppelt genannt")
        if self.typ in ("einfach", "wahr_falsch") and len(self.richtig) != 1:
            raise ValueError(f"Frage „{self.id}“ ({self.typ}) braucht genau eine richtige Antwort")
        if self.typ == "wahr_falsch" and set(ids) != {"wahr", "falsch"}:
            raise ValueError(f"Frage „{self.id}“ (wahr_falsch): Optionen müssen „wahr“ und „falsch“ sein")
        return self


class QuizDatei(_Strict):
    """One YAML file with quiz questions."""

    fragen: list[Frage] = Field(min_length=1)
