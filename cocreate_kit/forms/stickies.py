"""Sticky notes on a canvas: the model behind every canvas form (no widgets, no SQL). A canvas
about people (the empathy map) groups notes by persona; the others have no groups (``groups``
empty)."""

from __future__ import annotations

from dataclasses import dataclass

from ..models import Entry, Participant
from ..store import Store
from ..validation import InputError, clean_text

__all__ = ["Note", "StickyNotes"]


@dataclass(frozen=True)
class Note:
    entry_id: str
    revision: int
    group: str  # e.g. the persona id ("" on a canvas without groups)
    area: str
    text: str

    @classmethod
    def from_entry(cls, entry: Entry) -> Note:
        payload = entry.payload
        return cls(entry.entry_id, entry.revision, payload.get("group", ""), payload["area"], payload["text"])


class StickyNotes:
    """One participant's notes on one exercise, grouped (by persona) and placed in areas."""

    def __init__(
        self,
        store: Store,
        participant: Participant,
        exercise: str,
        groups: list[str],
        areas: list[str],
    ):
        self.store = store
        self.participant = participant
        self.exercise = exercise
        self.groups = list(groups)
        self.areas = list(areas)

    def notes(self, group: str | None = None) -> list[Note]:
        found = [
            Note.from_entry(entry)
            for entry in self.store.entries(
                self.participant.workshop_id, exercise=self.exercise, participant_id=self.participant.id
            )
        ]
        return [note for note in found if group is None or note.group == group]

    def add(self, group, area, text) -> Note:
        payload = self._payload(group, area, text)
        entry = self.store.add_entry(
            self.participant.workshop_id, self.participant.id, self.exercise, payload
        )
        return Note.from_entry(entry)

    def edit(self, note: Note, text) -> Note:
        payload = self._payload(note.group, note.area, text)
        entry = self.store.revise_entry(note.entry_id, self.participant.id, payload, note.revision)
        return Note.from_entry(entry)

    def delete(self, note: Note) -> None:
        self.store.delete_entry(note.entry_id, self.participant.id, note.revision)

    def _payload(self, group, area, text) -> dict:
        if self.groups and group not in self.groups:
            raise InputError("error_pick_persona")
        if area not in self.areas:
            raise InputError("error_unknown_area")
        payload = {"group": group} if self.groups else {}
        return {**payload, "area": area, "text": clean_text(text)}
