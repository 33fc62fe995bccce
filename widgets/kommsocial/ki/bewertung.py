"""Scoring a participant's review of one case: found problems, missed ones, false alarms, labelling answer."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from kommsocial.errors import InputError
from kommsocial.ki.schema import Ablenker, Fall, Problem


@dataclass(frozen=True)
class Bewertung:
    """Outcome of one review: lists of problems and false alarms, points and the labelling answer."""

    fall_id: str
    gefunden: list[Problem]
    uebersehen: list[Problem]
    fehlalarme: list[Ablenker] = field(default_factory=list)
    # Marked sentences without any planted problem (sentence mode only), as (start, end).
    leere_saetze: list[tuple[int, int]] = field(default_factory=list)
    kennzeichnung_richtig: bool | None = None

    @property
    def gesamt(self) -> int:
        """Number of planted problems."""
        return len(self.gefunden) + len(self.uebersehen)

    @property
    def punkte(self) -> int:
        """One point per found problem, minus one per false alarm, plus one for a right labelling answer; ≥ 0."""
        bonus = 1 if self.kennzeichnung_richtig else 0
        return max(0, len(self.gefunden) - len(self.fehlalarme) - len(self.leere_saetze) + bonus)

    @property
    def max_punkte(self) -> int:
        """Problems plus one for the labelling question (if answered)."""
        return self.gesamt + (0 if self.kennzeichnung_richtig is None else 1)

    @property
    def quote(self) -> float:
        """Share of planted problems found (0–1)."""
        return len(self.gefunden) / self.gesamt if self.gesamt else 1.0

    def to_dict(self) -> dict:
        """JSON form."""
        return {
            "fall": self.fall_id,
            "gefunden": [p.id for p in self.gefunden],
            "uebersehen": [p.id for p in self.uebersehen],
            "fehlalarme": [a.id for a in self.fehlalarme],
            "leere_saetze": [list(s) for s in self.leere_saetze],
            "kennzeichnung_richtig": self.kennzeichnung_richtig,
            "punkte": self.punkte,
            "max_punkte": self.max_punkte,
        }


def _check_label(fall: Fall, urteil: str | None) -> bool | None:
    return None if urteil is None else urteil == fall.kennzeichnung.urteil


def bewerte(fall: Fall, angekreuzt: Iterable[str], urteil: str | None = None) -> Bewertung:
    """Score ticked list entries (ids of problems or distractors) and the chosen labelling verdict.

    Raises:
        InputError: for an id that is neither a problem nor a distractor of this case.
    """
    ticked = list(dict.fromkeys(angekreuzt))
    known = {p.id for p in fall.probleme} | {a.id for a in fall.ablenker}
    unknown = [t for t in ticked if t not in known]
    if unknown:
        raise InputError(f"„{unknown[0]}“ gehört nicht zum Übungsfall „{fall.id}“.",
                         hint="Möglich sind: " + ", ".join(sorted(known)))
    return Bewertung(
        fall_id=fall.id,
        gefunden=[p for p in fall.probleme if p.id in ticked],
        uebersehen=[p for p in fall.probleme if p.id not in ticked],
        fehlalarme=[a for a in fall.ablenker if a.id in ticked],
        kennzeichnung_richtig=_check_label(fall, urteil),
    )


def bewerte_stellen(fall: Fall, markiert: Iterable[tuple[int, int]], urteil: str | None = None) -> Bewertung:
    """Score marked passages (character ranges of the draft, e.g. sentences).

    A problem with a passage counts as found when a marked range overlaps it; a problem about the
    whole draft (no passage) cannot be marked and counts as missed here. A marked range that touches
    no problem counts as a false alarm.
    """
    ranges = [(int(a), int(b)) for a, b in markiert if int(b) > int(a)]
    found: list[Problem] = []
    missed: list[Problem] = []
    for p in fall.probleme:
        if p.stelle is None:
            missed.append(p)
            continue
        s, e = fall.span(p.stelle)
        (found if any(a < e and s < b for a, b in ranges) else missed).append(p)
    spans = [fall.span(p.stelle) for p in fall.probleme if p.stelle is not None]
    empty = [(a, b) for a, b in ranges if not any(a < e and s < b for s, e in spans)]
    return Bewertung(fall.id, found, missed, leere_saetze=empty, kennzeichnung_richtig=_check_label(fall, urteil))
