"""Comment triage trainer: one comment at a time in a mock feed card, action buttons, feedback, score.

Scoring is `kommsocial.community.triage`, reply checks `kommsocial.community.reply`; this
view only renders. Every comment and reply text goes through `esc`.
"""

from __future__ import annotations

from collections.abc import Sequence

import ipywidgets as w

from kommsocial import platforms
from kommsocial.community.bank import draw, load_bank
from kommsocial.community.reply import AntwortPruefung, pruefe_antwort
from kommsocial.community.schema import AKTION_HILFE, AKTION_LABELS, AKTIONEN, KATEGORIEN, Kommentar
from kommsocial.community.triage import MAX_PUNKTE, URTEIL_TEXT, Bewertung, TriageSession
from kommsocial.errors import KommSocialError
from kommsocial.legal.data import load_cards
from kommsocial.legal.schema import Karte
from kommsocial.ui._choice import chosen
from kommsocial.ui._html import box, esc, traffic_light
from kommsocial.ui.debounce import DEFAULT_DELAY, Debouncer, Scheduler
from kommsocial.ui.legal_cards import LEGAL_CSS, CardHandler, InlineCard, card_buttons, notice_html

URTEIL_FARBE = {"richtig": "#2e7d32", "teilweise": "#ef6c00", "falsch": "#c62828"}
URTEIL_HINTERGRUND = {"richtig": "#e8f5e9", "teilweise": "#fff3e0", "falsch": "#ffebee"}
SCHWERE_ZEICHEN = {"fehler": "✖", "warnung": "⚠", "hinweis": "ℹ"}


def feed_card_html(k: Kommentar, position: int | None = None, total: int | None = None) -> str:
    """The comment as a mock feed card under the city's post (all texts escaped)."""
    platform = platforms.display_name(k.plattform)
    initial = esc((k.autor.strip("@ ") or "?")[0].upper())
    counter = f"Kommentar {position} von {total} · " if position and total else ""
    kontext = (
        f'<div class="ks-kontext" style="margin-top:8px;background:#fffde7;border-left:4px solid #f9a825;'
        f'padding:6px;border-radius:4px"><b>Das wissen Sie:</b> {esc(k.kontext)}</div>' if k.kontext else ""
    )
    return (
        '<div class="ks-feed" style="border:1px solid #cfd8dc;border-radius:8px;padding:10px;max-width:680px;'
        'background:#fff;line-height:1.45">'
        f'<div style="color:#546e7a;font-size:0.85em">{esc(counter)}{esc(platform)} (nachgestellt, erfunden)</div>'
        '<div style="margin:6px 0;padding:6px;background:#eceff1;border-radius:6px">'
        f'<b>Stadt Musterstadt</b><br><span class="ks-beitrag">{esc(k.beitrag)}</span></div>'
        '<div style="display:flex;gap:8px;align-items:flex-start;margin-top:6px">'
        f'<div aria-hidden="true" style="min-width:32px;height:32px;border-radius:50%;background:#90a4ae;'
        f'color:#fff;display:flex;align-items:center;justify-content:center;font-weight:600">{initial}</div>'
        '<div style="background:#f1f3f4;border-radius:12px;padding:6px 10px">'
        f'<div style="font-weight:600">{esc(k.autor)}</div>'
        f'<div class="ks-kommentar" style="white-space:pre-wrap;word-wrap:break-word">{esc(k.text)}</div>'
        f"</div></div>{kontext}</div>"
    )


def feedback_html(b: Bewertung, k: Kommentar) -> str:
    """Verdict box: points, tabu reasons, missing and superfluous actions, recommendation, reason."""
    lines = "".join(f"<li>{esc(line)}</li>" for line in b.rueckmeldung()[1:])
    sample = (
        f'<div style="margin-top:6px"><b>So könnte eine Antwort aussehen:</b> '
        f'<span class="ks-muster">{esc(k.musterantwort)}</span></div>' if k.musterantwort else ""
    )
    return (
        f'<div class="ks-rueckmeldung" data-urteil="{esc(b.urteil)}" style="border-left:5px solid '
        f'{URTEIL_FARBE[b.urteil]};background:{URTEIL_HINTERGRUND[b.urteil]};padding:8px;border-radius:4px;'
        'margin-top:8px;max-width:680px">'
        f'<div style="font-weight:600;color:{URTEIL_FARBE[b.urteil]}">{esc(URTEIL_TEXT[b.urteil])} – '
        f"{b.punkte} von {MAX_PUNKTE} Punkten</div>"
        f'<ul style="margin:4px 0">{lines}</ul>'
        f"<div><b>Begründung:</b> {esc(k.begruendung)}</div>{sample}"
        '<div style="margin-top:6px">Zum Nachlesen:</div></div>'
    )


