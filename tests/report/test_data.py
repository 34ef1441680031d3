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
