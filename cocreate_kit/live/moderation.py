"""Moderation on the board: hide an entry, merge duplicates into one group, fix a typo, and
undo each: show it again, un-merge a group, restore an entry its author deleted.

Nothing is destroyed: every action is a facilitator entry in the ``_moderation`` log (who,
when, what before), a typo fix is a new revision that keeps its owner, and hidden or merged
entries stay in the store and in every export, marked.
"""

from __future__ import annotations

from ..models import Entry
from ..store import Store, StoreError
from ..store.control import MODERATION_EXERCISE
from ..validation import clean_text
from ..visibility import ModerationState

__all__ = ["MODERATION_EXERCISE", "Moderation", "ModerationState"]


class Moderation:
    def __init__(self, store: Store, workshop_id: str):
        self.store, self.workshop_id = store, workshop_id

    def log(self) -> list[Entry]:
        """Every moderation action, oldest first."""
        return self.store.entries(self.workshop_id, exercise=MODERATION_EXERCISE)

    def state(self) -> ModerationState:
        return ModerationState.from_log(action.payload for action in self.log())

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

    def unmerge(self, keep: Entry) -> None:
        """Give every entry merged into ``keep`` back its own place (logged, like the merge)."""
        merged = sorted(d for d, k in self.state().merged_into.items() if k == keep.entry_id)
        if not merged:
            raise StoreError("Nothing is merged into this entry.")
        self._record({"action": "unmerge", "target": keep.entry_id, "merged": merged})

    def deleted(self, exercise: str) -> list[Entry]:
        """Entries of ``exercise`` their authors deleted (as they read then), newest first."""
        return list(reversed(self.store.deleted_entries(self.workshop_id, None, exercise, anyone=True)))

    def restore(self, entry: Entry) -> Entry:
        """Bring back an entry its author deleted, for them, with a record in the log."""
        return self.store.restore_entry(entry.entry_id, None, entry.revision, log={"action": "restore"})

    def fix_text(self, entry: Entry, text: str) -> Entry:
        return self.store.moderate(
            entry.entry_id, {**entry.payload, "text": clean_text(text)}, entry.revision, {"action": "edit"}
        )

    def _record(self, payload: dict) -> None:
        self.store.add_entry(self.workshop_id, None, MODERATION_EXERCISE, payload)
