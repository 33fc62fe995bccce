"""Data model of a text analysis: the contract between engine, views, CLI and grading.

`kommsocial.text.analyze(...)` returns a `Report`; `Report.to_dict()` is exactly the
JSON object that `kommsocial check --json` prints.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Literal

Severity = Literal["fehler", "warnung", "hinweis"]
SEVERITIES: tuple[Severity, ...] = ("fehler", "warnung", "hinweis")


@dataclass(frozen=True)
class Finding:
    """One problem in the text: rule id, severity, character span, German message and fix."""

    rule: str
    severity: Severity
    message: str
    start: int
    end: int
    suggestion: str | None = None
    # The threshold or list this finding applied, e.g. "max. 20 Wörter je Satz (Hausstil)".
    threshold: str | None = None

    def to_dict(self) -> dict:
        """JSON form as printed by `kommsocial check --json` (threshold included for transparency)."""
        return asdict(self)


@dataclass(frozen=True)
class LengthInfo:
    """Counted length of the text against the platform limit."""

    counted: int
    limit: int
    unit: str


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
