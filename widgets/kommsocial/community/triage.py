"""Scoring a participant's moderation choice for one comment, and a round of comments.

A choice is either one action ("melden": judged against the comment's main action) or a
set of actions (judged against the full recommended set). Verdicts: richtig (2 points),
teilweise (1), falsch (0). A choice with a tabu action is always falsch.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from typing import Literal

from kommsocial.community.schema import AKTION_LABELS, Kommentar, normalize_action
from kommsocial.errors import InputError

Urteil = Literal["richtig", "teilweise", "falsch"]
PUNKTE: dict[str, int] = {"richtig": 2, "teilweise": 1, "falsch": 0}
MAX_PUNKTE = PUNKTE["richtig"]
URTEIL_TEXT = {
    "richtig": "Richtig",
    "teilweise": "Teilweise richtig",
    "falsch": "Nicht richtig",
}


def _labels(actions: Iterable[str]) -> str:
    return ", ".join(AKTION_LABELS[a] for a in actions)


@dataclass(frozen=True)
class Bewertung:
    """Verdict on one choice: points, what is missing or superfluous, tabu reasons, the explanation."""

    kommentar_id: str
    wahl: tuple[str, ...]
    urteil: Urteil
    punkte: int
    fehlend: tuple[str, ...]
    ueberfluessig: tuple[str, ...]
    tabu: dict[str, str] = field(default_factory=dict)
    begruendung: str = ""
    empfehlung: tuple[str, ...] = ()
    haupt: str = ""
    karten: tuple[str, ...] = ()

    @property
    def max_punkte(self) -> int:
        """Points for a fully right choice."""
        return MAX_PUNKTE

    def rueckmeldung(self) -> list[str]:
        """Feedback sentences in German, most important first."""
        lines = [f"{URTEIL_TEXT[self.urteil]} ({self.punkte} von {MAX_PUNKTE} Punkten)."]
        for action, reason in self.tabu.items():
            lines.append(f"„{AKTION_LABELS[action]}“ ist hier falsch: {reason}")
        if self.fehlend:
            lines.append(f"Es fehlt: {_labels(self.fehlend)}.")
        if self.ueberfluessig:
            lines.append(f"Nicht nötig: {_labels(self.ueberfluessig)}.")
        main = "" if list(self.empfehlung) == [self.haupt] else f" (vor allem: {AKTION_LABELS[self.haupt]})"
        lines.append(f"Empfohlen: {_labels(self.empfehlung)}{main}.")
        return lines

    def to_dict(self) -> dict:
        """JSON form (used by the CLI)."""
        data = asdict(self)
        data["max_punkte"] = MAX_PUNKTE
        data["rueckmeldung"] = self.rueckmeldung()
        return data


def parse_choice(wahl: object) -> tuple[bool, tuple[str, ...]]:
    """Normalise a choice into (is_single, action ids).

    Raises:
        InputError: for an unknown action or an empty choice.
    """
    single = isinstance(wahl, str)
    raw = [wahl] if single else wahl
    if not isinstance(raw, Iterable) or isinstance(raw, (bytes, Mapping)):
        raise InputError("Die Wahl muss eine Aktion (Text) oder eine Liste von Aktionen sein.")
    actions: list[str] = []
    for item in raw:
        action = normalize_action(item)
        if action is None:
            raise InputError(
                f"„{item}“ ist keine bekannte Aktion.",
                hint="Möglich sind: " + ", ".join(AKTION_LABELS.values()),
            )
        if action not in actions:
            actions.append(action)
    if not actions:
        raise InputError("Sie haben noch keine Aktion gewählt.", hint="Wählen Sie mindestens eine Aktion.")
    return single, tuple(actions)


def bewerte(kommentar: Kommentar, wahl: str | Iterable[str]) -> Bewertung:
    """Score one choice for one comment.

    Args:
        kommentar: the comment from the bank.
        wahl: one action ("ausblenden", umlauts allowed) or several actions.
    """
    single, chosen = parse_choice(wahl)
    expected = set(kommentar.aktionen)
    allowed = expected | set(kommentar.auch_ok)
    tabu: dict[str, str] = {a: kommentar.tabu[a] for a in chosen if a in kommentar.tabu}
    if single:
        missing: tuple[str, ...] = ()
        extra = tuple(a for a in chosen if a not in allowed)
        if tabu:
            urteil: Urteil = "falsch"
        elif chosen[0] == kommentar.haupt:
            urteil = "richtig"
        elif chosen[0] in allowed:
            urteil = "teilweise"
        else:
            urteil = "falsch"
        if urteil != "richtig":
            missing = (kommentar.haupt,) if kommentar.haupt not in chosen else ()
    else:
        missing = tuple(a for a in kommentar.aktionen if a not in chosen)
        extra = tuple(a for a in chosen if a not in allowed)
        if tabu:
            urteil = "falsch"
        elif not missing and not extra:
            urteil = "richtig"
        elif kommentar.haupt in chosen:
            urteil = "teilweise"
        else:
            urteil = "falsch"
    extra = tuple(a for a in extra if a not in tabu)
    return Bewertung(
        kommentar_id=kommentar.id, wahl=chosen, urteil=urteil, punkte=PUNKTE[urteil],
        fehlend=missing, ueberfluessig=extra, tabu=tabu, begruendung=kommentar.begruendung,
        empfehlung=tuple(kommentar.aktionen), haupt=kommentar.haupt, karten=tuple(kommentar.karten),
    )


@dataclass
class Auswertung:
    """Result of a whole round: points, per-comment verdicts, per-category overview."""

    bewertungen: list[Bewertung]
    fehlend: list[str] = field(default_factory=list)

    @property
    def punkte(self) -> int:
        """Points reached."""
        return sum(b.punkte for b in self.bewertungen)

    @property
    def max_punkte(self) -> int:
        """Points possible (answered and unanswered comments)."""
        return MAX_PUNKTE * (len(self.bewertungen) + len(self.fehlend))

    @property
    def richtig(self) -> int:
        """Number of fully right choices."""
        return sum(b.urteil == "richtig" for b in self.bewertungen)

    def to_dict(self) -> dict:
        """JSON form (used by the CLI)."""
        return {
            "punkte": self.punkte, "max_punkte": self.max_punkte, "richtig": self.richtig,
            "unbeantwortet": self.fehlend, "bewertungen": [b.to_dict() for b in self.bewertungen],
        }


def bewerte_zuordnung(zuordnung: Mapping[str, object], kommentare: Mapping[str, Kommentar] | None = None,
                      *, erwartet: Iterable[str] | None = None) -> Auswertung:
    """Score a mapping comment id → action(s), e.g. an nbgrader answer.

    Args:
        zuordnung: {"drohung-blitzer": "melden", ...}; values are one action or a list.
        kommentare: the comments to judge against (default: the whole bank).
        erwartet: ids that must be answered; missing ones score 0 and are listed.

    Raises:
        InputError: unknown comment id or action.
    """
    if not isinstance(zuordnung, Mapping):
        raise InputError("Die Zuordnung muss ein Dictionary sein: Kommentar-Kennung → Aktion.")
    if kommentare is None:
        from kommsocial.community.bank import comments

        kommentare = comments()
    results = []
    for cid, wahl in zuordnung.items():
        if cid not in kommentare:
            raise InputError(f"Einen Kommentar „{cid}“ gibt es nicht.",
                             hint="Prüfen Sie die Schreibweise der Kennung.")
        results.append(bewerte(kommentare[cid], wahl))  # type: ignore[arg-type]
    missing = [cid for cid in (erwartet or ()) if cid not in zuordnung]
    return Auswertung(results, missing)


class TriageSession:
    """A round of comments, one at a time: decide, get feedback, move on, see the summary."""

    def __init__(self, kommentare: list[Kommentar]) -> None:
        if not kommentare:
            raise InputError("Für eine Runde braucht es mindestens einen Kommentar.")
        self.kommentare = list(kommentare)
        self.position = 0
        self.bewertungen: dict[str, Bewertung] = {}

    @property
    def current(self) -> Kommentar | None:
        """The comment to decide now (None after the last one)."""
        return self.kommentare[self.position] if self.position < len(self.kommentare) else None

    @property
    def finished(self) -> bool:
        """True once every comment has been passed."""
        return self.position >= len(self.kommentare)

    @property
    def decided(self) -> bool:
        """True if the current comment already has a verdict."""
        current = self.current
        return current is not None and current.id in self.bewertungen

    def decide(self, wahl: str | Iterable[str]) -> Bewertung:
        """Score the choice for the current comment (once; a second call returns the first verdict)."""
        current = self.current
        if current is None:
            raise InputError("Die Runde ist schon zu Ende.", hint="Starten Sie eine neue Runde.")
        if current.id not in self.bewertungen:
            self.bewertungen[current.id] = bewerte(current, wahl)
        return self.bewertungen[current.id]

    def next(self) -> Kommentar | None:
        """Go to the next comment; returns it (None at the end)."""
        if not self.finished:
            self.position += 1
        return self.current

    @property
    def punkte(self) -> int:
        """Points so far."""
        return sum(b.punkte for b in self.bewertungen.values())

    @property
    def max_punkte(self) -> int:
        """Points possible for the comments decided so far."""
        return MAX_PUNKTE * len(self.bewertungen)

    def summary(self) -> dict:
        """Totals and a per-category overview {kategorie: [punkte, max]} of the decided comments."""
        by_cat: dict[str, list[int]] = {}
        for k in self.kommentare:
            b = self.bewertungen.get(k.id)
            if b is None:
                continue
            entry = by_cat.setdefault(k.kategorie, [0, 0])
            entry[0] += b.punkte
            entry[1] += MAX_PUNKTE
        return {
            "punkte": self.punkte, "max_punkte": self.max_punkte,
            "richtig": sum(b.urteil == "richtig" for b in self.bewertungen.values()),
            "anzahl": len(self.bewertungen), "kategorien": by_cat,
        }
