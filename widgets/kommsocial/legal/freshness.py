"""Which knowledge cards are due for a re-check (their Stand is older than N months)."""

from __future__ import annotations

import calendar
import datetime as dt
from pathlib import Path

from kommsocial.errors import InputError
from kommsocial.legal.data import load_cards
from kommsocial.legal.schema import Karte


def months_before(day: dt.date, months: int) -> dt.date:
    """The same calendar day N months earlier (clamped to the month's last day)."""
    total = day.year * 12 + (day.month - 1) - months
    year, month = divmod(total, 12)
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def stale_cards(monate: int = 12, today: dt.date | None = None,
                folder: str | Path | None = None) -> list[Karte]:
    """Cards whose `stand` lies more than `monate` months before `today`, oldest first.

    Raises:
        InputError: if monate is negative.
    """
    if monate < 0:
        raise InputError("Die Anzahl der Monate darf nicht negativ sein.", hint="Beispiel: --monate 12")
    limit = months_before(today or dt.date.today(), monate)
    return sorted((k for k in load_cards(folder).values() if k.stand < limit), key=lambda k: (k.stand, k.id))
