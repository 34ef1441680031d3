"""Moderation on the board: hide an entry, merge duplicates into one group, fix a typo.

Nothing is destroyed: every action is a facilitator entry in the ``_moderation`` log (who,
when, what before), a typo fix is a new revision that keeps its owner, and hidden or merged
entries stay in the store and in every export, marked.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .forms.validation import clean_text
from .models import Entry
from .store import Store, StoreError
from .store.control import MODERATION_EXERCISE

__all__ = ["MODERATION_EXERCISE", "Moderation", "ModerationState"]


@dataclass
class ModerationState:
    hidden: set[str] = field(default_factory=set)
    merged_into: dict[str, str] = field(default_factory=dict)  # duplicate id -> id it was merged into

    def visible(self, entry_id: str) -> bool:
        return entry_id not in self.hidden and entry_id not in self.merged_into

    def group_size(self, entry_id: str) -> int:
        return 1 + sum(1 for keep in self.merged_into.values() if keep == entry_id)

    @classmethod
    def from_log(cls, actions: list[Entry]) -> ModerationState:
        """Replay the moderation log, oldest first: the one place its meaning is decided."""
        state = cls()
        for action in actions:
            payload = action.payload
            if payload.get("action") == "hide":
                state.hidden.add(payload["target"])
            elif payload.get("action") == "unhide":
                state.hidden.discard(payload["target"])
            elif payload.get("action") == "merge":
                for duplicate in payload["merged"]:
                    state.merged_into[duplicate] = payload["target"]
        return state


class Moderation:
    def __init__(self, store: Store, workshop_id: str):
        self.store, self.workshop_id = store, workshop_id

    def log(self) -> list[Entry]:
        """Every moderation action, oldest first."""
        return self.store.entries(self.workshop_id, exercise=MODERATION_EXERCISE)

    def state(self) -> ModerationState:
        return ModerationState.from_log(self.log())

    def hide(self, entry: Entry, hidden: bool = True) -> None:
        self._record(
            {"action": "hide" if hidden else "unhide", "target": entry.entry_id, "before": entry.payload}
        )

    def merge(self, keep: Entry, duplicates: list[Entry]) -> None:
        others = [d for d in duplicates if d.entry_id != keep.entry_id]
        if not others:
            raise StoreError("Pick at least one other entry to merge into this one.")
        self._record(
            {
                "action": "merge",
                "target": keep.entry_id,
                "merged": [d.entry_id for d in others],
                "before": {d.entry_id: d.payload for d in others},
            }
        )

    def fix_text(self, entry: Entry, text: str) -> Entry:
        return self.store.moderate(
            entry.entry_id, {**entry.payload, "text": clean_text(text)}, entry.revision, {"action": "edit"}
        )

    def _record(self, payload: dict) -> None:
        self.store.add_entry(self.workshop_id, None, MODERATION_EXERCISE, payload)
