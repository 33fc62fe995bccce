"""What one item check returns: met or not, the spans behind the verdict and the threshold applied."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Span:
    """A passage of the judged text (character offsets) that the verdict rests on."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Outcome:
    """Result of one item check before it is dressed with the item's texts."""

    ok: bool
    spans: tuple[Span, ...]
    schwelle: str  # the threshold in German, e.g. "mindestens 1 Treffer"


def span(text: str, start: int, end: int) -> Span:
    """A Span with its surface text."""
    return Span(start, end, text[start:end])
