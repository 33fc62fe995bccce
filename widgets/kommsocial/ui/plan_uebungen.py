"""Code-free plan exercises of module 03: add posts for a press release in a small form, move a post to
another day. The plan engine checks the result; these views collect the input and show the feedback."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from typing import Any

import ipywidgets as w

from kommsocial._german import datum as german_date
from kommsocial._german import plural
from kommsocial.errors import InputError
from kommsocial.plan import check_plan
from kommsocial.plan.importer import parse_date, rows_to_plan
from kommsocial.plan.merge import merge_plans
from kommsocial.plan.model import HEADERS, Plan
from kommsocial.ui._html import feedback_line

NOT_SOCIAL = {"presse", "website", ""}  # channels that are not social media


def _lines(items: Iterable[tuple[bool, str]]) -> str:
    return "".join(feedback_line(text, ok=ok) for ok, text in items)


def _options(value: str, choices: Sequence[str]) -> list[str]:
    """Dropdown choices that always contain the row's own value (a channel the plan does not use yet)."""
    return list(choices) if value in choices or not value else [value, *choices]


class _Zeile(w.HBox):
    """One planned post: date, time, channel, topic, format, part of the press release."""

    def __init__(self, werte: Mapping[str, str], kanaele: Sequence[str], formate: Sequence[str]) -> None:
        small = w.Layout(width="120px")
        self.datum = w.Text(value=werte.get("Datum", ""), placeholder="TT.MM.JJJJ", layout=small)
        self.uhrzeit = w.Text(value=werte.get("Uhrzeit", ""), placeholder="HH:MM", layout=w.Layout(width="80px"))
        kanal = werte.get("Kanal", "")
        self.kanal = w.Dropdown(options=_options(kanal, kanaele), value=kanal or None, layout=small)
        self.thema = w.Text(value=werte.get("Thema", ""), placeholder="Thema", layout=w.Layout(width="300px"))
        fmt = werte.get("Format", "")
        self.format = w.Dropdown(options=_options(fmt, formate), value=fmt or None, layout=w.Layout(width="100px"))
        self.pm = w.Checkbox(value=werte.get("Pressemitteilung", "").lower() == "ja",
                             description="zur Pressemitteilung", indent=False, layout=w.Layout(width="170px"))
        super().__init__([self.datum, self.uhrzeit, self.kanal, self.thema, self.format, self.pm])

    def werte(self) -> dict[str, str]:
        """The row as the plan format names its columns."""
        return {"Datum": self.datum.value.strip(), "Uhrzeit": self.uhrzeit.value.strip(),
                "Kanal": self.kanal.value or "", "Thema": self.thema.value.strip(),
                "Format": self.format.value or "", "Pressemitteilung": "ja" if self.pm.value else "nein"}


