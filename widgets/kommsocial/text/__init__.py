"""German text analysis: readability, style rules, findings.

Main entry point: `analyze(text, platform="x", alt_text=None, image=False, hausstil=None) -> Report`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kommsocial.text.report import SEVERITIES, Finding, LengthInfo, Readability, Report

if TYPE_CHECKING:  # pragma: no cover
    from kommsocial.text.engine import analyze

__all__ = ["SEVERITIES", "Finding", "LengthInfo", "Readability", "Report", "analyze"]


def __getattr__(name: str) -> Any:
    # Lazy import: kommsocial.platforms imports text.report, and analyze imports platforms.
    if name == "analyze":
        from kommsocial.text.engine import analyze

        return analyze
    raise AttributeError(name)
