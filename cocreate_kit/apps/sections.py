"""The participant's table of contents: each stage's exercises, questions and checklist, and
the form that opens for each."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..forms.answers import KeyedAnswers
from ..forms.checklist import ChecklistForm
from ..forms.records import Records
from ..forms.reflection import ReflectionForm
from ..live import LiveWorkshop
from ..models import Participant
from ..plan import Plan, Stage, plan_personas
from ..store import Store

__all__ = ["Section", "section_labels", "sections_for"]


@dataclass(frozen=True)
class Section:
    key: str  # the exercise reference entries are stored under, e.g. "ideation/checklist"
    label: str
    title: str
    instructions: str
    build: Callable[[], object]  # returns a form with a ``.widget``
    resources: tuple = ()  # public pages to learn more from (the plan's Resource items)


def sections_for(
    store: Store, participant: Participant, plan: Plan, ui: dict[str, str], live: LiveWorkshop | None = None
) -> list[Section]:
    """The page's sections; lists of other people's entries read ``live`` (the page's live state)."""
    live = live or LiveWorkshop(store, participant.workshop_id, viewer=participant.id)
    found = []
    for number, stage in enumerate(plan.stages, start=1):
        prefix = f"{number}. {stage.title}"
        for exercise in stage.exercises:
            build = _exercise_builder(store, live, participant, plan, stage, exercise.id, exercise.kind, ui)
            if build is not None:
                key = f"{stage.id}/{exercise.id}"
                found.append(
                    Section(
                        key,
                        f"{prefix}: {exercise.title}",
                        exercise.title,
                        exercise.instructions,
                        build,
                        exercise.resources,
                    )
                )
        questions_key, checklist_key = f"{stage.id}/questions", f"{stage.id}/checklist"
        if stage.questions:
            found.append(
                Section(
                    questions_key,
                    f"{prefix}: {ui['section_questions']}",
                    ui["section_questions"],
                    stage.intro,
                    lambda stage=stage, key=questions_key: ReflectionForm(
                        KeyedAnswers(store, participant, key, [q.id for q in stage.questions]),
                        list(stage.questions),
                        ui,
                    ),
                    stage.resources,  # the stage's reading sits with its questions
                )
            )
        if stage.checklist:
            found.append(
                Section(
                    checklist_key,
                    f"{prefix}: {ui['section_checklist']}",
                    ui["section_checklist"],
                    "",
                    lambda stage=stage, key=checklist_key: ChecklistForm(
                        KeyedAnswers(store, participant, key, [c.id for c in stage.checklist]),
                        list(stage.checklist),
                        ui,
                    ),
                )
            )
    return found


def _exercise_builder(store, live, participant, plan: Plan, stage: Stage, exercise_id: str, kind: str, ui):
    # Each kind's form module is imported when its section is first opened: a preheated
    # participant kernel carries only what its page shows (memory is counted per kernel).
    key = f"{stage.id}/{exercise_id}"
    if kind == "empathy-map":

        def empathy_map():
            from ..forms.empathy_map import empathy_map_form

            return empathy_map_form(store, participant, plan, plan_personas(plan), ui, key)

        return empathy_map
    if kind == "ideas":
        categories = list(plan.exercise(key).categories)

        def ideas():
            from ..forms.ideas import IdeasForm, idea_validator

            return IdeasForm(Records(store, participant, key, idea_validator(categories)), categories, ui)

        return ideas
    if kind == "brief":

        def brief():
            from ..forms.brief import BRIEF_FIELDS, BriefForm

            return BriefForm(KeyedAnswers(store, participant, key, list(BRIEF_FIELDS)), ui)

        return brief
    if kind == "value-map":

        def value_map():
            from ..forms.value_map import ValueMap, ValueMapForm

            return ValueMapForm(ValueMap(store, participant, key), ui)

        return value_map
    if kind == "partner-scorecard":
        exercise = plan.exercise(key)

        def scorecard():
            from ..forms.scorecard import PartnerScorecard, ScorecardForm

            return ScorecardForm(PartnerScorecard(store, participant, key, exercise), ui)

        return scorecard
    if kind == "task-plan":
        value_maps = [ref for ref, _exercise in plan.exercises_of_kind("value-map")]

        def task_plan():
            from ..forms.task_plan import TaskPlanForm, validate_task
            from ..forms.value_map import workshop_relievers

            def choices():
                return workshop_relievers(live, value_maps)

            def validate(fields):
                return validate_task(fields, frozenset(rid for _label, rid in choices()))

            return TaskPlanForm(Records(store, participant, key, validate), ui, choices)

        return task_plan
    if kind == "evaluation-grid":
        exercise = plan.exercise(key)

        def evaluation_grid():
            from ..forms.evaluation import EvaluationForm, EvaluationGrid

            return EvaluationForm(EvaluationGrid(store, participant, key, exercise), ui)

        return evaluation_grid
    if kind == "progress-monitor":
        task_refs = plan.reads(key)

        def progress_monitor():
            from ..forms.progress import ProgressForm, ProgressMonitor

            return ProgressForm(ProgressMonitor(store, participant, key, task_refs, live), ui)

        return progress_monitor
    return None


def section_labels(plan: Plan, ui: dict[str, str]) -> list[tuple[str, str]]:
    """``(key, label)`` of every section, as participants see them in their menu."""
    labels = []
    for number, stage in enumerate(plan.stages, start=1):
        prefix = f"{number}. {stage.title}"
        labels += [(f"{stage.id}/{e.id}", f"{prefix}: {e.title}") for e in stage.exercises]
        if stage.questions:
            labels.append((f"{stage.id}/questions", f"{prefix}: {ui['section_questions']}"))
        if stage.checklist:
            labels.append((f"{stage.id}/checklist", f"{prefix}: {ui['section_checklist']}"))
    return labels
