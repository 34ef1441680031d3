"""Dot-vote arithmetic shared by the ballot, the board and the report (no widgets, no SQL)."""

from __future__ import annotations

from collections import Counter

from .models import Entry
from .store import Store

__all__ = ["entry_label", "tally", "vote_exercise"]


def entry_label(entry: Entry) -> str:
    """What an entry says, whatever its kind (a note's text, a candidate's name, a task...)."""
    payload = entry.payload
    for field in ("text", "name", "task", "goal", "action", "idea", "answer"):
        if payload.get(field):
            return str(payload[field])
    return entry.entry_id


def tally(store: Store, workshop_id: str, vote: dict) -> list[tuple[Entry, int]]:
    """Every votable entry with its dots, most dots first (ties keep board order)."""
    dots = Counter(d.payload["target"] for d in store.entries(workshop_id, exercise=vote_exercise(vote)))
    targets = store.entries(workshop_id, exercise=vote["section"])
    return sorted(((t, dots.get(t.entry_id, 0)) for t in targets), key=lambda pair: -pair[1])


def vote_exercise(vote: dict) -> str:
    return f"_vote/{vote['id']}"
