"""Impressum check form: enter a profile's details, see findings with Ampel and card links.

The rules are `kommsocial.legal.check_impressum`; this view only collects input and renders.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from kommsocial import platforms
from kommsocial.errors import InputError
from kommsocial.legal import ImpressumErgebnis, ImpressumProfil, check_impressum, load_cards
from kommsocial.legal.schema import Karte
from kommsocial.ui._html import esc, severity_badge, traffic_light
from kommsocial.ui.legal_cards import LEGAL_CSS, CardHandler, InlineCard, card_buttons, notice_html

AMPEL_TEXT = {
    "rot": "Rot: Das Impressum reicht so nicht.",
    "gelb": "Gelb: Prüfen Sie die Hinweise.",
    "gruen": "Grün: Keine Beanstandung gefunden.",
}
_TEXT_FIELDS = {
    "behoerde": "Name der Behörde",
    "anschrift": "Anschrift",
    "vertretungsberechtigt": "Vertretungsberechtigt",
    "verantwortlich": "Verantwortlich (redaktionell)",
    "verantwortlich_anschrift": "Anschrift der verantwortlichen Person",
    "kontakt": "Kontakt",
    "link_text": "Linktext zum Impressum",
}


def result_html(ergebnis: ImpressumErgebnis, cards: dict[str, Karte]) -> str:
    """Findings as an escaped HTML list with severity badges and the cited card titles."""
    items = []
    for b in ergebnis.befunde:
        titles = ", ".join(esc(cards[c].titel) if c in cards else esc(c) for c in b.karten)
        items.append(
            f'<li data-regel="{esc(b.regel)}" style="margin-bottom:4px">{severity_badge(b.schwere)} '
            f'{esc(b.meldung)}<br><span style="color:#546e7a;font-size:0.9em">Karten: {titles}</span></li>'
        )
    return (
        f'<div class="ks-impressum-ergebnis">{traffic_light(ergebnis.ampel, label=AMPEL_TEXT[ergebnis.ampel])}'
        f'<ul style="margin-top:6px">{"".join(items)}</ul></div>'
    )


class ImpressumForm(w.VBox):
    """Form for one profile; "Prüfen" runs the Impressum check and lists the findings."""

    def __init__(self, profil: dict[str, Any] | None = None, *, on_card: CardHandler | None = None,
                 cards: dict[str, Karte] | None = None) -> None:
        start = ImpressumProfil.model_validate(profil or {"plattform": "instagram"})
        self.cards = cards if cards is not None else load_cards()
        self.inline = InlineCard(self.cards)
        self.on_card = on_card or self.inline.show
        wide = w.Layout(width="560px")
        style = {"description_width": "260px"}
        known = platforms.all_platform_ids()  # every platform in platforms.yaml, also those without text limits
        plattformen = known if start.plattform in known else [start.plattform, *known]
        self.fields: dict[str, w.Widget] = {
            "plattform": w.Dropdown(options=plattformen, value=start.plattform, description="Plattform",
                                    layout=wide, style=style),
        }
        for name, label in _TEXT_FIELDS.items():
            self.fields[name] = w.Text(value=getattr(start, name) or "", description=label, layout=wide,
                                       style=style)
        self.fields["klicks"] = w.BoundedIntText(value=start.klicks if start.klicks is not None else 1,
                                                 min=0, max=20, description="Klicks bis zum Impressum",
                                                 layout=wide, style=style)
        self.fields["journalistisch_redaktionell"] = w.Checkbox(
            value=start.journalistisch_redaktionell, description="Journalistisch-redaktionelles Angebot",
            indent=False)
        self.fields["nach_langem_scrollen"] = w.Checkbox(
            value=start.nach_langem_scrollen, description="Impressum erst nach langem Scrollen sichtbar", indent=False)
        self.fields["plattform_erlaubt_impressum"] = w.Checkbox(
            value=start.plattform_erlaubt_impressum, description="Plattform bietet ein eigenes Impressum-Feld",
            indent=False)
        self.check_button = w.Button(description="Impressum prüfen", button_style="primary", icon="check")
        self.result = w.HTML()
        self.links = w.HBox(layout=w.Layout(flex_flow="row wrap"))
        self.footer = w.HTML(notice_html(self.cards))
        super().__init__([
            w.HTML(LEGAL_CSS + '<div style="font-size:1.15em;font-weight:600">Impressum-Prüfung</div>'),
            *self.fields.values(), self.check_button, self.result, self.links, self.inline, self.footer,
        ])
        self.add_class("ks-legal")
        self.check_button.on_click(lambda _b: self.check())
        self.check()

    def profile(self) -> dict[str, Any]:
        """The form content as a profile dict (empty texts become None)."""
        data: dict[str, Any] = {}
        for name, field in self.fields.items():
            value = field.value
            data[name] = (value.strip() or None) if isinstance(value, str) and name != "plattform" else value
        return data

    def check(self) -> ImpressumErgebnis | None:
        """Run the check on the form content and show the findings."""
        self.inline.hide()
        try:
            ergebnis = check_impressum(self.profile())
        except InputError as exc:
            self.result.value = f'<div style="color:#c62828">{esc(exc)}</div>'
            self.links.children = []
            return None
        self.result.value = result_html(ergebnis, self.cards)
        self.links.children = card_buttons(ergebnis.karten(), self.on_card, self.cards)
        return ergebnis
