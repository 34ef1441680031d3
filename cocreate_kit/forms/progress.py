"""The progress monitor: for each planned task, its initial status and every later check-in
(current status, on track or not, changes made), newest first. Check-ins are never edited:
the history is the point."""

from __future__ import annotations

import html
from functools import cached_property

import ipywidgets as widgets

from ..kinds.task_plan import STATUSES as TASK_STATUSES
from ..kinds.tasks import overdue
from ..live.followup import Snapshot
from ..live.workshop import LiveWorkshop
from ..models import Entry, Participant
from ..store import Store
from ..validation import InputError, clean_text
from ..visibility import ROOM
from .status import StatusLine

__all__ = ["ProgressForm", "ProgressMonitor", "open_view"]


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

    @cached_property
    def thread(self):
        """The collaboration's earlier sessions, when this workshop is one of them (else None)."""
        workshop = self.store.get_workshop(self.participant.workshop_id)
        if workshop.collaboration_id is None:
            return None
        from ..live.followup import CollaborationThread

        # What everyone may see of the earlier sessions: not someone's unrevealed private check-in.
        return CollaborationThread(self.store, workshop.collaboration_id, until=workshop.id, viewer=ROOM)

    def tasks(self) -> list[Entry]:
        self.live.poll()
        return [task for exercise in self.task_exercises for task in self.live.visible(exercise)]

    def author(self, entry: Entry, ui: dict[str, str]) -> str:
        """Who wrote an entry, as the page shows people ("you" for this participant); a task
        carried from an earlier session says where it was first written."""
        if entry.participant_id == self.participant.id:
            return ui["progress_you"]
        if entry.participant_id is None and self.thread is not None:
            first = self.thread.created_in(entry.entry_id)
            if first is not None and first.id != self.participant.workshop_id:
                return ui["progress_carried_from"].format(workshop=first.title)
        return self.live.name(entry.participant_id) or ui["board_anonymous"]

    def task_label(self, task: Entry, ui: dict[str, str]) -> str:
        """A task as the picker shows it: its name, whose plan it is on and who does it, so two
        tasks with the same name stay apart."""
        owner = task.payload.get("owner")
        detail = self.author(task, ui) + (f", {ui['task_owner']}: {owner}" if owner else "")
        return f"{task.payload['task'][:60]} ({detail})"

    def initial_status(self, task: Entry) -> str:
        """The status the task had when it was first written (in an earlier session, if carried)."""
        if self.thread is not None:
            return self.thread.snapshots(task)[0].status
        return self.store.history(task.entry_id)[0].payload.get("status", "todo")

    def earlier(self, task: Entry) -> list[tuple[str, Snapshot]]:
        """``(session title, snapshot)`` of the task in the collaboration's earlier sessions,
        oldest first: where it started and every check-in before this workshop."""
        if self.thread is None:
            return []
        here = self.participant.workshop_id
        return [
            (self.thread.by_id[snap.workshop_id].title, snap)
            for snap in self.thread.snapshots(task)
            if snap.workshop_id != here
        ]

    def latest(self, task: Entry) -> tuple[str, bool | None]:
        """``(status, on track)`` as last reported: this workshop's newest check-in, else the
        last one of an earlier session, else the task's own status. A check-in form starts
        from it, so a person only changes what changed."""
        here = self.check_ins(task.entry_id)
        if here:
            return here[0].payload["status"], here[0].payload["on_track"]
        before = self.earlier(task)
        if before:
            return before[-1][1].status, before[-1][1].on_track
        return task.payload.get("status", "todo"), None

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
        self._prefilled_for: str | None = None  # the task the form was last pre-filled for
        # Full width: a carried task's label says where it comes from and who does it.
        wide = dict(layout=widgets.Layout(width="100%"), style={"description_width": "initial"})
        self.task = widgets.Dropdown(options=[], value=None, description=ui["progress_task"], **wide)
        self.current = widgets.Dropdown(
            options=[(ui[f"status_{s}"], s) for s in TASK_STATUSES],
            value="doing",
            description=ui["progress_current"],
            style={"description_width": "initial"},
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
        self.task.observe(lambda _c: self.start_from_latest(), names="value")
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
        self.start_from_latest()

    def _picked(self) -> Entry | None:
        return next((t for t in self.model.tasks() if t.entry_id == self.task.value), None)

    def start_from_latest(self) -> None:
        """Pre-fill status and on-track with what was last reported, when another task is picked
        (coming back to the section keeps what the person chose and has not saved yet)."""
        task = self._picked() if self.task.options else None
        if task is not None and task.entry_id != self._prefilled_for:
            status, on_track = self.model.latest(task)
            self.current.value = status if status in TASK_STATUSES else "doing"
            self.on_track.value = True if on_track is None else on_track
            self._prefilled_for = task.entry_id
        self.show_history()

    def add(self) -> None:
        saved = self.status.run(
            lambda: self.model.check_in(
                self.task.value, self.current.value, self.on_track.value, self.changes.value
            )
        )
        if saved is not None:
            self.changes.value = ""
            self._prefilled_for = None  # the next pick (or this one again) starts from the new report
        self.show_history()

    def show_history(self) -> None:
        ui = self.ui
        if not self.task.options:
            self.history.value = f"<p>{html.escape(ui['progress_no_tasks'])}</p>"
            return
        task = self._picked()
        if task is None:
            self.history.value = ""
            return
        earlier = [
            f"<li>{html.escape(ui['status_' + snap.status])}"
            + (
                ""
                if snap.on_track is None
                else f" · {html.escape(ui['progress_yes' if snap.on_track else 'progress_no'])}"
            )
            + (f" · {html.escape(snap.changes)}" if snap.changes else "")
            + f" <span class='cck-meta'>({html.escape(title)}, {html.escape(snap.at[:10])})</span></li>"
            for title, snap in self.model.earlier(task)
        ]
        late = overdue(task.payload, self.model.latest(task)[0])
        lines = [
            f"<li>{html.escape(ui['status_' + c.payload['status']])} · "
            f"{html.escape(ui['progress_yes'] if c.payload['on_track'] else ui['progress_no'])}"
            f"{' · ' + html.escape(c.payload['changes']) if c.payload['changes'] else ''}"
            f" <span class='cck-meta'>({html.escape(self.model.author(c, ui))}, "
            f"{html.escape(c.created_at[:16].replace('T', ' '))} UTC)</span></li>"
            for c in self.model.check_ins(task.entry_id)
        ]
        initial = ui["status_" + self.model.initial_status(task)]
        deadline = task.payload.get("deadline") or ""
        self.history.value = (
            f"<p>{html.escape(ui['progress_initial'])}: <b>{html.escape(initial)}</b>"
            + (f" · {html.escape(ui['task_deadline'])}: {html.escape(deadline)}" if deadline else "")
            + (f" · <b class='cck-overdue'>{html.escape(ui['hint_overdue'])}</b>" if late else "")
            + "</p>"
            + (
                f"<p>{html.escape(ui['progress_earlier'])}:</p>"
                f"<ol class='cck-earlier'>{''.join(earlier)}</ol>"
                if earlier
                else ""
            )
            + (
                f"<p>{html.escape(ui['progress_this_session'])}:</p>"
                f"<ol class='cck-history' reversed>{''.join(lines)}</ol>"
                if earlier and lines
                else f"<ol class='cck-history' reversed>{''.join(lines)}</ol>"
            )
        )


def open_view(page, place):
    """The progress monitor section: check-ins on the tasks of the plan's task plans."""
    task_refs = place.kind.reads(page.plan, place.ref)
    return ProgressForm(
        ProgressMonitor(page.store, page.participant, place.ref, task_refs, page.live), page.ui
    )
