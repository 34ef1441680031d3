"""Records a participant adds, edits and deletes (tasks, candidates, ...): the shared part of
list-style forms. Each record is one entry; edits are revisions, deletes are tombstones."""

from __future__ import annotations

from ..models import Entry, Participant
from ..store import Store

__all__ = ["Records"]


class Records:
    """One participant's records on one exercise, validated by ``validate(fields) -> payload``."""

    def __init__(self, store: Store, participant: Participant, exercise: str, validate):
        self.store = store
        self.participant = participant
        self.exercise = exercise
        self.validate = validate

    def mine(self) -> list[Entry]:
        return self.store.entries(
            self.participant.workshop_id, exercise=self.exercise, participant_id=self.participant.id
        )

    def everyone(self) -> list[Entry]:
        return self.store.entries(self.participant.workshop_id, exercise=self.exercise)

    def add(self, **fields) -> Entry:
        payload = self.validate(fields)
        return self.store.add_entry(self.participant.workshop_id, self.participant.id, self.exercise, payload)

    def edit(self, entry: Entry, **fields) -> Entry:
        payload = self.validate(fields)
        return self.store.revise_entry(entry.entry_id, self.participant.id, payload, entry.revision)

    def delete(self, entry: Entry) -> Entry:
        return self.store.delete_entry(entry.entry_id, self.participant.id, entry.revision)
