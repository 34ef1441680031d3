"""Slow down, then stop, guessing join codes on one page.

A join code is six characters from 31; a script on one page once tried 363 codes a second. The
first few slips are free (people mistype), then each wrong code doubles the wait before the next
try, and after MAX_TRIES the page stops accepting codes: the person asks the facilitator and
opens the link again. Each page is its own kernel, and a fresh page takes a preheated kernel
(about a second of server CPU), so a guesser is held to a few tries a minute.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable

FREE_TRIES = 3
MAX_TRIES = 10
MAX_WAIT_SECONDS = 60


class JoinThrottle:
    def __init__(self, clock: Callable[[], float] = time.monotonic):
        self.clock = clock
        self.wrong = 0
        self.next_try_at = 0.0

    def exhausted(self) -> bool:
        return self.wrong >= MAX_TRIES

    def wait_left(self) -> int:
        """Whole seconds before the next try is accepted (0: now)."""
        return max(0, math.ceil(self.next_try_at - self.clock()))

    def failed(self) -> None:
        self.wrong += 1
        if self.wrong >= FREE_TRIES:
            self.next_try_at = self.clock() + min(2 ** (self.wrong - FREE_TRIES), MAX_WAIT_SECONDS)
