"""Rule `laenge`: text longer than the platform allows."""

from __future__ import annotations

from kommsocial._findings import Finding
from kommsocial._german import datum
from kommsocial.platforms import counted_length
from kommsocial.text.rules.context import Context


def _overflow_offset(text: str, ctx: Context) -> int:
    """First character offset at which the platform count exceeds the limit (binary search)."""
    lo, hi = 0, len(text)
    limit = ctx.platform.limit
    while lo < hi:
        mid = (lo + hi) // 2
        if counted_length(text[: mid + 1], ctx.platform) > limit:
            hi = mid
        else:
            lo = mid + 1
    return lo


def laenge(ctx: Context) -> list[Finding]:
    """Error when the counted length is above the platform limit."""
    p = ctx.platform
    counted = counted_length(ctx.text, p)
    if counted <= p.limit:
        return []
    over = counted - p.limit
    start = _overflow_offset(ctx.text, ctx)
    note = f" {p.hinweis}" if p.hinweis else ""
    return [
        ctx.finding(
            "laenge",
            "fehler",
            f"Ihr Text ist {counted} {p.einheit} lang, {p.name} erlaubt {p.limit}. "
            f"Kürzen Sie um {over} {p.einheit}.{note}",
            start,
            len(ctx.text),
            suggestion="Streichen Sie Füllwörter und Wiederholungen oder verlinken Sie auf die Langfassung.",
            threshold=f"max. {p.limit} {p.einheit} ({p.name}, Quelle: {p.quelle}, Stand {datum(p.stand)})",
        )
    ]