def checked_reply_html(text: str, kommentar: Kommentar) -> str:
    """Check a reply and render it; an unusable text (e.g. far too long) shows the German reason."""
    try:
        return reply_check_html(pruefe_antwort(text, kommentar.plattform, kommentar=kommentar))
    except KommSocialError as exc:
        return f'<div style="color:#c62828">{esc(exc)}</div>'


def reply_check_html(result: AntwortPruefung) -> str:
    """Traffic light and one line per check of a reply."""
    label = {"rot": "Bitte überarbeiten Sie die Antwort.", "gelb": "Gut, aber prüfen Sie die Hinweise.",
             "gruen": "Die Antwort erfüllt alle Prüfpunkte."}[result.ampel]
    items = []
    for p in result.punkte:
        mark = "✔" if p.ok else SCHWERE_ZEICHEN[p.schwere]
        color = "#2e7d32" if p.ok else {"fehler": "#c62828", "warnung": "#ef6c00", "hinweis": "#1565c0"}[p.schwere]
        items.append(
            f'<li data-check="{esc(p.id)}" data-ok="{str(p.ok).lower()}"><span style="color:{color}">{mark}</span> '
            f"<b>{esc(p.titel)}:</b> {esc(p.meldung)}</li>"
        )
    return (
        f'<div class="ks-antwortcheck">{traffic_light(result.ampel, label=label)}'
        f'<ul style="list-style:none;padding-left:0;margin:4px 0">{"".join(items)}</ul></div>'
    )


def summary_html(session: TriageSession) -> str:
    """End of a round: total, per category, and one row per comment with choice and recommendation."""
    s = session.summary()
    rows = []
    for k in session.kommentare:
        b = session.bewertungen.get(k.id)
        if b is None:
            continue
        short = k.text if len(k.text) <= 70 else k.text[:69] + "…"
        rows.append(
            f'<tr data-urteil="{esc(b.urteil)}"><td>{esc(short)}</td>'
            f"<td>{esc(', '.join(AKTION_LABELS[a] for a in b.wahl))}</td>"
            f"<td>{esc(', '.join(AKTION_LABELS[a] for a in b.empfehlung))}</td>"
            f'<td style="color:{URTEIL_FARBE[b.urteil]}">{esc(URTEIL_TEXT[b.urteil])}</td></tr>'
        )
    cats = "".join(
        f"<li>{esc(KATEGORIEN[c])}: {p} von {m} Punkten</li>" for c, (p, m) in s["kategorien"].items()
    )
    weak = [KATEGORIEN[c] for c, (p, m) in s["kategorien"].items() if p < m]
    tip = (
        f"<p>Üben Sie noch einmal: {esc(', '.join(weak))}. Lesen Sie dazu die verlinkten Wissenskarten.</p>"
        if weak else "<p>Sehr gut – alle Kategorien ohne Punktverlust.</p>"
    )
    cell = 'style="text-align:left;padding:2px 8px;border-bottom:1px solid #cfd8dc"'
    return (
        '<div class="ks-zusammenfassung" style="max-width:820px">'
        f'<div style="font-size:1.15em;font-weight:600">Ergebnis: {s["punkte"]} von {s["max_punkte"]} Punkten '
        f'({s["richtig"]} von {s["anzahl"]} Kommentaren ganz richtig)</div>'
        f'<ul style="margin:4px 0">{cats}</ul>{tip}'
        f'<table style="border-collapse:collapse;font-size:0.9em"><tr><th {cell}>Kommentar</th>'
        f"<th {cell}>Ihre Wahl</th><th {cell}>Empfohlen</th><th {cell}>Urteil</th></tr>{''.join(rows)}</table></div>"
    )


