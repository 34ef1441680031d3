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

Some decisions span several transactions: starting a collaboration's next session reads what is
still open, creates the session, then carries. ``one_at_a_time`` holds a turn across all of it
(a session-level advisory lock on PostgreSQL, a file lock beside a SQLite file), so the second
of two such decisions reads what the first wrote instead of racing it. Inside one transaction,
``take_turn`` is the same lock, released at commit.
"""

from __future__ import annotations

import fcntl
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import text
from sqlalchemy.engine import Engine

__all__ = ["SqliteWriterQueue", "one_at_a_time", "take_turn", "take_workshop_turn"]

# One advisory-lock key space per kind of thing writers take turns on (hashtextextended's seed),
# so a workshop and a collaboration with the same id never share a lock.
TURN_SCOPES = {"workshop": 7263, "collaboration": 7264, "programme": 7265}


class SqliteWriterQueue:
    """A cross-process, cross-thread queue on a lock file beside one SQLite file (its writers, or
    the holders of ``one_at_a_time`` turns)."""

    _queues: dict[str, SqliteWriterQueue] = {}
    _made = threading.Lock()

    @classmethod
    def for_file(cls, database: str, suffix: str = "-writers") -> SqliteWriterQueue:
        path = os.path.abspath(database) + suffix
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


def take_turn(conn, scope: str, key: str) -> None:
    """On PostgreSQL, wait for the other writers of ``scope`` ``key`` until this transaction ends
    (a no-op on SQLite, where the whole write already holds the file's lock). Re-entrant."""
    if conn.dialect.name == "postgresql":
        conn.execute(
            text("SELECT pg_advisory_xact_lock(hashtextextended(:key, :seed))"),
            {"key": key, "seed": TURN_SCOPES[scope]},
        )


def take_workshop_turn(conn, workshop_id: str) -> None:
    """``take_turn`` for a workshop's revision writers."""
    take_turn(conn, "workshop", workshop_id)


_IN_MEMORY_TURNS = threading.Lock()  # a ``sqlite://`` store lives in one process


@contextmanager
def one_at_a_time(engine: Engine, scope: str, key: str) -> Iterator[None]:
    """Hold the turn of ``scope`` ``key`` across several transactions of this caller: another
    process (or thread) asking for the same turn waits until this block ends. Not re-entrant.

    On PostgreSQL the lock is the same one ``take_turn`` takes, held by a connection of its own
    for the whole block (the server frees it if this process dies); on a SQLite file it is a
    file lock beside the database (``<db>-turns``), taken before any write so it never waits
    behind the writers' queue while holding a write."""
    if engine.dialect.name == "postgresql":
        params = {"key": key, "seed": TURN_SCOPES[scope]}
        with engine.connect() as conn:
            conn.execute(text("SELECT pg_advisory_lock(hashtextextended(:key, :seed))"), params)
            conn.commit()  # the lock is the session's: no transaction stays open meanwhile
            try:
                yield
            finally:
                conn.execute(text("SELECT pg_advisory_unlock(hashtextextended(:key, :seed))"), params)
                conn.commit()
        return
    database = engine.url.database
    if engine.dialect.name == "sqlite" and database not in (None, "", ":memory:"):
        with SqliteWriterQueue.for_file(database, "-turns"):
            yield
        return
    with _IN_MEMORY_TURNS:
        yield
