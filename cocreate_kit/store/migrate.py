"""Bring a kit database up to this kit's schema with Alembic, in the transaction that opens it.

The migrations live in ``migrations/versions`` (``0001`` is schema 1, ``0002`` schema 2, ...). A
database written before the kit used Alembic carries only ``cocreate_meta.schema_version``: it is
stamped at the matching revision, then upgraded like any other. ``cocreate_meta`` keeps holding
the schema number, because that is what an older kit reads to refuse a newer database.
"""

from __future__ import annotations

import logging
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy import inspect, select

from . import schema as t
from .errors import SchemaTooNewError

__all__ = ["alembic_config", "head_revision", "stored_revision", "upgrade"]

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).with_name("migrations")


def revision_of(schema_version: int) -> str:
    """The Alembic revision that produces schema ``schema_version``."""
    return f"{schema_version:04d}"


def alembic_config(conn=None) -> Config:
    """An in-memory Alembic configuration (no alembic.ini) bound to ``conn``."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = conn
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None  # the kit ships its migrations: there is always a head
    return head


def stored_revision(conn) -> str | None:
    """The Alembic revision recorded in the database, or None if it has never been stamped."""
    return MigrationContext.configure(conn, opts={"version_table": t.VERSION_TABLE}).get_current_revision()


def upgrade(conn, found: int) -> None:
    """Upgrade from schema ``found`` (0: a new, empty database) to ``schema.SCHEMA_VERSION``."""
    config = alembic_config(conn)
    revision = stored_revision(conn)
    if revision is not None:
        try:
            ScriptDirectory.from_config(config).get_revision(revision)
        except CommandError:
            raise SchemaTooNewError(
                f"This database was written by a newer cocreate-kit (migration {revision}); "
                "upgrade cocreate-kit to open it."
            ) from None
    elif found:
        # Written before the kit used Alembic: its tables are those of schema ``found``.
        log.info("recording schema %s of this database for Alembic", found)
        command.stamp(config, revision_of(found))
    log.info("upgrading the workshop store from schema %s to %s", found, t.SCHEMA_VERSION)
    command.upgrade(config, "head")
    _record_schema_version(conn)


def _record_schema_version(conn) -> None:
    value = str(t.SCHEMA_VERSION)
    if not inspect(conn).has_table(t.meta.name):
        return
    stored = conn.execute(select(t.meta.c.value).where(t.meta.c.key == "schema_version")).first()
    if stored is None:
        conn.execute(t.meta.insert().values(key="schema_version", value=value))
    else:
        conn.execute(t.meta.update().where(t.meta.c.key == "schema_version").values(value=value))
