"""Live ticks: a failing tick backs off instead of retrying every second, and recovers."""

from __future__ import annotations

from cocreate_kit.apps.ticker import Ticker
from cocreate_kit.settings import default

MAX_BACKOFF_SECONDS = default("max_backoff")


def test_failures_back_off_and_a_success_resets_the_pace():
    """Each failure in a row doubles the wait (capped); the first good tick returns to the interval."""
    outcomes = iter([False] * 8 + [True])

    def tick():
        if not next(outcomes):
            raise ConnectionError("store unreachable")

    ticker = Ticker(tick, 1.0, "test")
    delays = []
    for _ in range(8):
        assert not ticker.run_once()
        delays.append(ticker.next_delay())
    assert [2, 4, 8, 16, MAX_BACKOFF_SECONDS, MAX_BACKOFF_SECONDS] == delays[:6]
    assert ticker.run_once() and 1.0 == ticker.next_delay()


def test_without_an_event_loop_nothing_is_scheduled():
    """Outside a kernel (scripts, tests) start() says no loop runs, and nothing ticks."""
    assert not Ticker(lambda: None, 1.0, "test").start()
