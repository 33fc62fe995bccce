"""Simulated exercise clock: minutes anchored to wall time, with speed factor and pause."""

from __future__ import annotations

import time
from dataclasses import dataclass


@dataclass
class SimClock:
    """Simulated minutes = offset + elapsed wall minutes × speed while running.

    The state is three numbers, so the store can persist it and every process
    (trainer, participants) computes the same `now` from the same wall clock.
    """

    speed: float = 1.0
    offset: float = 0.0
    anchor: float | None = None  # wall seconds of the last (re)start; None = not running

    @property
    def running(self) -> bool:
        """True while the clock advances with wall time."""
        return self.anchor is not None

    def now(self, wall: float | None = None) -> float:
        """Current simulated minute."""
        if self.anchor is None:
            return self.offset
        wall = time.time() if wall is None else wall
        return self.offset + max(0.0, wall - self.anchor) / 60.0 * self.speed

    def start(self, wall: float | None = None) -> None:
        """Start (or resume) running from the current simulated minute."""
        if self.anchor is None:
            self.anchor = time.time() if wall is None else wall

    def pause(self, wall: float | None = None) -> None:
        """Freeze the simulated clock."""
        if self.anchor is not None:
            self.offset = self.now(wall)
            self.anchor = None

    resume = start

    def set_speed(self, speed: float, wall: float | None = None) -> None:
        """Change the speed factor without jumping in simulated time."""
        if not 0 < speed <= 600:
            raise ValueError("Das Tempo muss größer als 0 und höchstens 600 sein.")
        if self.anchor is not None:
            wall = time.time() if wall is None else wall
            self.offset = self.now(wall)
            self.anchor = wall
        self.speed = float(speed)

    def advance(self, minutes: float, wall: float | None = None) -> None:
        """Jump forward in simulated time (headless play, or the trainer skipping a quiet phase)."""
        if minutes < 0:
            raise ValueError("Die Uhr läuft nur vorwärts.")
        if self.anchor is not None:
            wall = time.time() if wall is None else wall
            self.offset = self.now(wall) + minutes
            self.anchor = wall
        else:
            self.offset += minutes
