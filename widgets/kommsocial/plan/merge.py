"""Merge the plans of several municipalities for a joint (inter-municipal) campaign.

The merged plan gets a column "Kommune" and is sorted by date and time; its row
numbers are the rows of the merged output (header = 1). Overlaps are posts of
different municipalities on the same day on the same channel or with the same
topic: they may compete for attention or repeat each other.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, time
from pathlib import Path

from kommsocial import _german
from kommsocial.errors import InputError
from kommsocial.plan.importer import read_plan
from kommsocial.plan.model import Plan, PlanFinding, Post


@dataclass(frozen=True)
class Overlap:
    """Posts of several municipalities on one day sharing a channel or a topic."""

    datum: date
    kind: str  # "Kanal" or "Thema"
    value: str
    posts: tuple[tuple[str, int, int], ...]  # (Kommune, source row, merged row)

    @property
    def municipalities(self) -> list[str]:
        """Names of the municipalities involved, sorted."""
        return sorted({k for k, _, _ in self.posts})

    def message(self) -> str:
        """German description naming every post with its origin row."""
        who = ", ".join(f"{k} (Zeile {src})" for k, src, _ in self.posts)
        what = f"auf „{self.value}“" if self.kind == "Kanal" else f"das Thema „{self.value}“"
        return (f"Am {_german.datum(self.datum)} planen {who} {what}. "
                "Stimmen Sie sich ab: gemeinsamer Beitrag, Teilen oder zeitlich versetzt.")

    def to_finding(self) -> PlanFinding:
        """The overlap as a finding on the first merged row (rule "ueberschneidung")."""
        return PlanFinding("ueberschneidung", "hinweis", min(m for _, _, m in self.posts), self.message(),
                           threshold="gleicher Tag und gleicher Kanal oder gleiches Thema")


@dataclass
class MergeResult:
    """The merged plan and its overlaps."""

    plan: Plan
    overlaps: list[Overlap]


def merge_plans(plans: Iterable[tuple[str, Plan]]) -> MergeResult:
    """Merge (Kommune, Plan) pairs; posts keep their data and get the Kommune column."""
    tagged: list[tuple[Post, int]] = []
    problems: list[PlanFinding] = []
    names: list[str] = []
    for name, plan in plans:
        names.append(name)
        tagged += [(replace(p, kommune=name), p.row) for p in plan.posts if p.datum is not None]
        problems += [replace(f, message=f"{name}: {f.message}") for f in plan.problems]
    if len(names) < 2:
        raise InputError("Zum Zusammenführen braucht es mindestens zwei Pläne.",
                         hint="Geben Sie zwei oder mehr Dateien an.")
    tagged.sort(key=lambda t: (t[0].datum, t[0].uhrzeit or time(0), t[0].kommune, t[1]))
    merged = Plan(source=" + ".join(names), problems=problems)
    origin: list[tuple[Post, int]] = []
    for i, (post, src_row) in enumerate(tagged, start=2):
        new = replace(post, row=i)
        merged.posts.append(new)
        origin.append((new, src_row))
    merged.rows = len(merged.posts)
    return MergeResult(merged, find_overlaps(origin))


def find_overlaps(origin: list[tuple[Post, int]]) -> list[Overlap]:
    """Same day and same channel/topic across at least two municipalities."""
    groups: dict[tuple[date, str, str], list[tuple[Post, int]]] = defaultdict(list)
    for post, src in origin:
        if post.datum is None:  # merge_plans keeps only dated posts; an undated one has no day to share
            continue
        groups[(post.datum, "Kanal", post.kanal.strip().casefold())].append((post, src))
        groups[(post.datum, "Thema", post.thema.strip().casefold())].append((post, src))
    found = []
    for (day, kind, _), items in groups.items():
        if len({p.kommune for p, _ in items}) < 2:
            continue
        value = items[0][0].kanal if kind == "Kanal" else items[0][0].thema
        found.append(Overlap(day, kind, value, tuple((p.kommune, src, p.row) for p, src in items)))
    return sorted(found, key=lambda o: (o.datum, o.kind, o.value.casefold()))


def merge_files(paths: Iterable[str | Path]) -> MergeResult:
    """Read plan files and merge them; the Kommune name is the file name without extension."""
    pairs = []
    for path in paths:
        path = Path(path)
        pairs.append((path.stem, read_plan(path)))
    stems = [n for n, _ in pairs]
    if len(set(stems)) != len(stems):
        raise InputError("Zwei Dateien haben denselben Namen; die Kommune wäre nicht zu unterscheiden.",
                         hint="Benennen Sie die Dateien nach der Kommune, z. B. musterstadt.csv.")
    return merge_plans(pairs)
