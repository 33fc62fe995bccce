"""Legal quiz: one question at a time, immediate feedback with explanation and card link, running score.

Drawing and scoring are `kommsocial.legal.quiz.draw` and `score`; this view only renders.
"""

from __future__ import annotations

import random

import ipywidgets as w

from kommsocial.legal.data import load_cards
from kommsocial.legal.quizbank import Result, draw, score
from kommsocial.legal.schema import THEMEN, Frage, Karte
from kommsocial.ui._html import esc
from kommsocial.ui.legal_cards import LEGAL_CSS, CardHandler, InlineCard, card_buttons, notice_html

TYP_HINT = {
    "einfach": "Wählen Sie eine Antwort.",
    "mehrfach": "Mehrere Antworten können richtig sein. Wählen Sie alle richtigen.",
    "wahr_falsch": "Ist die Aussage richtig oder falsch?",
}


class QuizView(w.VBox):
    """Quiz over drawn questions with feedback after every answer and a running score.

    Args:
        thema: only questions of this topic (None: all topics).
        anzahl: number of questions per round.
        seed: same seed, same questions; None draws new questions every time.
        on_card: called with a card id when a card link is clicked; by default the
            card opens below the quiz.
        fragen: fixed questions in this order instead of a draw (for a trainer's own set).
    """

    def __init__(self, thema: str | None = None, anzahl: int = 10, seed: int | None = None, *,
                 on_card: CardHandler | None = None, cards: dict[str, Karte] | None = None,
                 fragen: list[Frage] | None = None) -> None:
        self.fragen = fragen
        self.thema = thema
        self.anzahl = anzahl
        self.seed = seed
        self.cards = cards if cards is not None else load_cards()
        self.inline = InlineCard(self.cards)
        self.on_card = on_card or self.inline.show
        self.heading = w.HTML()
        self.scoreline = w.HTML()
        self.question = w.HTML()
        self.options = w.VBox(layout=w.Layout(width="100%"))
        self.check_button = w.Button(description="Antwort prüfen", button_style="primary", icon="check")
        self.next_button = w.Button(description="Nächste Frage", icon="arrow-right")
        self.restart_button = w.Button(description="Neues Quiz", icon="refresh")
        self.feedback = w.HTML()
        self.links = w.HBox(layout=w.Layout(flex_flow="row wrap"))
        self.footer = w.HTML(notice_html(self.cards))
        super().__init__([
            w.HTML(LEGAL_CSS), self.heading, self.scoreline, self.question, self.options,
            w.HBox([self.check_button, self.next_button, self.restart_button]),
            self.feedback, self.links, self.inline, self.footer,
        ])
        self.add_class("ks-legal")
        self.check_button.on_click(lambda _b: self.check())
        self.next_button.on_click(lambda _b: self.next())
        self.restart_button.on_click(lambda _b: self.restart(new_questions=True))
        self.restart()

    # -- state ------------------------------------------------------------------------------
    def restart(self, new_questions: bool = False) -> None:
        """Start a round; with new_questions a fresh random draw, else the configured seed."""
        seed = random.randrange(1_000_000) if new_questions or self.seed is None else self.seed
        if self.fragen is not None:
            self.questions: list[Frage] = list(self.fragen)
        else:
            self.questions = draw(self.anzahl, seed=seed, thema=self.thema)
        self.index = 0
        self.correct_count = 0
        self.answered_count = 0
        self.last_result: Result | None = None
        self._show_question()

    @property
    def current(self) -> Frage | None:
        """The question on screen, or None after the last one."""
        return self.questions[self.index] if self.index < len(self.questions) else None

    def select(self, option_ids: str | list[str] | set[str]) -> None:
        """Tick the given options (as a participant would)."""
        ids = {option_ids} if isinstance(option_ids, str) else set(option_ids)
        frage = self.current
        if frage is None:
            return
        if frage.typ == "mehrfach":
            for box in self.options.children:
                box.value = box.option_id in ids
        else:
            self._radio.value = next(iter(ids)) if ids else None

    def selected(self) -> set[str]:
        """Option ids currently ticked."""
        frage = self.current
        if frage is None:
            return set()
        if frage.typ == "mehrfach":
            return {b.option_id for b in self.options.children if b.value}
        return {self._radio.value} if self._radio.value else set()

    def check(self) -> Result | None:
        """Score the ticked options, show feedback and update the score."""
        frage = self.current
        if frage is None or self.last_result is not None:
            return self.last_result
        chosen = self.selected()
        if not chosen:
            self.feedback.value = "<i>Bitte wählen Sie zuerst eine Antwort.</i>"
            return None
        result = score(frage, chosen)
        self.last_result = result
        self.answered_count += 1
        self.correct_count += int(result.correct)
        labels = {o.id: o.text for o in frage.optionen}
        right = "; ".join(esc(labels[r]) for r in result.richtig)
        if result.correct:
            head = '<div style="color:#2e7d32;font-weight:600">✔ Richtig!</div>'
        else:
            head = (f'<div style="color:#c62828;font-weight:600">✘ Leider nicht richtig.</div>'
                    f"<div>Richtig ist: <b>{right}</b></div>")
        self.feedback.value = (
            f'<div class="ks-feedback" data-correct="{str(result.correct).lower()}" style="border-radius:6px;'
            f'padding:8px;margin-top:6px;background:{"#e8f5e9" if result.correct else "#ffebee"}">'
            f'{head}<div style="margin-top:4px"><b>Erklärung:</b> {esc(result.erklaerung)}</div>'
            "<div style=\"margin-top:4px\">Mehr dazu in der Wissenskarte:</div></div>"
        )
        self.links.children = card_buttons(result.karten, self.on_card, self.cards)
        for child in self.options.children:
            child.disabled = True
        self.check_button.disabled = True
        self.next_button.disabled = False
        self.next_button.description = "Nächste Frage" if self.index + 1 < len(self.questions) else "Ergebnis zeigen"
        self._update_score()
        return result

    def next(self) -> None:
        """Go to the next question (or to the final result)."""
        if self.last_result is None:
            return
        self.index += 1
        self._show_question()

    # -- rendering --------------------------------------------------------------------------
    def _update_score(self) -> None:
        self.scoreline.value = (
            f'<div class="ks-score" style="color:#37474f">Punktestand: <b>{self.correct_count}</b> von '
            f"{self.answered_count} beantworteten Fragen richtig</div>"
        )

    def _show_question(self) -> None:
        topic = THEMEN.get(self.thema or "", "alle Themen")
        self.last_result = None
        self.feedback.value = ""
        self.links.children = []
        self.inline.hide()
        self._update_score()
        frage = self.current
        if not self.questions:
            self.heading.value = esc(f"Für „{topic}“ gibt es noch keine Quizfragen.")
            self._finish_controls()
            return
        if frage is None:
            n = len(self.questions)
            self.heading.value = (
                f'<div style="font-size:1.15em;font-weight:600">Quiz beendet ({esc(topic)})</div>'
                f'<div class="ks-ergebnis">Sie haben {self.correct_count} von {n} Fragen richtig beantwortet.</div>'
            )
            self._finish_controls()
            return
        self.heading.value = (
            f'<div style="font-size:1.15em;font-weight:600">Quiz Recht – {esc(topic)}</div>'
            f"<div>Frage {self.index + 1} von {len(self.questions)}</div>"
        )
        self.question.value = (
            f'<div style="margin-top:6px;font-weight:600">{esc(frage.frage)}</div>'
            f'<div style="color:#546e7a;font-size:0.9em">{esc(TYP_HINT[frage.typ])}</div>'
        )
        if frage.typ == "mehrfach":
            boxes = []
            for o in frage.optionen:
                box = w.Checkbox(value=False, description=o.text, indent=False,
                                 layout=w.Layout(width="100%"))
                box.option_id = o.id
                boxes.append(box)
            self.options.children = boxes
        else:
            self._radio = w.RadioButtons(options=[(o.text, o.id) for o in frage.optionen], value=None,
                                         layout=w.Layout(width="100%"))
            self.options.children = [self._radio]
        self.check_button.disabled = False
        self.check_button.layout.display = ""
        self.next_button.disabled = True
        self.next_button.layout.display = ""
        self.restart_button.layout.display = "none"

    def _finish_controls(self) -> None:
        self.question.value = ""
        self.options.children = []
        self.check_button.layout.display = "none"
        self.next_button.layout.display = "none"
        self.restart_button.layout.display = ""
