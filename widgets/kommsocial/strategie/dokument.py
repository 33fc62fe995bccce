"""A tiny document model (headings, paragraphs, lists, notes) rendered to Markdown and to escaped HTML.

The builder never renders Markdown back into HTML: both outputs come from the same
blocks, so user values (the municipality's name) can never become markup in either.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

# Characters that start Markdown syntax inside a line; escaped with a backslash.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]|])")


@dataclass(frozen=True)
class Block:
    """One block: art is "h1", "h2", "p", "ul" (items in `punkte`), "hinweis" (highlighted note) or "hr"."""

    art: str
    text: str = ""
    punkte: tuple[str, ...] = ()


def parse_text(text: str) -> list[Block]:
    """Split template text into paragraphs and "- " lists (blank line or list start ends a paragraph)."""
    blocks: list[Block] = []
    para: list[str] = []
    items: list[str] = []

    def flush() -> None:
        if para:
            blocks.append(Block("p", " ".join(para)))
            para.clear()
        if items:
            blocks.append(Block("ul", punkte=tuple(items)))
            items.clear()

    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            flush()
        elif line.startswith("- "):
            if para:
                flush()
            items.append(line[2:].strip())
        elif items and raw.startswith("  "):
            items[-1] += " " + line  # continuation of a list item
        else:
            if items:
                flush()
            para.append(line)
    flush()
    return blocks


def md_escape(text: str) -> str:
    """Escape text for Markdown: no markup from values, no raw HTML (< and > become entities)."""
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return text.replace("<", "&lt;").replace(">", "&gt;")


def to_markdown(blocks: list[Block]) -> str:
    """Render blocks as Markdown."""
    out: list[str] = []
    for b in blocks:
        if b.art == "h1":
            out.append(f"# {md_escape(b.text)}")
        elif b.art == "h2":
            out.append(f"## {md_escape(b.text)}")
        elif b.art == "p":
            out.append(md_escape(b.text))
        elif b.art == "ul":
            out.append("\n".join(f"- {md_escape(p)}" for p in b.punkte))
        elif b.art == "hinweis":
            out.append(f"> **{md_escape(b.text)}**")
        elif b.art == "hr":
            out.append("---")
        else:  # pragma: no cover - programming error
            raise ValueError(b.art)
    return "\n\n".join(out) + "\n"


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def to_html_fragment(blocks: list[Block]) -> str:
    """Render blocks as escaped HTML with inline styles (for the live preview)."""
    out: list[str] = []
    for b in blocks:
        if b.art == "h1":
            out.append(f'<h1 style="font-size:1.4em;margin:0.4em 0">{_esc(b.text)}</h1>')
        elif b.art == "h2":
            out.append(f'<h2 style="font-size:1.15em;margin:0.8em 0 0.3em">{_esc(b.text)}</h2>')
        elif b.art == "p":
            out.append(f'<p style="margin:0.3em 0">{_esc(b.text)}</p>')
        elif b.art == "ul":
            out.append('<ul style="margin:0.3em 0">' + "".join(f"<li>{_esc(p)}</li>" for p in b.punkte) + "</ul>")
        elif b.art == "hinweis":
            out.append('<div class="ks-entwurf" style="border-left:4px solid #ef6c00;background:#fff3e0;'
                       f'padding:6px 10px;margin:6px 0"><strong>{_esc(b.text)}</strong></div>')
        elif b.art == "hr":
            out.append('<hr style="border:none;border-top:1px solid #cfd8dc">')
        else:  # pragma: no cover - programming error
            raise ValueError(b.art)
    return "\n".join(out)


def to_html_page(blocks: list[Block], title: str) -> str:
    """A standalone HTML page (UTF-8, no external resources) for download or printing."""
    return (
        '<!DOCTYPE html>\n<html lang="de">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{_esc(title)}</title>\n"
        "<style>body{font-family:sans-serif;max-width:46em;margin:2em auto;line-height:1.5;padding:0 1em}</style>\n"
        "</head>\n<body>\n" + to_html_fragment(blocks) + "\n</body>\n</html>\n"
    )
