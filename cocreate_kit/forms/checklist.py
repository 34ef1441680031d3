"""The stage checklist: each item open, done or not applicable, with a comment; shows progress."""

from __future__ import annotations

import html

import ipywidgets as widgets

from ..content.plan import ChecklistItem
from ..kinds.checklist import STATES
from ..validation import InputError, clean_text
from .answers import KeyedAnswers
from .status import StatusLine

__all__ = ["ChecklistForm", "checklist_progress", "open_view"]


def checklist_progress(answers: dict[str, dict], total: int) -> tuple[int, int, int]:
    """``(done, not applicable, total)`` from the stored answers."""
    states = [answer.get("state", "open") for answer in answers.values()]
    return states.count("done"), states.count("na"), total


def checklist_fields(state, comment) -> dict:
    """Validated answer for one item (the page can send any value)."""
    if state not in STATES:
        raise InputError("error_bad_status")
    return {"state": state, "comment": clean_text(comment, limit=500, required=False)}


class ChecklistItemRow:
    def __init__(self, form: ChecklistForm, number: int, item: ChecklistItem):
        ui, stored = form.ui, form.model.get(item.id)
        self.text = widgets.HTML(f"<div class='cck-item'>{number}. {html.escape(item.text)}</div>")
        self.state = widgets.ToggleButtons(
            options=[
                (ui["checklist_open"], "open"),
                (ui["checklist_done"], "done"),
                (ui["checklist_na"], "na"),
            ],
            value=stored.get("state", "open"),
            style={"button_width": "auto"},
        )
        self.comment = widgets.Text(
            value=stored.get("comment", ""),
            description=ui["checklist_comment"],
            continuous_update=False,
            layout=widgets.Layout(width="100%"),
            style={"description_width": "initial"},
        )
        self.state.observe(lambda _c: form.save(item.id, self.state.value, self.comment.value), names="value")
        self.comment.observe(
            lambda _c: form.save(item.id, self.state.value, self.comment.value), names="value"
        )
        self.widget = widgets.VBox([self.text, self.state, self.comment, form.status.slot(item.id)])
        self.widget.add_class("cck-check-row")


class ChecklistForm:
    def __init__(self, model: KeyedAnswers, items: list[ChecklistItem], ui: dict[str, str]):
        self.model, self.ui, self.total = model, ui, len(items)
        self.status = StatusLine(ui)
        self.progress = widgets.HTML()
        self.rows = {item.id: ChecklistItemRow(self, n, item) for n, item in enumerate(items, start=1)}
        self.widget = widgets.VBox(
            [self.progress, *(r.widget for r in self.rows.values()), self.status.widget]
        )
        self.widget.add_class("cck-checklist")
        self._show_progress()

    def save(self, key: str, state, comment) -> None:
        def saved():
            result = self.model.save(key, checklist_fields(state, comment))
            self._show_progress()
            return result

        self.status.run(saved, draft=key)
        self._show_progress()

    def _show_progress(self) -> None:
        done, na, total = checklist_progress(self.model.answers(), self.total)
        text = self.ui["checklist_progress"].format(done=done, na=na, total=total)
        self.progress.value = f"<p class='cck-progress'><b>{html.escape(text)}</b></p>"


def open_view(page, place):
    """A stage's checklist."""
    items = list(place.stage.checklist)
    return ChecklistForm(
        KeyedAnswers(page.store, page.participant, place.ref, [c.id for c in items]), items, page.ui
    )
