"""AI-draft review exercise: source and draft side by side, tick list, labelling question, feedback and score.

A thin view: the comparison comes from `kommsocial.ki.pruefe`, the scoring from
`kommsocial.ki.bewerte`, the labelling verdicts from the `ki-kennzeichnung` tree.

    from kommsocial.ui.ki_review import KiReview
    KiReview("lindenallee")
"""

from __future__ import annotations

import random
from typing import Any

import ipywidgets as w

from kommsocial import platforms
from kommsocial.errors import KommSocialError
from kommsocial.ki.bewertung import Bewertung, bewerte
from kommsocial.ki.data import TREE_ID, footer, load_bank
from kommsocial.ki.pruefung import Pruefung, pruefe
from kommsocial.ki.schema import AUTOMATIK_TEXT, TYP_TEXT, Fall, FallBank
from kommsocial.legal.schema import Baum, Karte
from kommsocial.ui._choice import chosen
from kommsocial.ui._html import Span, badge, box, esc, highlight, text_block, traffic_light
from kommsocial.ui.legal_cards import LEGAL_CSS, InlineCard, card_buttons

_ART_LABEL = {
    "zahl": "Zahl", "datum": "Datum", "uhrzeit": "Uhrzeit", "wochentag": "Wochentag", "link": "Link",
    "email": "E-Mail", "telefon": "Telefon", "name": "Name", "zitat": "Zitat",
}
_AMPEL = {
    "rot": "Rot: Der Entwurf enthält nicht belegte Angaben oder Fehler.",
    "gelb": "Gelb: Prüfen Sie die Hinweise zu Sprache und Ton.",
    "gruen": "Grün: Die Automatik findet nichts – lesen Sie trotzdem selbst.",
}
_TEXT_RULES = {"amtsdeutsch", "werbesprache", "ki-floskel", "laenge"}
OK, NO = "#2e7d32", "#c62828"


def draft_spans(pruefung: Pruefung, entwurf: str) -> list[Span]:
    """Marks for the draft: unsupported details (red), Amtsdeutsch/tone/length hints (orange)."""
    spans = [Span(a.start, a.end, f"Nicht belegt ({_ART_LABEL[a.art]}): {a.hinweis}", "fehler")
             for a in pruefung.nicht_belegt]
    for f in pruefung.findings:
        if f.rule in _TEXT_RULES and f.rule != "laenge":
            spans.append(Span(f.start, f.end, f.message, "warnung"))
    return spans


def automatik_html(pruefung: Pruefung, fall: Fall) -> str:
    """Ampel, length line and the list of unsupported details and language hints (all escaped)."""
    rules = platforms.get(fall.plattform)
    length = pruefung.report.length
    over = length.counted > length.limit
    items = [f"<li><b>Nicht belegt ({esc(_ART_LABEL[a.art])}):</b> „{esc(a.text)}“ – {esc(a.hinweis)}</li>"
             for a in pruefung.nicht_belegt]
    items += [f"<li>{esc(f.message)}</li>" for f in pruefung.findings if f.rule in _TEXT_RULES - {"laenge"}]
    liste = f'<ul style="margin:4px 0">{"".join(items)}</ul>' if items else (
        '<div style="color:#546e7a">Die Automatik findet nichts. Das heißt nicht, dass alles stimmt.</div>')
    return (
        traffic_light(pruefung.ampel, label=_AMPEL[pruefung.ampel])
        + f'<div style="margin:4px 0;color:{NO if over else "#37474f"}">Länge für {esc(rules.name)}: '
        f'{length.counted} von {length.limit} {esc(length.unit)}{" – zu lang" if over else ""}</div>'
        + liste
        + '<div style="color:#546e7a;font-size:0.9em">Der Abgleich sucht Zahlen, Daten, Uhrzeiten, Namen, Zitate, '
        "Links und Kontaktdaten, die in der Quelle fehlen. Eine richtige Zahl an der falschen Stelle, falsche "
        "Tatsachen und persönliche Daten findet er nicht.</div>"
    )


