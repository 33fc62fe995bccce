"""Maturity self-check widget: questions per dimension, HTML bar overview, prioritised next steps.

A thin view over `kommsocial.strategie.reifegrad`; every text from the model is escaped.
"""

from __future__ import annotations

import ipywidgets as w

from kommsocial._german import decimal, plural
from kommsocial.strategie.reifegrad import Profil, load_modell, profile, profile_markdown
from kommsocial.strategie.schema import Reifegradmodell
from kommsocial.ui._html import download_link, esc, stand_footer
from kommsocial.ui.dienstanweisung import STRATEGIE_CSS

PHASE_COLORS = {0: "#d32f2f", 1: "#ef6c00", 2: "#7cb342", 3: "#2e7d32"}
MD_NAME = "reifegrad_selbstcheck.md"


def bars_html(p: Profil) -> str:
    """One horizontal bar per dimension (length = mean score of 3), labelled with the phase."""
    rows = []
    for d in p.dimensionen:
        dim = d.dimension
        level = d.phase  # None exactly when d.wert is None
        if d.wert is None or level is None:
            bar, label, phase = "", "noch nicht bewertet", "keine"
        else:
            width = max(2.0, d.wert / 3 * 100)
            bar = (f'<div style="width:{width:.0f}%;height:100%;background:{PHASE_COLORS[level]};'
                   'border-radius:4px"></div>')
            label = p.modell.stufen[level].name + f" ({decimal(d.wert, 1)} von 3)"
            phase = str(level)
        rest = d.fragen - d.beantwortet
        offen = "" if d.vollstaendig else f" – {rest} {plural(rest, 'Frage', 'Fragen')} offen"
        rows.append(
            f'<div class="ks-balken" data-dimension="{esc(dim.id)}" data-phase="{phase}" '
            'style="display:flex;align-items:center;gap:8px;margin:3px 0">'
            f'<div style="flex:0 0 190px">{esc(dim.titel)}</div>'
            '<div style="flex:1 1 auto;height:16px;background:#eceff1;border-radius:4px" role="img" '
            f'aria-label="{esc(dim.titel)}: {esc(label)}">{bar}</div>'
            f'<div style="flex:0 0 250px;font-size:0.9em">{esc(label)}{esc(offen)}</div></div>'
        )
    return "".join(rows)


def summary_html(p: Profil) -> str:
    """Answered count, overall phase and the phase of the foundations."""
    m = p.modell
    parts = [f"<div>Beantwortet: {p.beantwortet} von {p.fragen} Fragen.</div>"]
    if p.gesamtphase is not None:
        parts.append(f'<div class="ks-gesamt" data-phase="{p.gesamtphase}"><b>Gesamtbild:</b> '
                     f"{esc(m.stufen[p.gesamtphase].name)} – {esc(m.stufen[p.gesamtphase].beschreibung)}</div>")
    if p.grundlagenphase is not None:
        parts.append(f"<div><b>Grundlagen</b> (Ziele, Organisation, Freigabe, Recht): "
                     f"{esc(m.stufen[p.grundlagenphase].name)}</div>")
    return "".join(parts)


def steps_html(p: Profil) -> str:
    """The prioritised next steps as a numbered list."""
    if p.beantwortet == 0:
        return "<div>Beantworten Sie die Fragen; hier erscheinen dann Ihre nächsten Schritte.</div>"
    if not p.empfehlungen:
        return "<div>In allen bewerteten Bereichen sind Sie in Phase 3. Bleiben Sie dran und prüfen Sie jährlich.</div>"
    items = []
    for e in p.empfehlungen:
        steps = "".join(
            f"<li>{esc(s.text)}" + (f' <span style="color:#546e7a;font-size:0.85em">(Quelle: {esc(s.quelle)})</span>'
                                    if s.quelle else "") + "</li>"
            for s in e.schritte)
        items.append(
            f'<li class="ks-empfehlung" data-dimension="{esc(e.dimension.id)}" style="margin-bottom:6px">'
            f"<b>{esc(e.dimension.titel)}</b>: von Phase {e.phase} zu Phase {e.ziel_phase}"
            f'<div style="color:#546e7a;font-size:0.9em">{esc(e.grund)}</div><ul>{steps}</ul></li>')
    return '<ol class="ks-schritte">' + "".join(items) + "</ol>"