class BeitraegeUebung(w.VBox):
    """Plan posts for a press release in a form; „Prüfen“ runs the plan check on the plan plus these rows.

    Args:
        plan: the existing plan the new posts join.
        beispiel: rows already filled in (column name → text), e.g. one example post.
        mindestens: how many different social-media channels the exercise asks for.
    """

    def __init__(self, plan: Plan, beispiel: Sequence[Mapping[str, str]] = (), *, mindestens: int = 2) -> None:
        self.plan = plan
        self.mindestens = mindestens
        self.kanaele = sorted({p.kanal for p in plan.posts if p.kanal})
        self.formate = sorted({p.format for p in plan.posts if p.format})
        self.zeilen = w.VBox([_Zeile(b, self.kanaele, self.formate) for b in beispiel])
        kopf = w.HTML("<small>Datum · Uhrzeit · Kanal · Thema · Format · gehört zur Pressemitteilung</small>")
        self.neu = w.Button(description="Zeile hinzufügen", icon="plus", layout=w.Layout(width="auto"))
        self.button = w.Button(description="Prüfen", button_style="primary", icon="check")
        self.feedback = w.HTML()
        self.neu.on_click(lambda _b: self.add())
        self.button.on_click(lambda _b: self.check())
        super().__init__([kopf, self.zeilen, w.HBox([self.neu, self.button]), self.feedback])

    def add(self, werte: Mapping[str, str] | None = None) -> None:
        """Append an empty (or given) row."""
        self.zeilen.children = [*self.zeilen.children, _Zeile(werte or {}, self.kanaele, self.formate)]

    def rows(self) -> list[dict[str, str]]:
        """The filled-in rows (rows left empty do not count)."""
        out = []
        for zeile in self.zeilen.children:
            if isinstance(zeile, _Zeile):
                werte = zeile.werte()
                if werte["Datum"] or werte["Thema"]:
                    out.append(werte)
        return out

    def check(self) -> bool:
        """Show the feedback; True when the exercise is solved."""
        neu = self.rows()
        tabelle = [list(HEADERS)] + [[p.cell(h) for h in HEADERS] for p in self.plan.posts]
        tabelle += [[b.get(h, "") for h in HEADERS] for b in neu]
        erste = len(self.plan.posts) + 2  # row of the first new post, header = row 1
        try:
            ergebnis = rows_to_plan(tabelle, "Übung")
        except InputError as fehler:
            self.feedback.value = _lines([(False, str(fehler))])
            return False
        items: list[tuple[bool, str]] = []
        for problem in ergebnis.problems:
            if problem.row >= erste:
                items.append((False, f"Ihre Zeile {problem.row - erste + 1}: {problem.message}"))
        for f in check_plan(ergebnis):
            if f.row >= erste and f.rule != "feiertag":
                items.append((False, f"Ihre Zeile {f.row - erste + 1}: {f.message}"))
        social = {b["Kanal"].strip().lower() for b in neu} - NOT_SOCIAL
        if len(social) < self.mindestens:
            items.append((False, f"Noch nicht fertig: Sie haben {len(social)} "
                                 f"{plural(len(social), 'Social-Media-Kanal', 'Social-Media-Kanäle')} geplant. "
                                 f"Planen Sie mindestens {self.mindestens}."))
        ohne_pm = sum(b["Pressemitteilung"] != "ja" for b in neu)
        if ohne_pm:
            items.append((False, f"{ohne_pm} {plural(ohne_pm, 'Beitrag ist', 'Beiträge sind')} nicht als Teil "
                                 "der Pressemitteilung markiert. Setzen Sie den Haken."))
        if not items:
            items.append((True, "Gut gemacht: Die Pressemitteilung erscheint auf mehreren Kanälen, ohne Konflikte "
                               "im Plan."))
            self.feedback.value = _lines(items)
            return True
        self.feedback.value = _lines(items)
        return False


class VerschiebenUebung(w.VBox):
    """Move one post of a joint campaign to another day; „Prüfen“ merges the plans and names the overlaps
    left on a channel.

    Args:
        plaene: (municipality, plan) pairs of the joint campaign.
        kommune: whose post moves; zeile: its row in that plan (header = row 1).
        kanal: the channel that should be free of overlaps afterwards.
    """

    def __init__(self, plaene: Sequence[tuple[str, Plan]], *, kommune: str, zeile: int, kanal: str) -> None:
        self.plaene = list(plaene)
        self.kommune, self.zeile, self.kanal = kommune, zeile, kanal
        post = next(p for name, plan in self.plaene if name == kommune for p in plan.posts if p.row == zeile)
        start = german_date(post.datum) if post.datum else ""
        self.datum = w.Text(value=start, description="Neues Datum:", placeholder="TT.MM.JJJJ",
                            style={"description_width": "initial"})
        self.button = w.Button(description="Prüfen", button_style="primary", icon="check")
        self.feedback = w.HTML()
        self.button.on_click(lambda _b: self.check())
        super().__init__([w.HBox([self.datum, self.button]), self.feedback])

    def check(self) -> bool:
        """Show the feedback; True when no overlap is left on the channel."""
        try:
            datum = parse_date(self.datum.value.strip())
        except (InputError, ValueError):
            self.feedback.value = _lines([(False, f"„{self.datum.value}“ ist kein Datum. Schreiben Sie es als "
                                                  "TT.MM.JJJJ, zum Beispiel 01.06.2027.")])
            return False
        moved: list[tuple[str, Any]] = []
        for name, plan in self.plaene:
            if name == self.kommune:
                plan = replace(plan, posts=[replace(p, datum=datum) if p.row == self.zeile else p
                                            for p in plan.posts])
            moved.append((name, plan))
        result = merge_plans(moved)
        left = [o for o in result.overlaps if o.kind == "Kanal" and o.value.lower() == self.kanal.lower()]
        if left:
            word = plural(len(left), "Überschneidung", "Überschneidungen")
            self.feedback.value = _lines([(False, f"Noch {len(left)} {word} auf {self.kanal}:")]
                                         + [(False, f"– {o.message()}") for o in left])
            return False
        others = len(result.overlaps)
        word = plural(others, "Überschneidung", "Überschneidungen")
        self.feedback.value = _lines([(True, f"Gelöst: keine Überschneidung mehr auf {self.kanal} ({others} andere "
                                            f"{word} insgesamt).")])
        return True
