"""The task plan: who does what by when, with the outcome and the pain reliever it serves."""

from __future__ import annotations

from datetime import date

from ..content.plan import Plan
from ..validation import InputError, clean_text
from .base import Kind, Place, Reader, Words
from .blocks import Block, Figure, Heading, Line, NotDone, Table
from .tasks import STATUSES, TASK_PLAN, current_status, deadline_of, latest_check_ins, on_timeline

__all__ = ["EARLIEST_DEADLINE", "LATEST_DEADLINE", "STATUSES", "TaskPlan", "parse_date", "validate_task"]


# A task's deadline falls within a workshop's horizon; the date picker also sends 0001-01-01 and
# 9999-12-31, which are typing slips, not plans (and no chart can draw them).
EARLIEST_DEADLINE, LATEST_DEADLINE = date(2000, 1, 1), date(2099, 12, 31)


def parse_date(value) -> str:
    """An ISO date string from a date, a datetime or text; InputError for anything else or for a
    date outside EARLIEST_DEADLINE..LATEST_DEADLINE."""
    if value in (None, ""):
        return ""
    parsed = None
    if isinstance(value, date):
        parsed = value if type(value) is date else date(value.year, value.month, value.day)
    elif isinstance(value, str):
        try:
            parsed = date.fromisoformat(value.strip())
        except ValueError:
            pass
    if parsed is None:
        raise InputError("error_bad_date")
    if not EARLIEST_DEADLINE <= parsed <= LATEST_DEADLINE:
        raise InputError("error_date_out_of_range")
    return parsed.isoformat()


def validate_task(fields: dict, relievers: frozenset[str] | None = frozenset()) -> dict:
    """A task's fields, checked; ``relievers`` are the value-map relievers it may point to (None:
    any, for a file whose entries point at each other before they are stored)."""
    status = fields.get("status", "todo")
    if status not in STATUSES:
        raise InputError("error_bad_status")
    reliever = fields.get("reliever") or ""
    if reliever and relievers is not None and reliever not in relievers:
        raise InputError("error_unknown_item")
    return {
        "reliever": reliever,
        "task": clean_text(fields.get("task"), limit=300, empty="error_empty_task"),
        "owner": clean_text(fields.get("owner"), limit=80, required=False),
        "deadline": parse_date(fields.get("deadline")),
        "outcome": clean_text(fields.get("outcome"), limit=500, required=False),
        "status": status,
    }


class TaskPlan(Kind):
    name = TASK_PLAN
    view = "cocreate_kit.forms.task_plan:open_view"
    says_fields = ("task",)
    pointers = {"reliever": "reliever"}
    report_order = 80
    holds_tasks = True
    carried = {"": ("task-plan", "open task(s)")}

    def entry_problem(self, payload: dict, place: Place, plan: Plan) -> InputError | None:
        """A task as the form checks it: its text, a deadline that is a date in range, a status."""
        try:
            validate_task(payload, relievers=None)
        except InputError as problem:
            return problem
        return None

    carry_order = 20

    def carry_payload(self, entry, part: str, status: str, new_ids: dict[str, str]) -> dict | None:
        """An open task goes on with its status now, pointing at its reliever's copy (or, when
        the new plan has no value map, at the reliever where it is: a later session re-points)."""
        if status == "done":
            return None
        reliever = entry.payload.get("reliever") or ""
        return {**entry.payload, "status": status, "reliever": new_ids.get(reliever, reliever)}

    def overview(self, place: Place, read: Reader, words: Words) -> list[Block]:
        ui = words.ui
        rows = [
            [
                e.payload["task"],
                e.payload.get("owner") or "—",
                e.payload.get("deadline") or "—",
                ui[f"status_{e.payload['status']}"],
                read.name(e.participant_id, ui),
            ]
            for e in read.visible(place.ref)
        ]
        columns = [
            ui["task_task"],
            ui["task_owner"],
            ui["task_deadline"],
            ui["task_status"],
            ui["report_who"],
        ]
        return [Table(columns, rows)]

    def report(self, places: list[Place], read: Reader, words: Words) -> list[Block]:
        """Each task with its one status (the newer of its last check-in and its last edit), and
        the dated ones on a timeline."""
        ui = words.ui
        blocks: list[Block] = []
        latest = latest_check_ins(words.plan, read)
        for place in places:
            tasks = read.visible(place.ref)
            if not tasks:
                blocks.append(NotDone(place.title))
                continue
            status = {t.entry_id: current_status(t, latest, read) for t in tasks}
            columns = [
                ui[key] for key in ("task_task", "task_owner", "task_deadline", "task_outcome", "task_status")
            ]
            rows = [
                [
                    t.payload.get("task"),
                    t.payload.get("owner"),
                    deadline_of(t.payload.get("deadline"))
                    or t.payload.get("deadline"),  # a date, or as written
                    t.payload.get("outcome"),
                    ui[f"status_{status[t.entry_id]}"],
                ]
                for t in tasks
            ]
            blocks += [Heading(place.title), Table(columns, rows)]
            dated = [
                (t.payload.get("task"), deadline, status[t.entry_id])
                for t in tasks
                if (deadline := deadline_of(t.payload.get("deadline")))
            ]
            if dated:
                labels = {s: ui[f"status_{s}"] for s in STATUSES} | {
                    "today": ui["report_today"],
                    "lang": words.plan.lang,
                }
                blocks.append(
                    Figure("task_timeline", (ui["report_timeline"], dated, labels), ui["report_timeline"])
                )
                left_off = sum(not on_timeline(deadline) for _task, deadline, _status in dated)
                if left_off:  # year 9999: counted in words, as no timeline can show it
                    blocks.append(Line(ui["report_timeline_left_off"].format(count=left_off)))
        return blocks
