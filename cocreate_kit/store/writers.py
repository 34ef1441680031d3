"""How concurrent writers take turns, per backend.

SQLite allows one writer per file. Left to SQLite, a writer that finds the file busy sleeps and
retries with growing pauses (its busy handler), so with many page kernels saving at once some
wait a second or more while the file sits idle. Writers here queue on an OS lock instead
(``flock`` on ``<db>-writers`` beside the file): a waiting process is woken the moment the
previous writer commits. SQLite's own locking still guards the data; the queue only orders it.

PostgreSQL writes in parallel. Readers follow a workshop by its revision sequence numbers, so
within one workshop a revision must become visible only after every lower one: writers of the
same workshop take turns (a transaction-scoped advisory lock keyed by the workshop), writers of
different workshops and presence updates never wait for each other.
"""

from __future__ import annotations

import fcntl
import os
import threading

from sqlalchemy import text

__all__ = ["SqliteWriterQueue", "take_workshop_turn"]


class SqliteWriterQueue:
    """A cross-process, cross-thread queue for the writers of one SQLite file."""

    _queues: dict[str, SqliteWriterQueue] = {}
    _made = threading.Lock()

    @classmethod
    def for_file(cls, database: str) -> SqliteWriterQueue:
        path = os.path.abspath(database) + "-writers"
        with cls._made:
            if path not in cls._queues:
                cls._queues[path] = cls(path)
            return cls._queues[path]

    def __init__(self, path: str):
        self.path = path
        self._thread_lock = threading.Lock()  # flock is per process: threads queue here first
        self._fd: int | None = None
        self._pid: int | None = None

    def _descriptor(self) -> int | None:
        if self._pid != os.getpid():  # a forked child opens its own
            self._fd, self._pid = None, os.getpid()
            try:
                self._fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
            except OSError:
                self._fd = None  # a read-only folder: SQLite's busy handler alone orders writers
        return self._fd

    def __enter__(self):
        self._thread_lock.acquire()
        try:
            fd = self._descriptor()
            if fd is not None:
                fcntl.flock(fd, fcntl.LOCK_EX)
        except BaseException:
            self._thread_lock.release()
            raise
        return self

    def __exit__(self, *exc):
        try:
            if self._fd is not None and self._pid == os.getpid():
                fcntl.flock(self._fd, fcntl.LOCK_UN)
        finally:
            self._thread_lock.release()
        return False


def take_workshop_turn(conn, workshop_id: str) -> None:
    """On PostgreSQL, wait for this workshop's other writers until this transaction ends (a
    no-op on SQLite, where the whole write already holds the file's lock). Re-entrant."""
    if conn.dialect.name == "postgresql":
        conn.execute(
            text("SELECT pg_advisory_xact_lock(hashtextextended(:workshop, 7263))"), {"workshop": workshop_id}
        )
