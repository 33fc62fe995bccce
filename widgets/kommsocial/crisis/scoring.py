"""Scoring of a crisis exercise: six dimensions 0..100, weighted overall score, debrief.

Each dimension averages its available parts: the weighted share of the scenario's
expectations for that dimension, and measured behaviour in the own texts. The own texts are
judged by the assessment engine (`crisis/assessment.py` on `kommsocial.assess`): Richtigkeit,
Konsistenz, Ton, Verständlichkeit and Gerüchtekontrolle come from its item verdicts per post.
Decision effects are added last; failed harmful items cap the overall score (as in the engine).
Without any own action every dimension is 0.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from kommsocial.assess.schema import DIMENSION_LABELS as ITEM_DIMENSIONS
from kommsocial.crisis import textcheck as tc
from kommsocial.crisis.actions import ACTION_LABELS
from kommsocial.crisis.assessment import CrisisAssessment, PostJudgement
from kommsocial.crisis.debrief import (
    Debrief,
    DecisionResult,
    ExpectationResult,
    ItemCheck,
    Note,
    PostResult,
    Score,
    TimelineEntry,
)
from kommsocial.crisis.schema import CHANNEL_LABELS, DIMENSIONS, Expectation, render

if TYPE_CHECKING:
    from kommsocial.crisis.run import ExerciseState, FeedItem, OwnAction

PUBLIC = ("feed", "kommentar", "presseanfrage", "email")
# A question or rumour counts as answered if the reply comes within this many minutes.
ANSWER_WINDOW = 30
# First own statement: full marks within 10 minutes of the first public inject, none after 45.
FAST, SLOW = 10, 45


def _clamp(value: float) -> int:
    return round(max(0.0, min(100.0, value)))


def _mean(parts: list[float]) -> float | None:
    return sum(parts) / len(parts) if parts else None


class _Context:
    """Everything the dimension scorers need, computed once."""

    def __init__(self, ex: ExerciseState, now: float) -> None:
        self.ex = ex
        self.now = now
        self.variables = ex.variables
        self.feed = ex.feed(now)
        self.by_id = {item.id: item for item in self.feed}
        self.actions = [a for a in ex.actions if a.minute <= now + 1e-9]
        self.texts = [a for a in self.actions if a.action in ("post", "reply") and a.text.strip()]
        self.notes: list[Note] = []
        setting_numbers: set[str] = set()
        for value in self.variables.values():
            setting_numbers |= tc.numbers(value) | set(re.findall(r"\d+", value))
        self.setting_numbers = setting_numbers
        self._confirmed: dict[float, set[str]] = {}
        self.assess = CrisisAssessment(ex, self.feed)
        self.judged: list[PostJudgement] = [
            self.assess.judge_post(a.text, a.minute, first=n == 0, reply=a.action == "reply")
            for n, a in enumerate(self.texts)
        ]

    def confirmed(self, minute: float) -> set[str]:
        """Numbers stated by Lagemeldungen, warnings or fact injects released by `minute`."""
        if minute not in self._confirmed:
            self._confirmed[minute] = self._compute_confirmed(minute)
        return self._confirmed[minute]

    def _compute_confirmed(self, minute: float) -> set[str]:
        found = set(self.setting_numbers)
        for item in self.feed:
            if item.minute <= minute + 1e-9 and (
                item.kanal in ("lagemeldung", "warnung") or "fakt" in item.tags
            ):
                found |= tc.numbers(item.text)
        return found

    def note(self, dimension: str, minute: float | None, text: str) -> None:
        self.notes.append(Note(dimension, None if minute is None else round(minute, 2), text))


# --- expectations --------------------------------------------------------------------------

def _matches_content(ctx: _Context, exp: Expectation, action: OwnAction) -> bool:
    text = action.text
    if exp.punkte:
        return ctx.assess.meets(text, action.minute, list(exp.punkte), reply=action.action == "reply")
    for group in exp.enthaelt:
        if not any(tc.contains(text, render(term, ctx.variables)) for term in group):
            return False
    if any(tc.contains(text, render(term, ctx.variables)) for term in exp.enthaelt_nicht):
        return False
    return not (exp.keine_unbestaetigten_zahlen and tc.unconfirmed_numbers(text, ctx.confirmed(action.minute)))


def _action_channel(ctx: _Context, action: OwnAction) -> str | None:
    if action.channel:
        return action.channel
    target = ctx.by_id.get(action.target or "")
    return target.kanal if target else None


def _evaluate_expectation(ctx: _Context, exp: Expectation) -> ExpectationResult:
    start = 0.0
    target: FeedItem | None = None
    if exp.ziel:
        target = ctx.ex.item(exp.ziel)
        if target is None or target.minute > ctx.now + 1e-9:
            pending = target is not None and not ctx.ex.finished
            status = "offen" if pending else "entfallen"
            return _result(ctx, exp, status, None)
        start = target.minute
    deadlines = [float(exp.bis_minute)] if exp.bis_minute is not None else []
    if exp.binnen is not None:
        deadlines.append(start + exp.binnen)
    deadline = min(deadlines)
    for action in ctx.actions:
        if action.action not in exp.allowed_actions or not (start - 1e-9 <= action.minute <= deadline + 1e-9):
            continue
        if exp.kanal and _action_channel(ctx, action) != exp.kanal:
            continue
        if exp.art in ("moderation",) and action.target != exp.ziel:
            continue
        if exp.art == "antwort" and action.target != exp.ziel and not (
                action.action == "post" and (exp.enthaelt or exp.punkte)):
            continue
        if exp.art == "rueckfrage" and exp.ziel and action.target != exp.ziel:
            continue
        if _matches_content(ctx, exp, action):
            return _result(ctx, exp, "erfuellt", action.minute)
    status = "offen" if ctx.now < deadline and not ctx.ex.finished else "verfehlt"
    return _result(ctx, exp, status, None)


def _result(ctx: _Context, exp: Expectation, status: str, minute: float | None) -> ExpectationResult:
    return ExpectationResult(
        id=exp.id, beschreibung=render(exp.beschreibung, ctx.variables), dimension=exp.dimension,
        status=status, minute=None if minute is None else round(minute, 2),  # type: ignore[arg-type]
        erklaerung=render(exp.erklaerung, ctx.variables),
    )


def _expectation_part(ctx: _Context, results: list[ExpectationResult], dimension: str) -> float | None:
    weights = {e.id: e.gewicht for e in ctx.ex.scenario.erwartungen}
    decided = [r for r in results if r.dimension == dimension and r.status in ("erfuellt", "verfehlt")]
    total = sum(weights[r.id] for r in decided)
    if not total:
        return None
    return 100.0 * sum(weights[r.id] for r in decided if r.status == "erfuellt") / total


# --- measured behaviour --------------------------------------------------------------------

def _speed(ctx: _Context) -> list[float]:
    parts: list[float] = []
    public = [i for i in ctx.feed if i.kanal in PUBLIC or i.kanal == "warnung"]
    if public and ctx.texts:
        delay = ctx.texts[0].minute - public[0].minute
        parts.append(100.0 * min(1.0, max(0.0, (SLOW - delay) / (SLOW - FAST))))
        ctx.note("schnelligkeit", ctx.texts[0].minute, f"Erste eigene Meldung nach {max(0.0, delay):.0f} Minuten.")
    questions = [i for i in ctx.feed if "frage" in i.tags and i.kanal in PUBLIC]
    decided, answered = 0, 0
    for q in questions:
        replies = [a for a in ctx.texts if a.target == q.id and q.minute <= a.minute <= q.minute + ANSWER_WINDOW]
        if replies:
            answered += 1
            decided += 1
        elif ctx.now >= q.minute + ANSWER_WINDOW or ctx.ex.finished:
            decided += 1
    if decided and ctx.texts:
        parts.append(100.0 * answered / decided)
        ctx.note("schnelligkeit", None, f"{answered} von {decided} Fragen rechtzeitig beantwortet.")
    return parts


# Where an engine item's verdict counts in the crisis dimensions (items of other dimensions count for Richtigkeit).
_ITEM_DIMENSION = {d: d for d in DIMENSIONS}


def _aggregate(values: list[float]) -> list[float]:
    """One part per dimension: the worst post counts half, the mean of all posts the other half."""
    return [0.5 * min(values) + 0.5 * sum(values) / len(values)] if values else []


def _engine_parts(ctx: _Context) -> dict[str, list[float]]:
    """Per dimension, the aggregated engine scores of the own posts; notes for every missed item."""
    per_dim: dict[str, list[float]] = {}
    for post in ctx.judged:
        for dim, value in post.judgement.scores.items():
            per_dim.setdefault(_ITEM_DIMENSION.get(dim, "richtigkeit"), []).append(float(value))
        for r in post.judgement.missed:
            fund = f": {r.fund}" if r.fund else ""
            ctx.note(_ITEM_DIMENSION.get(r.dimension, "richtigkeit"), post.minute, f"{r.titel} nicht erfüllt{fund}.")
    return {dim: _aggregate(values) for dim, values in per_dim.items()}


def _repeated_rumours(ctx: _Context) -> int:
    """Own posts that repeat a released rumour without correcting it (engine item kein_geruecht)."""
    return sum(1 for post in ctx.judged for r in post.judgement.items
               if r.art == "kein_geruecht" and not r.ok)


_COUNTED = re.compile(r"(?<![\d:.,])(\d+)\s+([A-ZÄÖÜ][a-zäöüß]+)")


def _self_contradictions(ctx: _Context) -> int:
    """Own posts that state a different count for the same thing than an earlier own post."""
    seen: dict[str, tuple[str, float]] = {}
    count = 0
    for action in ctx.texts:
        confirmed = ctx.confirmed(action.minute)
        for number, noun in _COUNTED.findall(action.text):
            key = noun.lower()[:8]
            if key in seen and seen[key][0] != number and number not in confirmed:
                count += 1
                ctx.note("konsistenz", action.minute,
                         f"„{number} {noun}“ widerspricht Ihrer früheren Angabe „{seen[key][0]}“.")
            seen[key] = (number, action.minute)
    return count


def _rumour_control(ctx: _Context) -> list[float]:
    rumours = [i for i in ctx.feed if "geruecht" in i.tags]
    decided, answered = 0, 0
    for rumour in rumours:
        window = [a for a in ctx.texts if rumour.minute <= a.minute <= rumour.minute + ANSWER_WINDOW]
        ok = any(a.target == rumour.id for a in window) or any(
            rumour.stichworte and ctx.assess.corrects(a.text, rumour) for a in window
        )
        if ok:
            decided += 1
            answered += 1
        elif ctx.now >= rumour.minute + ANSWER_WINDOW or ctx.ex.finished:
            decided += 1
            ctx.note("geruechtekontrolle", rumour.minute, f"Gerücht blieb ohne Antwort: „{rumour.text[:70]}“")
    if not decided or not ctx.texts:
        return []
    return [100.0 * answered / decided]


def _cap(ctx: _Context) -> int | None:
    """The lowest cap of a failed item: harmful items on any post, the keyword-list item on most posts."""
    caps: list[int] = []
    form_fails: dict[int, int] = {}
    for post in ctx.judged:
        for r in post.judgement.items:
            item = next((i for i in ctx.assess.items if i.id == r.item), None)
            cap = item.deckel if item is not None else None
            if r.ok or cap is None:
                continue
            if r.art == "in_saetzen":
                form_fails[cap] = form_fails.get(cap, 0) + 1
            else:
                caps.append(cap)
    caps += [cap for cap, n in form_fails.items() if n * 2 >= len(ctx.judged)]
    return min(caps) if caps else None


# --- decisions and assembly ----------------------------------------------------------------

def _decisions(ctx: _Context) -> list[DecisionResult]:
    results = []
    for dec in ctx.ex.scenario.entscheidungen:
        choice = ctx.ex.choices.get(dec.id)
        if choice and choice.minute <= ctx.now + 1e-9:
            option = next(o for o in dec.optionen if o.id == choice.option)
            wirkung: dict[str, int] = {str(k): v for k, v in option.wirkung.items()}
            late = choice.minute > dec.minute + dec.frist
            if late:
                for dim, delta in dec.ohne_wahl.items():
                    wirkung[dim] = wirkung.get(dim, 0) + delta
            results.append(DecisionResult(
                dec.id, render(dec.frage, ctx.variables), option.id, render(option.text, ctx.variables),
                round(choice.minute, 2), wirkung,
                render(option.erklaerung, ctx.variables) + (" (Entscheidung nach Ablauf der Frist.)" if late else ""),
            ))
        elif ctx.now >= dec.minute + dec.frist:
            results.append(DecisionResult(
                dec.id, render(dec.frage, ctx.variables), None, None, None,
                {str(k): v for k, v in dec.ohne_wahl.items()},
                "Keine Entscheidung innerhalb der Frist.",
            ))
    return results


def target_label(ctx: _Context, target: str | None) -> str | None:
    """German description of what an own action refers to, e.g. "Kommentar von Gisela Brandt"."""
    item = ctx.by_id.get(target or "")
    if item is None:
        return None
    return f"{CHANNEL_LABELS.get(item.kanal, item.kanal)} von {item.persona_name}"


def _action_description(ctx: _Context, action: OwnAction) -> str:
    label = ACTION_LABELS.get(action.action, action.action)
    target = target_label(ctx, action.target)
    if not target:
        return label
    return f"{label} auf {target}" if action.action == "reply" else f"{target} {label}"


def _choice_labels(ctx: _Context, decision_id: str, option_id: str) -> tuple[str, str]:
    dec = next((d for d in ctx.ex.scenario.entscheidungen if d.id == decision_id), None)
    if dec is None:
        return option_id, "Entscheidung"
    option = next((o for o in dec.optionen if o.id == option_id), None)
    text = render(option.text, ctx.variables) if option else option_id
    return text, "Entscheidung: " + render(dec.frage, ctx.variables)


def _timeline(ctx: _Context) -> list[TimelineEntry]:
    entries = [
        TimelineEntry(round(i.minute, 2), "inject", i.id, i.kanal, i.persona_name, i.text, i.antwort_auf,
                      tags=i.tags)
        for i in ctx.feed
    ]
    entries += [
        TimelineEntry(round(a.minute, 2), "aktion", None, a.channel, "Sie", a.text, a.target, a.action,
                      beschreibung=_action_description(ctx, a))
        for a in ctx.actions
    ]
    for c in ctx.ex.choices.values():
        if c.minute <= ctx.now + 1e-9:
            text, question = _choice_labels(ctx, c.decision, c.option)
            entries.append(TimelineEntry(round(c.minute, 2), "entscheidung", c.decision, None, "Sie", text, None,
                                         "choose", beschreibung=question))
    order = {"inject": 0, "entscheidung": 1, "aktion": 2}
    return sorted(entries, key=lambda e: (e.minute, order[e.art]))


def _posts(ctx: _Context) -> list[PostResult]:
    """Every own post with the engine items it met and missed."""
    posts = []
    for action, post in zip(ctx.texts, ctx.judged, strict=True):
        checks = tuple(
            ItemCheck(r.item, r.titel, ITEM_DIMENSIONS.get(r.dimension, r.dimension), r.ok, r.rueckmeldung, r.fund)
            for r in post.judgement.items
        )
        posts.append(PostResult(round(action.minute, 2), ACTION_LABELS.get(action.action, action.action),
                                target_label(ctx, action.target), action.text, checks))
    return posts


def evaluate(ex: ExerciseState, now: float) -> Debrief:
    """Score an exercise at simulated minute `now` and assemble the debrief."""
    ctx = _Context(ex, now)
    results = [_evaluate_expectation(ctx, exp) for exp in ex.scenario.erwartungen]
    engine = _engine_parts(ctx) if ctx.texts else {}
    repeated = _repeated_rumours(ctx)
    contradictions = _self_contradictions(ctx) if ctx.texts else 0
    measured = {
        "schnelligkeit": _speed(ctx),
        "richtigkeit": engine.get("richtigkeit", []),
        "verstaendlichkeit": engine.get("verstaendlichkeit", []),
        "konsistenz": [max(0.0, p - 35 * contradictions) for p in engine.get("konsistenz", [])],
        "geruechtekontrolle": _rumour_control(ctx) + engine.get("geruechtekontrolle", []),
        "ton": engine.get("ton", []),
    }
    decisions = _decisions(ctx)
    acted = bool(ctx.actions) or bool(ex.choices)
    dimensions: dict[str, int] = {}
    for dim in DIMENSIONS:
        parts = [p for p in measured[dim]]
        exp_part = _expectation_part(ctx, results, dim)
        if exp_part is not None:
            parts.append(exp_part)
        value = _mean(parts) if acted else None
        if value is None:
            value = 0.0
        if dim == "geruechtekontrolle" and repeated:
            value -= 20 * repeated
        if acted:
            value += sum(d.wirkung.get(dim, 0) for d in decisions)
        dimensions[dim] = _clamp(value)
    weights = ex.scenario.weights()
    total = sum(weights.values()) or 1
    gesamt = _clamp(sum(dimensions[d] * weights[d] for d in DIMENSIONS) / total)
    cap = _cap(ctx)
    if cap is not None and gesamt > cap:
        gesamt = cap
        ctx.note("richtigkeit", None, f"Gesamtwert auf {cap} begrenzt: Mindestens ein Beitrag verfehlt einen "
                                      "Punkt, der Schaden anrichten kann (siehe Ihre Beiträge).")
    return Debrief(
        scenario=ex.scenario.id, titel=render(ex.scenario.meta.titel, ex.variables), seed=ex.seed,
        minute=now, score=Score(gesamt, dimensions), timeline=_timeline(ctx), expectations=results,
        decisions=decisions, notes=sorted(ctx.notes, key=lambda n: (n.minute is None, n.minute or 0)),
        posts=_posts(ctx),
    )
