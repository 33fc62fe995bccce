"""HTML of the crisis simulator's mock media world: channel cards, own posts, Lage panel, clock.

Pure functions from the state dict (`Store.state` / `SoloSession.state`) to HTML strings.
The platforms are invented (like LÜKEX's "lükbook"/"sheepper"); every scenario and user
text goes through `esc`.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from kommsocial._german import decimal
from kommsocial.crisis.actions import ACTION_LABELS
from kommsocial.crisis.live import phase
from kommsocial.ui._html import badge, esc


@dataclass(frozen=True)
class ChannelStyle:
    """Look of one invented channel."""

    name: str
    beschreibung: str
    farbe: str
    hintergrund: str


CHANNELS: dict[str, ChannelStyle] = {
    "feed": ChannelStyle("Zwitscher", "erfundener Kurznachrichtendienst", "#0b7285", "#e3f6f8"),
    "kommentar": ChannelStyle("Gesichtsbuch", "erfundenes Netzwerk: Kommentare unter dem Stadt-Profil",
                              "#364fc7", "#edf0ff"),
    "presseanfrage": ChannelStyle("Presse-Postfach", "Anfragen von Redaktionen an die Pressestelle",
                                  "#5f3dc4", "#f3f0ff"),
    "email": ChannelStyle("E-Mail", "Postfach der Stadtverwaltung", "#495057", "#f1f3f5"),
    "lagemeldung": ChannelStyle("Lagezentrum", "interne Lagemeldungen (nicht öffentlich)", "#2b8a3e",
                                "#ebfbee"),
    "warnung": ChannelStyle("Warn-App", "amtliche Warnung (erfundene Übungswarnung)", "#c92a2a", "#fff5f5"),
}
FEED_CHANNELS = ("feed", "kommentar", "presseanfrage", "email")
LAGE_CHANNELS = ("warnung", "lagemeldung")
MODERATION = ("hide", "delete", "report")
MODERATION_NOTES = {
    "hide": "Von Ihnen ausgeblendet (für andere nicht mehr sichtbar).",
    "delete": "Von Ihnen gelöscht.",
    "report": "Von Ihnen der Plattform gemeldet.",
}


def minute_label(value: float | None) -> str:
    """'Min. 12' (one decimal only when needed)."""
    if value is None:
        return "–"
    number = decimal(value, 1, trim=True)
    return f"Min. {number}"


def reactions_by_target(actions: list[dict]) -> dict[str, list[dict]]:
    """Own actions grouped by the inject they refer to."""
    grouped: dict[str, list[dict]] = defaultdict(list)
    for action in actions:
        if action.get("target") and action.get("action") != "choose":
            grouped[action["target"]].append(action)
    return grouped


def moderation_of(reactions: list[dict]) -> set[str]:
    """Which moderation actions were taken on one item."""
    return {r["action"] for r in reactions if r["action"] in MODERATION}


def _text(value: str) -> str:
    return ('<div class="ks-card-text" style="white-space:pre-wrap;word-wrap:break-word;margin:4px 0">'
            f"{esc(value)}</div>")


def card_html(item: dict, reactions: list[dict] | None = None, parent: dict | None = None) -> str:
    """One incoming post, comment, press inquiry or e-mail as a card in its channel's style."""
    style = CHANNELS.get(item["kanal"], CHANNELS["feed"])
    reactions = reactions or []
    done = moderation_of(reactions)
    head = (
        f'{badge(style.name, style.farbe, title=style.beschreibung)}'
        f'<b>{esc(item["persona_name"])}</b> '
        f'<span style="color:#6c757d">· {esc(minute_label(item["minute"]))}</span>'
    )
    if item.get("quelle") == "manuell":
        head += " " + badge("von der Übungsleitung eingespielt", "#868e96")
    ref = ""
    if parent is not None:
        ref = (f'<div style="color:#6c757d;font-size:0.85em">Antwort auf {esc(parent["persona_name"])}: '
               f'„{esc(_short(parent["text"]))}“</div>')
    body = _text(item["text"])
    if "delete" in done:
        body = '<div style="color:#868e96;font-style:italic">(Inhalt gelöscht)</div>'
    elif "hide" in done:
        body = f'<div style="opacity:0.45">{body}</div>'
    notes = "".join(
        f'<div class="ks-card-mod" style="color:#862e9c;font-size:0.85em">{esc(MODERATION_NOTES[k])}</div>'
        for k in MODERATION if k in done
    )
    replies = "".join(
        f'<div class="ks-own-reply" style="margin:6px 0 0 18px;padding:6px 8px;border-left:3px solid #e8590c;'
        f'background:#fff4e6"><b>Ihre Antwort</b> <span style="color:#6c757d">· {esc(minute_label(r["minute"]))}'
        f'</span>{_text(r["text"])}</div>'
        for r in reactions if r["action"] == "reply"
    )
    return (
        f'<div class="ks-card" data-id="{esc(item["id"])}" data-kanal="{esc(item["kanal"])}" '
        f'style="border:1px solid {style.farbe};border-left:6px solid {style.farbe};border-radius:8px;'
        f'background:{style.hintergrund};padding:8px 10px;margin:0">{head}{ref}{body}{notes}{replies}</div>'
    )


