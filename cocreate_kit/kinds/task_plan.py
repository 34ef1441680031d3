"""The task plan: who does what by when, with the outcome and the pain reliever it serves."""

from __future__ import annotations

from .base import Kind, Place, Reader, Words
from .blocks import Figure, Heading, Line, NotDone, Table
from .tasks import STATUSES, TASK_PLAN, current_status, deadline_of, latest_check_ins, on_timeline

__all__ = ["STATUSES", "TaskPlan"]


class TaskPlan(Kind):
    name = TASK_PLAN
    view = "cocreate_kit.forms.task_plan:open_view"
    says_fields = ("task",)
    pointers = {"reliever": "reliever"}
    report_order = 80
    holds_tasks = True
    carried = {"": ("task-plan", "open task(s)")}
    carry_order = 20

    def carry_payload(self, entry, part: str, status: str, new_ids: dict[str, str]) -> dict | None:
        """An open task goes on with its status now, pointing at its reliever's copy (or, when
        the new plan has no value map, at the reliever where it is: a later session re-points)."""
        if status == "done":
            return None
        reliever = entry.payload.get("reliever") or ""
        return {**entry.payload, "status": status, "reliever": new_ids.get(reliever, reliever)}

    def overview(self, place: Place, read: Reader, words: Words) -> list:
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

    def report(self, places: list[Place], read: Reader, words: Words) -> list:
        """Each task with its one status (the newer of its last check-in and its last edit), and
        the dated ones on a timeline."""
        ui, blocks = words.ui, []
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
