"""Schema upgrades through Alembic: from the databases earlier kits wrote, in place, and the
refusal of a database a newer kit wrote."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, inspect, select, text

from cocreate_kit.store import SchemaTooNewError, Store
from cocreate_kit.store import schema as t
from cocreate_kit.store.migrate import alembic_config, head_revision, revision_of, stored_revision
from cocreate_kit.store.programmes import add_collaboration, create_programme

from ..backends import only_sqlite

SCHEMA_2_DB = Path(__file__).parents[1] / "files" / "schema-2.db"


def _legacy_database(url: str, schema_version: int) -> None:
    """What a kit before Alembic left behind: the tables of ``schema_version`` and its number in
    ``cocreate_meta``, one workshop with a note edited twice and a deleted note, and no
    Alembic bookkeeping."""
    engine = create_engine(url)
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), "0001")
        conn.execute(
            text("INSERT INTO cocreate_meta VALUES ('schema_version', :v)"), {"v": str(schema_version)}
        )
        conn.execute(
            text(
                "INSERT INTO workshops VALUES ('w1', 'Old shop', 'business-hubs', 'en', 'ABC234', 'h', 't0')"
            )
        )
        conn.execute(text("INSERT INTO participants VALUES ('p1', 'w1', 'Ann', 'tok', 't0')"))
        rows = [
            ("e1", 1, {"group": "shop-owner", "area": "says", "text": "v1"}, False),
            ("e1", 2, {"group": "shop-owner", "area": "says", "text": "v2"}, False),
            ("e2", 1, {"group": "shop-owner", "area": "says", "text": "gone"}, False),
            ("e2", 2, {"group": "shop-owner", "area": "says", "text": "gone"}, True),
            ("e3", 1, {"group": "shop-owner", "area": "says", "text": "last"}, False),
        ]
        for entry_id, revision, payload, deleted in rows:
            conn.execute(
                text(
                    "INSERT INTO revisions (workshop_id, entry_id, revision, participant_id, exercise,"
                    " payload, deleted, created_at) VALUES ('w1', :e, :r, 'p1', 'ideation/empathy-map',"
                    " :p, :d, 't1')"
                ),
                {"e": entry_id, "r": revision, "p": json.dumps(payload), "d": deleted},
            )
        if schema_version >= 2:
            command.upgrade(alembic_config(conn), revision_of(schema_version))
        conn.execute(text(f"DROP TABLE {t.VERSION_TABLE}"))
    engine.dispose()


@pytest.mark.parametrize("found", [1, 2])
def test_a_database_of_an_earlier_schema_is_upgraded_in_place(db_url, found):
    """A schema-1 or schema-2 database opens as schema 3 with the same current entries, and
    its workshops can then join a collaboration."""
    _legacy_database(db_url, found)
    store = Store(db_url)
    assert t.SCHEMA_VERSION == store.schema_version()
    assert ["v2", "last"] == [e.payload["text"] for e in store.entries("w1")]
    assert [1, 2] == [e.revision for e in store.history("e1")]
    assert store.get_workshop("w1").collaboration_id is None
    with store.engine.connect() as conn:
        assert head_revision() == stored_revision(conn)
    programme = create_programme(store, "Cohort").programme
    pair = add_collaboration(store, programme.id, "Old shop", "Pixels", "Ann")
    assert (
        pair.id
        == store.create_workshop(
            "Next", collaboration_id=pair.id, session="check-in"
        ).workshop.collaboration_id
    )


def test_the_schema_2_file_of_todays_kit_upgrades_in_place(tmp_path):
    """The SQLite file today's kit (schema 2) wrote, with every exercise filled, opens in place:
    same path, same entries and history, schema 3 recorded for older kits to see."""
    path = tmp_path / "hub.db"
    shutil.copy(SCHEMA_2_DB, path)
    with sqlite3.connect(path) as raw:
        before = raw.execute(
            "SELECT entry_id, revision, payload, deleted FROM revisions ORDER BY seq"
        ).fetchall()
        assert ("2",) == raw.execute("SELECT value FROM cocreate_meta WHERE key='schema_version'").fetchone()
    store = Store(f"sqlite:///{path}")
    workshop = store.list_workshops()[0]
    assert 16 == len(store.entries(workshop.id))
    store.engine.dispose()
    with sqlite3.connect(path) as raw:
        after = raw.execute(
            "SELECT entry_id, revision, payload, deleted FROM revisions ORDER BY seq"
        ).fetchall()
        assert ("3",) == raw.execute("SELECT value FROM cocreate_meta WHERE key='schema_version'").fetchone()
        assert ("0003",) == raw.execute(f"SELECT version_num FROM {t.VERSION_TABLE}").fetchone()
        assert [] == raw.execute("PRAGMA foreign_key_check").fetchall()
    assert before == after


def test_migrations_build_exactly_the_tables_the_code_declares(store):
    """Running every migration on an empty database gives the tables, columns and indexes of
    ``schema.py``: a model change without its migration fails here."""
    with store.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"version_table": t.VERSION_TABLE})
        assert [] == compare_metadata(context, t.metadata)


def test_the_head_migration_is_the_schema_version():
    """SCHEMA_VERSION (what older kits read to refuse) and the newest migration move together."""
    assert revision_of(t.SCHEMA_VERSION) == head_revision()


def test_a_database_migrated_by_a_newer_kit_is_refused_and_left_unchanged(db_url):
    """A database at an Alembic revision this kit does not know is refused with the usual
    message, even if its schema number looks current, and nothing is written to it."""
    store = Store(db_url)
    store.create_workshop("Kept")
    with store.engine.begin() as conn:
        conn.execute(text(f"UPDATE {t.VERSION_TABLE} SET version_num = '0099'"))
        conn.execute(t.meta.update().where(t.meta.c.key == "schema_version").values(value="2"))
    store.engine.dispose()
    with pytest.raises(SchemaTooNewError, match="newer cocreate-kit"):
        Store(db_url)
    engine = create_engine(db_url)
    with engine.connect() as conn:
        assert "2" == conn.execute(select(t.meta.c.value)).scalar()
        assert ["Kept"] == [row.title for row in conn.execute(select(t.workshops.c.title))]
    engine.dispose()


def test_a_foreign_sqlite_file_gets_no_alembic_table(tmp_path, db_url):
    """Another program's database is refused before Alembic writes its bookkeeping table."""
    only_sqlite(db_url, "a foreign SQLite file")
    path = tmp_path / "accounts.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY)")
    with pytest.raises(Exception, match="not a cocreate-kit store"):
        Store(f"sqlite:///{path}")
    assert ["invoices"] == inspect(create_engine(f"sqlite:///{path}")).get_table_names()
