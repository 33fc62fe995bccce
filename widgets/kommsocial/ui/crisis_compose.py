"""Compose box of the crisis simulator: write a post or reply, live text checks, send.

The checks come from the text engine (`kommsocial.text.analyze`) and are shown with the
Post-Werkstatt's views (`report_view`: Ampel, marked text, findings); typing is debounced.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import ipywidgets as widgets

from kommsocial import platforms
from kommsocial.errors import KommSocialError
from kommsocial.ui import report_view
from kommsocial.ui._html import esc
from kommsocial.ui.crisis_feed import CHANNELS, target_label
from kommsocial.ui.debounce import DEFAULT_DELAY, Debouncer, Scheduler

if TYPE_CHECKING:  # pragma: no cover
    from kommsocial.text.report import Report

NEW_POST = "__neu__"
# Platform rules used for the live check per invented channel (limits similar to the real ones).
CHECK_PLATFORM = {"feed": "mastodon", "kommentar": "facebook", "presseanfrage": "facebook", "email": "facebook"}
# Up to this limit a platform takes short messages (X, Bluesky, Mastodon, Threads); the limit itself
# comes from platforms.yaml.
_SHORT_MESSAGE_MAX = 500


def platform_note(platform: str) -> str:
    """What the check of a channel allows, e.g. „Kurznachricht, bis 500 Zeichen“ (limit from platforms.yaml)."""
    rules = platforms.get(platform)
    if rules.limit <= _SHORT_MESSAGE_MAX:
        return f"Kurznachricht, bis {rules.limit} {rules.einheit}"
    return "längerer Text möglich"


def _analyze(text: str, platform: str) -> Report:
    from kommsocial.text import analyze  # imported on first check: keeps the app's start fast

    return analyze(text, platform=platform)


class ComposeBox(widgets.VBox):
    """Textarea with live checks, a target chooser (new post / reply to an item) and send buttons.

    `on_send(kind, text, target)` is called with kind "post", "reply" or "ask"; it returns a
    German confirmation or raises (the message is shown under the buttons).
    """

    def __init__(self, on_send: Callable[[str, str, str | None], str], *, delay: float = DEFAULT_DELAY,
                 scheduler: Scheduler | None = None, analyzer: Callable[..., Any] | None = None) -> None:
        self.on_send = on_send
        self._analyze = analyzer or _analyze
        self._items: dict[str, dict] = {}
        self.report: Report | None = None
        self.target = widgets.Dropdown(options=[("Neuer Beitrag auf Zwitscher", NEW_POST)], value=NEW_POST,
                                       description="Wohin:", layout=widgets.Layout(width="100%"))
        self.target.add_class("ks-ziel")
        self.text_area = widgets.Textarea(placeholder="Ihr Beitrag oder Ihre Antwort …", continuous_update=True,
                                          layout=widgets.Layout(width="100%", height="110px"))
        self.text_area.add_class("ks-crisis-text")
        self.check_note = widgets.HTML()
        self.ampel = widgets.HTML()
        self.marked = widgets.HTML()
        self.findings = widgets.HTML()
        self.marked.add_class("ks-crisis-markiert")
        self.findings.add_class("ks-crisis-befunde")
        self.send_button = widgets.Button(description="Veröffentlichen", button_style="primary", icon="paper-plane")
        self.ask_button = widgets.Button(description="Rückfrage ans Lagezentrum", icon="question",
                                         layout=widgets.Layout(width="auto"))
        self.send_button.add_class("ks-senden")
        self.ask_button.add_class("ks-rueckfrage")
        self.message = widgets.HTML()
        self.message.add_class("ks-compose-meldung")
        self.send_button.on_click(lambda _b: self.send("post"))
        self.ask_button.on_click(lambda _b: self.send("ask"))
        self.debouncer = Debouncer(self.check_now, delay=delay, scheduler=scheduler)
        self.text_area.observe(lambda _c: self.debouncer.trigger(), names="value")
        self.target.observe(lambda _c: self.check_now(), names="value")
        super().__init__([
            widgets.HTML("<b>Schreiben</b> – die Prüfung läuft beim Tippen"),
            self.target, self.text_area,
            widgets.HBox([self.send_button, self.ask_button]),
            self.message, self.check_note, self.ampel, self.marked, self.findings,
        ], layout=widgets.Layout(border="1px solid #ced4da", padding="8px", margin="0 0 8px 0"))
        self.add_class("ks-compose")
        self.check_now()

    @property
    def channel(self) -> str:
        """Channel of the current target (feed for a new post)."""
        item = self._items.get(self.target.value)
        return item["kanal"] if item else "feed"

    def set_items(self, items: list[dict]) -> None:
        """Offer replies to these released items (newest first); keeps the current choice if possible."""
        self._items = {i["id"]: i for i in items}
        options = [("Neuer Beitrag auf Zwitscher", NEW_POST)] + [
            (target_label(i), i["id"]) for i in reversed(items)]
        if [o[1] for o in options] != [o[1] for o in self.target.options]:
            current = self.target.value
            self.target.options = options
            self.target.value = current if current in self._items or current == NEW_POST else NEW_POST

    def reply_to(self, item_id: str) -> None:
        """Select an item as reply target (the card's "Antworten" button)."""
        if item_id in self._items:
            self.target.value = item_id

    def check_now(self) -> None:
        """Run the text engine on the current text (synchronously)."""
        self.debouncer.cancel()
        text = self.text_area.value
        platform = CHECK_PLATFORM.get(self.channel, "facebook")
        style = CHANNELS.get(self.channel, CHANNELS["feed"])
        self.check_note.value = (f'<div style="color:#6c757d;font-size:0.85em">Prüfung für {esc(style.name)} '
                                 f'({esc(platform_note(platform))})</div>')
        if not text.strip():
            self.report = None
            self.ampel.value = self.marked.value = ""
            self.findings.value = '<div style="color:#6c757d">Noch kein Text.</div>'
            return
        try:
            report = self.report = self._analyze(text, platform)
        except KommSocialError as exc:  # e.g. a text over the size limit: say why instead of failing
            self.report = None
            self.ampel.value = self.marked.value = ""
            self.findings.value = f'<div style="color:#c62828">{esc(exc)}</div>'
            return
        merged = report_view.merge_findings({platform: report})
        self.ampel.value = report_view.ampel_html({platform: report})
        self.marked.value = report_view.marked_text_html(text, merged)
        self.findings.value = report_view.findings_html(merged)

    def send(self, kind: str) -> bool:
        """Send the text as post/reply (button "Veröffentlichen") or as question (kind "ask")."""
        text = self.text_area.value
        target = None
        if kind == "post" and self.target.value != NEW_POST:
            kind, target = "reply", self.target.value
        if not text.strip():
            self._show("Bitte schreiben Sie zuerst einen Text.", error=True)
            return False
        try:
            confirmation = self.on_send(kind, text, target)
        except KommSocialError as exc:  # German message for the user; the text stays in the box
            self._show(str(exc), error=True)
            return False
        self._show(confirmation)
        self.text_area.value = ""
        self.target.value = NEW_POST
        self.check_now()
        return True

    def _show(self, message: str, *, error: bool = False) -> None:
        color = "#c92a2a" if error else "#2b8a3e"
        self.message.value = f'<div style="color:{color}">{esc(message)}</div>'
