"""The task plan: task, responsible person, deadline, expected outcome, status, with hints for
what is missing (hints never block saving)."""

from __future__ import annotations

import html
import re
from datetime import date

import ipywidgets as widgets

from ..kinds.task_plan import STATUSES as TASK_STATUSES
from ..kinds.task_plan import parse_date, validate_task
from ..kinds.tasks import overdue
from ..models import Entry
from .records import Records
from .status import StatusLine

__all__ = ["TaskPlanForm", "open_view", "parse_date", "task_hints", "validate_task"]

_MEASURABLE = re.compile(r"\d|%|\b(per|each|every|number|count|rate)\b", re.IGNORECASE)


def task_hints(task: dict, today: date | None = None) -> list[str]:
    """UI-text keys of what a task still lacks; a hint, not a refusal."""
    today = today or date.today()
    hints = []
    if not task.get("owner"):
        hints.append("hint_no_owner")
    if not task.get("deadline"):
        hints.append("hint_no_deadline")
    elif overdue(task, task.get("status", "todo"), today):
        hints.append("hint_overdue")
    if not _MEASURABLE.search(task.get("outcome", "")):
        hints.append("hint_not_measurable")
    return hints


class TaskPlanForm:
    """Add tasks with all five fields; the list below shows each task with its hints."""

    def __init__(self, model: Records, ui: dict[str, str], reliever_choices=lambda: []):
        self.model, self.ui = model, ui
        self.reliever_choices = reliever_choices  # () -> [(label, reliever entry id)] from the value map
        self.status = StatusLine(ui)
        text = dict(
            continuous_update=False,
            layout=widgets.Layout(width="100%"),
            style={"description_width": "initial"},
        )
        self.task = widgets.Text(description=ui["task_task"], **text)
        self.owner = widgets.Text(description=ui["task_owner"], **text)
        self.deadline = widgets.DatePicker(
            description=ui["task_deadline"], style={"description_width": "initial"}
        )
        self.outcome = widgets.Text(description=ui["task_outcome"], **text)
        self.task_status = widgets.Dropdown(
            options=[(ui[f"status_{s}"], s) for s in TASK_STATUSES],
            value="todo",
            description=ui["task_status"],
        )
        self.reliever = widgets.Dropdown(
            options=[(ui["task_no_reliever"], "")],
            value="",
            description=ui["task_reliever"],
            style={"description_width": "initial"},
        )
        self.add_button = widgets.Button(description=ui["task_add"], button_style="primary", icon="plus")
        self.add_button.on_click(lambda _b: self.add())
        self.table = widgets.HTML()
        self.rows_box = widgets.VBox()
        fields = widgets.VBox(
            [
                self.task,
                self.owner,
                self.deadline,
                self.outcome,
                self.reliever,
                self.task_status,
                self.add_button,
            ]
        )
        self.widget = widgets.VBox([fields, self.status.widget, self.rows_box])
        self.widget.add_class("cck-task-plan")
        self.refresh()

    def add(self) -> None:
        saved = self.status.run(
            lambda: self.model.add(
                task=self.task.value,
                owner=self.owner.value,
                deadline=self.deadline.value,
                outcome=self.outcome.value,
                status=self.task_status.value,
                reliever=self.reliever.value,
            )
        )
        if saved is not None:
            self.task.value = self.owner.value = self.outcome.value = ""
            self.deadline.value = None
            self.task_status.value = "todo"
            self.reliever.value = ""
        self.refresh()

    def set_status(self, entry: Entry, status) -> None:
        fields = {**entry.payload, "status": status}
        if fields.get("reliever") not in {rid for _label, rid in self.reliever_choices()}:
            fields["reliever"] = ""  # the reliever was deleted from the value map meanwhile
        self.status.run(lambda: self.model.edit(entry, **fields))
        self.refresh()

    def on_show(self) -> None:
        self.refresh()

    def delete(self, entry: Entry) -> None:
        self.status.run(self.model.delete, entry, success=self.ui["deleted"])
        self.refresh()

    def refresh(self) -> None:
        self.reliever.options = [(self.ui["task_no_reliever"], "")] + list(self.reliever_choices())
        self.rows = [TaskRow(self, entry) for entry in self.model.mine()]
        self.rows_box.children = [row.widget for row in self.rows]


class TaskRow:
    def __init__(self, form: TaskPlanForm, entry: Entry):
        ui, task = form.ui, entry.payload
        self.entry = entry
        hints = "".join(f"<li>{html.escape(ui[key])}</li>" for key in task_hints(task))
        self.summary = widgets.HTML(
            "<div class='cck-task'>"
            f"<b>{html.escape(task['task'])}</b><br>"
            f"{html.escape(ui['task_owner'])}: {html.escape(task['owner'] or '—')} · "
            f"{html.escape(ui['task_deadline'])}: {html.escape(task['deadline'] or '—')}<br>"
            f"{html.escape(ui['task_outcome'])}: {html.escape(task['outcome'] or '—')}"
            + (f"<ul class='cck-hints'>{hints}</ul>" if hints else "")
            + "</div>"
        )
        self.status = widgets.Dropdown(
            options=[(ui[f"status_{s}"], s) for s in TASK_STATUSES],
            value=task["status"],
            description=ui["task_status"],
        )
        self.status.observe(lambda change: form.set_status(self.entry, change["new"]), names="value")
        self.delete_button = widgets.Button(description=ui["delete"], icon="trash")
        self.delete_button.on_click(lambda _b: form.delete(self.entry))
        self.widget = widgets.VBox([self.summary, widgets.HBox([self.status, self.delete_button])])
        self.widget.add_class("cck-task-row")


def open_view(page, place):
    """The task plan section: each task may name the pain reliever it serves, from any of the
    plan's value maps as the room sees them now."""
    from ..kinds.value_map import ValueMap as ValueMapKind
    from .value_map import workshop_relievers

    value_maps = [ref for ref, _exercise in page.plan.exercises_of_kind(ValueMapKind.name)]

    def choices():
        return workshop_relievers(page.live, value_maps)

    def validate(fields):
        return validate_task(fields, frozenset(rid for _label, rid in choices()))

    return TaskPlanForm(Records(page.store, page.participant, place.ref, validate), page.ui, choices)
