"""Shared fixtures: a fresh SQLite store file per test, and a workshop with two participants."""

from __future__ import annotations

import pytest

from cocreate_kit.store import Store


@pytest.fixture
def db_url(tmp_path):
    return f"sqlite:///{tmp_path / 'workshop.db'}"


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
