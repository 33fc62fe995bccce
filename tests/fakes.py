"""Shared test doubles and reference values: a manual clock for timers and throttling, the research date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

# The day the course's data were researched (legal cards, KI cases, strategy model): the Stand they carry,
# and the "today" on which nothing shipped is stale yet. Cards corrected later carry their own, later date.
RESEARCH_DATE = dt.date(2026, 11, 21)
RESEARCH_STAND = RESEARCH_DATE.strftime("%d.%m.%Y")  # "21.11.2026", as footers print it


@dataclass
class Timer:
    """One scheduled callback of a FakeClock; `cancel()` is the handle's cancel."""

    due: float
    delay: float
    fn: Callable[[], object]
    cancelled: bool = False

    def cancel(self) -> None:
        self.cancelled = True


class FakeClock:
    """A clock that only moves when the test says so.

    As a scheduler `clock(delay, fn) -> handle` (Debouncer, widgets' tickers) nothing fires by itself:
    `fire()` runs every timer that is pending now, `advance(seconds)` moves the clock on and runs the timers
    that fall due, in order, each seeing `now` at its due time. `wall()` and `sleep()` stand in for
    time.time and time.sleep (sleeping only records the seconds, so throttling costs no time).
    """

    def __init__(self, now: float = 0.0) -> None:
        self.now = now
        self.timers: list[Timer] = []
        self.slept: list[float] = []

    def __call__(self, delay: float, fn: Callable[[], object]) -> Timer:
        timer = Timer(self.now + delay, delay, fn)
        self.timers.append(timer)
        return timer

    @property
    def pending(self) -> list[Timer]:
        """Timers scheduled and neither fired nor cancelled."""
        return [t for t in self.timers if not t.cancelled]

    def fire(self) -> int:
        """Run every pending timer (timers their callbacks schedule wait for the next call); how many ran."""
        live = self.pending
        self.timers.clear()
        for timer in live:
            timer.fn()
        return len(live)

    def advance(self, seconds: float) -> None:
        """Move the clock on by `seconds`, running the timers due until then in the order they fall due."""
        target = self.now + seconds
        for timer in sorted(self.timers, key=lambda t: t.due):
            if timer.due <= target + 1e-12 and not timer.cancelled:
                self.timers.remove(timer)
                self.now = timer.due  # callbacks see the time they were due at
                timer.fn()
        self.now = target

    def wall(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
