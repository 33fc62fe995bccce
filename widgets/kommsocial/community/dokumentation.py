"""Documenting moderation and preparing a platform report (DSA Art. 16) for hate speech and threats.

A moderation log entry records what was removed and why, so that every intervention
can be explained later (a public authority's account may be a public facility, see the
card moderation-oeffentliche-einrichtung). A report to the platform under Art. 16 DSA
contains a reason, the exact URL, name and e-mail (with exceptions) and a statement of
good faith (card moderation-dsa-meldung).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from kommsocial._cells import neutralise_cell
from kommsocial._german import date_time
from kommsocial._io import atomic_write
from kommsocial.community.schema import AKTION_LABELS, normalize_action
from kommsocial.errors import InputError

_URL = re.compile(r"^https?://[^\s/]+\.[^\s]+$")

@dataclass(frozen=True)
class Protokolleintrag:
    """One row of the moderation log."""

    zeitpunkt: dt.datetime
    plattform: str
    link: str
    autor: str
    kommentar: str
    aktionen: tuple[str, ...]
    grund: str
    beweis: str  # screenshot file name or archive reference
    bearbeitet_von: str

    def fehlende_angaben(self) -> list[str]:
        """German names of fields that are empty or unusable."""
        missing = []
        for name, label in (("link", "Link"), ("kommentar", "Kommentartext"), ("grund", "Grund"),
                            ("beweis", "Screenshot oder Sicherung"), ("bearbeitet_von", "bearbeitet von")):
            if not str(getattr(self, name)).strip():
                missing.append(label)
        if self.link.strip() and not _URL.match(self.link.strip()):
            missing.append("Link (vollständige Adresse mit https://)")
        if not self.aktionen:
            missing.append("Aktion")
        return missing


def eintrag(*, zeitpunkt: dt.datetime, plattform: str, link: str, autor: str, kommentar: str,
            aktionen: Iterable[str], grund: str, beweis: str, bearbeitet_von: str) -> Protokolleintrag:
    """Build a log entry; actions may be typed with umlauts ("löschen").

    Raises:
        InputError: for an unknown action.
    """
    ids = []
    for a in aktionen:
        action = normalize_action(a)
        if action is None:
            raise InputError(f"„{a}“ ist keine bekannte Aktion.",
                             hint="Möglich sind: " + ", ".join(AKTION_LABELS.values()))
        ids.append(action)
    return Protokolleintrag(zeitpunkt, plattform, link, autor, kommentar, tuple(dict.fromkeys(ids)), grund, beweis,
                            bearbeitet_von)


def protokoll_csv(eintraege: Iterable[Protokolleintrag]) -> str:
    """The log as CSV text (semicolon, as German spreadsheet programs expect)."""
    buf = io.StringIO()
    names = [f.name for f in fields(Protokolleintrag)]
    writer = csv.writer(buf, delimiter=";", lineterminator="\n")
    writer.writerow(names)
    for e in eintraege:
        row = asdict(e)
        row["zeitpunkt"] = date_time(e.zeitpunkt)
        row["aktionen"] = ", ".join(AKTION_LABELS[a] for a in e.aktionen)
        # Comment texts are untrusted: no cell may start a spreadsheet formula.
        writer.writerow([neutralise_cell(str(row[n])) for n in names])
    return buf.getvalue()


def schreibe_protokoll(path: str | Path, eintraege: Iterable[Protokolleintrag]) -> Path:
    """Write the log as CSV (UTF-8 with BOM for Excel) via a temporary file and a rename."""
    return atomic_write(path, protokoll_csv(eintraege).encode("utf-8-sig"))


@dataclass(frozen=True)
class Meldung:
    """Draft of a report to a platform under Art. 16 DSA."""

    url: str
    begruendung: str
    name: str
    email: str
    guter_glaube: bool

    def fehlende_angaben(self) -> list[str]:
        """What Art. 16 DSA expects and the draft still lacks (name and e-mail have exceptions)."""
        missing = []
        if not _URL.match(self.url.strip()):
            missing.append("genaue URL des Kommentars (mit https://)")
        if len(self.begruendung.strip()) < 20:
            missing.append("Begründung (warum der Inhalt rechtswidrig ist, in ganzen Sätzen)")
        if not self.name.strip() or "@" not in self.email:
            missing.append("Name und E-Mail (Ausnahmen möglich)")
        if not self.guter_glaube:
            missing.append("Erklärung, dass Sie in gutem Glauben handeln")
        return missing

    def text(self) -> str:
        """The report as text to paste into the platform's form."""
        glaube = ("Ich erkläre, dass ich in gutem Glauben davon ausgehe, dass die Angaben richtig und vollständig "
                  "sind." if self.guter_glaube else "")
        return (
            f"Gemeldeter Inhalt: {self.url.strip()}\n"
            f"Begründung: {self.begruendung.strip()}\n"
            f"Meldende Stelle: {self.name.strip()} ({self.email.strip()})\n{glaube}"
        ).strip()
