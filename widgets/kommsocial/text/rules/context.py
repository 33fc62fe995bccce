"""Everything a rule needs, computed once per analysis (one tokenisation pass)."""

from __future__ import annotations

from dataclasses import dataclass

from kommsocial._findings import Finding, Severity
from kommsocial.platforms import Platform
from kommsocial.text.hausstil import Hausstil
from kommsocial.text.report import Readability
from kommsocial.text.tokens import Sentence


@dataclass
class Context:
    """Input text, its tokens and the settings that apply."""

    text: str
    masked: str  # URLs, e-mail addresses, hashtags and mentions blanked out (same offsets)
    platform_id: str
    platform: Platform
    sentences: list[Sentence]
    readability: Readability
    hausstil: Hausstil
    alt_text: str | None
    image: bool
    pressemitteilung: bool | None

    def finding(
        self,
        rule: str,
        default: Severity,
        message: str,
        start: int,
        end: int,
        suggestion: str | None = None,
        threshold: str | None = None,
    ) -> Finding:
        """A finding with the Hausstil severity override applied (and named in the threshold)."""
        severity = self.hausstil.severity(rule, default)
        if severity != default:
            who = f"Hausstil {self.hausstil.name}" if self.hausstil.name else "Hausstil"
            threshold = f"{threshold}; Schwere „{severity}“ laut {who}" if threshold else f"Schwere laut {who}"
        return Finding(
            rule=rule,
            severity=severity,
            message=message,
            start=start,
            end=end,
            suggestion=suggestion,
            threshold=threshold,
        )
