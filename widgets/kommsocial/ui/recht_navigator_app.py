"""The Voilà app „Recht-Navigator“: decision trees, knowledge cards and the quiz in three tabs. A card link in
a tree's result or a quiz answer opens the card in the cards tab."""

from __future__ import annotations

import ipywidgets as w

from kommsocial.ui.legal_cards import CardViewer, rechtshinweis
from kommsocial.ui.legal_quiz import QuizView
from kommsocial.ui.legal_tree import TreeNavigator

CARDS_TAB = 1
EINLEITUNG = (
    "<p>Wählen Sie unten einen Bereich: <b>Entscheidungshilfen</b> führen Sie Frage für Frage zu einer "
    "Einschätzung mit Ampel, <b>Wissenskarten</b> erklären die Rechtslage mit Quellen, das <b>Quiz</b> "
    "prüft Ihr Wissen. Die Beispiele betreffen die erfundene Stadt Musterstadt.</p>"
)


class RechtNavigatorApp(w.VBox):
    """Trees, cards and quiz; `anzahl` questions per quiz round."""

    def __init__(self, anzahl: int = 10) -> None:
        self.cards = CardViewer()
        self.tabs = w.Tab()
        self.trees = TreeNavigator(on_card=self.open_card)
        self.quiz = QuizView(anzahl=anzahl, on_card=self.open_card)
        self.tabs.children = [self.trees, self.cards, self.quiz]
        self.tabs.titles = ("Entscheidungshilfen", "Wissenskarten", "Quiz")
        super().__init__([w.HTML(EINLEITUNG), rechtshinweis(), self.tabs])

    def open_card(self, card_id: str) -> None:
        """Show one card in the cards tab."""
        self.tabs.selected_index = CARDS_TAB
        self.cards.show_card(card_id)
