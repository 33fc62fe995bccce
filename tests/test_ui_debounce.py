"""Debouncer: runs the callback once after the quiet period, driven by a fake clock."""

from __future__ import annotations

import asyncio

from conftest import in_fresh_thread
from fakes import FakeClock
from kommsocial.ui.debounce import Debouncer, immediate_scheduler


def test_runs_once_after_quiet_period():
    clock, calls = FakeClock(), []
    d = Debouncer(lambda: calls.append(clock.now), delay=0.3, scheduler=clock)
    for _ in range(5):  # five keystrokes, 0.1 s apart
        d.trigger()
        clock.advance(0.1)
    assert calls == [] and d.pending
    clock.advance(0.25)
    assert len(calls) == 1
    assert abs(calls[0] - 0.7) < 1e-9  # 0.3 s after the last keystroke at t=0.4
    assert not d.pending and d.calls == 1


def test_separate_bursts_run_separately():
    clock, calls = FakeClock(), []
    d = Debouncer(lambda: calls.append(1), delay=0.3, scheduler=clock)
    d.trigger()
    clock.advance(0.5)
    d.trigger()
    clock.advance(0.5)
    assert calls == [1, 1]


def test_cancel_and_flush():
    clock, calls = FakeClock(), []
    d = Debouncer(lambda: calls.append(1), delay=0.3, scheduler=clock)
    d.trigger()
    d.cancel()
    clock.advance(1)
    assert calls == [] and not d.pending
    assert d.flush() is False
    d.trigger()
    assert d.flush() is True
    assert calls == [1]
    clock.advance(1)  # the flushed timer must not fire a second time
    assert calls == [1]


def test_stale_timer_that_ignores_cancel_does_not_fire():
    fired = []
    pending = []
    d = Debouncer(lambda: fired.append(1), scheduler=lambda delay, fn: (pending.append(fn), type(
        "H", (), {"cancel": lambda self: None})())[1])
    d.trigger()
    d.trigger()
    pending[0]()  # the superseded timer fires anyway
    assert fired == []
    pending[1]()
    assert fired == [1]


def test_immediate_scheduler_runs_synchronously_and_is_not_pending():
    calls = []
    d = Debouncer(lambda: calls.append(1), scheduler=immediate_scheduler)
    d.trigger()
    assert calls == [1] and not d.pending


def test_without_running_loop_falls_back_to_immediate():
    calls = []

    def run():
        d = Debouncer(lambda: calls.append(1))
        d.trigger()  # no asyncio loop runs in this thread

    in_fresh_thread(run)
    assert calls == [1]


def test_asyncio_loop_default_scheduler():
    calls = []

    async def main():
        d = Debouncer(lambda: calls.append(1), delay=0.05)
        for _ in range(3):
            d.trigger()
            await asyncio.sleep(0.01)
        assert calls == []
        await asyncio.sleep(0.15)
        return d.calls

    assert in_fresh_thread(lambda: asyncio.run(main())) == 1
    assert calls == [1]


def test_failing_callback_is_contained():
    clock = FakeClock()

    def boom():
        raise ValueError("kaputt")

    d = Debouncer(boom, scheduler=clock)
    d.trigger()
    clock.advance(1)  # must not raise
    assert d.calls == 1
