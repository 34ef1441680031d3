"""Slow down, then stop, guessing join codes: on one page, and from one network address.

A join code is six characters from 31; a script on one page once tried 363 codes a second. The
first few slips are free (people mistype), then each wrong code doubles the wait before the next
try, and after the last allowed try no more codes are taken.

- Per page (``JoinThrottle``): 3 free, stop after 10 (the ``join_*`` settings); the person
  asks the facilitator and opens the link again. A fresh page takes a preheated kernel, so a
  guesser is held to a few tries a minute.
- Per address (``AddressThrottle``): a guesser opening page after page gets 10 free wrong codes
  from one address in all, then waits, and after 40 that address is refused until it has been
  quiet for 15 minutes (the ``address_*`` settings). The tally is shared by every page kernel
  of the server through small files in ``COCREATE_JOINS_DIR`` (named by a hash of the
  address, never the address itself).
  The limits are generous because a room behind one router or proxy shares an address; the
  address comes from the server (:mod:`cocreate_kit.server.client_address`).
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import math
import os
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass

from ..settings import current_settings

__all__ = [
    "AddressThrottle",
    "CLIENT_ADDRESS_ENV",
    "CLIENT_HEADER",
    "JOINS_DIR_ENV",
    "JoinThrottle",
    "Tries",
]

JOINS_DIR_ENV = "COCREATE_JOINS_DIR"
CLIENT_HEADER = "X-Cocreate-Client"  # set by the server (client_address.py), never by the client
CLIENT_ADDRESS_ENV = "HTTP_X_COCREATE_CLIENT"  # what Voila names that header in the kernel


@dataclass
class Tries:
    wrong: int = 0
    next_try_at: float = 0.0
    last_wrong_at: float = 0.0

    def after_wrong(self, now: float, free: int) -> Tries:
        wrong = self.wrong + 1
        wait = min(2 ** (wrong - free), current_settings().join_max_wait) if wrong >= free else 0
        return Tries(wrong, now + wait, now)


class JoinThrottle:
    """Wrong codes on one page (kept in the page's kernel)."""

    def __init__(self, clock: Callable[[], float] = time.monotonic):
        self.clock = clock
        self.tries = Tries()

    @property
    def wrong(self) -> int:
        return self.tries.wrong

    def exhausted(self) -> bool:
        return self.tries.wrong >= current_settings().join_max_tries

    def wait_left(self) -> int:
        """Whole seconds before the next try is accepted (0: now)."""
        return max(0, math.ceil(self.tries.next_try_at - self.clock()))

    def failed(self) -> None:
        self.tries = self.tries.after_wrong(self.clock(), current_settings().join_free_tries)


class AddressThrottle:
    """Wrong codes from one network address, across every page of the server."""

    def __init__(self, folder: str, address: str, clock: Callable[[], float] = time.time):
        self.clock = clock
        digest = hashlib.sha256(address.encode("utf-8", "replace")).hexdigest()[:32]
        self.path = os.path.join(folder, digest)

    @classmethod
    def for_this_page(cls) -> AddressThrottle | None:
        """The throttle of the address this page was opened from; None outside `cocreate serve`
        and where the address is everyone's (a tunnel on the server's machine): the per-page
        limit is then the one that holds."""
        folder, address = os.environ.get(JOINS_DIR_ENV), os.environ.get(CLIENT_ADDRESS_ENV)
        return cls(folder, address) if folder and address else None

    @property
    def wrong(self) -> int:
        """Wrong codes from this address lately (forgotten after 15 quiet minutes)."""
        return self._read().wrong

    def exhausted(self) -> bool:
        return self.wrong >= current_settings().address_max_tries

    def wait_left(self) -> int:
        return max(0, math.ceil(self._read().next_try_at - self.clock()))

    def failed(self) -> None:
        with self._locked() as handle:
            tries = self._parse(handle.read()).after_wrong(
                self.clock(), current_settings().address_free_tries
            )
            handle.seek(0)
            handle.truncate()
            handle.write(json.dumps(asdict(tries)))

    def _read(self) -> Tries:
        try:
            with open(self.path, encoding="utf-8") as handle:
                return self._parse(handle.read())
        except OSError:
            return Tries()

    def _parse(self, text: str) -> Tries:
        try:
            tries = Tries(**json.loads(text))
        except (ValueError, TypeError):
            return Tries()  # new, or unreadable: start afresh rather than lock a room out
        if self.clock() - tries.last_wrong_at > current_settings().address_forget_after:
            return Tries()
        return tries

    @contextlib.contextmanager
    def _locked(self):
        """The address's file, locked against the other kernels for one read-change-write."""
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        with open(fd, "r+", encoding="utf-8") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            yield handle
