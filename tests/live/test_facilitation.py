"""The facilitator's live levers, without a browser: focus, locks, timer, presence, enforcement."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from cocreate_kit.live.facilitation import WorkshopControl
from cocreate_kit.live.workshop import LiveWorkshop
from cocreate_kit.store import CONTROL_EXERCISE, LockedError, StoreError
from cocreate_kit.store.control import seconds_left

NOTE = {"group": "shop-owner", "area": "thinks", "text": "x"}
MAP = "ideation/empathy-map"


@pytest.fixture
def db_url(any_db_url):
    """These tests run on SQLite and, when a server is given, on PostgreSQL."""
    return any_db_url


@pytest.fixture
def control(store, workshop):
    return WorkshopControl(store, workshop.workshop.id)


def seen(control):
    """What every page reads: the workshop's live state, as of now."""
    return LiveWorkshop(control.store, control.workshop_id)


def test_bring_everyone_records_the_section(control):
    """The focus names the section and changes each time the facilitator presses the button."""
    assert seen(control).focus() is None
    control.bring_everyone("preparation/task-plan")
    first = seen(control).focus()
    control.bring_everyone("preparation/task-plan")
    assert "preparation/task-plan" == first["section"] and first["at"] != seen(control).focus()["at"]


def test_locked_section_refuses_participant_writes(store, control, ann):
    """While locked, a participant can neither add, edit nor delete there; unlocking allows it again."""
    wid = ann.workshop_id
    entry = store.add_entry(wid, ann.id, MAP, NOTE)
    control.set_locked(MAP, True)
    with pytest.raises(LockedError):
        store.add_entry(wid, ann.id, MAP, NOTE)
    with pytest.raises(LockedError):
        store.revise_entry(entry.entry_id, ann.id, {**NOTE, "text": "y"}, 1)
    with pytest.raises(LockedError):
        store.delete_entry(entry.entry_id, ann.id, 1)
    store.add_entry(wid, ann.id, "ideation/value-map", {"part": "pains", "text": "other section is open"})
    control.set_locked(MAP, False)
    store.add_entry(wid, ann.id, MAP, NOTE)


def test_lock_covers_a_sections_sub_exercises(store, control, ann):
    """Locking the evaluation grid also locks its goals and actions."""
    control.set_locked("evaluation/evaluation-grid", True)
    with pytest.raises(LockedError):
        store.add_entry(ann.workshop_id, ann.id, "evaluation/evaluation-grid/goals", {"goal": "x"})


def test_timer_counts_down_and_can_lock_at_zero(store, control, ann):
    """A timer shows the seconds left; with lock-at-zero the section locks itself when time is up."""
    control.start_timer(MAP, 90, lock_at_zero=True)
    assert 89 <= seconds_left(seen(control).timer()) <= 90
    assert not seen(control).locked(MAP)
    later = datetime.now(timezone.utc) + timedelta(seconds=91)
    assert 0 == seconds_left(seen(control).timer(), later)
    store.add_entry(ann.workshop_id, ann.id, MAP, NOTE)
    control.start_timer(MAP, 1, lock_at_zero=True)
    control._set("timer", {**control.get("timer"), "ends_at": datetime.now(timezone.utc).isoformat()})
    assert seen(control).locked(MAP)
    with pytest.raises(LockedError):
        store.add_entry(ann.workshop_id, ann.id, MAP, NOTE)
    control.stop_timer()
    assert seen(control).timer() is None and not seen(control).locked(MAP)


def test_timer_without_lock_never_locks(control):
    """A plain timer reaching zero leaves the section open."""
    control.start_timer(MAP, 1, lock_at_zero=False)
    control._set("timer", {**control.get("timer"), "ends_at": datetime.now(timezone.utc).isoformat()})
    assert not seen(control).locked(MAP)


@pytest.mark.parametrize("seconds", [0, -5, 7201, 2.5, True, "60"])
def test_timer_length_is_checked(control, seconds):
    """Nonsense timer lengths are refused with a message."""
    with pytest.raises(StoreError, match="timer runs"):
        control.start_timer(MAP, seconds)


def test_every_facilitator_action_keeps_its_history(store, control):
    """Locking, unlocking and moving focus are revisions of control entries: nothing is overwritten."""
    control.set_locked(MAP, True)
    control.set_locked(MAP, False)
    control.bring_everyone(MAP)
    changes = [c for c in store.changes_since(control.workshop_id, 0) if c.exercise == CONTROL_EXERCISE]
    assert [True, False] == [c.payload["locked"] for c in changes if c.payload["key"] == f"lock:{MAP}"]
    assert all(c.participant_id is None for c in changes)


def test_participants_cannot_write_control_entries(store, control, ann):
    """A participant id on a control entry is refused: only the facilitator (no participant) owns them."""
    control.set_locked(MAP, True)
    entry = store.latest(next(iter({c.entry_id for c in store.changes_since(ann.workshop_id, 0)})))
    with pytest.raises(StoreError):
        store.revise_entry(entry.entry_id, ann.id, {"key": f"lock:{MAP}", "locked": False}, entry.revision)
    assert seen(control).locked(MAP)


def test_presence_lists_recent_pages_only(store, ann, bob):
    """touch() marks a participant present; present() forgets pages older than the window."""
    store.touch(ann)
    store.touch(ann)
    assert {ann.id} == store.present(ann.workshop_id)
    assert set() == store.present(ann.workshop_id, within_seconds=-1)
