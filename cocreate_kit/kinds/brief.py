"""The co-creation brief: four questions the pair answers together (why co-create, what for,
which results, how success is seen)."""

from __future__ import annotations

from ..models import Entry
from .base import Kind, Place, Reader, Words
from .blocks import Answers, Block, Heading, Line, NotDone
from .keyed import answers_by_key

__all__ = ["FIELDS", "Brief"]

FIELDS = ("motivation", "objectives", "results", "success")  # their words: UI texts brief_<field>


class Brief(Kind):
    name = "brief"
    view = "cocreate_kit.forms.brief:open_view"
    report_order = 10

    def about(self, entry: Entry, place: Place, words: Words) -> str:
        key = str(entry.payload.get("key"))
        return words.ui.get(f"brief_{key}", key)

    def questions(self, ui: dict[str, str]) -> list[tuple[str, str]]:
        return [(field, ui[f"brief_{field}"]) for field in FIELDS]

    def overview(self, place: Place, read: Reader, words: Words) -> list[Block]:
        return [answers_by_key(self.questions(words.ui), read.visible(place.ref), "text", read, words.ui)]

    def report(self, places: list[Place], read: Reader, words: Words) -> list[Block]:
        """Each question with everyone's answer; the unanswered ones counted in one line."""
        ui = words.ui
        blocks: list[Block] = []
        for place in places:
            answered = answers_by_key(self.questions(ui), read.visible(place.ref), "text", read, ui)
            items = [(question, given) for question, given in answered.items if given]
            if not items:  # nobody wrote a brief: named in the one line of what was not done
                blocks.append(NotDone(place.title))
                continue
            blocks += [Heading(place.title), Answers(items)]
            if len(items) < len(FIELDS):
                left = ui["report_unanswered"].format(count=len(FIELDS) - len(items), total=len(FIELDS))
                blocks.append(Line(left, "empty"))
        return blocks
