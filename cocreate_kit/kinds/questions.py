"""A stage's self-reflective questions: one answer per question and person."""

from __future__ import annotations

from ..models import Entry
from .base import Place, Reader, Words
from .blocks import Answers, Block, Heading, Line, NotDone
from .keyed import StageListKind, answers_by_key

__all__ = ["Questions"]


class Questions(StageListKind):
    name = "questions"
    view = "cocreate_kit.forms.reflection:open_view"
    says_fields = ("answer",)
    report_order = 50

    def describe(self, entry: Entry, place: Place, words: Words) -> str:
        return f"{self._text(place, entry.payload.get('key'))}: {entry.payload.get('answer', '')}"

    def _answered(self, place: Place, read: Reader, words: Words) -> Answers:
        items = [(q.id, q.text) for q in place.stage.questions]
        return answers_by_key(items, read.visible(place.ref), "answer", read, words.ui)

    def overview(self, place: Place, read: Reader, words: Words) -> list[Block]:
        return [self._answered(place, read, words)]

    def report(self, places: list[Place], read: Reader, words: Words) -> list[Block]:
        """The answers given, stage by stage, numbered as in the plan; the questions nobody
        answered counted in one line per stage."""
        ui = words.ui
        places = [place for place in places if place.stage.questions]
        if not places:
            return []  # a plan without questions (an idea call) has no such section
        if not any(read.visible(place.ref) for place in places):
            return [NotDone(ui["report_answers"])]  # nobody answered: one line, not a page of "0 of 4"
        blocks: list[Block] = [Heading(ui["report_answers"])]
        for place in places:
            total = len(place.stage.questions)
            numbered = [
                (number, item)
                for number, item in enumerate(self._answered(place, read, words).items, start=1)
                if item[1]
            ]
            blocks.append(Heading(place.stage.title, 3))
            if numbered:
                blocks.append(Answers([item for _n, item in numbered], tuple(n for n, _item in numbered)))
            if len(numbered) < total:
                blocks.append(
                    Line(ui["report_unanswered"].format(count=total - len(numbered), total=total), "empty")
                )
        return blocks
