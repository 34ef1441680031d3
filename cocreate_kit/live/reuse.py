"""Run a workshop again: a new workshop with the old one's setup, and none of its entries.

What is copied is what the facilitator set up, not what people wrote: the plan and its
language, the facilitator's own entries in an exercise's setup lists (an extra scorecard
criterion, say: the lists a kind names in ``sub_lists``) and which exercises run as private
rounds (unrevealed again). Entries, votes, locks, timers and the session's end stay behind.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..content.plan import load_plan
from ..kinds import place_of
from ..models import NewWorkshop
from ..store import Store
from ..store.control import section_visibility, visibility_key
from ..visibility import is_internal
from .facilitation import WorkshopControl
from .workshop import LiveWorkshop

__all__ = ["RunAgain", "run_again"]


@dataclass(frozen=True)
class RunAgain:
    created: NewWorkshop
    setup_entries: int  # facilitator setup entries copied (added criteria, ...)
    private_rounds: int  # exercises that start as private rounds again


def run_again(store: Store, source_id: str, title: str | None = None) -> RunAgain:
    """A new workshop like ``source_id`` (its title unless ``title``), ready to run."""
    source = store.get_workshop(source_id)
    plan = load_plan(source.plan, source.lang)
    live = LiveWorkshop(store, source_id)
    setup = [
        entry
        for ref in live.exercise_refs()
        if not is_internal(ref)
        for entry in live.all_entries(ref)
        if entry.participant_id is None and _is_setup_list(plan, ref)
    ]
    private = sorted(
        str(setting["section"])
        for key, setting in live.settings.items()
        if key == visibility_key(str(setting.get("section"))) and section_visibility(setting)["private"]
    )
    created = store.create_workshop(
        title if title is not None else source.title, plan=source.plan, lang=source.lang
    )
    for entry in setup:
        store.add_entry(created.workshop.id, None, entry.exercise, entry.payload)
    control = WorkshopControl(store, created.workshop.id)
    for section in private:
        control.set_private(section, True)
    return RunAgain(created, len(setup), len(private))


def _is_setup_list(plan, ref: str) -> bool:
    place = place_of(plan, ref)
    return place is not None and bool(place.part)