class ReifegradCheck(w.VBox):
    """Accordion with the questions of every dimension; overview and next steps update on every answer."""

    def __init__(self, modell: Reifegradmodell | None = None, *, max_empfehlungen: int = 5) -> None:
        self.modell = modell or load_modell()
        self.max_empfehlungen = max_empfehlungen
        self.radios: dict[str, w.RadioButtons] = {}
        self._muted = False
        pages = []
        for dim in self.modell.dimensionen:
            items: list[w.Widget] = [w.HTML(f'<div style="color:#546e7a">{esc(dim.beschreibung)}</div>')]
            for f in dim.fragen:
                extra = ""
                if f.hinweis:
                    extra += f'<div style="color:#546e7a;font-size:0.9em">{esc(f.hinweis)}</div>'
                if f.quelle:
                    extra += f'<div style="color:#546e7a;font-size:0.85em">Quelle: {esc(f.quelle)}</div>'
                radio = w.RadioButtons(options=[(f"{text}", i) for i, text in enumerate(f.antworten)], value=None,
                                       layout=w.Layout(width="98%"))
                radio.observe(self._changed, names="value")
                self.radios[f.id] = radio
                items.append(w.VBox([w.HTML(f'<div style="font-weight:600;margin-top:6px">{esc(f.text)}</div>{extra}'),
                                     radio]))
            pages.append(w.VBox(items))
        self.accordion = w.Accordion(children=pages, selected_index=0)
        self.summary = w.HTML()
        self.bars = w.HTML()
        self.steps = w.HTML()
        self.download = w.HTML()
        stufen = "".join(f"<li><b>{esc(s.name)}</b>: {esc(s.beschreibung)}</li>" for s in self.modell.stufen)
        intro = w.HTML(
            STRATEGIE_CSS + f'<div style="font-size:1.15em;font-weight:600">{esc(self.modell.titel)}</div>'
            "<div>Wählen Sie bei jeder Frage die Antwort, die am besten passt. Die Antworten entsprechen den "
            f"Phasen 0 bis 3:</div><ul>{stufen}</ul>")
        footer = w.HTML(stand_footer(self.modell.stand, quelle=self.modell.quellen))
        super().__init__([
            intro, self.accordion,
            w.HTML('<div style="font-weight:600;font-size:1.05em;margin-top:8px">Ihr Profil</div>'),
            self.summary, self.bars,
            w.HTML('<div style="font-weight:600;font-size:1.05em;margin-top:8px">Ihre nächsten Schritte</div>'),
            self.steps, self.download, footer,
        ])
        self.add_class("ks-reifegrad")
        self.add_class("ks-strategie")
        self.profil: Profil | None = None
        self.update()

    def answers(self) -> dict[str, int]:
        """Current answers (question id → 0–3), unanswered questions left out."""
        return {qid: r.value for qid, r in self.radios.items() if r.value is not None}

    def answer(self, question_id: str, value: int | None) -> None:
        """Set one answer (None clears it)."""
        self.radios[question_id].value = value

    def set_answers(self, antworten: dict[str, int | None]) -> None:
        """Set several answers at once (one update at the end)."""
        self._muted = True
        try:
            for qid, value in antworten.items():
                self.radios[qid].value = value
        finally:
            self._muted = False
        self.update()

    def _changed(self, _change: dict) -> None:
        if not self._muted:
            self.update()

    def update(self) -> None:
        """Recompute the profile and redraw overview, steps and download link."""
        p = profile(self.answers(), self.modell, max_empfehlungen=self.max_empfehlungen)
        self.profil = p
        for i, erg in enumerate(p.dimensionen):
            self.accordion.set_title(i, f"{erg.dimension.titel} ({erg.beantwortet}/{erg.fragen})")
        self.summary.value = summary_html(p)
        self.bars.value = bars_html(p)
        self.steps.value = steps_html(p)
        self.download.value = (download_link(profile_markdown(p), MD_NAME, "text/markdown",
                                             "Ergebnis als Markdown herunterladen") if p.beantwortet else "")