def feedback_html(fall: Fall, bewertung: Bewertung) -> str:
    """Score and one explained line per planted problem and per false alarm (all escaped)."""
    rows = []
    for p in fall.probleme:
        found = p in bewertung.gefunden
        mark = badge("gefunden", OK) if found else badge("übersehen", NO)
        stelle = f"<div>Stelle: „{esc(p.stelle)}“</div>" if p.stelle else "<div>Betrifft den ganzen Entwurf.</div>"
        auto = ", ".join(AUTOMATIK_TEXT[a] for a in p.automatisch) or "nur durch aufmerksames Lesen"
        rows.append(
            f'<li data-problem="{esc(p.id)}" data-found="{str(found).lower()}" style="margin-bottom:6px">'
            f"{mark}{badge(TYP_TEXT[p.typ], '#546e7a')} <b>{esc(p.aussage)}</b>{stelle}"
            f"<div>{esc(p.erklaerung)}</div>"
            f'<div style="color:#546e7a;font-size:0.9em">Automatisch erkennbar: {esc(auto)}</div></li>'
        )
    for a in bewertung.fehlalarme:
        rows.append(
            f'<li data-fehlalarm="{esc(a.id)}" style="margin-bottom:6px">{badge("Fehlalarm", "#ef6c00")}'
            f"<b>{esc(a.aussage)}</b><div>{esc(a.erklaerung)}</div></li>"
        )
    n_found, n_all = len(bewertung.gefunden), bewertung.gesamt
    summary = (f"Sie haben {n_found} von {n_all} Problemen gefunden"
               + (f", {len(bewertung.fehlalarme)} Fehlalarm(e)" if bewertung.fehlalarme else "")
               + f". Punkte: {bewertung.punkte} von {bewertung.max_punkte}.")
    return (f'<div class="ks-ki-feedback"><div style="font-size:1.1em;font-weight:600">{esc(summary)}</div>'
            f'<ul style="list-style:none;padding-left:0;margin-top:6px">{"".join(rows)}</ul></div>')


