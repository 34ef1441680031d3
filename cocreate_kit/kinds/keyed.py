"""Answers stored one per key (a question, a checklist item, a brief question, a rated aspect):
the words behind a key, and who answered what, question by question."""

from __future__ import annotations

from collections import defaultdict

from ..models import Entry
from .base import Kind, Place, Reader, Words
from .blocks import Answers

__all__ = ["StageListKind", "answers_by_key"]


class StageListKind(Kind):
    """A stage's own list answered one entry per item (its questions, its checklist): the
    stage field of the same name holds the items."""

    def _text(self, place: Place, key) -> str:
        items = getattr(place.stage, self.name)
        return next((item.text for item in items if item.id == key), str(key))

    def about(self, entry: Entry, place: Place, words: Words) -> str:
        return self._text(place, entry.payload.get("key"))


def answers_by_key(
    items: list[tuple[str, str]], entries: list[Entry], field: str, read: Reader, ui: dict[str, str]
) -> Answers:
    """``items`` (key, words) in order, each with every non-empty ``field`` given for it."""
    given = defaultdict(list)
    for entry in entries:
        if entry.payload.get(field):
            given[entry.payload.get("key")].append(
                (read.name(entry.participant_id, ui), entry.payload[field])
            )
    return Answers([(label, given.get(key, [])) for key, label in items])
