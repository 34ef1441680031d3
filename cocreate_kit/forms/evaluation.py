"""The evaluation grid: rate each aspect on the plan's scale with a note, mark each strategic
goal reached / partly / missed with the reason, and list improvement actions by impact."""

from __future__ import annotations

import html

import ipywidgets as widgets

from ..content.plan import Exercise
from ..kinds.base import sub_ref
from ..kinds.evaluation import GOAL_RESULTS, PRIORITIES
from ..models import Entry, Participant
from ..store import Store
from ..validation import InputError, clean_text
from .answers import KeyedAnswers
from .records import Records
from .status import StatusLine

__all__ = ["EvaluationForm", "EvaluationGrid", "open_view"]


def validate_rating(rating, note, scale_size: int) -> dict:
    # bool is an int subclass: True must not pass as rating 1.
    if not isinstance(rating, int) or isinstance(rating, bool) or not 1 <= rating <= scale_size:
        raise InputError("error_rating", max=scale_size)
    return {"rating": rating, "note": clean_text(note, limit=1000, required=False)}


def validate_goal(fields: dict) -> dict:
    if fields.get("result") not in GOAL_RESULTS:
        raise InputError("error_goal_result")
    return {
        "kind": "goal",
        "goal": clean_text(fields.get("goal"), limit=300, empty="error_empty_goal"),
        "result": fields["result"],
        "reason": clean_text(fields.get("reason"), limit=1000, required=False),
    }


def validate_action(fields: dict) -> dict:
    if fields.get("priority") not in PRIORITIES:
        raise InputError("error_priority")
    return {
        "kind": "action",
        "action": clean_text(fields.get("action"), limit=300, empty="error_empty_action"),
        "priority": fields["priority"],
    }


class EvaluationGrid:
    """The three parts of one participant's evaluation, each stored under its own exercise key."""

    def __init__(self, store: Store, participant: Participant, exercise_ref: str, exercise: Exercise):
        self.exercise = exercise
        self.ratings = KeyedAnswers(store, participant, f"{exercise_ref}", [a.id for a in exercise.aspects])
        self.goals = Records(store, participant, sub_ref(exercise_ref, "goals"), validate_goal)
        self.actions = Records(store, participant, sub_ref(exercise_ref, "actions"), validate_action)

    def rate(self, aspect_id: str, rating, note) -> Entry:
        return self.ratings.save(aspect_id, validate_rating(rating, note, len(self.exercise.scale)))

    def actions_by_priority(self) -> list[Entry]:
        return sorted(self.actions.mine(), key=lambda e: PRIORITIES.index(e.payload["priority"]))


class EvaluationForm:
    def __init__(self, model: EvaluationGrid, ui: dict[str, str]):
        self.model, self.ui = model, ui
        self.status = StatusLine(ui)
        scale = [(label, n) for n, label in enumerate(model.exercise.scale, start=1)]
        self.ratings: dict[str, tuple[widgets.ToggleButtons, widgets.Text]] = {}
        aspect_rows = []
        for aspect in model.exercise.aspects:
            stored = model.ratings.get(aspect.id)
            buttons = widgets.ToggleButtons(
                options=scale, value=stored.get("rating"), style={"button_width": "auto"}
            )
            note = widgets.Text(value=stored.get("note", ""), description=ui["evaluation_note"], **_wide())
            for control in (buttons, note):
                control.observe(lambda _c, a=aspect.id: self.rate(a), names="value")
            self.ratings[aspect.id] = (buttons, note)
            aspect_rows.append(
                widgets.VBox(
                    [
                        widgets.HTML(f"<b>{html.escape(aspect.label)}</b> — {html.escape(aspect.prompt)}"),
                        buttons,
                        note,
                        self.status.slot(aspect.id),
                    ]
                )
            )
        self.goal = widgets.Text(description=ui["evaluation_goal"], **_wide())
        self.goal_result = widgets.Dropdown(
            options=[(ui[f"goal_{r}"], r) for r in GOAL_RESULTS],
            value="achieved",
            description=ui["evaluation_result"],
        )
        self.goal_reason = widgets.Text(description=ui["evaluation_reason"], **_wide())
        self.add_goal = widgets.Button(description=ui["evaluation_add_goal"], button_style="primary")
        self.add_goal.on_click(lambda _b: self.save_goal())
        self.action = widgets.Text(description=ui["evaluation_action"], **_wide())
        self.priority = widgets.Dropdown(
            options=[(ui[f"priority_{p}"], p) for p in PRIORITIES],
            value="high",
            description=ui["evaluation_priority"],
        )
        self.add_action = widgets.Button(description=ui["evaluation_add_action"], button_style="primary")
        self.add_action.on_click(lambda _b: self.save_action())
        self.goals_list, self.actions_list = widgets.HTML(), widgets.HTML()
        self.widget = widgets.VBox(
            [
                *aspect_rows,
                widgets.HTML(f"<h4>{html.escape(ui['evaluation_goals'])}</h4>"),
                self.goals_list,
                self.goal,
                self.goal_result,
                self.goal_reason,
                self.add_goal,
                self.status.slot("goals"),
                widgets.HTML(f"<h4>{html.escape(ui['evaluation_actions'])}</h4>"),
                self.actions_list,
                self.action,
                self.priority,
                self.add_action,
                self.status.slot("actions"),
                self.status.widget,
            ],
            layout=widgets.Layout(width="100%"),
        )
        self.widget.add_class("cck-evaluation")
        self._show_lists()

    def rate(self, aspect_id: str) -> None:
        buttons, note = self.ratings[aspect_id]
        if buttons.value is None:  # a note before a rating waits for the rating
            return
        self.status.run(self.model.rate, aspect_id, buttons.value, note.value, draft=aspect_id)

    def save_goal(self) -> None:
        fields = dict(goal=self.goal.value, result=self.goal_result.value, reason=self.goal_reason.value)
        if self.status.run(lambda: self.model.goals.add(**fields), near="goals") is not None:
            self.goal.value = self.goal_reason.value = ""
        self._show_lists()

    def save_action(self) -> None:
        fields = dict(action=self.action.value, priority=self.priority.value)
        if self.status.run(lambda: self.model.actions.add(**fields), near="actions") is not None:
            self.action.value = ""
        self._show_lists()

    def _show_lists(self) -> None:
        goals = "".join(_goal_html(g.payload, self.ui) for g in self.model.goals.mine())
        actions = "".join(_action_html(a.payload, self.ui) for a in self.model.actions_by_priority())
        self.goals_list.value = f"<ul>{goals}</ul>"
        self.actions_list.value = f"<ol>{actions}</ol>"


def _goal_html(goal: dict, ui: dict[str, str]) -> str:
    reason = f" — {html.escape(goal['reason'])}" if goal["reason"] else ""
    result = html.escape(ui["goal_" + goal["result"]])
    return f"<li>{html.escape(goal['goal'])}: <b>{result}</b>{reason}</li>"


def _action_html(action: dict, ui: dict[str, str]) -> str:
    priority = html.escape(ui["priority_" + action["priority"]])
    return f"<li>{html.escape(action['action'])} ({priority})</li>"


def _wide() -> dict:
    return dict(
        continuous_update=False, layout=widgets.Layout(width="100%"), style={"description_width": "initial"}
    )


def open_view(page, place):
    """The evaluation grid section of a participant page."""
    return EvaluationForm(EvaluationGrid(page.store, page.participant, place.ref, place.exercise), page.ui)
