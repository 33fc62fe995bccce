"""`judge_text(text, rubric) -> Judgement`: every item checked, with spans, thresholds, feedback and scores."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from kommsocial.assess import items_content, items_form, items_safety, items_tone
from kommsocial.assess.doc import Doc, prepare
from kommsocial.assess.outcome import Outcome, Span
from kommsocial.assess.schema import DIMENSION_LABELS, Item, Rubric

_CHECKS: dict[str, Callable[[Item, Doc], Outcome]] = {
    "nennt": items_content.nennt,
    "raet_ab": items_content.raet_ab,
    "verweist_quelle": items_content.verweist_quelle,
    "gleiche_aussage": items_content.gleiche_aussage,
    "keine_verharmlosung": items_safety.keine_verharmlosung,
    "keine_spekulation": items_safety.keine_spekulation,
    "keine_unbestaetigten_zahlen": items_safety.keine_unbestaetigten_zahlen,
    "kein_geruecht": items_safety.kein_geruecht,
    "stellt_richtig": items_safety.stellt_richtig,
    "anrede_sie": items_tone.anrede_sie,
    "respektvoll": items_tone.respektvoll,
    "keine_personendaten": items_tone.keine_personendaten,
    "kein_einzelfall": items_tone.kein_einzelfall,
    "in_saetzen": items_tone.in_saetzen,
}
_FORM_CHECKS: dict[str, Callable[[Item, Doc, str], Outcome]] = {
    "laenge": items_form.laenge,
    "hashtags": items_form.hashtags,
    "amtsdeutsch": items_form.amtsdeutsch,
    "satzlaenge": items_form.satzlaenge,
    "lesbarkeit": items_form.lesbarkeit,
    "alt_text": items_form.alt_text,
}


@dataclass(frozen=True)
class ItemResult:
    """Verdict on one item: met or not, the spans it rests on, the threshold and both German texts."""

    item: str
    titel: str
    art: str
    dimension: str
    ok: bool
    pflicht: bool
    verdeckt: bool
    spans: tuple[Span, ...]
    schwelle: str
    rueckmeldung: str  # for the participant: what to change (empty when met)
    erklaerung: str  # for the trainer: why the item matters and what was found

    @property
    def fund(self) -> str:
        """The matched passages, quoted."""
        return ", ".join(f"„{s.text}“" for s in self.spans if s.text)


@dataclass(frozen=True)
class Judgement:
    """All item verdicts of one text, scores 0–100 per dimension, overall score and pass."""

    rubric: str
    text: str
    items: tuple[ItemResult, ...]
    scores: dict[str, int]
    gesamt: int
    bestanden: bool

    @property
    def missed(self) -> list[ItemResult]:
        """Items not met, required ones first."""
        return sorted((r for r in self.items if not r.ok), key=lambda r: not r.pflicht)

    def result(self, item_id: str) -> ItemResult:
        """The verdict on one item."""
        return next(r for r in self.items if r.item == item_id)

    def feedback(self, *, limit: int = 3) -> list[str]:
        """German feedback for the participant, one line per missed item."""
        return [r.rueckmeldung for r in self.missed[:limit]]

    def trainer_view(self) -> list[str]:
        """German lines for the trainer: item, verdict, threshold, spans and why."""
        lines = []
        for r in self.items:
            mark = "erfüllt" if r.ok else "nicht erfüllt"
            fund = f" Fundstellen: {r.fund}." if r.fund else ""
            lines.append(f"{r.titel} ({r.item}): {mark}. Schwelle: {r.schwelle}.{fund} {r.erklaerung}")
        return lines


def _result(item: Item, out: Outcome) -> ItemResult:
    fund = ", ".join(f"„{s.text}“" for s in out.spans if s.text)
    feedback = "" if out.ok else item.rueckmeldung.replace("{fund}", fund or "–").replace("{schwelle}", out.schwelle)
    return ItemResult(item.id, item.titel, item.art, item.dimension, out.ok, item.pflicht, item.verdeckt,
                      out.spans, out.schwelle, feedback, item.erklaerung)


def check_item(item: Item, doc: Doc, platform: str | None) -> ItemResult:
    """Judge one item on a prepared text."""
    if item.art in _FORM_CHECKS:
        out = _FORM_CHECKS[item.art](item, doc, platform or "facebook")
    else:
        out = _CHECKS[item.art](item, doc)
    return _result(item, out)


def _scores(rubric: Rubric, results: list[ItemResult]) -> tuple[dict[str, int], int]:
    weights = {i.id: i.gewicht for i in rubric.items}
    dims: dict[str, list[tuple[int, bool]]] = {}
    for r in results:
        dims.setdefault(r.dimension, []).append((weights[r.item], r.ok))
    scores = {d: round(100 * sum(w for w, ok in v if ok) / sum(w for w, _ in v)) for d, v in dims.items()}
    gesamt = round(sum(scores.values()) / len(scores)) if scores else 0
    for item, r in zip(rubric.items, results, strict=True):
        if not r.ok and item.deckel is not None:
            gesamt = min(gesamt, item.deckel)
    return scores, gesamt


def judge_text(text: str, rubric: Rubric, *, items: Iterable[str] | None = None) -> Judgement:
    """Judge a text against a rubric (optionally only some items).

    Returns:
        Judgement with one ItemResult per item, scores per dimension (0–100), the overall
        score (capped by failed items with "deckel") and whether every required item is met.
    """
    doc = prepare(text)
    wanted = set(items) if items is not None else None
    chosen = [i for i in rubric.items if wanted is None or i.id in wanted]
    if wanted is not None and len(chosen) != len(wanted):
        unknown = sorted(wanted - {i.id for i in chosen})
        raise KeyError(f"unknown item ids in rubric {rubric.id}: {unknown}")
    results = [check_item(i, doc, rubric.plattform) for i in chosen]
    sub = rubric.model_copy(update={"items": chosen}) if wanted is not None else rubric
    scores, gesamt = _scores(sub, results)
    passed = all(r.ok for r in results if r.pflicht)
    return Judgement(rubric.id, text, tuple(results), scores, gesamt, passed)


def dimension_label(dimension: str) -> str:
    """German label of a dimension."""
    return DIMENSION_LABELS.get(dimension, dimension)
