"""The progress monitor: check-ins on the task plan's tasks (status, on track, what changed)."""

from __future__ import annotations

from datetime import datetime

from ..content.plan import Plan
from ..models import Entry
from .base import Kind, Place, Reader, Words
from .blocks import Block, Figure, Heading, NotDone, Table
from .tasks import PROGRESS_MONITOR, task_refs

__all__ = ["ProgressMonitor"]


class ProgressMonitor(Kind):
    name = PROGRESS_MONITOR
    view = "cocreate_kit.forms.progress:open_view"
    says_fields = ("changes",)
    pointers = {"task_id": "task"}
    report_order = 90
    checks_in = True

    def reads(self, plan: Plan, ref: str) -> list[str]:
        """A check-in is about a task of any of the plan's task plans."""
        return task_refs(plan)

    def _task(self, entry: Entry, words: Words) -> str | None:
        return words.name_of(str(entry.payload.get("task_id")))

    def describe(self, entry: Entry, place: Place, words: Words) -> str:
        ui, payload = words.ui, entry.payload
        status = ui.get(f"status_{payload.get('status')}", str(payload.get("status", "")))
        track = ui["progress_yes"] if payload.get("on_track") else ui["progress_no"]
        said = f"{self._task(entry, words) or '—'}: {status}, {ui['progress_on_track']} {track}"
        return said + (f" ({payload['changes']})" if payload.get("changes") else "")

    def about(self, entry: Entry, place: Place, words: Words) -> str:
        return self._task(entry, words) or ""

    def overview(self, place: Place, read: Reader, words: Words) -> list[Block]:
        ui = words.ui
        tasks = {
            t.entry_id: t.payload["task"]
            for ref in self.reads(words.plan, place.ref)
            for t in read.visible(ref)
        }
        latest = {}
        for entry in read.visible(place.ref):  # oldest first: the last one per task is the latest
            latest[entry.payload["task_id"]] = entry
        rows = [
            [
                tasks.get(task_id, "?"),
                ui[f"status_{c.payload['status']}"],
                ui["progress_yes"] if c.payload["on_track"] else ui["progress_no"],
                c.payload.get("changes", ""),
                c.created_at[:16].replace("T", " "),
            ]
            for task_id, c in latest.items()
        ]
        columns = [
            "progress_task",
            "progress_current",
            "progress_on_track",
            "progress_changes",
            "report_when",
        ]
        return [Table([ui[c] for c in columns], rows)]

    def report(self, places: list[Place], read: Reader, words: Words) -> list[Block]:
        """Every check-in, newest first, and each task's check-ins on a chart (on track or not)."""
        ui = words.ui
        blocks: list[Block] = []
        # keyed by entry id, looked up by a check-in's task_id (None when it has none: "?")
        names: dict[str | None, str | None] = {
            t.entry_id: t.payload.get("task") for ref in task_refs(words.plan) for t in read.visible(ref)
        }
        for place in places:
            check_ins = sorted(read.visible(place.ref), key=lambda e: read.written(e.entry_id), reverse=True)
            if not check_ins:
                blocks.append(NotDone(place.title))
                continue
            columns = [
                ui[k]
                for k in (
                    "progress_task",
                    "report_when",
                    "progress_current",
                    "progress_on_track",
                    "progress_changes",
                )
            ]
            rows = [
                [
                    names.get(c.payload.get("task_id"), "?"),
                    _moment(read.written(c.entry_id)),
                    ui[f"status_{c.payload.get('status')}"],
                    ui["progress_yes"] if c.payload.get("on_track") else ui["progress_no"],
                    c.payload.get("changes"),
                ]
                for c in check_ins
            ]
            points = [
                (
                    names.get(c.payload.get("task_id"), "?"),
                    read.written(c.entry_id),
                    bool(c.payload.get("on_track")),
                )
                for c in reversed(check_ins)
            ]
            labels = {
                "yes": ui["progress_yes"],
                "no": ui["progress_no"],
                "title": ui["progress_on_track"],
                "lang": words.plan.lang,  # the days on the time axis
            }
            blocks += [
                Heading(place.title),
                Table(columns, rows),
                Figure("progress_chart", (place.title, points, labels), place.title),
            ]
        return blocks


def _moment(written: str) -> datetime | str:
    """When a check-in was written, as a moment the report puts in its language (to the minute)."""
    try:
        return datetime.fromisoformat(written).replace(second=0, microsecond=0)
    except ValueError:
        return written
