"""`pruefe(quelle, entwurf, plattform)`: source comparison, text analysis and tone check of one AI draft."""

from __future__ import annotations

from dataclasses import dataclass, field

from kommsocial._findings import Finding
from kommsocial.ki.abgleich import Angabe, abgleich, nicht_belegt
from kommsocial.ki.ton import ton_findings
from kommsocial.text.report import Report

# Style findings worth showing beside the comparison (others, e.g. readability, stay in the text checker).
HINWEIS_KI = (
    "Prüfen Sie jeden KI-Entwurf selbst: Zahlen, Daten, Namen, Zitate und Links mit der Quelle vergleichen, "
    "keine personenbezogenen oder internen Daten weitergeben, Ton und Länge anpassen."
)


@dataclass
class Pruefung:
    """Result of one check: details vs. source, the text report and the tone findings."""

    plattform: str
    angaben: list[Angabe]
    report: Report
    ton: list[Finding] = field(default_factory=list)

    @property
    def nicht_belegt(self) -> list[Angabe]:
        """Details of the draft the source does not contain."""
        return nicht_belegt(self.angaben)

    @property
    def findings(self) -> list[Finding]:
        """Text findings and tone findings together, in text order."""
        return sorted([*self.report.findings, *self.ton], key=lambda f: (f.start, f.end))

    @property
    def ampel(self) -> str:
        """rot with an unsupported detail or a text error, gelb with warnings or tone hints, else gruen."""
        if self.nicht_belegt or self.report.has_errors:
            return "rot"
        if self.report.traffic_light == "gelb" or self.ton:
            return "gelb"
        return self.report.traffic_light

    def to_dict(self) -> dict:
        """The JSON object of `kommsocial ki pruefen --json`."""
        return {
            "plattform": self.plattform,
            "ampel": self.ampel,
            "angaben": [a.to_dict() for a in self.angaben],
            "nicht_belegt": [a.to_dict() for a in self.nicht_belegt],
            "text": self.report.to_dict(),
            "ton": [f.to_dict() for f in self.ton],
        }


def pruefe(quelle: str, entwurf: str, plattform: str = "x") -> Pruefung:
    """Check an AI draft against its source for one platform.

    Raises:
        InputError: unknown platform or a text over MAX_TEXT_CHARS.
    """
    from kommsocial._io import check_text_length
    from kommsocial.text import analyze

    # The source is compared word by word with the draft: bound both before any work.
    check_text_length(quelle, what="Die Quelle")
    check_text_length(entwurf, what="Der Entwurf")
    report = analyze(entwurf, platform=plattform, pressemitteilung=False)
    return Pruefung(plattform=report.platform, angaben=abgleich(quelle, entwurf), report=report,
                    ton=ton_findings(entwurf))
