"""A daemon thread that calls ``tick()`` every interval: how live pages keep up with the store.

Widget updates may be sent from it (ipykernel forwards them). A failing tick is logged and
retried at the next interval, so a passing database hiccup never freezes a page.
"""

from __future__ import annotations

import logging
import threading

log = logging.getLogger(__name__)


class Poller:
    def __init__(self, tick, interval: float, name: str):
        self.tick, self.interval, self.name = tick, interval, name
        self._stop = threading.Event()

    def start(self) -> threading.Thread:
        thread = threading.Thread(target=self._loop, name=self.name, daemon=True)
        thread.start()
        return thread

    def stop(self) -> None:
        self._stop.set()

    def _loop(self) -> None:
        while not self._stop.wait(self.interval):
            try:
                self.tick()
            except Exception:
                log.exception("%s tick failed; retrying", self.name)
