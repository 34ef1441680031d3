"""Run a coroutine to its end on an event loop of its own, in a thread of its own: in the full
suite the browser tests' loop (Playwright's) holds the main thread, where ``asyncio.run()``
refuses to start a second one."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Coroutine

__all__ = ["run_on_own_loop"]


def run_on_own_loop(make: Callable[[], Coroutine], timeout: float = 120):
    """``make()``'s result, run with ``asyncio.run`` on a new thread; its exception is raised
    here, and a coroutine still running after ``timeout`` seconds fails the test."""
    outcome: list = []

    def run() -> None:
        try:
            outcome.append((True, asyncio.run(make())))
        except BaseException as exc:  # handed to the test's own thread
            outcome.append((False, exc))

    runner = threading.Thread(target=run, daemon=True)
    runner.start()
    runner.join(timeout)
    if not outcome:
        raise AssertionError(f"the coroutine was still running after {timeout} s")
    ok, value = outcome[0]
    if not ok:
        raise value
    return value