def own_post_html(action: dict, sender: str) -> str:
    """An own post in the feed, marked as such."""
    style = CHANNELS.get(action.get("channel") or "feed", CHANNELS["feed"])
    return (
        f'<div class="ks-card ks-own-post" data-kanal="{esc(action.get("channel") or "feed")}" '
        f'style="border:2px solid #e8590c;border-radius:8px;background:#fff4e6;padding:8px 10px;margin:4px 0">'
        f'{badge(style.name, style.farbe)}<b>{esc(sender)}</b> {badge("Ihr Beitrag", "#e8590c")}'
        f'<span style="color:#6c757d">· {esc(minute_label(action["minute"]))}</span>{_text(action["text"])}</div>'
    )


def _short(text: str, limit: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def target_label(item: dict) -> str:
    """Dropdown label for replying to an item (plain text; widgets escape it)."""
    style = CHANNELS.get(item["kanal"], CHANNELS["feed"])
    where = f"{style.name}, {minute_label(item['minute'])}"
    return f"Antwort an {item['persona_name']} ({where}): {_short(item['text'], 50)}"


def clock_html(state: dict) -> str:
    """Clock, status and phase at the top of the Lage panel."""
    minute, dauer, status = float(state["minute"]), float(state["dauer"]), state["status"]
    share = max(0.0, min(100.0, 100.0 * minute / dauer if dauer else 100.0))
    colors = {"bereit": "#868e96", "läuft": "#2b8a3e", "pausiert": "#e67700", "beendet": "#495057"}
    tempo = state.get("tempo")
    tempo_text = f" · Tempo {decimal(tempo)} ×" if tempo else ""
    return (
        f'<div class="ks-uhr" data-status="{esc(status)}" data-minute="{minute:.2f}">'
        f'<div style="font-size:1.6em;font-weight:700">Minute {int(minute)} '
        f'<span style="font-size:0.6em;color:#6c757d">von {int(dauer)}</span></div>'
        f'<div style="background:#e9ecef;border-radius:4px;height:8px;margin:4px 0">'
        f'<div style="width:{share:.1f}%;height:100%;border-radius:4px;background:{colors.get(status, "#868e96")}">'
        f'</div></div>{badge(status, colors.get(status, "#868e96"))}'
        f'<span style="color:#6c757d;font-size:0.9em">{esc(tempo_text)}</span>'
        f'<div class="ks-phase" style="margin-top:4px"><b>Phase:</b> {esc(phase(minute, dauer, status))}</div></div>'
    )


def _lage_item(item: dict) -> str:
    style = CHANNELS[item["kanal"]]
    return (
        f'<div class="ks-lage-item" data-id="{esc(item["id"])}" style="border-left:4px solid {style.farbe};'
        f'background:{style.hintergrund};padding:4px 8px;margin:4px 0;border-radius:4px">'
        f'<div style="font-size:0.85em;color:#495057">{esc(minute_label(item["minute"]))} · '
        f'{esc(item["persona_name"])}</div>{_text(item["text"])}</div>'
    )


def open_inquiries(state: dict) -> list[dict]:
    """Press inquiries without an own reply yet."""
    answered = {a.get("target") for a in state.get("aktionen", []) if a.get("action") == "reply"}
    return [i for i in state["feed"] if i["kanal"] == "presseanfrage" and i["id"] not in answered]


def lage_html(state: dict) -> str:
    """Lage panel: official warnings, Lagemeldungen (newest first), open press inquiries, own questions."""
    feed = state["feed"]
    parts = [clock_html(state)]
    warnings = [i for i in feed if i["kanal"] == "warnung"]
    reports = [i for i in feed if i["kanal"] == "lagemeldung"]
    parts.append('<h4 style="margin:10px 0 2px">Amtliche Warnungen</h4>')
    parts.append("".join(_lage_item(i) for i in reversed(warnings))
                 or '<div style="color:#6c757d">Noch keine Warnung.</div>')
    parts.append('<h4 style="margin:10px 0 2px">Lagemeldungen (intern, bestätigt)</h4>')
    parts.append("".join(_lage_item(i) for i in reversed(reports))
                 or '<div style="color:#6c757d">Noch keine Lagemeldung.</div>')
    inquiries = open_inquiries(state)
    parts.append(f'<h4 style="margin:10px 0 2px">Offene Presseanfragen ({len(inquiries)})</h4>')
    parts.append(
        "<ul style=\"margin:2px 0;padding-left:18px\">" + "".join(
            f'<li class="ks-offene-anfrage">{esc(minute_label(i["minute"]))}: {esc(i["persona_name"])} – '
            f'„{esc(_short(i["text"]))}“</li>' for i in inquiries) + "</ul>"
        if inquiries else '<div style="color:#6c757d">Keine offene Anfrage.</div>'
    )
    asks = [a for a in state.get("aktionen", []) if a.get("action") == "ask"]
    if asks:
        parts.append('<h4 style="margin:10px 0 2px">Ihre Rückfragen ans Lagezentrum</h4>')
        parts.append("".join(
            f'<div style="font-size:0.9em">{esc(minute_label(a["minute"]))}: {esc(a["text"])}</div>' for a in asks))
    return '<div class="ks-lage">' + "".join(parts) + "</div>"


def action_summary(action: dict) -> str:
    """One line for logs (trainer console): 'Antwort zu i04: …' (plain text)."""
    label = ACTION_LABELS.get(action.get("action", ""), action.get("action", ""))
    target = f" zu {action['target']}" if action.get("target") else ""
    text = f": {_short(action.get('text') or '', 80)}" if action.get("text") else ""
    return f"{label}{target}{text}"
