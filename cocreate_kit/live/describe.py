"""An entry in words, for lists people read ("Everyone's entries", the moderation picker, a
spreadsheet's "about" column): each kind says how (``kinds``); this module finds the kind of an
entry's exercise in the plan and hands it the words.

Widget-free; the plan gives the words of keyed answers, ``task_name(id)`` the names of tasks.
"""

from __future__ import annotations

from ..content.plan import Plan, plan_personas
from ..kinds import GENERIC, Words, author_name, place_of, says
from ..models import Entry

__all__ = ["about", "author_name", "describe", "says", "told_apart"]


def _words(plan: Plan, ui: dict[str, str], personas, task_name) -> Words:
    return Words(
        plan, ui, personas if personas is not None else {p.id: p for p in plan_personas(plan)}, task_name
    )


def about(
    entry: Entry, plan: Plan, ui: dict[str, str], personas=None, task_name=lambda _task_id: None
) -> str:
    """What an entry is about, in words: the question, checklist item or rated aspect it answers,
    the persona and area of a note, the value-map part, the task of a check-in ("" when there is
    nothing to say)."""
    place = place_of(plan, entry.exercise)
    if place is None:
        return ""
    return place.kind.about(entry, place, _words(plan, ui, personas, task_name))


def told_apart(
    entry: Entry, plan: Plan | None, ui: dict[str, str], author: str | None, limit: int = 0
) -> str:
    """What tells two look-alike entries apart wherever they are listed to be picked or ranked
    (the ballot, the board's tally, the projector's ranking, the moderation picker): the words
    (the first ``limit`` characters, if given), who wrote them, and where they sit. ``author``:
    the writer's display name, None when anonymous."""
    text = says(entry, plan)
    where = about(entry, plan, ui) if plan is not None else ""  # a ballot shown without its plan
    who = author_name(author, entry.participant_id, ui)
    return f"{text[:limit] if limit else text} — {who}" + (f" ({where})" if where else "")


def describe(entry: Entry, plan: Plan, ui: dict[str, str], task_name=lambda _task_id: None) -> str:
    """What ``entry`` says, in the page's words; ``task_name(id)`` names a check-in's task."""
    place = place_of(plan, entry.exercise)
    if place is None:
        return GENERIC.says(entry.payload) or entry.entry_id
    return place.kind.describe(entry, place, _words(plan, ui, {}, task_name))
