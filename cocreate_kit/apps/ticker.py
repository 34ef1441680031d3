"""How live pages keep up: a tick scheduled on the kernel's own event loop.

Widget messages (a click, a typed value) are handled on that same loop, so a tick and a click
never run at once and no lock is needed. A failing tick is logged where the operator sees it
and retried later and later (up to the ``max_backoff`` setting), so a store that is down is not
hammered once a second; the first good tick goes back to the normal pace.
"""

from __future__ import annotations

import asyncio
import logging

from ..server.page_presence import page_open
from ..settings import current_settings
from .oplog import operator_log

__all__ = ["Ticker", "log"]

log = logging.getLogger(__name__)


class Ticker:
    def __init__(self, tick, interval: float, name: str):
        self.tick, self.interval, self.name = tick, interval, name
        self.failures = 0
        self.max_backoff = current_settings().max_backoff
        self.skipped = 0  # ticks passed over while the page was away (a figure tests can wait on)
        self._task: asyncio.Task | None = None

    def start(self) -> bool:
        """Schedule ticks on the running event loop (a kernel's); False where there is none (tests
        and scripts call ``tick()`` themselves)."""
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return False
        self._task = loop.create_task(self._run(), name=self.name)
        return True

    def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()

    def next_delay(self) -> float:
        """The normal interval, doubled for each failure in a row, capped."""
        return min(self.interval * 2**self.failures, self.max_backoff)

    def run_once(self) -> bool:
        """One tick; True when it succeeded."""
        try:
            self.tick()
        except Exception:
            self.failures += 1
            operator_log().exception(
                "%s: a live update failed (attempt %d); next try in %.0f s",
                self.name,
                self.failures,
                self.next_delay(),
            )
            return False
        self.failures = 0
        self.max_backoff = current_settings().max_backoff
        return True

    async def _run(self) -> None:
        while True:
            await asyncio.sleep(self.next_delay())
            if page_open():  # a closed page's kernel waits; its first tick back catches up
                self.run_once()
            else:
                self.skipped += 1
