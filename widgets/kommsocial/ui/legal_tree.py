"""Decision-tree navigator: one question at a time, back and restart, verdict with Ampel and card links.

The view only renders; walking the tree is `kommsocial.legal.TreeSession`.
"""

from __future__ import annotations

import ipywidgets as w

from kommsocial.legal.data import load_cards, load_trees
from kommsocial.legal.schema import Baum, Karte
from kommsocial.legal.tree import TreeSession
from kommsocial.ui._choice import chosen
from kommsocial.ui._html import esc, traffic_light
from kommsocial.ui.legal_cards import LEGAL_CSS, CardHandler, InlineCard, card_buttons, notice_html

AMPEL_TEXT = {
    "gruen": "Grün: Nach dieser Einschätzung ist es in Ordnung.",
    "gelb": "Gelb: Möglich, aber nur unter Bedingungen. Lesen Sie die Begründung.",
    "rot": "Rot: So bitte nicht veröffentlichen.",
}


class TreeNavigator(w.VBox):
    """Walks one decision tree (or lets the user choose one) and shows the verdict with card links.

    Args:
        tree_id: the tree to start with; None offers a choice of all trees.
        on_card: called with a card id when a card link is clicked; by default the
            card opens below the navigator.
    """

    def __init__(self, tree_id: str | None = None, *, on_card: CardHandler | None = None,
                 trees: dict[str, Baum] | None = None, cards: dict[str, Karte] | None = None) -> None:
        self.trees = trees if trees is not None else load_trees()
        self.cards = cards if cards is not None else load_cards()
        self.inline = InlineCard(self.cards)
        self.on_card = on_card or self.inline.show
        first = tree_id if tree_id is not None else next(iter(self.trees))
        if first not in self.trees:
            raise KeyError(f"Einen Entscheidungsbaum „{first}“ gibt es nicht.")
        self.chooser = w.Dropdown(options=[(b.titel, key) for key, b in self.trees.items()], value=first,
                                  description="Frage:", layout=w.Layout(width="100%",
                                  display="" if tree_id is None else "none"))
        self.title = w.HTML()
        self.history = w.HTML()
        self.question = w.HTML()
        self.answers = w.VBox()
        self.verdict = w.HTML()
        self.links = w.HBox(layout=w.Layout(flex_flow="row wrap"))
        self.back_button = w.Button(description="Zurück", icon="arrow-left", tooltip="Letzte Antwort zurücknehmen")
        self.restart_button = w.Button(description="Neu starten", icon="refresh", tooltip="Von vorn beginnen")
        self.footer = w.HTML(notice_html(self.cards))
        super().__init__([
            w.HTML(LEGAL_CSS), self.chooser, self.title, self.history, self.question, self.answers, self.verdict,
            self.links,
            w.HBox([self.back_button, self.restart_button]), self.inline, self.footer,
        ])
        self.add_class("ks-legal")
        self.back_button.on_click(lambda _b: self.back())
        self.restart_button.on_click(lambda _b: self.restart())
        self.chooser.observe(lambda _c: self.restart(), names="value")
        self.restart()

    @property
    def tree(self) -> Baum:
        """The tree currently walked."""
        return self.trees[chosen(self.chooser)]

    @property
    def answer_buttons(self) -> list[w.Button]:
        """Buttons of the current question (empty once a verdict is reached)."""
        return list(self.answers.children)

    @property
    def card_link_buttons(self) -> list[w.Button]:
        """Card links of the verdict (empty while questions remain)."""
        return list(self.links.children)

    def restart(self) -> None:
        """Start the current tree from its first question."""
        self.session = TreeSession(self.tree)
        self.inline.hide()
        self._render()

    def choose(self, option_id: str) -> None:
        """Answer the current question with the option of this id."""
        self.session.answer(option_id)
        self._render()

    def back(self) -> None:
        """Take back the last answer."""
        if self.session.path:
            self.session.back()
        self._render()

    def _render(self) -> None:
        tree = self.tree
        self.title.value = (
            f'<div style="font-size:1.15em;font-weight:600">{esc(tree.titel)}</div>'
            f'<div style="color:#37474f">{esc(tree.beschreibung)}</div>'
        )
        steps = []
        for step in self.session.path:
            steps.append(f"<li>{esc(step.frage)} – <b>{esc(step.antwort)}</b></li>")
        self.history.value = (
            f'<div style="color:#546e7a"><b>Ihre Antworten:</b><ol style="margin:2px 0">{"".join(steps)}</ol></div>'
            if steps else ""
        )
        self.back_button.disabled = not self.session.path
        node = self.session.current
        if node is not None:
            hilfe = f'<div style="color:#546e7a;font-size:0.9em">{esc(node.hilfe)}</div>' if node.hilfe else ""
            number = len(self.session.path) + 1
            self.question.value = (
                f'<div style="margin-top:8px;font-weight:600">Frage {number}: {esc(node.frage)}</div>{hilfe}'
            )
            buttons = []
            for a in node.antworten:
                btn = w.Button(description=a.text, tooltip=a.text,
                               layout=w.Layout(width="auto", max_width="100%", height="auto"))
                btn.option_id = a.id
                btn.on_click(lambda _b, oid=a.id: self.choose(oid))
                buttons.append(btn)
            self.answers.children = buttons
            self.verdict.value = ""
            self.links.children = []
            return
        verdict = self.session.verdict
        if verdict is None:  # cannot happen with a validated tree; keep the view usable anyway
            return
        self.question.value = ""
        self.answers.children = []
        self.verdict.value = (
            '<div class="ks-urteil" style="border:2px solid #90a4ae;border-radius:6px;padding:8px;margin-top:8px">'
            f'<div style="font-size:1.1em;font-weight:600;margin-bottom:4px">Ergebnis: {esc(verdict.ergebnis)}</div>'
            f"{traffic_light(verdict.ampel, label=AMPEL_TEXT.get(verdict.ampel, verdict.ampel))}"
            f'<div style="margin-top:6px"><b>Begründung:</b> {esc(verdict.begruendung)}</div>'
            '<div style="margin-top:6px">Zum Nachlesen:</div></div>'
        )
        self.links.children = card_buttons(verdict.karten, self.on_card, self.cards)
