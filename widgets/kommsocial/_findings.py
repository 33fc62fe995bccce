"""Ground floor of every check: severities, their order, a finding in a text and a counted length.

The text analysis, the plan checks, the reply and Impressum checks, the KI review, the platform
counting and the widgets all speak of "fehler", "warnung" and "hinweis"; this module defines them
once. It imports nothing from the package, so any module may import it without a cycle.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Literal

Severity = Literal["fehler", "warnung", "hinweis"]
# Worst first: the order of every "worst finding" decision and of sorted lists.
SEVERITIES: tuple[Severity, ...] = ("fehler", "warnung", "hinweis")
SEVERITY_RANK: dict[str, int] = {s: n for n, s in enumerate(SEVERITIES)}


def severity_key(severity: str) -> int:
    """Sort key, worst first; an unknown severity sorts after "hinweis"."""
    return SEVERITY_RANK.get(severity, len(SEVERITIES))


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
        """JSON form, as the text check prints it with `--json` (threshold included for transparency)."""
        return asdict(self)


@dataclass(frozen=True)
class LengthInfo:
    """Counted length of the text against the platform limit."""

    counted: int
    limit: int
    unit: str
