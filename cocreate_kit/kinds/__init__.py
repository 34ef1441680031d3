"""Exercise kinds, one module each, behind one registry (``KINDS``).

A kind holds once its vocabulary, how an entry reads in words, which parts can be voted on and
what the board's overview aggregates; the participant form is a view in ``forms/`` that the
kind names. Widget-free, pandas-free: participant pages import this package.
"""

from __future__ import annotations

from ..content.plan import PLAN_CHECKS, PLAN_UPGRADES
from .base import Kind, Place, Reader, Words, author_name
from .blocks import Answers, Areas, Table
from .registry import (
    ENTRY_POINT_GROUP,
    KINDS,
    STAGE_PARTS,
    KindRegistry,
    UnknownKindError,
    entry_problem,
    place_of,
)

__all__ = [
    "ENTRY_POINT_GROUP",
    "GENERIC",
    "KINDS",
    "STAGE_PARTS",
    "Answers",
    "Areas",
    "Kind",
    "KindRegistry",
    "Place",
    "Reader",
    "Table",
    "UnknownKindError",
    "Words",
    "author_name",
    "carry_words",
    "entry_problem",
    "place_of",
    "plan_problems",
    "reads",
    "says",
]


GENERIC = Kind()  # an exercise the plan does not have: its text, if any


def says(entry, plan) -> str:
    """What an entry says in one line, by its kind (a note's text, a candidate's name, a task);
    its id when it says nothing (a weight) or its exercise is not in the plan."""
    place = place_of(plan, entry.exercise) if plan is not None else None
    kind = place.kind if place is not None else GENERIC
    return kind.says(entry.payload) or entry.entry_id


def reads(plan, ref: str) -> list[str]:
    """Other exercises whose entries a view of ``ref`` shows (a progress monitor: the task plans)."""
    place = place_of(plan, ref)
    return place.kind.reads(plan, place.ref) if place is not None else []


def carry_words() -> dict[str, str]:
    """What each carried part counts as, in words (for the terminal): {"task-plan": "open task(s)"}."""
    return {key: said for name in KINDS.names() for key, said in KINDS.get(name).carried.values()}


def plan_problems(plan) -> list[str]:
    """Each exercise of the plan whose kind is unknown or whose declaration its kind refuses, as
    "stages.N.exercises.M: what" lines (the paths a schema error names)."""
    problems = []
    for i, stage in enumerate(plan.stages):
        for j, exercise in enumerate(stage.exercises):
            where = f"stages.{i}.exercises.{j}"
            if exercise.kind not in KINDS:
                known = ", ".join(name for name in KINDS.names() if name not in STAGE_PARTS.values())
                problems.append(f"{where}.kind: unknown kind {exercise.kind!r} (known: {known})")
                continue
            problems += [f"{where}: {line}" for line in KINDS.get(exercise.kind).check(exercise, plan)]
    return problems


if plan_problems not in PLAN_CHECKS:  # a plan file naming an unknown kind fails when it is read
    PLAN_CHECKS.append(plan_problems)


def upgrade_plan_file(data):
    """A plan file's raw data in today's form (see ``canvas.upgrade_empathy_map_file``). The canvas
    module is imported only when a file is read: a page kernel given compiled content never is."""
    from .canvas import upgrade_empathy_map_file

    return upgrade_empathy_map_file(data)


if upgrade_plan_file not in PLAN_UPGRADES:  # a hub's plan file from before canvases still reads
    PLAN_UPGRADES.append(upgrade_plan_file)
