"""The facilitator's Python API: open a workshop and get each exercise as a pandas DataFrame.

What it shows is what the board shows: the facilitator's moderated view (hidden notes and
duplicates merged away are left out), read through :class:`~cocreate_kit.live.workshop.LiveWorkshop`,
the one place the visibility rule is applied. Exports keep every entry, marked.

from cocreate_kit.report.data import open_workshop
ws = open_workshop("a1b2c3d4e5f60718")          # store from $COCREATE_DB or cocreate.db
ws.exercises()                                   # ['ideation/empathy-map', ...]
ws.exercise("preparation/task-plan")             # one row per current entry
"""

from __future__ import annotations

from functools import cached_property

import pandas as pd

from ..content.plan import Plan, load_plan, load_ui, plan_personas
from ..kinds import Reader, Words, author_name, place_of
from ..live.workshop import LiveWorkshop
from ..models import Workshop
from ..store import Store
from ..store.control import section_of
from ..visibility import is_internal

__all__ = ["WorkshopData", "open_workshop"]

_FIXED = ["entry_id", "participant", "revision", "created_at", "updated_at"]


def is_contribution(plan: Plan, exercise_ref: str) -> bool:
    """What people wrote, not the workshop's settings, log and dots, nor the lists a kind keeps
    settings in (a scorecard's weights and added criteria)."""
    place = place_of(plan, exercise_ref)
    return not is_internal(exercise_ref) and not (place is not None and place.part in place.kind.settings)


class WorkshopData:
    """Read-only views of one workshop's entries as tidy DataFrames."""

    def __init__(self, store: Store, workshop_id: str, lang: str | None = None):
        self.store = store
        self.workshop: Workshop = store.get_workshop(workshop_id)
        self.lang = lang or self.workshop.lang  # the plan's words in the reader's language
        self.plan: Plan = load_plan(self.workshop.plan, self.lang)
        self.personas = {p.id: p for p in plan_personas(self.plan)}
        people = store.participants(workshop_id)
        self.names = {p.id: p.display_name for p in people}
        self.participant_count = len(people)
        self.live = LiveWorkshop(store, workshop_id)
        self._entries = [e for ref in self.live.exercise_refs() for e in self.live.visible(ref)]
        self._first_written: dict[str, str] = {}
        for revision in store.changes_since(workshop_id, 0):
            self._first_written.setdefault(revision.entry_id, revision.created_at)

    def exercises(self) -> list[str]:
        """Every exercise reference that has entries, in plan order where the plan knows it."""
        refs = [f"{stage.id}/{exercise.id}" for stage in self.plan.stages for exercise in stage.exercises]
        found = {entry.exercise for entry in self._entries}

        def plan_position(ref: str):
            base = section_of(ref)  # "preparation/task-plan/weights" sorts with its exercise
            return (refs.index(base) if base in refs else len(refs), ref)

        return sorted(found, key=plan_position)

    def exercise(self, exercise_ref: str) -> pd.DataFrame:
        """One row per current entry of the exercise: who, when, and every field it holds."""
        rows = []
        for entry in self._entries:
            if entry.exercise != exercise_ref:
                continue
            rows.append(
                {
                    "entry_id": entry.entry_id,
                    "participant": self.author(entry.participant_id),
                    "revision": entry.revision,
                    "created_at": self._first_written[entry.entry_id],
                    "updated_at": entry.created_at,
                    **entry.payload,
                }
            )
        frame = pd.DataFrame(rows)
        if frame.empty:
            return pd.DataFrame(columns=_FIXED)
        return frame

    def author(self, participant_id: str | None) -> str:
        """Who wrote an entry, in the report's language (no name: anonymous; none: the facilitator)."""
        name = self.names.get(participant_id) if participant_id is not None else None  # None: the facilitator
        return author_name(name, participant_id, load_ui(self.lang))

    @cached_property
    def reader(self) -> Reader:
        """What the kinds' report sections read: the facilitator's moderated view, names and
        first-write times."""
        return Reader(
            self.live.visible, self.live.all_entries, self.names, lambda i: self._first_written.get(i, "")
        )

    @cached_property
    def words(self) -> Words:
        def name_of(entry_id: str) -> str | None:
            found = self.live.entry(entry_id)
            return found.payload.get("task") if found is not None else None

        return Words(self.plan, load_ui(self.lang), self.personas, name_of)

    @property
    def entry_count(self) -> int:
        """What people contributed: notes, answers, tasks, ratings... not the workshop's settings,
        moderation log, dots or scorecard weights and criteria (records, not contributions)."""
        return sum(1 for entry in self._entries if is_contribution(self.plan, entry.exercise))

    def last_activity(self) -> str | None:
        return max((e.created_at for e in self._entries), default=None)


def open_workshop(workshop_id: str, db: str | None = None) -> WorkshopData:
    return WorkshopData(Store(db), workshop_id)
