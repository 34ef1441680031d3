"""Create the SQLAlchemy engine: URL resolution and per-backend settings."""

from __future__ import annotations

import logging
import os

from sqlalchemy import create_engine, event, exc
from sqlalchemy.engine import Engine, make_url

from ..settings import current_settings, environment_name
from .errors import StoreError

__all__ = [
    "DEFAULT_URL",
    "DRIVER_ADVICE",
    "DatabaseUrlError",
    "ENV_VAR",
    "EXAMPLE_URLS",
    "WRITE_OPTION",
    "absolute_db_url",
    "describe_open_error",
    "enable_wal",
    "log",
    "make_engine",
    "resolve_url",
]

DEFAULT_URL = "sqlite:///cocreate.db"
ENV_VAR = environment_name("db")  # COCREATE_DB
WRITE_OPTION = "cocreate_write"

log = logging.getLogger(__name__)


def resolve_url(url: str | None = None) -> str:
    """An explicit URL wins, then the ``db`` setting (``--db``, ``$COCREATE_DB``, a config file),
    then ``cocreate.db`` in the working directory."""
    settings = current_settings()
    if url:
        source, resolved = "argument", url
    elif settings.db:
        source, resolved = settings.source("db"), settings.db
    else:
        source, resolved = "default", DEFAULT_URL
    log.debug("workshop store %s (from %s)", resolved, source)
    return resolved


def absolute_db_url(url: str) -> str:
    """A relative SQLite path made absolute: kernels and notebooks run in other folders."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        if not os.path.isabs(parsed.database):
            return parsed.set(database=os.path.abspath(parsed.database)).render_as_string(hide_password=False)
    return url


# The database drivers the kit knows how to advise on, by the module SQLAlchemy imports.
DRIVER_ADVICE = {
    "psycopg": "pip install 'cocreate-kit[postgres]'",
    "psycopg2": "pip install 'cocreate-kit[postgres]' and use postgresql+psycopg://...",
}
EXAMPLE_URLS = "sqlite:///hub.db or postgresql+psycopg://user@host/dbname"


class DatabaseUrlError(StoreError):
    """--db / COCREATE_DB is not a URL the kit can use (bad syntax, unknown kind, missing driver)."""


def make_engine(url: str) -> Engine:
    """An engine for ``url``, or a one-line DatabaseUrlError saying what is wrong with it."""
    try:
        parsed = make_url(url)
    except exc.ArgumentError:
        raise DatabaseUrlError(f"{url!r} is not a database URL; give one such as {EXAMPLE_URLS}.") from None
    try:
        if parsed.get_backend_name() == "sqlite":
            engine = create_engine(parsed, connect_args={"timeout": current_settings().sqlite_busy_timeout})
            _configure_sqlite(engine)
        else:
            engine = create_engine(parsed, pool_pre_ping=True)
    except exc.NoSuchModuleError:
        raise DatabaseUrlError(
            f"{parsed.drivername!r} is not a database kind SQLAlchemy knows; "
            f"give a URL such as {EXAMPLE_URLS}."
        ) from None
    except ImportError as missing:
        module = missing.name or str(missing)
        advice = DRIVER_ADVICE.get(module, f"install the Python package that provides {module!r}")
        raise DatabaseUrlError(
            f"The database driver for {parsed.drivername!r} is not installed ({module}); {advice}."
        ) from None
    return engine


def describe_open_error(url: str, error: exc.DBAPIError) -> str:
    """What went wrong opening the store, in one line a person can act on."""
    where = make_url(url).render_as_string(hide_password=True)
    reason = str(error.orig).splitlines()[0] if error.orig is not None else str(error).splitlines()[0]
    if make_url(url).get_backend_name() == "sqlite":
        if "unable to open" in reason:
            return (
                f"Cannot open {where}: its folder does not exist, is not writable, or the path is a folder."
            )
        if "not a database" in reason or "malformed" in reason:
            return (
                f"{where} is not a readable SQLite database (damaged, or another kind of file); "
                "it was left unchanged."
            )
        if "readonly" in reason or "read-only" in reason:
            return f"{where} is read-only; the kit needs to write to it."
    return f"Cannot use the database {where}: {reason}"


def _configure_sqlite(engine: Engine) -> None:
    # pysqlite's own transaction handling defers BEGIN; we issue it ourselves so writes can
    # take the lock up front (BEGIN IMMEDIATE) and wait on busy_timeout instead of failing
    # when two participants save at the same instant.
    busy_ms = round(current_settings().sqlite_busy_timeout * 1000)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout={busy_ms}")
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
        # Read the mode first: setting it takes a lock even when it is already WAL, and many
        # kernels opening the store at once then fail with "database is locked".
        cursor.execute("PRAGMA journal_mode")
        row = cursor.fetchone()
        assert row is not None  # the pragma always answers one row
        if str(row[0]).lower() != "wal":
            cursor.execute("PRAGMA journal_mode=WAL")
        cursor.close()
    finally:
        raw.close()
