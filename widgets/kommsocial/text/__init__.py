"""German text analysis: readability, style rules, findings.

Main entry point: `analyze(text, platform="x", alt_text=None, image=False, hausstil=None) -> Report`.
"""

from __future__ import annotations

from kommsocial.text.engine import analyze
from kommsocial.text.report import SEVERITIES, Finding, LengthInfo, Readability, Report

__all__ = ["SEVERITIES", "Finding", "LengthInfo", "Readability", "Report", "analyze"]
