"""Project error types: every message is German and tells the user what to change."""

from __future__ import annotations


class KommSocialError(Exception):
    """Base error with a German message meant for end users (printed without traceback)."""


class InputError(KommSocialError):
    """Unusable user input: names the file, the line or row, and the fix."""

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        line: int | None = None,
        row: int | None = None,
        field: str | None = None,
        hint: str | None = None,
    ) -> None:
        self.file = file
        self.line = line
        self.row = row
        self.field = field
        self.hint = hint
        self.reason = message
        super().__init__(self._compose())

    def _compose(self) -> str:
        where = []
        if self.file:
            where.append(f"Datei {self.file}")
        if self.line is not None:
            where.append(f"Zeile {self.line}")
        if self.row is not None:
            where.append(f"Zeile {self.row}")
        if self.field:
            where.append(f"Feld „{self.field}“")
        text = ", ".join(where) + ": " + self.reason if where else self.reason
        if self.hint:
            text += f" – {self.hint}"
        return text
