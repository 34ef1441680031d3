"""Rules about tasks that the task plan, the progress monitor, the report's cover and the
follow-through share: where a task stands (the newer of its last check-in and its last edit),
when it is overdue, and which deadlines are dates."""

from __future__ import annotations

from datetime import date

from ..content.plan import Plan
from ..models import Entry
from .base import Reader

__all__ = [
    "PROGRESS_MONITOR",
    "STATUSES",
    "TASK_PLAN",
    "current_status",
    "deadline_of",
    "latest_check_ins",
    "on_timeline",
    "overdue",
    "task_refs",
]

TASK_PLAN = "task-plan"
PROGRESS_MONITOR = "progress-monitor"
STATUSES = ("todo", "doing", "done")  # their words: UI texts status_<status>


# The years a timeline of deadlines can show; a deadline outside them (year 9999, year 1) is
# counted in words instead.
TIMELINE_YEARS = (1970, 2200)


def on_timeline(day: date) -> bool:
    return TIMELINE_YEARS[0] <= day.year <= TIMELINE_YEARS[1]


def task_refs(plan: Plan) -> list[str]:
    return [ref for ref, _exercise in plan.exercises_of_kind(TASK_PLAN)]


def latest_check_ins(plan: Plan, read: Reader) -> dict[str | None, Entry]:
    """The most recent check-in of each task, by the task's entry id (None: check-ins naming no task)."""
    found = [e for ref, _ex in plan.exercises_of_kind(PROGRESS_MONITOR) for e in read.visible(ref)]
    latest: dict[str | None, Entry] = {}
    for check_in in sorted(found, key=lambda e: read.written(e.entry_id)):
        latest[check_in.payload.get("task_id")] = check_in
    return latest


def current_status(task: Entry, latest: dict[str | None, Entry], read: Reader) -> str:
    """A task's one status: its latest check-in, unless the task plan was edited after it."""
    check = latest.get(task.entry_id)
    if check is not None and read.written(check.entry_id) >= task.created_at:
        return str(check.payload.get("status"))
    return str(task.payload.get("status"))


def deadline_of(value) -> date | None:
    """A stored deadline as a date; None for empty or unreadable (an imported file may hold anything)."""
    try:
        return date.fromisoformat(value) if isinstance(value, str) and value else None
    except ValueError:
        return None


def overdue(task_payload: dict, status: str, today: date | None = None) -> bool:
    """Not done and past its deadline ("not a date" or year 0 is nothing to be late for)."""
    deadline = deadline_of(task_payload.get("deadline"))
    return status != "done" and deadline is not None and deadline < (today or date.today())
