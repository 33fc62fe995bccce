"""Participant view of the crisis simulator: feed of invented channels, compose box, Lage panel, debrief.

Works on any `LiveSession` (crisis/live.py): solo (self-learner, own clock with speed and
"+5 Minuten") or shared (seminar exercise in the store, the trainer steers the clock).

    from kommsocial.crisis.live import SoloSession
    from kommsocial.ui.crisis_participant import ParticipantView
    ParticipantView(SoloSession("grossbrand", speed=10))
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

import ipywidgets as widgets

from kommsocial.crisis.live import SOLO_SPEEDS, LiveSession, SoloControls
from kommsocial.errors import KommSocialError
from kommsocial.ui._html import esc
from kommsocial.ui.crisis_compose import ComposeBox
from kommsocial.ui.crisis_debrief import DebriefView
from kommsocial.ui.crisis_feed import (
    FEED_CHANNELS,
    card_html,
    lage_html,
    moderation_of,
    own_post_html,
    reactions_by_target,
)
from kommsocial.ui.debounce import Handle, Scheduler

log = logging.getLogger(__name__)
REFRESH_SECONDS = 2.0
MODERATION_BUTTONS = (("hide", "Ausblenden", "eye-slash"), ("delete", "Löschen", "trash"),
                      ("report", "Melden", "flag"))
CONFIRM = {"post": "Ihr Beitrag ist veröffentlicht.", "reply": "Ihre Antwort ist veröffentlicht.",
           "ask": "Ihre Rückfrage ist beim Lagezentrum.", "hide": "Ausgeblendet.", "delete": "Gelöscht.",
           "report": "Gemeldet."}


class Ticker:
    """Calls `callback` every `interval` seconds on the kernel's asyncio loop until stopped.

    The callback's return value is ignored (a view's `refresh` returns the state it drew).
    """

    def __init__(self, callback: Callable[[], object], interval: float = REFRESH_SECONDS,
                 scheduler: Scheduler | None = None) -> None:
        self.callback = callback
        self.interval = interval
        self.scheduler = scheduler
        self._handle: Handle | None = None
        self.running = False

    def _schedule(self) -> None:
        if self.scheduler is not None:
            self._handle = self.scheduler(self.interval, self._fire)
        else:
            self._handle = asyncio.get_running_loop().call_later(self.interval, self._fire)

    def start(self) -> bool:
        """Start ticking; False without an event loop (plain scripts, tests): refresh by hand then."""
        if self.running:
            return True
        try:
            self._schedule()
        except RuntimeError:
            return False
        self.running = True
        return True

    def stop(self) -> None:
        """Stop ticking."""
        self.running = False
        if self._handle is not None:
            self._handle.cancel()
            self._handle = None

    def _fire(self) -> None:
        if not self.running:
            return
        try:
            self.callback()
        except Exception:  # a failing refresh must not end the periodic timer
            log.exception("Periodic refresh failed")
        if self.running:
            self._schedule()


class FeedCard(widgets.VBox):
    """One feed item with its action buttons (Antworten, Ausblenden, Löschen, Melden)."""

    def __init__(self, item: dict, on_action: Callable[[str, str], None]) -> None:
        self.item_id = item["id"]
        self.html = widgets.HTML()
        self.reply_button = widgets.Button(description="Antworten", icon="reply",
                                           layout=widgets.Layout(width="auto"))
        self.reply_button.on_click(lambda _b: on_action("reply", self.item_id))
        buttons = [self.reply_button]
        self.mod_buttons: dict[str, widgets.Button] = {}
        if item["kanal"] in ("feed", "kommentar"):  # press inquiries and e-mails are answered, not moderated
            for kind, label, icon in MODERATION_BUTTONS:
                button = widgets.Button(description=label, icon=icon, layout=widgets.Layout(width="auto"))
                button.on_click(lambda _b, k=kind: on_action(k, self.item_id))
                self.mod_buttons[kind] = button
                buttons.append(button)
        self._signature: tuple | None = None
        # flex 0 0 auto: inside the scrolling feed, cards keep their height instead of being squeezed
        super().__init__([self.html, widgets.HBox(buttons)], layout=widgets.Layout(margin="4px 0", flex="0 0 auto"))
        self.add_class("ks-feed-card")

    def update(self, item: dict, reactions: list[dict], parent: dict | None) -> None:
        """Redraw only when the item or the own reactions to it changed."""
        signature = (item["text"], item["minute"], tuple((r["action"], r["minute"]) for r in reactions))
        if signature == self._signature:
            return
        self._signature = signature
        self.html.value = card_html(item, reactions, parent)
        done = moderation_of(reactions)
        for kind, button in self.mod_buttons.items():
            button.disabled = kind in done or "delete" in done
        self.reply_button.disabled = "delete" in done


class ParticipantView(widgets.VBox):
    """The whole participant screen for one session."""

    def __init__(self, session: LiveSession, *, refresh_interval: float = REFRESH_SECONDS,
                 autorefresh: bool = True, scheduler: Scheduler | None = None,
                 compose_scheduler: Scheduler | None = None, plot: bool = True) -> None:
        self.session = session
        self.state: dict = {}
        self.cards: dict[str, FeedCard] = {}
        self._own_posts: dict[tuple, widgets.HTML] = {}
        self._decision_ids: tuple = ()
        self._was_ended = False
        self.sender = "Stadt Musterstadt"
        meta = session.scenario.meta

        self.title = widgets.HTML()
        self.info = widgets.HTML()
        self.message = widgets.HTML()
        self.message.add_class("ks-meldung")
        self.refresh_button = widgets.Button(description="Aktualisieren", icon="refresh")
        self.refresh_button.on_click(lambda _b: self.refresh())
        controls: list[widgets.Widget] = []
        if session.solo:
            assert isinstance(session, SoloControls), "a solo session steers its own clock"
            self.start_button = widgets.Button(description="Start", icon="play", button_style="success")
            self.pause_button = widgets.Button(description="Pause", icon="pause")
            self.plus_button = widgets.Button(description="+5 Minuten", icon="forward")
            self.speed = widgets.Dropdown(options=list(SOLO_SPEEDS.items()), value=session.exercise.clock.speed
                                          if session.exercise.clock.speed in SOLO_SPEEDS.values() else 10.0,
                                          description="Tempo:")
            self.end_button = widgets.Button(description="Beenden und auswerten", icon="stop",
                                             layout=widgets.Layout(width="auto"))
            for button, cls in ((self.start_button, "ks-start"), (self.pause_button, "ks-pause"),
                                (self.plus_button, "ks-plus5"), (self.end_button, "ks-ende")):
                button.add_class(cls)
            self.start_button.on_click(lambda _b: self._solo(session.start))
            self.pause_button.on_click(lambda _b: self._solo(session.pause))
            self.plus_button.on_click(lambda _b: self._solo(lambda: session.advance(5)))
            self.end_button.on_click(lambda _b: self._solo(session.end))
            self.speed.observe(lambda c: self._solo(lambda: session.set_speed(c["new"])), names="value")
            if self.speed.value != session.exercise.clock.speed:
                session.set_speed(self.speed.value)
            controls = [self.start_button, self.pause_button, self.plus_button, self.speed, self.end_button]
        controls.append(self.refresh_button)

        self.compose = ComposeBox(self._send_text, scheduler=compose_scheduler)
        self.feed_box = widgets.VBox([], layout=widgets.Layout(max_height="70vh", overflow="auto"))
        self.feed_box.add_class("ks-feed")
        self.lage = widgets.HTML()
        self.decisions = widgets.VBox([])
        self.decisions.add_class("ks-entscheidungen")
        feed_head = widgets.HTML("<h4 style='margin:4px 0'>Feed – neueste Meldungen oben</h4>")
        left = widgets.VBox([self.compose, feed_head, self.feed_box],
                            layout=widgets.Layout(width="62%", padding="0 8px 0 0"))
        right = widgets.VBox([self.decisions, self.lage],
                             layout=widgets.Layout(width="38%", border="1px solid #ced4da", padding="8px"))
        self.debrief_view = DebriefView(session.debrief, plot=plot)
        self.tabs = widgets.Tab(children=[widgets.HBox([left, right]), self.debrief_view])
        self.tabs.set_title(0, "Lage und Feed")
        self.tabs.set_title(1, "Nachbesprechung")
        who = "Sie spielen allein." if session.solo else f"Teilnahme als {esc(session.name)}."
        key = getattr(session, "schluessel", None)
        if key:
            who += (f" Ihr persönlicher Schlüssel: <b class='ks-schluessel' style='font-family:monospace'>"
                    f"{esc(key)}</b>. Notieren Sie ihn: Damit kommen Sie unter Ihrem Namen wieder in die "
                    "Übung, wenn Sie die Seite neu laden.")
        self.title.value = (f"<h3 style='margin:4px 0'>{esc(session.state()['titel'])}</h3>"
                            "<div style='color:#6c757d'>Übungsszenario – alle Personen und Ereignisse sind "
                            f"erfunden. {who}</div>")
        self.info.value = f"<div style='margin:4px 0'>{esc(session.render(meta.kurzbeschreibung or ''))}</div>"
        super().__init__([self.title, self.info, widgets.HBox(controls, layout=widgets.Layout(flex_flow="row wrap")),
                          self.message, self.tabs])
        self.add_class("ks-krise-teilnahme")
        self.ticker = Ticker(self.refresh, refresh_interval, scheduler)
        self.refresh()
        if autorefresh:
            self.ticker.start()

    # --- actions ---------------------------------------------------------------------------

    def _solo(self, fn: Callable[[], None]) -> None:
        try:
            fn()
        except KommSocialError as exc:
            self._show(str(exc), error=True)
            return
        self.refresh()

    def _send_text(self, kind: str, text: str, target: str | None) -> str:
        fields = {"text": text}
        if target:
            fields["target"] = target
        self.session.act(kind, **fields)
        self.refresh()
        return CONFIRM[kind]

    def act(self, kind: str, item_id: str) -> None:
        """A card button: reply selects the item in the compose box; moderation is recorded at once."""
        if kind == "reply":
            self.compose.reply_to(item_id)
            self._show("Schreiben Sie Ihre Antwort oben und klicken Sie auf „Veröffentlichen“.")
            return
        try:
            self.session.act(kind, target=item_id)
        except KommSocialError as exc:
            self._show(str(exc), error=True)
            return
        self._show(CONFIRM[kind])
        self.refresh()

    def decide(self, decision: str, option: str | None) -> None:
        """Take a decision from the Lage panel."""
        if not option:
            self._show("Bitte wählen Sie zuerst eine Option.", error=True)
            return
        try:
            self.session.choose(decision, option)
        except KommSocialError as exc:
            self._show(str(exc), error=True)
            return
        self._show("Entscheidung gespeichert.")
        self.refresh()

    def _show(self, message: str, *, error: bool = False) -> None:
        color = "#c92a2a" if error else "#2b8a3e"
        self.message.value = f'<div style="color:{color}">{esc(message)}</div>' if message else ""

    # --- refresh ---------------------------------------------------------------------------

    def refresh(self) -> dict:
        """Read the state and redraw clock, Lage panel, feed, reply targets and decisions."""
        try:
            state = self.session.state()
        except KommSocialError as exc:
            self._show(str(exc), error=True)
            return self.state
        self.state = state
        self.lage.value = lage_html(state)
        self._update_feed(state)
        self._update_decisions(state)
        if self.session.solo:
            status = state["status"]
            self.start_button.description = "Start" if status == "bereit" else "Weiter"
            self.start_button.disabled = status in ("läuft", "beendet")
            self.pause_button.disabled = status != "läuft"
            self.plus_button.disabled = self.end_button.disabled = status == "beendet"
        active = state["status"] in (("läuft", "pausiert") if self.session.solo else ("läuft",))
        self.compose.send_button.disabled = self.compose.ask_button.disabled = not active
        if state["status"] == "beendet" and not self._was_ended:
            self._was_ended = True
            self.ticker.stop()
            self.debrief_view.refresh()
            self.tabs.selected_index = 1
        return state

    def _update_feed(self, state: dict) -> None:
        items = [i for i in state["feed"] if i["kanal"] in FEED_CHANNELS]
        by_id = {i["id"]: i for i in state["feed"]}
        reactions = reactions_by_target(state.get("aktionen", []))
        entries: list[tuple[float, int, widgets.Widget]] = []
        for n, item in enumerate(items):
            card = self.cards.get(item["id"])
            if card is None:
                card = self.cards[item["id"]] = FeedCard(item, self.act)
            card.update(item, reactions.get(item["id"], []), by_id.get(item.get("antwort_auf") or ""))
            entries.append((item["minute"], n, card))
        for n, action in enumerate(a for a in state.get("aktionen", []) if a["action"] == "post"):
            key = (action["minute"], action["text"])
            post = self._own_posts.get(key)
            if post is None:
                post = self._own_posts[key] = widgets.HTML(own_post_html(action, self.sender),
                                                          layout=widgets.Layout(flex="0 0 auto"))
            entries.append((action["minute"], 10**6 + n, post))
        children = tuple(w for _m, _n, w in sorted(entries, key=lambda e: (e[0], e[1]), reverse=True))
        if children != self.feed_box.children:
            self.feed_box.children = children
            if not children:
                self.feed_box.children = (widgets.HTML(
                    '<div style="color:#6c757d">Noch keine Meldungen. Starten Sie die Übung oder warten Sie auf '
                    "die Übungsleitung.</div>"),)
        self.compose.set_items(items)

    def _update_decisions(self, state: dict) -> None:
        open_ = state.get("offene_entscheidungen", [])
        ids = tuple(d["id"] for d in open_)
        if ids == self._decision_ids:
            return
        self._decision_ids = ids
        boxes = []
        for d in open_:
            # Long option texts go into the HTML (they wrap); the radio buttons carry short letters.
            letters = [chr(ord("A") + n) for n in range(len(d["optionen"]))]
            lettered = list(zip(letters, d["optionen"], strict=True))
            choice = widgets.RadioButtons(options=[(f"Option {k}", o["id"]) for k, o in lettered],
                                          value=None, orientation="horizontal", layout=widgets.Layout(width="auto"))
            button = widgets.Button(description="Entscheiden", button_style="warning")
            button.on_click(lambda _b, did=d["id"], c=choice: self.decide(did, c.value))
            options = "".join(f"<li><b>Option {k}:</b> {esc(o['text'])}</li>" for k, o in lettered)
            boxes.append(widgets.VBox([
                widgets.HTML(f'<div style="font-weight:600;color:#e67700">Entscheidung nötig</div>'
                             f'<div>{esc(d["frage"])}</div><ul style="margin:4px 0;padding-left:18px">{options}</ul>'),
                choice, button,
            ], layout=widgets.Layout(border="2px solid #e67700", padding="6px", margin="0 0 8px 0")))
        self.decisions.children = boxes

    def close(self) -> None:
        """Stop the periodic refresh and close the widgets."""
        if hasattr(self, "ticker"):
            self.ticker.stop()
        super().close()


def join_exercise(store, code: str, name: str, schluessel: str | None = None, **kwargs) -> ParticipantView:
    """Participant view for a seminar exercise: `store` is a Store, a folder, a SQLite path or a SQLAlchemy URL.

    `schluessel` is the personal key for coming back under the same name.
    """
    from kommsocial.crisis.live import SharedSession
    from kommsocial.crisis.store import Store

    store = store if isinstance(store, Store) else Store(store)
    return ParticipantView(SharedSession(store, code, name, schluessel=schluessel), **kwargs)