class KiReview(w.VBox):
    """Review exercise for one case of the bank (or a chooser over all cases).

    Args:
        fall_id: the case to show; None offers a dropdown of all cases.
        bank, trees, cards: injected data (tests); by default the shipped bank and legal data.
        hilfen: show the automatic marks in the draft from the start (off: the learner looks first).
    """

    def __init__(self, fall_id: str | None = None, *, bank: FallBank | None = None,
                 trees: dict[str, Baum] | None = None, cards: dict[str, Karte] | None = None,
                 hilfen: bool = False) -> None:
        from kommsocial.legal.data import load_cards, load_trees

        self.bank = bank if bank is not None else load_bank()
        self.cases = {f.id: f for f in self.bank.faelle}
        self.trees = trees if trees is not None else load_trees()
        self.cards = cards if cards is not None else load_cards()
        first = fall_id if fall_id is not None else self.bank.faelle[0].id
        if first not in self.cases:
            raise KeyError(f"Einen Übungsfall „{first}“ gibt es nicht.")
        self.bewertung: Bewertung | None = None
        self.chooser = w.Dropdown(options=[(f.titel, f.id) for f in self.bank.faelle], value=first,
                                  description="Fall:", layout=w.Layout(width="100%",
                                  display="" if fall_id is None else "none"))
        self.note = w.HTML(
            '<div style="border-left:4px solid #6a1b9a;background:#f3e5f5;padding:6px 8px;border-radius:4px">'
            f"<b>Hinweis:</b> {esc(self.bank.hinweis)}</div>")
        self.task = w.HTML()
        self.source_html = w.HTML(layout=w.Layout(width="50%"))
        self.draft_html = w.HTML(layout=w.Layout(width="50%"))
        self.hilfen = w.Checkbox(value=hilfen, description="Automatische Hilfen zeigen (Abgleich, Sprache)",
                                 indent=False, layout=w.Layout(width="auto"))
        self.automatik = w.HTML()
        self.checks_intro = w.HTML(
            "<b>1. Was stimmt nicht oder darf so nicht hinaus?</b> Kreuzen Sie alle Aussagen an, die ein Problem "
            "im Entwurf beschreiben. Vorsicht: Einige Aussagen stimmen – dafür gibt es Punktabzug.")
        self.checks = w.VBox()
        self.label_question = w.HTML()
        self.label_choice = w.RadioButtons(options=[], value=None, layout=w.Layout(width="auto"))
        self.check_button = w.Button(description="Auswerten", button_style="primary", icon="check")
        self.reset_button = w.Button(description="Neu beginnen", icon="refresh")
        self.tree_button = w.Button(description="Entscheidungshilfe KI-Kennzeichnung", icon="sitemap",
                                    layout=w.Layout(width="auto"))
        self.feedback = w.HTML()
        self.label_feedback = w.HTML()
        self.card_links = w.HBox(layout=w.Layout(flex_flow="row wrap"))
        self.inline = InlineCard(self.cards)
        self.tree_box = w.VBox()
        self.rewrite_intro = w.HTML(
            "<b>3. Verbessern Sie den Entwurf.</b> Schreiben Sie eine Fassung, die Sie veröffentlichen würden, und "
            "prüfen Sie sie gegen die Quelle.")
        self.rewrite = w.Textarea(layout=w.Layout(width="100%", height="110px"))
        self.rewrite_button = w.Button(description="Fassung prüfen", icon="search")
        self.rewrite_result = w.HTML()
        self.footer = w.HTML(
            '<div style="margin-top:8px;color:#546e7a;font-size:0.85em">'
            f"{esc(footer(self.bank.stand))} Quelle: {esc(self.bank.quelle)}</div>")
        super().__init__([
            w.HTML(LEGAL_CSS), self.chooser, self.note, self.task,
            w.HBox([self.source_html, self.draft_html], layout=w.Layout(width="100%")),
            self.hilfen, self.automatik, self.checks_intro, self.checks, self.label_question, self.label_choice,
            w.HBox([self.check_button, self.reset_button]), self.feedback, self.label_feedback, self.card_links,
            self.inline, self.tree_button, self.tree_box, self.rewrite_intro, self.rewrite, self.rewrite_button,
            self.rewrite_result, self.footer,
        ])
        self.add_class("ks-legal")
        self.chooser.observe(lambda _c: self.restart(), names="value")
        self.hilfen.observe(lambda _c: self._render_draft(), names="value")
        self.check_button.on_click(lambda _b: self.evaluate())
        self.reset_button.on_click(lambda _b: self.restart())
        self.tree_button.on_click(lambda _b: self.toggle_tree())
        self.rewrite_button.on_click(lambda _b: self.check_rewrite())
        self.restart()

    @property
    def fall(self) -> Fall:
        """The case on screen."""
        return self.cases[chosen(self.chooser)]

    @property
    def checkboxes(self) -> list[w.Checkbox]:
        """The tick list; each box has `item_id` (problem or distractor id)."""
        return list(self.checks.children)

    def tick(self, *item_ids: str) -> None:
        """Tick these entries (by id); used by tests and trainers."""
        for box_ in self.checkboxes:
            if box_.item_id in item_ids:
                box_.value = True

    def restart(self) -> None:
        """Show the chosen case with an empty tick list and no feedback."""
        fall = self.fall
        self.pruefung = pruefe(fall.quelle, fall.entwurf, fall.plattform)
        name = platforms.get(fall.plattform).name
        self.task.value = (f'<div style="font-size:1.15em;font-weight:600;margin-top:6px">{esc(fall.titel)}</div>'
                           f"<div><b>Auftrag an die KI ({esc(name)}):</b> {esc(fall.auftrag)}</div>")
        self.source_html.value = box(text_block(esc(fall.quelle)), title="Quelle: Pressemitteilung (erfunden)")
        items = [(p.id, p.aussage) for p in fall.probleme] + [(a.id, a.aussage) for a in fall.ablenker]
        random.Random(fall.id).shuffle(items)  # stable order per case, problems and distractors mixed
        boxes = []
        for item_id, text in items:
            cb = w.Checkbox(value=False, description=text, indent=False, layout=w.Layout(width="auto"))
            cb.item_id = item_id
            boxes.append(cb)
        self.checks.children = boxes
        tree = self.trees[TREE_ID]
        self.label_question.value = (
            "<b>2. Kennzeichnung:</b> " + esc(fall.kennzeichnung.situation))
        self.label_choice.options = [(u.ergebnis, uid) for uid, u in tree.urteile.items()]
        self.label_choice.value = None
        self.feedback.value = ""
        self.label_feedback.value = ""
        self.card_links.children = []
        self.inline.hide()
        self.tree_box.children = []
        self.bewertung = None
        self.rewrite.value = fall.entwurf
        self.rewrite_result.value = ""
        self._render_draft()

    def _render_draft(self) -> None:
        fall = self.fall
        spans = draft_spans(self.pruefung, fall.entwurf) if self.hilfen.value else []
        self.draft_html.value = box(text_block(highlight(fall.entwurf, spans)),
                                    title="KI-Entwurf (geschriebenes Beispiel)")
        self.automatik.value = automatik_html(self.pruefung, fall) if self.hilfen.value else ""

    def evaluate(self) -> Bewertung:
        """Score the ticks and the labelling answer; show explanations and card links."""
        fall = self.fall
        ticked = [cb.item_id for cb in self.checkboxes if cb.value]
        self.bewertung = bewerte(fall, ticked, urteil=self.label_choice.value)
        self.feedback.value = feedback_html(fall, self.bewertung)
        verdict = self.trees[TREE_ID].urteile[fall.kennzeichnung.urteil]
        if self.bewertung.kennzeichnung_richtig is None:
            head = '<div style="color:#ef6c00"><b>Kennzeichnung:</b> Sie haben keine Antwort gewählt.</div>'
        elif self.bewertung.kennzeichnung_richtig:
            head = f'<div style="color:{OK}"><b>Kennzeichnung: richtig.</b></div>'
        else:
            head = f'<div style="color:{NO}"><b>Kennzeichnung: nicht richtig.</b></div>'
        self.label_feedback.value = (
            f'<div class="ks-ki-label">{head}<div>Ergebnis der Entscheidungshilfe: <b>{esc(verdict.ergebnis)}</b>'
            f"</div><div>{esc(verdict.begruendung)}</div>"
            f'<div style="color:#546e7a;font-size:0.85em">{esc(footer(self.bank.stand))}</div></div>')
        self.card_links.children = card_buttons(verdict.karten, self.inline.show, self.cards)
        return self.bewertung

    def check_rewrite(self) -> Pruefung | None:
        """Check the participant's own version against the source (None: the text is unusable)."""
        fall = self.fall
        text = self.rewrite.value
        try:
            result = pruefe(fall.quelle, text, fall.plattform)
        except KommSocialError as exc:  # e.g. a text over the size limit
            self.rewrite_result.value = box(f'<div style="color:#c62828">{esc(exc)}</div>', title="Ihre Fassung")
            return None
        self.rewrite_result.value = box(text_block(highlight(text, draft_spans(result, text)))
                                        + automatik_html(result, fall), title="Ihre Fassung")
        return result

    def toggle_tree(self) -> None:
        """Show or hide the `ki-kennzeichnung` decision tree below the exercise."""
        if self.tree_box.children:
            self.tree_box.children = []
            return
        from kommsocial.ui.legal_tree import TreeNavigator

        self.tree_box.children = [TreeNavigator(TREE_ID, trees=self.trees, cards=self.cards)]


EINLEITUNG = (
    "<p>Ein KI-Werkzeug liefert schnell einen Entwurf – aber oft mit erfundenen Zahlen, Daten, Zitaten oder Links. "
    "Hier üben Sie die Prüfung: Links sehen Sie die Pressemitteilung, rechts einen Beispiel-Entwurf. Kreuzen Sie an, "
    "was nicht stimmt, beantworten Sie die Frage zur Kennzeichnung und klicken Sie auf <b>Auswerten</b>. "
    "Danach schreiben Sie eine bessere Fassung und prüfen sie. Oben wählen Sie einen anderen Fall.</p>"
)


class KiPruefungApp(w.VBox):
    """The Voilà app „KI-Entwürfe prüfen“: a short introduction and the review of every case."""

    def __init__(self, **kwargs: Any) -> None:
        self.review = KiReview(**kwargs)
        super().__init__([w.HTML(EINLEITUNG), self.review])
