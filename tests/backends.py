"""Which store backends the store-level tests run on: SQLite always, PostgreSQL when
``$COCREATE_TEST_POSTGRES`` names a server (``.ci/run`` starts one with ``.ci/start-postgres``)."""

from __future__ import annotations

import os

import pytest
from sqlalchemy import create_engine, text

from cocreate_kit.store import schema

POSTGRES_URL = os.environ.get("COCREATE_TEST_POSTGRES", "")
BACKENDS = ["sqlite"] + (["postgresql"] if POSTGRES_URL else [])


def require_postgres_where_asked() -> None:
    if os.environ.get("COCREATE_REQUIRE_POSTGRES") and not POSTGRES_URL:
        raise pytest.UsageError("COCREATE_REQUIRE_POSTGRES is set but COCREATE_TEST_POSTGRES is empty")


def backend_db_url(request, tmp_path):
    """A fresh, empty store URL on the backend the test is parametrised with."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'workshop.db'}"
        return
    _drop_kit_tables()
    yield POSTGRES_URL
    _drop_kit_tables()


def only_sqlite(db_url: str, why: str) -> None:
    if not db_url.startswith("sqlite"):
        pytest.skip(f"SQLite only: {why}")


def _drop_kit_tables() -> None:
    engine = create_engine(POSTGRES_URL)
    try:
        schema.metadata.drop_all(engine)
        with engine.begin() as conn:
            conn.execute(text(f"DROP TABLE IF EXISTS {schema.VERSION_TABLE}"))
    finally:
        engine.dispose()
