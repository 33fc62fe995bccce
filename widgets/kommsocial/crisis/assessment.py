"""Own crisis posts judged by the assessment engine (kommsocial.assess) against the scenario rubric.

The rubric (`assess/rubriken/krise_<id>.yaml`, or `krise_allgemein`) holds three groups, told apart
by `teil`: `jeder_beitrag` (judged on every own post and reply: speculation, unconfirmed figures,
downplaying, contradictions of the warning, tone, sentences, plain language), `erste_meldung` (only
the first own message: empathy) and `erwartung` (facts an expectation of the scenario asks for,
referenced by `punkte`). Items may carry `ab_minute`/`bis_minute` (e.g. "do not tell people to open
their windows" only until the all-clear). Placeholders such as `{buergertelefon}` are filled with the
exercise's setting. Rumours come from the scenario: every released rumour inject with `stichworte`
becomes a `kein_geruecht` item (do not repeat it) built on the shared building block.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from kommsocial.assess.doc import prepare
from kommsocial.assess.items_safety import DEFAULT_KORREKTUR
from kommsocial.assess.judge import Judgement, judge_text
from kommsocial.assess.match import clause_has, find_any
from kommsocial.assess.schema import Item, bausteine, rubric
from kommsocial.crisis.schema import render

if TYPE_CHECKING:
    from kommsocial.crisis.run import ExerciseState, FeedItem

EVERY_POST = "jeder_beitrag"
FIRST_POST = "erste_meldung"
_COUNT_ROLES = {"anzahl", "geld", "prozent"}
# Contradicting the official line or repeating a rumour is harmful like downplaying: it caps the overall score.
HARM_CAP = 20
_TEXT_FIELDS = ("titel", "rueckmeldung", "erklaerung", "telefon", "url")
_LIST_FIELDS = ("begriffe", "gegenteil", "objekte", "ausnahmen", "daten")


def _fill(item: Item, variables: dict[str, str]) -> Item:
    """The item with `{name}` placeholders filled from the exercise setting."""
    update: dict = {}
    for fld in _TEXT_FIELDS:
        value = getattr(item, fld)
        if isinstance(value, str) and "{" in value:
            update[fld] = render(value, variables)
    for fld in _LIST_FIELDS:
        values = getattr(item, fld)
        if any("{" in v for v in values):
            update[fld] = [render(v, variables) for v in values]
    if any("{" in v for vs in item.phrasen.values() for v in vs):
        update["phrasen"] = {k: [render(v, variables) for v in vs] for k, vs in item.phrasen.items()}
    return item.model_copy(update=update) if update else item


def _applies(item: Item, minute: float) -> bool:
    return (item.ab_minute is None or minute >= item.ab_minute - 1e-9) and (
        item.bis_minute is None or minute <= item.bis_minute + 1e-9)


@lru_cache(maxsize=512)
def _numbers(text: str) -> frozenset[float]:
    """Counts stated in a confirmed text (times, durations and phone numbers are no counts)."""
    return frozenset(float(e.value) for e in prepare(text).entities  # type: ignore[arg-type]
                     if e.kind == "zahl" and e.role in _COUNT_ROLES)


def _states_casualties(item: Item, text: str) -> bool:
    """Whether a confirmed text speaks about casualties ("zwei Leichtverletzte", "keine Todesopfer")."""
    doc = prepare(text)
    return any(not clause_has(doc, doc.tokens[h.first].clause, item.ausnahmen) for h in find_any(doc, item.begriffe))


@dataclass(frozen=True)
class PostJudgement:
    """The engine's verdict on one own post at its minute."""

    minute: float
    text: str
    judgement: Judgement
    first: bool


