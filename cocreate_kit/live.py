"""What a live board knows: the current entries of one exercise, kept up to date by polling
``changes_since`` with a cursor (no widgets, no SQL)."""

from __future__ import annotations

from dataclasses import dataclass

from .models import Entry, Participant
from .store import Store
from .store.control import MODERATION_EXERCISE

__all__ = ["LiveExercise", "PlacedNote"]


@dataclass(frozen=True)
class PlacedNote:
    text: str
    author: str | None  # None: written by a participant who stays anonymous
    seq: int
    group: int = 1  # how many duplicates were merged into this note (itself included)


class LiveExercise:
    """Current entries of one exercise across all participants, updated incrementally."""

    def __init__(self, store: Store, workshop_id: str, exercise: str):
        self.store = store
        self.workshop_id = workshop_id
        self.exercise = exercise
        self.cursor = 0
        self.current: dict[str, Entry] = {}
        self.first_seq: dict[str, int] = {}
        self.people: dict[str, Participant] = {}

    def poll(self) -> bool:
        """Fetch what changed since the last poll; True when the board should redraw."""
        changed = False
        people = self.store.participants(self.workshop_id)
        if len(people) != len(self.people):
            self.people = {person.id: person for person in people}
            changed = True
        for entry in self.store.changes_since(self.workshop_id, self.cursor):
            self.cursor = entry.seq
            if entry.exercise == MODERATION_EXERCISE:
                changed = True  # a hide, merge or correction changes what the board shows
                continue
            if entry.exercise != self.exercise:
                continue
            changed = True
            self.first_seq.setdefault(entry.entry_id, entry.seq)
            if entry.deleted:
                self.current.pop(entry.entry_id, None)
            else:
                self.current[entry.entry_id] = entry
        return changed

    def placed(self, moderation=None) -> dict[str, dict[str, list[PlacedNote]]]:
        """Notes grouped as ``{group: {area: [note, ...]}}``, oldest first; hidden and merged
        duplicates left out, a merged group counted on the note it was merged into."""
        grouped: dict[str, dict[str, list[PlacedNote]]] = {}
        for entry in sorted(self.current.values(), key=lambda e: self.first_seq[e.entry_id]):
            if moderation is not None and not moderation.visible(entry.entry_id):
                continue
            payload = entry.payload
            person = self.people.get(entry.participant_id)
            author = person.display_name if person else None
            group = moderation.group_size(entry.entry_id) if moderation is not None else 1
            note = PlacedNote(text=payload.get("text", ""), author=author, seq=entry.seq, group=group)
            grouped.setdefault(payload.get("group", ""), {}).setdefault(payload.get("area", ""), []).append(
                note
            )
        return grouped
