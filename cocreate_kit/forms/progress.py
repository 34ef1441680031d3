"""The progress monitor: for each planned task, its initial status and every later check-in
(current status, on track or not, changes made), newest first. Check-ins are never edited:
the history is the point."""

from __future__ import annotations

import html

import ipywidgets as widgets

from ..live import LiveWorkshop
from ..models import Entry, Participant
from ..store import Store
from .status import StatusLine
from .task_plan import TASK_STATUSES
from .validation import InputError, clean_text

__all__ = ["ProgressForm", "ProgressMonitor"]


class ProgressMonitor:
    """Check-ins on the workshop's planned tasks (from every task-plan exercise of the plan), as
    far as this participant may see them (the page's live state decides)."""

    def __init__(
        self,
        store: Store,
        participant: Participant,
        exercise: str,
        task_exercises: list[str],
        live: LiveWorkshop | None = None,
    ):
        self.store, self.participant = store, participant
        self.exercise, self.task_exercises = exercise, list(task_exercises)
        self.live = live or LiveWorkshop(store, participant.workshop_id, viewer=participant.id)

    def tasks(self) -> list[Entry]:
        self.live.poll()
        return [task for exercise in self.task_exercises for task in self.live.visible(exercise)]

    def author(self, entry: Entry, ui: dict[str, str]) -> str:
        """Who wrote an entry, as the page shows people ("you" for this participant)."""
        if entry.participant_id == self.participant.id:
            return ui["progress_you"]
        return self.live.name(entry.participant_id) or ui["board_anonymous"]

    def task_label(self, task: Entry, ui: dict[str, str]) -> str:
        """A task as the picker shows it: its name, whose plan it is on and who does it, so two
        tasks with the same name stay apart."""
        owner = task.payload.get("owner")
        detail = self.author(task, ui) + (f", {ui['task_owner']}: {owner}" if owner else "")
        return f"{task.payload['task'][:60]} ({detail})"

    def initial_status(self, task: Entry) -> str:
        return self.store.history(task.entry_id)[0].payload.get("status", "todo")

    def check_ins(self, task_id: str) -> list[Entry]:
        self.live.poll()
        entries = self.live.visible(self.exercise)
        return [e for e in reversed(entries) if e.payload.get("task_id") == task_id]

    def check_in(self, task_id, status, on_track, changes) -> Entry:
        if task_id not in {task.entry_id for task in self.tasks()}:
            raise InputError("error_pick_task")
        if status not in TASK_STATUSES:
            raise InputError("error_bad_status")
        if not isinstance(on_track, bool):
            raise InputError("error_on_track")
        payload = {
            "task_id": task_id,
            "status": status,
            "on_track": on_track,
            "changes": clean_text(changes, limit=1000, required=False),
        }
        return self.store.add_entry(self.participant.workshop_id, self.participant.id, self.exercise, payload)


class ProgressForm:
    def __init__(self, model: ProgressMonitor, ui: dict[str, str]):
        self.model, self.ui = model, ui
        self.status = StatusLine(ui)
        self.task = widgets.Dropdown(options=[], value=None, description=ui["progress_task"])
        self.current = widgets.Dropdown(
            options=[(ui[f"status_{s}"], s) for s in TASK_STATUSES],
            value="doing",
            description=ui["progress_current"],
        )
        self.on_track = widgets.ToggleButtons(
            options=[(ui["progress_yes"], True), (ui["progress_no"], False)],
            value=True,
            description=ui["progress_on_track"],
        )
        self.changes = widgets.Textarea(
            description=ui["progress_changes"],
            continuous_update=False,
            rows=2,
            layout=widgets.Layout(width="100%"),
            style={"description_width": "initial"},
        )
        self.add_button = widgets.Button(description=ui["progress_add"], button_style="primary")
        self.add_button.on_click(lambda _b: self.add())
        self.history = widgets.HTML()
        self.task.observe(lambda _c: self.show_history(), names="value")
        self.widget = widgets.VBox(
            [
                self.task,
                self.history,
                self.current,
                self.on_track,
                self.changes,
                self.add_button,
                self.status.widget,
            ]
        )
        self.widget.add_class("cck-progress-monitor")
        self.reload_tasks()

    def on_show(self) -> None:
        self.reload_tasks()

    def reload_tasks(self) -> None:
        self.task.options = [(self.model.task_label(t, self.ui), t.entry_id) for t in self.model.tasks()]
        self.show_history()

    def add(self) -> None:
        saved = self.status.run(
            lambda: self.model.check_in(
                self.task.value, self.current.value, self.on_track.value, self.changes.value
            )
        )
        if saved is not None:
            self.changes.value = ""
        self.show_history()

    def show_history(self) -> None:
        ui = self.ui
        if not self.task.options:
            self.history.value = f"<p>{html.escape(ui['progress_no_tasks'])}</p>"
            return
        task = next((t for t in self.model.tasks() if t.entry_id == self.task.value), None)
        if task is None:
            self.history.value = ""
            return
        lines = [
            f"<li>{html.escape(ui['status_' + c.payload['status']])} · "
            f"{html.escape(ui['progress_yes'] if c.payload['on_track'] else ui['progress_no'])}"
            f"{' · ' + html.escape(c.payload['changes']) if c.payload['changes'] else ''}"
            f" <span class='cck-meta'>({html.escape(self.model.author(c, ui))}, "
            f"{html.escape(c.created_at[:16].replace('T', ' '))})</span></li>"
            for c in self.model.check_ins(task.entry_id)
        ]
        initial = ui["status_" + self.model.initial_status(task)]
        self.history.value = (
            f"<p>{html.escape(ui['progress_initial'])}: <b>{html.escape(initial)}</b></p>"
            f"<ol class='cck-history' reversed>{''.join(lines)}</ol>"
        )
