"""Data model of a text analysis: the contract between engine, views, CLI and grading.

`kommsocial.text.analyze(...)` returns a `Report`; `Report.to_dict()` is exactly the
JSON object that `kommsocial check --json` prints.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Literal

# Defined on the ground floor (shared with plan, community, legal, ki and the widgets);
# re-exported because `kommsocial.text.report` is where notebooks and the views import them.
from kommsocial._findings import SEVERITIES, Finding, LengthInfo, Severity

__all__ = ["SEVERITIES", "Finding", "LengthInfo", "Readability", "Report", "Severity"]


@dataclass(frozen=True)
class Readability:
    """German readability figures of the text."""

    flesch_amstad: float
    wiener_sachtextformel: float
    words: int
    sentences: int


@dataclass
class Report:
    """Result of `analyze`: length, readability and findings for one platform."""

    platform: str
    text: str
    length: LengthInfo
    readability: Readability
    findings: list[Finding] = field(default_factory=list)

    def by_severity(self, severity: Severity) -> list[Finding]:
        """Findings of one severity, in text order."""
        return [f for f in self.findings if f.severity == severity]

    def rules(self) -> set[str]:
        """Set of rule ids that produced at least one finding."""
        return {f.rule for f in self.findings}

    @property
    def has_errors(self) -> bool:
        """True if at least one finding has severity "fehler"."""
        return any(f.severity == "fehler" for f in self.findings)

    @property
    def traffic_light(self) -> Literal["rot", "gelb", "gruen"]:
        """Ampel: rot with a fehler, gelb with a warnung, otherwise grün."""
        if self.has_errors:
            return "rot"
        if any(f.severity == "warnung" for f in self.findings):
            return "gelb"
        return "gruen"

    def to_dict(self) -> dict:
        """The JSON object of `kommsocial check --json`."""
        return {
            "platform": self.platform,
            "length": asdict(self.length),
            "readability": asdict(self.readability),
            "findings": [f.to_dict() for f in self.findings],
        }
