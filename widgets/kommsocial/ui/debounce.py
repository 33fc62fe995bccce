"""Debouncing for live widgets: run a callback once, shortly after the last trigger.

Typing in a Textarea sends one change per keystroke; re-analysing each would
make typing sluggish. The Debouncer restarts a timer on every trigger and runs
the callback only when the input has been quiet for `delay` seconds.

In the kernel the timer is the asyncio loop's `call_later` (ipykernel runs
comm handlers on that loop). Tests inject a fake scheduler and step it.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import Any, Protocol

log = logging.getLogger(__name__)

DEFAULT_DELAY = 0.3


class Handle(Protocol):
    """What a scheduler returns: something that can be cancelled."""

    def cancel(self) -> Any: ...


Scheduler = Callable[[float, Callable[[], None]], Handle]


def asyncio_scheduler(delay: float, fn: Callable[[], None]) -> Handle:
    """Schedule `fn` on the running asyncio loop (the kernel's loop in Jupyter and Voilà)."""
    # Raises RuntimeError without a running loop; Debouncer then runs the callback at once,
    # because a timer on a loop that never runs would silently never fire.
    loop = asyncio.get_running_loop()
    return loop.call_later(delay, fn)


class _Immediate:
    """Handle for callbacks that already ran (nothing to cancel)."""

    def cancel(self) -> None:
        return None


def immediate_scheduler(delay: float, fn: Callable[[], None]) -> Handle:
    """Run `fn` at once, ignoring the delay (for plain scripts without an event loop)."""
    fn()
    return _Immediate()


class Debouncer:
    """Call `callback` once, `delay` seconds after the last `trigger()`.

    Args:
        callback: function without arguments to run after the quiet period.
        delay: quiet period in seconds (default 0.3).
        scheduler: `scheduler(delay, fn) -> handle` with `handle.cancel()`;
            defaults to the asyncio loop's `call_later`.
    """

    def __init__(self, callback: Callable[[], None], delay: float = DEFAULT_DELAY,
                 scheduler: Scheduler | None = None) -> None:
        self.callback = callback
        self.delay = delay
        self.scheduler: Scheduler = scheduler or asyncio_scheduler
        self._handle: Handle | None = None
        self._generation = 0  # bumps on every trigger/cancel; stale timers compare against it
        self._fired = -1
        self.calls = 0  # how often the callback actually ran (useful to show debouncing works)

    @property
    def pending(self) -> bool:
        """True while a call is scheduled but has not run yet."""
        return self._handle is not None

    def trigger(self) -> None:
        """Restart the quiet period; the callback runs `delay` seconds after the last trigger."""
        self.cancel()
        gen = self._generation
        try:
            handle = self.scheduler(self.delay, lambda: self._fire(gen))
        except RuntimeError:
            # No usable event loop (e.g. a plain script): fall back to running at once.
            self._run()
            return
        if self._fired != gen:  # a synchronous scheduler may already have run it
            self._handle = handle

    def cancel(self) -> None:
        """Drop a scheduled call, if any."""
        self._generation += 1
        if self._handle is not None:
            self._handle.cancel()
            self._handle = None

    def flush(self) -> bool:
        """Run a scheduled call right now; returns True if there was one."""
        if self._handle is None:
            return False
        self.cancel()
        self._run()
        return True

    def _fire(self, gen: int) -> None:
        if gen != self._generation:  # superseded by a later trigger or cancelled
            return
        self._fired = gen
        self._handle = None
        self._run()

    def _run(self) -> None:
        self.calls += 1
        try:
            self.callback()
        except Exception:  # a failing callback must not kill the event loop's timer machinery
            log.exception("Debounced callback failed")
