"""Knowledge-card viewer: search and filter the legal cards, show one card in full.

Also holds the small pieces every legal view shares: the card as HTML, the
status badge, the "Stand … – keine Rechtsberatung" notice and card-link buttons.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

import ipywidgets as w

from kommsocial._german import stand
from kommsocial.legal.data import load_cards, stand_of
from kommsocial.legal.schema import THEMEN, Karte
from kommsocial.ui._html import badge, esc, stand_footer

STATUS_COLORS = {"gesichert": "#2e7d32", "umstritten": "#ef6c00", "offen": "#c62828"}
STATUS_TIPS = {
    "gesichert": "Durch Gesetzestext oder Rechtsprechung belegt.",
    "umstritten": "Fachleute oder Gerichte sehen das unterschiedlich.",
    "offen": "Nicht geklärt oder in unseren Quellen nicht bestätigt.",
}
LANDESRECHT = (
    "Kommunen unterliegen meist Landesrecht (Landesdatenschutzgesetze, "
    "Landes-Behindertengleichstellungsgesetze); Bundesnormen sind als Bundesnorm gekennzeichnet."
)

CardHandler = Callable[[str], None]

# Long answer texts must wrap instead of being cut off (ipywidgets buttons and labels do not wrap by default).
LEGAL_CSS = (
    "<style>"
    ".ks-legal .jupyter-button{white-space:normal;height:auto;min-height:28px;text-align:left;"
    "line-height:1.3;padding-top:4px;padding-bottom:4px}"
    ".ks-legal .widget-radio-box label,.ks-legal .widget-checkbox label{white-space:normal;height:auto;"
    "line-height:1.4}"
    ".ks-legal .widget-checkbox{height:auto}"
    "</style>"
)


def status_badge(status: str) -> str:
    """Coloured badge gesichert/umstritten/offen with an explaining tooltip."""
    return badge(status, STATUS_COLORS.get(status, "#546e7a"), title=STATUS_TIPS.get(status))


def notice_html(cards: dict[str, Karte] | list[Karte] | None = None) -> str:
    """Footer every legal view shows: Stand of the data and "keine Rechtsberatung"."""
    return stand_footer(stand_of(cards))


def _section(title: str, items: Sequence[str]) -> str:
    if not items:
        return ""
    lis = "".join(f"<li>{item}</li>" for item in items)
    return f'<div style="margin-top:6px"><b>{esc(title)}</b><ul style="margin:2px 0 0 0">{lis}</ul></div>'


def card_html(karte: Karte) -> str:
    """One card as HTML: Kernaussage, details, norms, decisions, open points, sources, status and Stand."""
    decisions = []
    for e in karte.entscheidungen:
        line = esc(e.zitat)
        if e.aussage:
            line += f": {esc(e.aussage)}"
        decisions.append(line)
    land = (
        f'<div style="margin-top:6px;color:#37474f"><b>Landesrecht:</b> {esc(karte.hinweis_landesrecht)}</div>'
        if karte.hinweis_landesrecht else ""
    )
    return (
        f'<div class="ks-karte" data-karte="{esc(karte.id)}" style="border:1px solid #cfd8dc;border-radius:6px;'
        'padding:10px;margin:4px 0;line-height:1.45">'
        f'<div style="font-size:1.1em;font-weight:600">{esc(karte.titel)}</div>'
        f'<div style="margin:4px 0">{badge(karte.thema_label, "#455a64")}{status_badge(karte.status)}'
        f'<span style="color:#546e7a;font-size:0.85em">{esc(stand(karte.stand))}</span></div>'
        f'<div style="background:#e3f2fd;border-radius:4px;padding:6px;margin:6px 0">'
        f"<b>Kernaussage:</b> {esc(karte.kernaussage)}</div>"
        f"<div>{esc(karte.details)}</div>"
        + _section("Offene Fragen", [esc(q) for q in karte.offene_fragen])
        + _section("Normen", [esc(n.label) for n in karte.normen])
        + _section("Entscheidungen", decisions)
        + land
        + _section("Quellen", [esc(q) for q in karte.quellen])
        + "</div>"
    )


def card_buttons(card_ids: Iterable[str], on_card: CardHandler,
                 cards: dict[str, Karte] | None = None) -> list[w.Button]:
    """One button per card ("Karte: Titel"); clicking calls on_card(card_id)."""
    cards = cards if cards is not None else load_cards()
    buttons = []
    for cid in card_ids:
        title = cards[cid].titel if cid in cards else cid
        btn = w.Button(description=f"Karte: {title}", tooltip=f"Wissenskarte „{title}“ öffnen",
                       icon="book", layout=w.Layout(width="auto", max_width="100%"))
        btn.card_id = cid  # lets tests and views find the target
        btn.on_click(lambda _b, cid=cid: on_card(cid))
        buttons.append(btn)
    return buttons


def search_cards(cards: Iterable[Karte], query: str = "", thema: str | None = None) -> list[Karte]:
    """Cards of a topic whose text (title, statements, norms, decisions, sources) contains every word."""
    words = [t for t in query.lower().split() if t]
    hits = []
    for k in cards:
        if thema and k.thema != thema:
            continue
        haystack = " ".join([
            k.id, k.titel, k.kernaussage, k.details, k.status, *k.quellen, *k.offene_fragen,
            *(n.label for n in k.normen), *(e.zitat + " " + (e.aussage or "") for e in k.entscheidungen),
        ]).lower()
        if all(word in haystack for word in words):
            hits.append(k)
    return hits


class CardViewer(w.VBox):
    """Search field, topic filter and card list; the chosen card is shown in full below."""

    def __init__(self, thema: str | None = None, *, cards: dict[str, Karte] | None = None) -> None:
        self.cards = cards if cards is not None else load_cards()
        present = [key for key in THEMEN if any(k.thema == key for k in self.cards.values())]
        self.search = w.Text(placeholder="Stichwort, Norm oder Aktenzeichen, z. B. Einwilligung",
                             description="Suche:", layout=w.Layout(width="420px"))
        self.topic = w.Dropdown(options=[("Alle Themen", "")] + [(THEMEN[t], t) for t in present],
                                value=thema if thema in present else "", description="Thema:")
        self.listing = w.Select(options=[], rows=8, layout=w.Layout(width="100%"))
        self.count = w.HTML()
        self.detail = w.HTML()
        self.footer = w.HTML(notice_html(self.cards))
        super().__init__([
            w.HTML(LEGAL_CSS + '<div style="font-size:1.15em;font-weight:600">Wissenskarten Recht</div>'),
            w.HBox([self.search, self.topic]), self.count, self.listing, self.detail, self.footer,
        ])
        self.search.observe(self._refresh, names="value")
        self.topic.observe(self._refresh, names="value")
        self.listing.observe(self._show_selected, names="value")
        self.add_class("ks-legal")
        self._refresh()

    @property
    def visible_ids(self) -> list[str]:
        """Ids of the cards the list currently offers."""
        return [value for _label, value in self.listing.options]

    def _refresh(self, _change: object = None) -> None:
        hits = search_cards(self.cards.values(), self.search.value, self.topic.value or None)
        order = list(THEMEN)
        hits.sort(key=lambda k: order.index(k.thema))  # course order (Impressum first), stable within a topic
        self.listing.options = [(f"{k.titel} ({k.status})", k.id) for k in hits]
        if hits and self.listing.value is None:
            self.listing.value = hits[0].id  # always show a card when the list is not empty
        self.count.value = esc(f"{len(hits)} von {len(self.cards)} Karten")
        if not hits:
            query = f" für „{esc(self.search.value)}“" if self.search.value.strip() else ""
            self.detail.value = (
                f'<i class="ks-leer">Keine Karte gefunden{query}. Ändern Sie den Suchbegriff '
                "oder wählen Sie „Alle Themen“.</i>"
            )
        self._show_selected()

    def _show_selected(self, _change: object = None) -> None:
        cid = self.listing.value
        if cid:
            self.detail.value = card_html(self.cards[cid])

    def show_card(self, card_id: str) -> None:
        """Select a card; clears search and topic filter if they would hide it."""
        if card_id not in self.cards:
            self.detail.value = esc(f"Die Karte „{card_id}“ gibt es nicht.")
            return
        if card_id not in self.visible_ids:
            self.search.value = ""
            self.topic.value = ""
        self.listing.value = card_id


class InlineCard(w.VBox):
    """A place below a navigator or quiz where a linked card opens when no card tab exists."""

    def __init__(self, cards: dict[str, Karte] | None = None) -> None:
        self.cards = cards if cards is not None else load_cards()
        self.html = w.HTML()
        self.close_button = w.Button(description="Karte schließen", icon="times", layout=w.Layout(display="none"))
        self.close_button.on_click(lambda _b: self.hide())
        super().__init__([self.html, self.close_button])

    def show(self, card_id: str) -> None:
        """Show the card with this id."""
        self.html.value = card_html(self.cards[card_id]) if card_id in self.cards else esc(
            f"Die Karte „{card_id}“ gibt es nicht.")
        self.close_button.layout.display = ""

    def hide(self) -> None:
        """Remove the shown card."""
        self.html.value = ""
        self.close_button.layout.display = "none"


def rechtshinweis() -> w.HTML:
    """Notice for the top of a legal notebook: Stand of the data, no legal advice, Land law."""
    cards = load_cards()
    return w.HTML(
        '<div style="border-left:4px solid #1565c0;background:#e3f2fd;padding:8px;border-radius:4px">'
        f"<b>{esc(stand(stand_of(cards), disclaimer=True))}.</b> {esc(LANDESRECHT)} "
        "Klären Sie Einzelfälle mit Ihrem Rechtsamt.</div>"
    )
