"""Bring an older kit database up to this kit's schema, in the transaction that opens it.

Each step is idempotent and derives what it adds from what the database already holds, so an
upgrade never invents or drops an entry.
"""

from __future__ import annotations

import logging

from sqlalchemy import select

from . import current
from . import schema as t

log = logging.getLogger(__name__)


def upgrade(conn, found: int) -> None:
    """Upgrade from schema ``found`` (0: a new, empty database) to ``schema.SCHEMA_VERSION``."""
    if found and found < 2:
        log.info("upgrading the workshop store from schema %s: deriving current entries", found)
        current.rebuild(conn)
    stored = conn.execute(select(t.meta.c.value).where(t.meta.c.key == "schema_version")).first()
    if stored is None:
        conn.execute(t.meta.insert().values(key="schema_version", value=str(t.SCHEMA_VERSION)))
    else:
        conn.execute(
            t.meta.update().where(t.meta.c.key == "schema_version").values(value=str(t.SCHEMA_VERSION))
        )