class CommentTriage(w.VBox):
    """Triage trainer over a round of comments from the bank.

    Args:
        kommentare: fixed comments in this order; None draws from the bank.
        anzahl: comments per round when drawing (None: all).
        seed: same seed, same round; None draws a new round every time.
        kategorie: only comments of this category.
        antwort_box: show the optional reply box with live checks.
        on_card: called with a card id when a card link is clicked (default: card opens below).
        scheduler, delay: timer for the debounced reply check (tests inject a fake one).
    """

    def __init__(self, kommentare: Sequence[Kommentar] | None = None, *, anzahl: int | None = 10,
                 seed: int | None = None, kategorie: str | None = None, antwort_box: bool = True,
                 on_card: CardHandler | None = None, cards: dict[str, Karte] | None = None,
                 scheduler: Scheduler | None = None, delay: float = DEFAULT_DELAY) -> None:
        self.fixed = list(kommentare) if kommentare is not None else None
        self.anzahl, self.seed, self.kategorie = anzahl, seed, kategorie
        self.cards = cards if cards is not None else load_cards()
        self.inline = InlineCard(self.cards)
        self.on_card = on_card or self.inline.show
        self.heading = w.HTML(
            '<div style="font-size:1.15em;font-weight:600">Kommentar-Triage: Was tun Sie mit diesem Kommentar?</div>'
            '<div style="color:#37474f">Wählen Sie eine oder mehrere Aktionen und klicken Sie auf '
            "„Entscheidung prüfen“. Alle Kommentare sind erfunden.</div>"
        )
        self.scoreline = w.HTML()
        self.card = w.HTML()
        self.action_buttons: dict[str, w.ToggleButton] = {
            a: w.ToggleButton(description=AKTION_LABELS[a], tooltip=AKTION_HILFE[a],
                              layout=w.Layout(width="auto")) for a in AKTIONEN
        }
        for btn in self.action_buttons.values():
            btn.observe(self._on_toggle, names="value")
        # Width "auto": ipywidgets' fixed 148 px would break „Entscheidung prüfen“ onto two lines.
        self.check_button = w.Button(description="Entscheidung prüfen", button_style="primary", icon="check",
                                     disabled=True, layout=w.Layout(width="auto"))
        self.next_button = w.Button(description="Nächster Kommentar", icon="arrow-right", disabled=True,
                                    layout=w.Layout(width="auto"))
        self.restart_button = w.Button(description="Neue Runde", icon="refresh", layout=w.Layout(width="auto"))
        self.feedback = w.HTML()
        self.links = w.HBox(layout=w.Layout(flex_flow="row wrap"))
        self.reply = w.Textarea(placeholder="Optional: Schreiben Sie hier Ihre öffentliche Antwort.",
                                layout=w.Layout(width="100%", max_width="680px", height="90px"))
        self.reply_check = w.HTML()
        self.reply_box = w.VBox(
            [w.HTML("<b>Ihre Antwort (optional)</b> – wird beim Tippen geprüft: Länge, „Sie“, Ton, Freundlichkeit, "
                    "nötige Angaben, Amtsdeutsch."), self.reply, self.reply_check],
            layout=w.Layout(display="" if antwort_box else "none"),
        )
        self.summary = w.HTML()
        hinweis = load_bank().hinweis
        self.footer = w.HTML(notice_html(self.cards)
                             + f'<div style="color:#546e7a;font-size:0.85em">{esc(hinweis)}</div>')
        self.debouncer = Debouncer(self.update_reply_check, delay=delay, scheduler=scheduler)
        self.reply.observe(lambda _c: self.debouncer.trigger(), names="value")
        self.check_button.on_click(lambda _b: self.check())
        self.next_button.on_click(lambda _b: self.next())
        self.restart_button.on_click(lambda _b: self.restart())
        super().__init__([
            w.HTML(LEGAL_CSS), self.heading, self.scoreline, self.card,
            w.HBox(list(self.action_buttons.values()), layout=w.Layout(flex_flow="row wrap")),
            w.HBox([self.check_button, self.next_button, self.restart_button],
                   layout=w.Layout(flex_flow="row wrap")),
            self.feedback, self.links, self.inline, self.reply_box, self.summary, self.footer,
        ])
        self.add_class("ks-legal")
        self.restart()

    # -- actions ---------------------------------------------------------------------------------

    @property
    def current(self) -> Kommentar | None:
        """The comment shown now (None after the round)."""
        return self.session.current

    @property
    def selected(self) -> list[str]:
        """Action ids currently toggled on."""
        return [a for a, b in self.action_buttons.items() if b.value]

    @property
    def card_link_buttons(self) -> list[w.Button]:
        """Card links of the current feedback."""
        return list(self.links.children)

    def restart(self) -> None:
        """Start a new round (a new draw unless comments were given)."""
        kommentare = self.fixed if self.fixed is not None else draw(self.anzahl, seed=self.seed,
                                                                    kategorie=self.kategorie)
        self.session = TriageSession(kommentare)
        self.summary.value = ""
        self._show_current()

    def choose(self, *actions: str) -> None:
        """Toggle exactly these actions on (for notebooks and tests)."""
        for a, btn in self.action_buttons.items():
            btn.value = a in actions

    def check(self) -> Bewertung | None:
        """Score the selected actions for the current comment and show the feedback."""
        k = self.current
        if k is None or not self.selected:
            return None
        result = self.session.decide(self.selected)
        self.feedback.value = feedback_html(result, k)
        self.links.children = card_buttons(k.karten, self.on_card, self.cards)
        for btn in self.action_buttons.values():
            btn.disabled = True
        self.check_button.disabled = True
        self.next_button.disabled = False
        self.next_button.description = "Nächster Kommentar" if self.session.position + 1 < len(
            self.session.kommentare) else "Zum Ergebnis"
        self._score()
        return result

    def next(self) -> None:
        """Go to the next comment, or show the summary after the last one."""
        if not self.session.decided:
            return
        self.session.next()
        self._show_current()

    def update_reply_check(self) -> None:
        """Check the reply text now (the debouncer calls this after typing pauses)."""
        k = self.current
        if k is None or not self.reply.value.strip():
            self.reply_check.value = ""
            return
        self.reply_check.value = checked_reply_html(self.reply.value, k)

    # -- rendering -------------------------------------------------------------------------------

    def _on_toggle(self, _change: object) -> None:
        self.check_button.disabled = not self.selected or self.session.decided

    def _score(self) -> None:
        total = len(self.session.kommentare)
        done = len(self.session.bewertungen)
        self.scoreline.value = (
            f'<div class="ks-punkte" style="color:#37474f">Punkte: <b>{self.session.punkte}</b> von '
            f"{self.session.max_punkte} · bewertet: {done} von {total} Kommentaren</div>"
        )

    def _show_current(self) -> None:
        self.feedback.value = ""
        self.links.children = []
        self.inline.hide()
        self.debouncer.cancel()
        self.reply.value = ""
        self.reply_check.value = ""
        for btn in self.action_buttons.values():
            btn.value = False
            btn.disabled = False
        self.next_button.disabled = True
        k = self.current
        self._score()
        if k is None:
            self.card.value = box("Die Runde ist zu Ende. Unten sehen Sie Ihr Ergebnis.", title="Geschafft!")
            for btn in self.action_buttons.values():
                btn.disabled = True
            self.check_button.disabled = True
            self.reply_box.layout.visibility = "hidden"
            self.summary.value = summary_html(self.session)
            return
        self.reply_box.layout.visibility = "visible"
        self.check_button.disabled = True
        self.card.value = feed_card_html(k, self.session.position + 1, len(self.session.kommentare))


