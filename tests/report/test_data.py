"""The facilitator's DataFrame API."""

from __future__ import annotations

from cocreate_kit.report.data import WorkshopData


def test_each_exercise_is_a_dataframe_with_its_fields(store, filled):
    """Task plan rows carry task, owner, deadline, outcome, status and who wrote them."""
    data = WorkshopData(store, filled)
    tasks = data.exercise("preparation/task-plan")
    assert ["Ann <img src=x onerror=alert(1)>"] == list(tasks["participant"])
    assert {"task", "owner", "deadline", "outcome", "status", "created_at", "updated_at"} <= set(
        tasks.columns
    )
    assert "ideation/empathy-map" == data.exercises()[0]
    assert "evaluation/evaluation-grid/actions" in data.exercises()


def test_unknown_exercise_gives_an_empty_frame(store, filled):
    """An exercise nobody filled is an empty DataFrame with the fixed columns, not an error."""
    frame = WorkshopData(store, filled).exercise("implementation/questions")
    assert frame.empty and "participant" in frame.columns


def test_edits_show_the_latest_revision_and_first_write_time(store, filled):
    """A revised entry appears once, at its latest revision, with created_at from its first write."""
    data = WorkshopData(store, filled)
    checklist = data.exercise("preparation/checklist")
    assert 2 == len(checklist)
    assert all(checklist["created_at"] <= checklist["updated_at"])


def test_hidden_and_merged_notes_stay_out_like_on_the_board(store, filled):
    """A note the facilitator hid and a duplicate merged into another are not in the frames the
    report draws from; the kept note is there once. The store still holds all three."""
    from cocreate_kit.live.moderation import Moderation

    ann = store.participants(filled)[0]
    ref = "ideation/empathy-map"
    offensive = store.add_entry(filled, ann.id, ref, {"group": "shop-owner", "area": "says", "text": "rude"})
    keep = store.add_entry(
        filled, ann.id, ref, {"group": "shop-owner", "area": "does", "text": "Orders online"}
    )
    copy = store.add_entry(
        filled, ann.id, ref, {"group": "shop-owner", "area": "does", "text": "orders online"}
    )
    moderation = Moderation(store, filled)
    moderation.hide(offensive)
    moderation.merge(keep, [copy])

    texts = list(WorkshopData(store, filled).exercise(ref)["text"])
    assert "rude" not in texts and "orders online" not in texts
    assert 1 == texts.count("Orders online")
    stored = {e.payload["text"] for e in store.entries(filled, exercise=ref)}
    assert {"rude", "Orders online", "orders online"} <= stored


def test_the_entry_count_is_what_people_contributed(store, filled):
    """Opening and closing a vote, its dots and the moderation log do not inflate the cover's
    count of entries; a new note does."""
    from cocreate_kit.live.facilitation import WorkshopControl

    before = WorkshopData(store, filled).entry_count
    ann = store.participants(filled)[0]
    control = WorkshopControl(store, filled)
    note = store.add_entry(
        filled, ann.id, "ideation/empathy-map", {"group": "shop-owner", "area": "says", "text": "Hi"}
    )
    vote = control.start_vote("ideation/empathy-map", 2)
    store.add_entry(filled, ann.id, f"_vote/{vote['id']}", {"target": note.entry_id}, max_per_participant=2)
    control.close_vote()
    assert before + 1 == WorkshopData(store, filled).entry_count
