"""Create the SQLAlchemy engine: URL resolution and per-backend settings."""

from __future__ import annotations

import logging
import os

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine

DEFAULT_URL = "sqlite:///cocreate.db"
ENV_VAR = "COCREATE_DB"
SQLITE_BUSY_TIMEOUT_MS = 15_000
WRITE_OPTION = "cocreate_write"

log = logging.getLogger(__name__)


def resolve_url(url: str | None = None) -> str:
    """An explicit URL wins, then ``$COCREATE_DB``, then ``cocreate.db`` in the working directory."""
    if url:
        source, resolved = "argument", url
    elif os.environ.get(ENV_VAR):
        source, resolved = ENV_VAR, os.environ[ENV_VAR]
    else:
        source, resolved = "default", DEFAULT_URL
    log.debug("workshop store %s (from %s)", resolved, source)
    return resolved


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000})
        _configure_sqlite(engine)
    else:
        engine = create_engine(url, pool_pre_ping=True)
    return engine


def _configure_sqlite(engine: Engine) -> None:
    # pysqlite's own transaction handling defers BEGIN; we issue it ourselves so writes can
    # take the lock up front (BEGIN IMMEDIATE) and wait on busy_timeout instead of failing
    # when two participants save at the same instant.
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        writing = conn.get_execution_options().get(WRITE_OPTION, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if writing else "BEGIN")


def enable_wal(engine: Engine) -> None:
    """Switch a SQLite file to write-ahead logging (readers never wait for a writer). The mode is
    stored in the file, so this runs once, after the file is known to be a kit store."""
    if engine.dialect.name != "sqlite" or engine.url.database in (None, "", ":memory:"):
        return
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.close()
    finally:
        raw.close()
