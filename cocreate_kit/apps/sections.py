"""The participant's table of contents: each stage's exercises, questions and checklist, and
the form that opens for each (the view its kind names)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any, Protocol

from ..content.plan import Plan
from ..forms.page import Page, open_view
from ..kinds import place_of
from ..live.workshop import LiveWorkshop
from ..models import Participant
from ..store import Store

__all__ = ["Form", "Section", "section_labels", "sections_for"]

log = logging.getLogger(__name__)


class Form(Protocol):
    """What a section's view builds: any form with a ``.widget`` to put on the page."""

    widget: Any  # an ipywidgets widget (ipywidgets ships no type information)


@dataclass(frozen=True)
class Section:
    key: str  # the exercise reference entries are stored under, e.g. "ideation/checklist"
    label: str
    title: str
    instructions: str
    build: Callable[[], Form]
    resources: tuple = ()  # public pages to learn more from (the plan's Resource items)


def sections_for(
    store: Store, participant: Participant, plan: Plan, ui: dict[str, str], live: LiveWorkshop | None = None
) -> list[Section]:
    """The page's sections; lists of other people's entries read ``live`` (the page's live state).
    An exercise whose kind has no participant view (or is not installed) has no section."""
    live = live or LiveWorkshop(store, participant.workshop_id, viewer=participant.id)
    page = Page(store, participant, plan, ui, live)
    found = []
    for key, label in section_labels(plan, ui, compact=True):
        place = place_of(plan, key)
        if place is None or not place.kind.view:
            log.warning("section %s has no participant view (kind not installed?)", key)
            continue
        exercise = place.exercise
        if exercise is not None:
            title, instructions, resources = exercise.title, exercise.instructions, exercise.resources
        else:  # a stage's questions (with the stage's introduction and reading) or checklist
            questions = key.endswith("/questions")
            title = ui["section_questions" if questions else "section_checklist"]
            instructions = place.stage.intro if questions else ""
            resources = place.stage.resources if questions else ()
        found.append(Section(key, label, title, instructions, partial(open_view, page, place), resources))
    return found


def section_labels(plan: Plan, ui: dict[str, str], compact: bool = False) -> list[tuple[str, str]]:
    """``(key, label)`` of every section: "2. Preparation: Task plan" on the board; ``compact``
    for a participant's menu, "2. Task plan" (the stage's number without its name), so that the
    longest one fits a 360 px phone's picker."""
    labels = []
    for number, stage in enumerate(plan.stages, start=1):
        prefix = f"{number}." if compact else f"{number}. {stage.title}:"
        labels += [(f"{stage.id}/{e.id}", f"{prefix} {e.title}") for e in stage.exercises]
        if stage.questions:
            labels.append((f"{stage.id}/questions", f"{prefix} {ui['section_questions']}"))
        if stage.checklist:
            labels.append((f"{stage.id}/checklist", f"{prefix} {ui['section_checklist']}"))
    return labels
