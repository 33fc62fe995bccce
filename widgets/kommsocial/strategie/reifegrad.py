"""Maturity self-check: load the model, compute a profile from answers, prioritise next steps.

Answers map question ids to the chosen answer index 0–3, which is the phase that
answer stands for. A dimension's phase is the rounded-down mean of its answered
questions; unanswered questions are left out (the profile says how many are open).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from kommsocial._data import line_of, load_model, package_file, read_yaml
from kommsocial._german import datum, decimal
from kommsocial.errors import InputError
from kommsocial.strategie.schema import Dimension, Reifegradmodell, Schritt

# Why a dimension matters now; keyed by the model's `prioritaet`.
PRIORITAET_TEXT = {
    1: "Grundlage: Ohne sie tragen die anderen Bereiche nicht („Phase 0“ zuerst).",
    2: "Ausbau: macht die Arbeit verlässlich und sicher.",
    3: "Feinschliff: lohnt sich, wenn die Grundlagen stehen.",
}
# Foundations weigh three times as much as polish: a gap of one phase in "Ziele" outranks
# a gap of two phases in "Wirkungsmessung" – build the base first, not everything at once.
_GEWICHT = {1: 3, 2: 2, 3: 1}


def model_path() -> Path:
    """The shipped model file."""
    return package_file("kommsocial.strategie", "reifegrad.yaml")


def load_modell(path: str | Path | None = None) -> Reifegradmodell:
    """Load and validate a maturity model (the shipped one by default).

    Raises:
        InputError: naming file, line and field of the first problem.
    """
    if path is None:
        return _shipped()
    return load_model(Reifegradmodell, path)


@lru_cache(maxsize=1)
def _shipped() -> Reifegradmodell:
    return load_model(Reifegradmodell, model_path())


@dataclass(frozen=True)
class DimensionErgebnis:
    """Result of one dimension: mean score, phase and how many questions were answered."""

    dimension: Dimension
    beantwortet: int
    fragen: int
    wert: float | None  # mean of the answered questions, 0–3; None if none answered

    @property
    def phase(self) -> int | None:
        """Phase 0–3 (rounded-down mean), None if no question was answered."""
        return None if self.wert is None else int(math.floor(self.wert + 1e-9))

    @property
    def vollstaendig(self) -> bool:
        """True if every question of the dimension was answered."""
        return self.beantwortet == self.fragen


@dataclass(frozen=True)
class Empfehlung:
    """Next steps for one dimension, with its rank reason."""

    dimension: Dimension
    phase: int
    ziel_phase: int
    dringlichkeit: int
    schritte: list[Schritt]

    @property
    def grund(self) -> str:
        """Why this dimension is ranked where it is."""
        return PRIORITAET_TEXT[self.dimension.prioritaet]


@dataclass(frozen=True)
class Profil:
    """The whole self-check result."""

    modell: Reifegradmodell
    dimensionen: list[DimensionErgebnis]
    empfehlungen: list[Empfehlung] = field(default_factory=list)

    @property
    def beantwortet(self) -> int:
        """Number of answered questions."""
        return sum(d.beantwortet for d in self.dimensionen)

    @property
    def fragen(self) -> int:
        """Number of questions in the model."""
        return sum(d.fragen for d in self.dimensionen)

    @property
    def gesamtphase(self) -> int | None:
        """Rounded-down mean over the assessed dimensions (None if nothing answered)."""
        werte = [d.wert for d in self.dimensionen if d.wert is not None]
        return None if not werte else int(math.floor(sum(werte) / len(werte) + 1e-9))

    @property
    def grundlagenphase(self) -> int | None:
        """Lowest phase among the assessed foundation dimensions (prioritaet 1)."""
        phasen = [d.phase for d in self.dimensionen if d.dimension.prioritaet == 1 and d.phase is not None]
        return min(phasen) if phasen else None

    def ergebnis(self, dim_id: str) -> DimensionErgebnis:
        """Result of one dimension by id (KeyError if unknown)."""
        for d in self.dimensionen:
            if d.dimension.id == dim_id:
                return d
        raise KeyError(dim_id)


def check_answers(modell: Reifegradmodell, antworten: dict[str, Any]) -> dict[str, int]:
    """Validate answers: known question ids, whole numbers 0–3 (None = not answered).

    Raises:
        InputError: naming the question and the allowed values.
    """
    known = {f.id for d in modell.dimensionen for f in d.fragen}
    clean: dict[str, int] = {}
    for qid, value in antworten.items():
        if qid not in known:
            raise InputError(f"Eine Frage „{qid}“ gibt es im Reifegradmodell nicht.", field=str(qid),
                             hint="Kennungen der Fragen: kommsocial strategie fragen")
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 3:
            raise InputError(f"Die Antwort „{value}“ ist ungültig.", field=str(qid),
                             hint="Erlaubt sind die Zahlen 0, 1, 2 oder 3 (Phase 0 bis Phase 3).")
        clean[qid] = value
    return clean


def profile(antworten: dict[str, Any], modell: Reifegradmodell | None = None, *, max_empfehlungen: int = 5) -> Profil:
    """Compute the profile and the prioritised next steps.

    Args:
        antworten: question id → answer index 0–3 (missing or None = not answered).
        modell: the maturity model (default: shipped model).
        max_empfehlungen: how many dimensions to recommend at most (0 = all with a gap).

    Raises:
        InputError: on unknown question ids or invalid values.
    """
    modell = modell or load_modell()
    clean = check_answers(modell, antworten)
    ergebnisse = []
    for dim in modell.dimensionen:
        werte = [clean[f.id] for f in dim.fragen if f.id in clean]
        wert = sum(werte) / len(werte) if werte else None
        ergebnisse.append(DimensionErgebnis(dim, len(werte), len(dim.fragen), wert))
    empfehlungen = rank(ergebnisse)
    if max_empfehlungen:
        empfehlungen = empfehlungen[:max_empfehlungen]
    return Profil(modell, ergebnisse, empfehlungen)


def rank(ergebnisse: list[DimensionErgebnis]) -> list[Empfehlung]:
    """Dimensions with a gap, most urgent first: gap × weight, then priority, then model order."""
    out = []
    for pos, erg in enumerate(ergebnisse):
        if erg.phase is None or erg.phase >= 3:
            continue
        dim = erg.dimension
        urgency = (3 - erg.phase) * _GEWICHT[dim.prioritaet]
        out.append((-urgency, dim.prioritaet, pos,
                    Empfehlung(dim, erg.phase, erg.phase + 1, urgency, list(dim.schritte[erg.phase]))))
    return [e for *_key, e in sorted(out, key=lambda t: t[:3])]


def load_answers(path: str | Path, modell: Reifegradmodell | None = None) -> dict[str, int]:
    """Read answers from a YAML file (`antworten: {frage-id: 0–3}`), with line numbers on errors.

    Raises:
        InputError: naming file, line and question.
    """
    modell = modell or load_modell()
    data, node = read_yaml(path)
    if not isinstance(data, dict) or not isinstance(data.get("antworten"), dict):
        raise InputError("Die Datei braucht einen Abschnitt „antworten:“ mit Einträgen „frage-id: Zahl“.",
                         file=str(path), line=1, hint="Vorlage: kommsocial strategie fragen --vorlage")
    try:
        return check_answers(modell, data["antworten"])
    except InputError as exc:
        raise InputError(exc.reason, file=str(path), line=line_of(node, ("antworten", exc.field)),
                         field=exc.field, hint=exc.hint) from None


def profile_markdown(p: Profil) -> str:
    """The profile as German Markdown (for a file or a report to the Leitung)."""
    m = p.modell
    lines = [f"# {m.titel} – Ergebnis", ""]
    lines.append(f"Beantwortet: {p.beantwortet} von {p.fragen} Fragen.")
    if p.gesamtphase is not None:
        lines.append(f"Gesamtbild: {m.stufen[p.gesamtphase].name}.")
    if p.grundlagenphase is not None:
        lines.append(f"Grundlagen (Ziele, Organisation, Freigabe, Recht): {m.stufen[p.grundlagenphase].name}.")
    lines += ["", "## Profil", "", "| Bereich | Phase | Wert (0–3) | beantwortet |", "|---|---|---|---|"]
    for d in p.dimensionen:
        phase = "nicht bewertet" if d.phase is None else m.stufen[d.phase].name
        wert = "–" if d.wert is None else decimal(d.wert, 1)
        lines.append(f"| {d.dimension.titel} | {phase} | {wert} | {d.beantwortet}/{d.fragen} |")
    lines += ["", "## Nächste Schritte (wichtigste zuerst)", ""]
    if not p.empfehlungen:
        lines.append("Keine offenen Schritte – oder noch keine Fragen beantwortet.")
    for i, e in enumerate(p.empfehlungen, start=1):
        lines.append(f"### {i}. {e.dimension.titel}: von Phase {e.phase} zu Phase {e.ziel_phase}")
        lines.append("")
        lines.append(f"*{e.grund}*")
        lines.append("")
        for s in e.schritte:
            lines.append(f"- {s.text}" + (f" (Quelle: {s.quelle})" if s.quelle else ""))
        lines.append("")
    lines += ["---", "", f"Stand des Modells: {datum(m.stand)}. Quellen: " + "; ".join(m.quellen) + ".",
              "Der Selbstcheck ist eine Orientierung, keine Rechtsberatung.", ""]
    return "\n".join(lines)
