"""Card-like previews of a post as it would look on each platform (inline CSS, no network).

Counting, limits, URL and hashtag detection come from `kommsocial.platforms`;
this module only draws. The post text is always escaped; links are never clickable
anchors in the preview (a pasted "javascript:" link stays text). Where the platform links
them they look like links; where it does not (Instagram, TikTok) they stay plain text. Accent
colour, handle and whether links are clickable are data in platforms.yaml (farbe, handle,
links_anklickbar).
"""

from __future__ import annotations

from dataclasses import dataclass

import ipywidgets as widgets
import regex

from kommsocial import platforms
from kommsocial.ui._html import esc

DISPLAY_NAME = "Stadt Musterstadt"
INITIALS = "MS"
_GRAPHEME = regex.compile(r"\X")


@dataclass(frozen=True)
class Cut:
    """Where the platform would cut the text: visible part and how much is too much."""

    visible: str
    counted: int
    limit: int
    unit: str

    @property
    def over(self) -> int:
        """Counted units beyond the limit (0 if the text fits)."""
        return max(0, self.counted - self.limit)


def cut_to_limit(text: str, platform: str) -> Cut:
    """Longest prefix of `text` that fits the platform limit, counted the platform's way."""
    rules = platforms.get(platform)
    counted = platforms.counted_length(text, rules)
    if counted <= rules.limit:
        return Cut(text, counted, rules.limit, rules.einheit)
    # Binary search over grapheme boundaries (never cut an emoji, flag or umlaut sequence in half);
    # counting is monotone in the prefix length for practical purposes.
    bounds = [0] + [m.end() for m in _GRAPHEME.finditer(text)]
    lo, hi = 0, len(bounds) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if platforms.counted_length(text[:bounds[mid]], rules) <= rules.limit:
            lo = mid
        else:
            hi = mid - 1
    return Cut(text[:bounds[lo]], counted, rules.limit, rules.einheit)


def styled_text(text: str, *, links: bool = True) -> str:
    """Escape the text and colour hashtags and links (links are not clickable).

    links=False: the platform does not link them, so they stay plain text.
    """
    marks: list[tuple[int, int, str]] = []
    for start, end in platforms.find_urls(text):
        marks.append((start, end, "link"))
    for start, end, _tag in platforms.find_hashtags(text):
        if not any(s <= start < e for s, e, _ in marks):
            marks.append((start, end, "tag"))
    marks.sort()
    out, last = [], 0
    for start, end, kind in marks:
        if start < last:
            continue
        out.append(esc(text[last:start]))
        piece = esc(text[start:end])
        if kind == "link" and not links:
            out.append(f'<span class="ks-link-text">{piece}</span>')
        elif kind == "link":
            out.append(f'<span class="ks-link" style="color:#1565c0;text-decoration:underline">{piece}</span>')
        else:
            out.append(f'<span class="ks-hashtag" style="color:#1565c0;font-weight:600">{piece}</span>')
        last = end
    out.append(esc(text[last:]))
    return "".join(out)


def preview_html(text: str, platform: str, *, image: bool = False, alt_text: str | None = None,
                 handle: str | None = None) -> str:
    """One platform card: avatar "MS", name, handle, escaped text, styled links/hashtags, truncation mark."""
    rules = platforms.get(platform)
    key = platform.strip().lower()
    accent = rules.farbe
    cut = cut_to_limit(text, key)
    links = rules.links_anklickbar
    body = styled_text(cut.visible, links=links)
    if cut.over:
        body += (
            f'<span class="ks-gekuerzt" style="color:#c62828;font-weight:700"> … (gekürzt: '
            f'{cut.over} {esc(cut.unit)} zu viel)</span>'
        )
    media = ""
    if image:
        alt_badge = (
            f'<span title="{esc(alt_text)}" style="position:absolute;left:6px;bottom:6px;background:#000;'
            'color:#fff;font-size:0.75em;padding:0 4px;border-radius:3px">ALT</span>'
            if alt_text and alt_text.strip() else
            '<span style="position:absolute;left:6px;bottom:6px;background:#c62828;color:#fff;'
            'font-size:0.75em;padding:0 4px;border-radius:3px">ohne Alt-Text</span>'
        )
        media = (
            '<div style="position:relative;margin-top:8px;height:90px;border-radius:8px;background:'
            'repeating-linear-gradient(45deg,#eceff1,#eceff1 10px,#cfd8dc 10px,#cfd8dc 20px);'
            f'display:flex;align-items:center;justify-content:center;color:#546e7a">Bild{alt_badge}</div>'
        )
    link_note = ""
    if not links and platforms.find_urls(cut.visible):
        link_note = (
            '<div class="ks-link-hinweis" style="margin-top:6px;font-size:0.8em;color:#607d8b">'
            f"{esc(rules.name)} macht Links im Beitrag nicht anklickbar. Nennen Sie den Link zusätzlich "
            "im Profil.</div>"
        )
    color = "#c62828" if cut.over else "#546e7a"
    counter = f"{cut.counted} / {cut.limit} {esc(cut.unit)}"
    return (
        f'<div class="ks-preview" data-platform="{esc(key)}" style="flex:1 1 280px;max-width:420px;'
        f'border:1px solid #cfd8dc;border-top:4px solid {accent};border-radius:10px;padding:10px;'
        'background:#fff;font-family:system-ui,sans-serif;font-size:14px;margin:4px">'
        f'<div style="font-size:0.8em;color:{accent};font-weight:700;margin-bottom:6px">{esc(rules.name)}</div>'
        '<div style="display:flex;gap:8px;align-items:center">'
        f'<div style="width:36px;height:36px;border-radius:50%;background:{accent};color:#fff;display:flex;'
        f'align-items:center;justify-content:center;font-weight:700">{INITIALS}</div>'
        f'<div><div style="font-weight:700">{DISPLAY_NAME}</div>'
        f'<div style="color:#607d8b;font-size:0.9em">{esc(handle or rules.handle)}</div></div></div>'
        f'<div class="ks-preview-text" style="white-space:pre-wrap;word-wrap:break-word;margin-top:8px;'
        f'line-height:1.45">{body}</div>{link_note}{media}'
        f'<div class="ks-zaehler" style="margin-top:6px;text-align:right;font-size:0.8em;color:{color}">'
        f"{counter}</div></div>"
    )


def previews_html(text: str, platform_ids: list[str], *, image: bool = False, alt_text: str | None = None) -> str:
    """Cards for several platforms side by side (wrapping on narrow screens)."""
    cards = "".join(preview_html(text, p, image=image, alt_text=alt_text) for p in platform_ids)
    return f'<div class="ks-previews" style="display:flex;flex-wrap:wrap;gap:8px">{cards}</div>'


class PlatformPreview(widgets.HTML):
    """Widget showing the platform cards for a text; call `show(text, platforms)` to refresh."""

    def __init__(self, text: str = "", platform_ids: list[str] | None = None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.show(text, platform_ids or ["x"])

    def show(self, text: str, platform_ids: list[str], *, image: bool = False, alt_text: str | None = None) -> None:
        """Render the cards for `text` on the given platforms."""
        self.value = previews_html(text, platform_ids, image=image, alt_text=alt_text)