class CrisisAssessment:
    """Judges the own texts of one exercise with the scenario rubric."""

    def __init__(self, ex: ExerciseState, feed: list[FeedItem]) -> None:
        self.ex = ex
        self.variables = ex.variables
        base = rubric(ex.scenario.rubric_id())
        self.rubric = base
        self.items = [_fill(i, self.variables) for i in base.items]
        self.by_id = {i.id: i for i in self.items}
        self.feed = feed
        self._facts = [i for i in feed if i.kanal in ("lagemeldung", "warnung") or "fakt" in i.tags]
        shared = bausteine()
        self._rumour_block = self.by_id.get("kein_geruecht") or Item.model_validate(shared["kein_geruecht"])
        self._correction_block = self.by_id.get("stellt_richtig") or Item.model_validate(shared["stellt_richtig"])
        self._contradictions = [self._contradiction_item(n, c) for n, c in enumerate(ex.scenario.widersprueche)]

    # --- items for a minute ----------------------------------------------------------------

    def _contradiction_item(self, n: int, con) -> Item:
        """A scenario's `widersprueche` entry as an engine item: says the opposite of the official line.

        A quoted claim or a sentence that calls it false („Das Schreiben ist gefälscht“) does not count.
        """
        return Item.model_validate({
            "id": f"widerspruch_{n}", "art": "gleiche_aussage", "titel": "Kein Widerspruch zur amtlichen Lage",
            "dimension": "konsistenz", "gegenteil": [render(t, self.variables) for t in con.begriffe],
            "deckel": HARM_CAP,
            "phrasen": {"korrektur": list(DEFAULT_KORREKTUR)} if con.ausser_bei_verneinung else {},
            "rueckmeldung": "Ihr Beitrag widerspricht der amtlichen Lage: {fund}. "
                            + render(con.erklaerung, self.variables),
            "erklaerung": render(con.erklaerung, self.variables), "ab_minute": con.ab_minute,
            "bis_minute": con.bis_minute,
        })


    def _confirmed(self, item: Item, minute: float) -> Item:
        """The unconfirmed-figures item with what the Lage had confirmed by `minute`."""
        facts = [f.text for f in self._facts if f.minute <= minute + 1e-9]
        allowed = set(item.erlaubte_zahlen)
        for value in self.variables.values():
            allowed |= _numbers(value)
        for text in facts:
            allowed |= _numbers(text)
        update: dict = {"erlaubte_zahlen": sorted(allowed)}
        if any(_states_casualties(item, t) for t in facts):
            update["begriffe"] = []  # the Lage has spoken about casualties: only the numbers still count
        return item.model_copy(update=update)

    def rumour_item(self, rumour: FeedItem) -> Item:
        """'Do not repeat this rumour' for one rumour inject, on the shared building block."""
        return self._rumour_block.model_copy(update={
            "id": f"geruecht_{rumour.id}", "begriffe": list(rumour.stichworte), "deckel": HARM_CAP,
            "titel": f"Gerücht „{rumour.stichworte[0]}“ nicht weitertragen",
        })

    def correction_item(self, rumour: FeedItem) -> Item:
        """'Corrects this rumour' for one rumour inject."""
        return self._correction_block.model_copy(update={
            "id": f"richtig_{rumour.id}", "begriffe": list(rumour.stichworte),
            "titel": f"Gerücht „{rumour.stichworte[0]}“ richtigstellen",
        })

    def _prepared(self, item: Item, minute: float, *, reply: bool = False) -> Item:
        if item.art == "keine_unbestaetigten_zahlen":
            return self._confirmed(item, minute)
        if item.art == "keine_verharmlosung" and "beruhigung" in item.phrasen:
            # Soft reassurance ("keine Sorge") downplays in an own post; in a reply it answers a concrete worry.
            phrasen = {k: v for k, v in item.phrasen.items() if k != "beruhigung"}
            if not reply:
                phrasen["verharmlosung"] = [*phrasen.get("verharmlosung", []), *item.phrasen["beruhigung"]]
            return item.model_copy(update={"phrasen": phrasen})
        return item

    def post_items(self, minute: float, *, first: bool, reply: bool = False) -> list[Item]:
        """Items judged on an own post at `minute` (every post, first message, rumours released so far)."""
        parts = {EVERY_POST, FIRST_POST} if first else {EVERY_POST}
        chosen = [self._prepared(i, minute, reply=reply) for i in self.items if i.teil in parts and _applies(i, minute)]
        chosen += [c for c in self._contradictions if _applies(c, minute)]
        chosen += [self.rumour_item(r) for r in self.feed
                   if "geruecht" in r.tags and r.stichworte and r.minute <= minute + 1e-9]
        return chosen

    # --- judging -----------------------------------------------------------------------------

    def _judge(self, text: str, items: list[Item]) -> Judgement:
        sub = self.rubric.model_copy(update={"items": items, "name": "Ihr Beitrag"})
        return judge_text(text, sub)

    def judge_post(self, text: str, minute: float, *, first: bool, reply: bool = False) -> PostJudgement:
        """Judge one own post (or a reply, `reply=True`) against every item that applies at its minute."""
        items = self.post_items(minute, first=first, reply=reply)
        return PostJudgement(minute, text, self._judge(text, items), first)

    def meets(self, text: str, minute: float, punkte: list[str], *, reply: bool = False) -> bool:
        """Whether a text meets every listed rubric item (an expectation's `punkte`)."""
        items = [self._prepared(self.by_id[p], minute, reply=reply) for p in punkte]
        return self._judge(text, items).bestanden if items else True

    def corrects(self, text: str, rumour: FeedItem) -> bool:
        """Whether a text names the rumour and negates or corrects it."""
        return self._judge(text, [self.correction_item(rumour)]).bestanden
