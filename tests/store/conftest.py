"""Store tests run on every backend available (SQLite, and PostgreSQL when given)."""

from __future__ import annotations

import pytest


@pytest.fixture
def db_url(any_db_url):
    return any_db_url
