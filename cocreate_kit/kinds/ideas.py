"""An idea call: customers send ideas, each under one of the plan's topics (optional)."""

from __future__ import annotations

from .base import Kind, Place, Reader, Words
from .blocks import Block, Heading, NotDone, Table

__all__ = ["Ideas"]


class Ideas(Kind):
    name = "ideas"
    view = "cocreate_kit.forms.ideas:open_view"
    board_view = "cocreate_kit.apps.boards:ideas_board"
    board_count = "board_ideas"
    says_fields = ("text", "idea")
    vote_field = "category"
    uses = frozenset({"categories"})
    report_order = 30

    def vote_parts(self, place: Place, words: Words) -> list[tuple[str, dict]]:
        exercise = place.exercise
        return [(topic, {"category": topic}) for topic in (exercise.categories if exercise else ())]

    def report(self, places: list[Place], read: Reader, words: Words) -> list[Block]:
        """The ideas by topic, with who sent them."""
        ui = words.ui
        blocks: list[Block] = []
        for place in places:
            entries = read.visible(place.ref)
            if not entries:
                blocks.append(NotDone(place.title))
                continue
            rows: list[list] = [  # a Table's cells: values as stored
                [
                    e.payload.get("text"),
                    e.payload.get("category") or ui["board_no_category"],
                    read.name(e.participant_id, ui),
                ]
                for e in entries
            ]
            rows.sort(key=lambda row: row[1])  # stable: in the order sent within a topic
            blocks += [
                Heading(place.title),
                Table([ui["idea_label"], ui["idea_category"], ui["report_who"]], rows),
            ]
        return blocks