class ReplyPractice(w.VBox):
    """Reply exercise: pick a comment that needs an answer, write a reply, see the checks live.

    Args:
        kommentare: comments to offer; None offers every comment whose main action is "antworten".
        scheduler, delay: timer for the debounced check (tests inject a fake one).
    """

    def __init__(self, kommentare: Sequence[Kommentar] | None = None, *, scheduler: Scheduler | None = None,
                 delay: float = DEFAULT_DELAY) -> None:
        pool = list(kommentare) if kommentare is not None else [
            k for k in load_bank().kommentare if k.haupt == "antworten"]
        self.kommentare = {k.id: k for k in pool}
        self.chooser = w.Dropdown(
            options=[(f"{k.kategorie_label}: {k.text[:60]}", k.id) for k in pool], description="Kommentar:",
            layout=w.Layout(width="100%", max_width="680px"),
        )
        self.card = w.HTML()
        self.reply = w.Textarea(placeholder="Schreiben Sie hier Ihre öffentliche Antwort.",
                                layout=w.Layout(width="100%", max_width="680px", height="110px"))
        self.result = w.HTML()
        self.sample_button = w.Button(description="Musterantwort zeigen", icon="eye", layout=w.Layout(width="auto"))
        self.sample = w.HTML()
        self.debouncer = Debouncer(self.update_now, delay=delay, scheduler=scheduler)
        self.reply.observe(lambda _c: self.debouncer.trigger(), names="value")
        self.chooser.observe(lambda _c: self._show(), names="value")
        self.sample_button.on_click(lambda _b: self.show_sample())
        super().__init__([self.chooser, self.card, self.reply, self.result, self.sample_button, self.sample])
        self._show()

    @property
    def current(self) -> Kommentar:
        """The chosen comment."""
        return self.kommentare[chosen(self.chooser)]

    def update_now(self) -> None:
        """Check the reply immediately."""
        text = self.reply.value
        self.result.value = "" if not text.strip() else checked_reply_html(text, self.current)

    def show_sample(self) -> None:
        """Show the sample reply of the chosen comment."""
        k = self.current
        self.sample.value = (
            f'<div class="ks-muster" style="border-left:4px solid #1565c0;padding:6px;max-width:680px">'
            f"<b>Musterantwort:</b> {esc(k.musterantwort or 'Für diesen Kommentar gibt es keine Musterantwort.')}</div>"
        )

    def _show(self) -> None:
        self.debouncer.cancel()
        self.card.value = feed_card_html(self.current)
        self.reply.value = ""
        self.result.value = ""
        self.sample.value = ""


class KommentarTriageApp(w.Tab):
    """The Voilà app „Kommentar-Triage“: sort comments, then practise replies."""

    def __init__(self, anzahl: int = 10) -> None:
        self.triage = CommentTriage(anzahl=anzahl)
        self.practice = ReplyPractice()
        super().__init__(children=[self.triage, self.practice])
        self.set_title(0, "Triage-Trainer")
        self.set_title(1, "Antworten üben")
