"""What a facilitator changes in a running workshop (no widgets): extra scorecard criteria,
and the live levers (bring everyone to a section, lock it, run a timer)."""

from __future__ import annotations

import re
import secrets
from datetime import datetime, timedelta, timezone

from ..content.plan import Plan, load_plan, load_ui
from ..kinds import Words, place_of
from ..kinds.scorecard import criteria_ref
from ..models import Entry
from ..store import CONTROL_EXERCISE, ConflictError, Store, StoreError
from ..store.control import SESSION_KEY, control_entry_id, lock_key, section_visibility, visibility_key

__all__ = ["WorkshopControl", "add_criterion", "vote_parts"]


def vote_parts(plan: Plan, section: str, ui: dict[str, str]) -> list[tuple[str, dict]]:
    """The parts of a section a dot vote can be narrowed to, so that a ballot stays short (an
    empathy map's areas, a value map's parts, an idea call's topics): its kind says which."""
    place = place_of(plan, section)
    return place.kind.vote_parts(place, Words(plan, ui)) if place is not None else []


def add_criterion(store: Store, workshop_id: str, exercise_ref: str, label: str) -> Entry:
    """A facilitator's extra criterion for every participant's scorecard of this exercise."""
    workshop = store.get_workshop(workshop_id)
    place = place_of(load_plan(workshop.plan, workshop.lang), exercise_ref)
    if place is None or place.part or "criteria" not in place.kind.sub_lists or place.ref != exercise_ref:
        raise StoreError(f"{exercise_ref} is not a partner scorecard in this workshop's plan.")
    text = label.strip() if isinstance(label, str) else ""
    if not text or len(text) > 120:
        raise StoreError("A criterion needs a name of at most 120 characters.")
    slug = "extra-" + (re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40] or "criterion")
    return store.add_entry(workshop_id, None, criteria_ref(exercise_ref), {"key": slug, "label": text})


class WorkshopControl:
    """The facilitator's levers on a running workshop: focus, locks and the timer.

    Widget-free: the board calls it and tests drive it directly. Only the facilitator app
    (opened with the key) constructs one; every page reads the settings through its
    :class:`~cocreate_kit.live.workshop.LiveWorkshop`.
    """

    MAX_TIMER_SECONDS = 2 * 60 * 60

    def __init__(self, store: Store, workshop_id: str):
        self.store = store
        self.workshop_id = workshop_id

    # -- reading what a write builds on (pages read the live state: cocreate_kit.live.workshop) ------

    def get(self, key: str) -> dict | None:
        entry = self.store.latest(control_entry_id(self.workshop_id, key))
        return None if entry is None or entry.deleted else entry.payload

    # -- writing (facilitator only) -------------------------------------------------------

    def bring_everyone(self, section: str) -> None:
        self._set("focus", {"section": section, "at": datetime.now(timezone.utc).isoformat()})

    def set_locked(self, section: str, locked: bool) -> None:
        self._set(lock_key(section), {"section": section, "locked": bool(locked)})

    def start_timer(self, section: str, seconds, lock_at_zero: bool = False) -> None:
        if (
            not isinstance(seconds, int)
            or isinstance(seconds, bool)
            or not 1 <= seconds <= self.MAX_TIMER_SECONDS
        ):
            raise StoreError(f"A timer runs from 1 second to {self.MAX_TIMER_SECONDS // 60} minutes.")
        ends = datetime.now(timezone.utc) + timedelta(seconds=seconds)
        self._set(
            "timer", {"section": section, "ends_at": ends.isoformat(), "lock_at_zero": bool(lock_at_zero)}
        )

    def visibility(self, section: str) -> dict:
        """``{"private": bool, "revealed": bool}``: private sections show each person only their own
        entries until the facilitator reveals them; open sections show everyone's all along."""
        return section_visibility(self.get(visibility_key(section)))

    def set_private(self, section: str, private: bool) -> None:
        self._set(visibility_key(section), {"section": section, "private": bool(private), "revealed": False})

    def reveal(self, section: str) -> None:
        self._set(visibility_key(section), {**self.visibility(section), "section": section, "revealed": True})

    def vote(self) -> dict | None:
        """The current (or last) dot vote: ``{"id", "section", "dots", "open"}``."""
        return self.get("vote")

    def start_vote(self, section: str, dots, only: dict | None = None) -> dict:
        """Open a dot vote on ``section``'s entries, or on one part of them (``only``, e.g.
        ``{"area": "pains"}``; one of ``vote_parts``): a short ballot instead of every note."""
        if not isinstance(dots, int) or isinstance(dots, bool) or not 1 <= dots <= 20:
            raise StoreError("Give each person from 1 to 20 dots.")
        only = dict(only or {})
        if only and only not in [part for _label, part in self._vote_parts(section)]:
            raise StoreError("A vote can be narrowed to one area, part or topic only.")
        vote = {"id": secrets.token_hex(6), "section": section, "dots": dots, "open": True}
        if only:
            vote["only"] = only
        self._set("vote", vote)
        return vote

    def _vote_parts(self, section: str) -> list[tuple[str, dict]]:
        workshop = self.store.get_workshop(self.workshop_id)
        return vote_parts(load_plan(workshop.plan, workshop.lang), section, load_ui(workshop.lang))

    def close_vote(self) -> None:
        vote = self.vote()
        if vote and vote.get("open"):
            self._set("vote", {**vote, "open": False})

    def stop_timer(self) -> None:
        self._set("timer", {"section": None})

    def end_session(self) -> None:
        """End the session: an open vote closes (its tally is final), the timer stops, and the
        store takes no more entries, edits or joins until :meth:`reopen_session`."""
        self.close_vote()
        self.stop_timer()
        self._set(SESSION_KEY, {"ended": True, "at": datetime.now(timezone.utc).isoformat()})

    def reopen_session(self) -> None:
        self._set(SESSION_KEY, {"ended": False, "at": datetime.now(timezone.utc).isoformat()})

    def _set(self, key: str, payload: dict) -> None:
        entry_id = control_entry_id(self.workshop_id, key)
        body = {"key": key, **payload}
        for _attempt in range(3):  # two facilitator windows may write at once: retry on the newest
            current = self.store.latest(entry_id)
            try:
                if current is None:
                    self.store.add_entry(self.workshop_id, None, CONTROL_EXERCISE, body, entry_id=entry_id)
                else:
                    self.store.revise_entry(entry_id, None, body, current.revision)
                return
            except ConflictError:
                continue
        raise StoreError("Another facilitator window keeps changing this setting; try again.")
