"""One tokenisation pass: words and sentences with character spans.

Sentence splitting must not break on abbreviations (z. B., Nr., ca., Dr.),
dates (21.11.2026, "am 21. November"), times (14.30 Uhr) or URLs, so URLs,
e-mail addresses, hashtags and mentions are masked before splitting.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise
from typing import NamedTuple

import regex

from kommsocial import _german
from kommsocial.platforms import find_urls

# Words before a period that do not end a sentence (compared lower-case, without the period).
ABBREVIATIONS = frozenset(
    """
    z b d h u a o ä v s r i e w g k m n p t bzw ggf usw etc evtl inkl zzgl vgl sog ca nr dr prof
    str tel fr hr hrn abs art bd jh mio mrd max min geb gem lt chr st abt allg anm bzgl dipl
    ing mag med phil rer nat jur gez ebd ff hd tsd ges zt zb dh ua uä od ok sr jr mrs mr ms
    """.split()  # noqa: SIM905 - a word list reads and diffs best as plain words
)
# Month names and abbreviations, lower case, as one regex alternation.
MONTHS = "|".join([m.lower() for m in _german.MONTHS] + list(_german.MONTH_ABBREVIATIONS))
_EMAIL_RE = regex.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_TAG_RE = regex.compile(r"(?<![\w#])[#@][\w.]*\w")
# A word: letters (with hyphenated parts, e.g. "E-Mail", "Bürger-Info"); numbers are not words.
WORD_RE = regex.compile(r"\p{L}[\p{L}\p{M}]*(?:[-‐][\p{L}\p{N}][\p{L}\p{M}\p{N}]*)*")
_BOUNDARY_RE = regex.compile(r"[.!?…]+[\"“”»«')\]]*(?=\s|$)|\n\s*\n|\n(?=\s*[-–•*]\s)|\n(?=\s*\p{Lu})")
_INITIALS_RE = regex.compile(r"(?:\p{L}\.)+\p{L}?")
_DAY_MONTH_RE = regex.compile(r"\d{1,2}\.\d{1,2}")
_MONTH_RE = regex.compile(r"(?:" + MONTHS + r")(?!\p{L})")  # whole word: "Jun" but not "Junge"
# Words right before "42." that make it an ordinal ("zum 42. Stadtfest", "die 5. Auflage"), not a sentence end.
ORDINAL_CUES = frozenset(
    """
    am im zum zur vom beim ins der die das dem den des ihr ihre ihrem ihren ihrer sein seine seinem seinen
    seiner unser unsere unserem unseren unserer jeder jede jedes jedem jeden dieser diese dieses diesem diesen
    """.split()  # noqa: SIM905 - a word list reads and diffs best as plain words
)
_NEXT_WORD_RE = regex.compile(r"\s*[\"„“»«(]?(\S*)")


class Word(NamedTuple):
    """A word with its character span in the text."""

    text: str
    start: int
    end: int


@dataclass
class Sentence:
    """A sentence with its span and words."""

    start: int
    end: int
    words: list[Word] = field(default_factory=list)


def mask(text: str) -> str:
    """Text with URLs, e-mail addresses, hashtags and mentions replaced by spaces (offsets kept)."""
    blank = lambda m: " " * len(m.group())  # noqa: E731
    masked = _EMAIL_RE.sub(blank, text) if "@" in text else text  # the e-mail scan is costly: only if needed
    chars = list(_TAG_RE.sub(blank, masked))
    for start, end in find_urls(text):  # without trailing punctuation: "…/info." ends a sentence
        chars[start:end] = " " * (end - start)
    return "".join(chars)


def _ordinal_before(masked: str, token_start: int) -> bool:
    """Whether the number at token_start is an ordinal by what precedes it on its line.

    "zum 42. Musterstädter Stadtfest", "die 5. Auflage" (article or contracted preposition before it)
    and "42. Stadtfest …" or "1. Schritt" at the start of a line (headline, numbered list).
    "Es kamen 300. Danach …" ("kamen" is no cue) still ends the sentence.
    """
    line_start = masked.rfind("\n", 0, token_start) + 1
    before = masked[line_start:token_start].split()
    if not before:
        if line_start == 0:
            return True
        # a hard-wrapped paragraph line ("… lag bei\n300. Danach") continues a sentence: no cue there
        prev_line = masked[masked.rfind("\n", 0, line_start - 1) + 1 : line_start - 1].rstrip()
        return len(prev_line) < 60 or prev_line[-1] in ".!?:…"
    return before[-1].strip("(\"„“»«'").lower() in ORDINAL_CUES


def _is_boundary(masked: str, m: regex.Match) -> bool:
    mark = m.group()
    if mark.startswith("\n") and mark.count("\n") == 1:
        # A single line break ends a headline or list line, not a hard-wrapped long line.
        line_start = masked.rfind("\n", 0, m.start()) + 1
        return m.start() - line_start < 60
    if "\n" in mark or "!" in mark or "?" in mark or "…" in mark:
        return True
    token_start = max(masked.rfind(" ", 0, m.start()), masked.rfind("\n", 0, m.start())) + 1
    token = masked[token_start : m.start()]
    token = token.lstrip("(\"„“»«'")
    nxt = _NEXT_WORD_RE.match(masked, m.end())
    following = nxt.group(1) if nxt else ""
    if not following:
        return True
    if token.lower().rstrip(".") in ABBREVIATIONS or _INITIALS_RE.fullmatch(token):
        return False
    if token.isdigit() or _DAY_MONTH_RE.fullmatch(token):
        # "am 21. November", "ab dem 3. Tag": an ordinal or date, unless a new sentence clearly starts
        if _MONTH_RE.match(following.lower()) or not following[:1].isupper():
            return False
        if token.isdigit() and _ordinal_before(masked, token_start):
            return False
    return following[:1].isupper() or following[:1].isdigit() or not following[:1].isalpha()


def sentences(text: str, masked: str | None = None) -> list[Sentence]:
    """Split into sentences with words; offsets refer to `text`."""
    masked = mask(text) if masked is None else masked
    cuts = [0]
    for m in _BOUNDARY_RE.finditer(masked):
        if _is_boundary(masked, m):
            cuts.append(m.end())
    cuts.append(len(text))
    # one pass over all words, then distributed to sentences by offset
    all_words = [Word(w.group(), *w.span()) for w in WORD_RE.finditer(masked)]
    result: list[Sentence] = []
    k = 0
    for a, b in pairwise(cuts):
        first = k
        while k < len(all_words) and all_words[k].start < b:
            k += 1
        words = all_words[first:k]
        if not words:
            continue
        # trim whitespace so the span covers exactly the sentence
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        result.append(Sentence(a, b, words))
    return result


# Quoted examples and code: „…“, "…", “…”, »…«, `code`, ```blocks``` (course text quotes bad examples).
# German quotes may span wrapped lines; straight quotes may not (an unmatched one would swallow text).
_QUOTED_RE = regex.compile(
    r"```.*?```|`[^`\n]*`|„[^“”„]{0,800}[“”]|\"[^\"\n]*\"|“[^”\n]*”|»[^«»]{0,800}«|«[^»«]{0,800}»",
    regex.DOTALL,
)


_NOT_NEWLINE_RE = regex.compile(r"[^\n]")


def blank_quoted(text: str) -> str:
    """Text with quoted passages and code replaced by spaces (offsets kept)."""
    return _QUOTED_RE.sub(lambda m: _NOT_NEWLINE_RE.sub(" ", m.group()), text)
