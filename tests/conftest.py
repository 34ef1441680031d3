"""Shared fixtures: a fresh store per test (a SQLite file; also PostgreSQL for the store and
live-state tests when a server is given), and a workshop with two participants."""

from __future__ import annotations

import pytest

from cocreate_kit.store import Store

from .backends import BACKENDS, backend_db_url, require_postgres_where_asked


def pytest_configure(config):
    require_postgres_where_asked()


@pytest.fixture
def db_url(tmp_path):
    return f"sqlite:///{tmp_path / 'workshop.db'}"


@pytest.fixture(params=BACKENDS)
def any_db_url(request, tmp_path):
    """Like ``db_url``, once per backend (tests opt in by overriding ``db_url`` with it)."""
    yield from backend_db_url(request, tmp_path)


@pytest.fixture
def store(db_url):
    return Store(db_url)


@pytest.fixture
def workshop(store):
    return store.create_workshop("Main street goes online")


@pytest.fixture
def ann(store, workshop):
    participant, _token = store.join(workshop.workshop.id, workshop.join_code, "Ann")
    return participant


@pytest.fixture
def bob(store, workshop):
    participant, _token = store.join(workshop.workshop.id, workshop.join_code, None)
    return participant
