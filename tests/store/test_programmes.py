"""Programmes and collaborations in the store: names checked, workshops attached, carried entries
written with their origin in one transaction."""

from __future__ import annotations

import pytest

from cocreate_kit.store import StoreError
from cocreate_kit.store.programmes import (
    Carry,
    UnknownProgrammeError,
    add_collaboration,
    carry_entries,
    check_programme_key,
    collaboration_workshops,
    collaborations,
    create_programme,
    list_programmes,
    origins,
)


@pytest.fixture
def programme(store):
    return create_programme(store, "Spring cohort")


@pytest.fixture
def pair(store, programme):
    return add_collaboration(store, programme.programme.id, "Bakery Bo", "Pixel & Co", "ann@hub.example")


def test_a_programme_holds_collaborations_and_they_hold_workshops(store, programme, pair):
    """Workshops created for a collaboration are listed with it, oldest first, with their session."""
    first = store.create_workshop("Ideas", collaboration_id=pair.id, session="ideation")
    second = store.create_workshop("Plan", collaboration_id=pair.id, session="preparation")
    store.create_workshop("Unrelated")
    assert [programme.programme] == list_programmes(store)
    assert [pair] == collaborations(store, programme.programme.id)
    found = collaboration_workshops(store, pair.id)
    assert [first.workshop.id, second.workshop.id] == [w.id for w in found]
    assert ["ideation", "preparation"] == [w.session for w in found]


def test_the_programme_key_is_stored_hashed_and_checked(store, programme):
    """Only the key printed at creation opens the programme."""
    pid = programme.programme.id
    assert check_programme_key(store, pid, programme.facilitator_key)
    assert not check_programme_key(store, pid, "guess")
    assert not check_programme_key(store, pid, None)
    assert not check_programme_key(store, "unknown", programme.facilitator_key)


@pytest.mark.parametrize(
    "shop, firm, contact, said",
    [
        ("", "Pixels", "Ann", "shop's name cannot be empty"),
        ("Bake\x00ry", "Pixels", "Ann", "control characters"),
        ("Bakery", "P" * 121, "Ann", "at most 120"),
        ("Bakery", "Pixels", "  ", "point of contact cannot be empty"),
    ],
)
def test_bad_collaboration_names_are_refused_with_a_message(store, programme, shop, firm, contact, said):
    """Empty, overlong or NUL-holding names get a clear message and store nothing."""
    with pytest.raises(StoreError, match=said):
        add_collaboration(store, programme.programme.id, shop, firm, contact)
    assert [] == collaborations(store)


def test_hostile_but_printable_names_are_kept_as_typed(store, programme):
    """A `$`, markup or a formula in a name is text and comes back unchanged."""
    made = add_collaboration(store, programme.programme.id, "=cmd|' /C calc'!A0", "<b>$5</b>", "a&b")
    assert ("=cmd|' /C calc'!A0", "<b>$5</b>", "a&b") == (made.shop, made.digital_firm, made.contact)


def test_a_session_needs_a_known_collaboration_and_kind(store, pair):
    """Unknown collaborations and session kinds are refused before a workshop is created."""
    with pytest.raises(UnknownProgrammeError, match="no collaboration"):
        store.create_workshop("X", collaboration_id="nope", session="check-in")
    with pytest.raises(StoreError, match="one of: ideation"):
        store.create_workshop("X", collaboration_id=pair.id, session="party")
    with pytest.raises(StoreError, match="Only a workshop of a collaboration"):
        store.create_workshop("X", session="check-in")
    assert [] == store.list_workshops()


def test_carried_entries_record_their_origin_and_are_written_all_or_none(store, pair):
    """Carrying writes every entry with its origin; a carry that fails part-way writes none."""
    old = store.create_workshop("Plan", collaboration_id=pair.id, session="preparation").workshop
    new = store.create_workshop("Check-in", collaboration_id=pair.id, session="check-in").workshop
    task = store.add_entry(old.id, None, "preparation/task-plan", {"task": "Photos", "status": "todo"})
    ids = carry_entries(store, new.id, [Carry(task, "preparation/task-plan", {**task.payload})])
    assert {ids[0]: (task.entry_id, old.id)} == origins(store, [new.id])
    assert ["Photos"] == [e.payload["task"] for e in store.entries(new.id)]
    again = store.add_entry(old.id, None, "preparation/task-plan", {"task": "Site", "status": "todo"})
    with pytest.raises(StoreError, match="not into its own"):
        carry_entries(
            store,
            new.id,
            [Carry(again, "preparation/task-plan", {**again.payload}), Carry(task, "x", {}, entry_id=None)]
            + [Carry(store.entries(new.id)[0], "preparation/task-plan", {})],
        )
    assert ["Photos"] == [e.payload["task"] for e in store.entries(new.id)]
