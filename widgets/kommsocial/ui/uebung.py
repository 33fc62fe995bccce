"""Small code-free exercises for course notebooks: type numbers or row numbers, click „Prüfen“, read the
feedback. The expected values come from the notebook's data; these views only compare and explain."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import ipywidgets as w

from kommsocial._eingabe import parse_number, parse_rows
from kommsocial._german import plural
from kommsocial.ui._html import esc, feedback_line


class ZahlenCheck(w.VBox):
    """Fields for numbers with a „Prüfen“ button: each value is compared with the expected one.

    Args:
        felder: label shown to the participant → expected value.
        toleranz: how far a value may be off (rounding), in the unit of the values.
        einheit: unit shown after each field, e.g. „%“.
        tipp: shown once when at least one value is off.
    """

    def __init__(self, felder: Mapping[str, float], *, toleranz: float = 0.1, einheit: str = "",
                 tipp: str = "") -> None:
        self.expected = dict(felder)
        self.toleranz = toleranz
        self.tipp = tipp
        self.inputs = {label: w.Text(placeholder="z. B. 42,5", description=label,
                                     style={"description_width": "initial"},
                                     layout=w.Layout(width="auto"))
                       for label in self.expected}
        self.button = w.Button(description="Prüfen", button_style="primary", icon="check")
        self.feedback = w.HTML()
        self.button.on_click(lambda _b: self.check())
        rows = [w.HBox([field, w.Label(einheit)]) for field in self.inputs.values()]
        super().__init__([*rows, self.button, self.feedback])

    def check(self) -> bool:
        """Show the feedback; True when every value is right."""
        lines, all_right = [], True
        for label, field in self.inputs.items():
            value = parse_number(field.value)
            if not field.value.strip():
                lines.append(feedback_line(f"{label}: Noch offen. Tragen Sie Ihr Ergebnis ein.", ok=False))
                all_right = False
            elif value is None:
                lines.append(feedback_line(f"{label}: „{field.value}“ ist keine Zahl. Schreiben Sie zum Beispiel "
                                           "42,5.", ok=False))
                all_right = False
            elif abs(value - self.expected[label]) <= self.toleranz:
                lines.append(feedback_line(f"{label}: Richtig.", ok=True))
            else:
                lines.append(feedback_line(f"{label}: Bitte prüfen Sie diesen Wert noch einmal.", ok=False))
                all_right = False
        if not all_right and self.tipp:
            lines.append(f"<div>Tipp: {esc(self.tipp)}</div>")
        self.feedback.value = "".join(lines)
        return all_right


class ZeilenCheck(w.VBox):
    """A field for row numbers with a „Prüfen“ button: says how many are missing or too many.

    Args:
        richtig: the row numbers that belong in the answer.
        was: what the rows are, for the feedback, e.g. „selbst freigegebene Beiträge“.
        tipp: shown when the answer is not yet right.
    """

    def __init__(self, richtig: Iterable[int], *, was: str, tipp: str = "") -> None:
        self.expected = set(richtig)
        self.was = was
        self.tipp = tipp
        self.field = w.Text(placeholder="z. B. 4, 9, 12", description="Zeilen:", layout=w.Layout(width="auto"))
        self.button = w.Button(description="Prüfen", button_style="primary", icon="check")
        self.feedback = w.HTML()
        self.button.on_click(lambda _b: self.check())
        super().__init__([w.HBox([self.field, self.button]), self.feedback])

    def check(self) -> bool:
        """Show the feedback; True when exactly the right rows are named."""
        rows = parse_rows(self.field.value)
        if not self.field.value.strip():
            self.feedback.value = feedback_line("Noch offen. Tragen Sie die Zeilennummern ein, getrennt durch Kommas.",
                                                ok=False)
            return False
        if rows is None:
            self.feedback.value = feedback_line(f"„{self.field.value}“ enthält etwas anderes als Zeilennummern. "
                                                "Schreiben Sie zum Beispiel: 4, 9, 12", ok=False)
            return False
        chosen = set(rows)
        if chosen == self.expected:
            self.feedback.value = feedback_line(f"Richtig: {len(chosen)} {self.was}.", ok=True)
            return True
        extra, missing = len(chosen - self.expected), len(self.expected - chosen)
        parts = []
        if extra:
            parts.append(f"{extra} {plural(extra, 'Zeile', 'Zeilen')} zu viel")
        if missing:
            parts.append(f"{missing} {plural(missing, 'Zeile fehlt', 'Zeilen fehlen')}")
        text = "Noch nicht ganz: " + ", ".join(parts) + "."
        tipp = f"<div>Tipp: {esc(self.tipp)}</div>" if self.tipp else ""
        self.feedback.value = feedback_line(text, ok=False) + tipp
        return False
