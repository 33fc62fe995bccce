"""Consent checklist for staff (and children) in front of the camera: tick points, see what is missing.

The points are data (`einwilligung_checkliste.yaml`, each with source and cards of the legal room).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import ipywidgets as w
from pydantic import BaseModel, ConfigDict, Field

from kommsocial._data import load_model, package_file
from kommsocial.errors import InputError
from kommsocial.legal import load_cards
from kommsocial.legal.data import format_date
from kommsocial.legal.schema import Karte
from kommsocial.ui._html import esc, stand_footer, traffic_light
from kommsocial.ui.legal_cards import LEGAL_CSS, CardHandler, InlineCard, card_buttons

ERFUELLT, OFFEN, ENTFAELLT = "erfüllt", "offen", "entfällt"


class Punkt(BaseModel):
    """One point of the checklist with its legal source and cards."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(min_length=1)
    text: str = Field(min_length=5)
    erklaerung: str = Field(min_length=10)
    quelle: str = Field(min_length=3)
    karten: list[str] = Field(min_length=1)
    pflicht: bool = False
    kann_entfallen: bool = False


class Checkliste(BaseModel):
    """A checklist file: title, Stand and points."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    titel: str = Field(min_length=3)
    stand: dt.date
    punkte: list[Punkt] = Field(min_length=1)


def load_checklist(path: str | Path | None = None, cards: dict[str, Karte] | None = None) -> Checkliste:
    """Load and validate a checklist; every card reference must exist.

    Raises:
        InputError: with file, line and field on a schema error or an unknown card.
    """
    path = path or package_file("kommsocial.ui", "einwilligung_checkliste.yaml")
    liste = load_model(Checkliste, path)
    known = cards if cards is not None else load_cards()
    for punkt in liste.punkte:
        for cid in punkt.karten:
            if cid not in known:
                raise InputError(f"Punkt „{punkt.id}“ verweist auf die Karte „{cid}“, die es nicht gibt.",
                                 file=str(path), field="karten")
    return liste


def assess(liste: Checkliste, states: dict[str, str]) -> tuple[str, list[Punkt]]:
    """Ampel and open points: rot if a mandatory point is open, gelb if another is, else gruen."""
    open_points = [p for p in liste.punkte if states.get(p.id, OFFEN) == OFFEN]
    if any(p.pflicht for p in open_points):
        return "rot", open_points
    return ("gelb" if open_points else "gruen"), open_points


AMPEL_TEXT = {
    "rot": "Rot: Es fehlt noch eine Voraussetzung. So bitte nicht veröffentlichen.",
    "gelb": "Gelb: Die Pflichtpunkte sind erfüllt; klären Sie die offenen Punkte.",
    "gruen": "Grün: Alle Punkte sind erfüllt.",
}


class ConsentChecklist(w.VBox):
    """One row per point (offen/erfüllt/entfällt), live Ampel and the list of what is missing."""

    def __init__(self, path: str | Path | None = None, *, on_card: CardHandler | None = None) -> None:
        self.cards = load_cards()
        self.liste = load_checklist(path, self.cards)
        self.inline = InlineCard(self.cards)
        self.on_card = on_card or self.inline.show
        self.toggles: dict[str, w.ToggleButtons] = {}
        rows = []
        for p in self.liste.punkte:
            options = [OFFEN, ERFUELLT] + ([ENTFAELLT] if p.kann_entfallen else [])
            toggle = w.ToggleButtons(options=options, value=OFFEN, style={"button_width": "80px"})
            toggle.observe(lambda _c: self._update(), names="value")
            self.toggles[p.id] = toggle
            star = " (Pflicht)" if p.pflicht else ""
            rows.append(w.VBox([
                w.HTML(f"<b>{esc(p.text)}</b>{esc(star)}<br><span style=\"color:#546e7a;font-size:0.9em\">"
                       f"{esc(p.erklaerung)} Quelle: {esc(p.quelle)}</span>"),
                toggle,
            ], layout=w.Layout(border_bottom="1px solid #eceff1", padding="4px 0")))
        self.result = w.HTML()
        self.links = w.HBox(layout=w.Layout(flex_flow="row wrap"))
        footer = w.HTML(stand_footer(format_date(self.liste.stand)))
        super().__init__([
            w.HTML(LEGAL_CSS + f'<div style="font-size:1.15em;font-weight:600">{esc(self.liste.titel)}</div>'),
            *rows, self.result, self.links, self.inline, footer,
        ])
        self.add_class("ks-legal")
        self._update()

    def set_state(self, punkt_id: str, state: str) -> None:
        """Set one point to offen, erfüllt or entfällt."""
        self.toggles[punkt_id].value = state

    def _update(self) -> None:
        states = {pid: t.value for pid, t in self.toggles.items()}
        ampel, open_points = assess(self.liste, states)
        missing = "".join(f'<li data-punkt="{esc(p.id)}">{esc(p.text)}</li>' for p in open_points)
        done = len(self.liste.punkte) - len(open_points)
        self.result.value = (
            f'<div class="ks-checkliste" data-ampel="{ampel}">{traffic_light(ampel, label=AMPEL_TEXT[ampel])}'
            f"<div>{done} von {len(self.liste.punkte)} Punkten erledigt.</div>"
            + (f"<div>Noch offen:</div><ul>{missing}</ul>" if missing else "")
            + "</div>"
        )
        cards: list[str] = []
        for p in open_points:
            cards.extend(c for c in p.karten if c not in cards)
        self.links.children = card_buttons(cards, self.on_card, self.cards)
