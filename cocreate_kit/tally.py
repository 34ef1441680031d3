"""Dot-vote vocabulary shared by the ballot, the board and the report (no widgets, no SQL); the
tally itself is :meth:`cocreate_kit.live.LiveWorkshop.tally`."""

from __future__ import annotations

from .models import Entry
from .visibility import vote_exercise

__all__ = ["VOTE_PART_FIELDS", "entry_label", "vote_exercise"]

# What a vote can be narrowed to: an empathy-map area, a value-map part, an idea's topic.
VOTE_PART_FIELDS = ("area", "part", "category")


def entry_label(entry: Entry) -> str:
    """What an entry says, whatever its kind (a note's text, a candidate's name, a task...)."""
    payload = entry.payload
    for field in ("text", "name", "task", "goal", "action", "idea", "answer"):
        if payload.get(field):
            return str(payload[field])
    return entry.entry_id
