"""One answer per key (a question, a checklist item, a brief field): the model behind the
reflection, checklist and brief forms. Saving again adds a revision; nothing is overwritten."""

from __future__ import annotations

from ..models import Entry, Participant
from ..store import ConflictError, Store
from ..validation import InputError

__all__ = ["KeyedAnswers"]


class KeyedAnswers:
    """A participant's answers to one exercise, keyed by item id (``q1``, ``c3``, ``motivation``)."""

    def __init__(self, store: Store, participant: Participant, exercise: str, keys: list[str]):
        self.store = store
        self.participant = participant
        self.exercise = exercise
        self.keys = list(keys)
        self._entries: dict[str, Entry] = {}
        self.reload()

    def reload(self) -> None:
        """Read the participant's latest answers from the store."""
        self._entries = {
            entry.payload["key"]: entry
            for entry in self.store.entries(
                self.participant.workshop_id, exercise=self.exercise, participant_id=self.participant.id
            )
            if entry.payload.get("key") in self.keys
        }

    def get(self, key: str) -> dict:
        entry = self._entries.get(key)
        return {k: v for k, v in entry.payload.items() if k != "key"} if entry else {}

    def answers(self) -> dict[str, dict]:
        return {key: self.get(key) for key in self.keys if key in self._entries}

    def save(self, key: str, fields: dict) -> Entry:
        """Store the answer for ``key``: a new entry the first time, a revision afterwards."""
        if key not in self.keys:
            raise InputError("error_unknown_item")
        payload = {**fields, "key": key}
        current = self._entries.get(key)
        try:
            if current is None:
                entry = self.store.add_entry(
                    self.participant.workshop_id, self.participant.id, self.exercise, payload
                )
            else:
                entry = self.store.revise_entry(
                    current.entry_id, self.participant.id, payload, current.revision
                )
        except ConflictError:
            self.reload()  # another window saved first: show its version, keep nothing stale
            raise
        self._entries[key] = entry
        return entry
