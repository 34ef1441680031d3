"""Self-reflective questions: one answer box per question of the stage, saved when it changes."""

from __future__ import annotations

import ipywidgets as widgets

from ..content.plan import Question
from ..validation import clean_text
from .answers import KeyedAnswers
from .status import StatusLine

__all__ = ["ReflectionForm", "open_view"]


def answer_box(label: str, value: str) -> widgets.Textarea:
    return widgets.Textarea(
        value=value,
        description=label,
        continuous_update=False,  # saved once when the participant leaves the box, not per keystroke
        rows=3,
        layout=widgets.Layout(width="100%"),
        style={"description_width": "initial"},
    )


class ReflectionForm:
    def __init__(self, model: KeyedAnswers, questions: list[Question], ui: dict[str, str]):
        self.model, self.ui = model, ui
        self.status = StatusLine(ui)
        self.boxes: dict[str, widgets.Textarea] = {}
        rows = []
        for number, question in enumerate(questions, start=1):
            box = answer_box(f"{number}. {question.text}", model.get(question.id).get("answer", ""))
            box.observe(lambda change, key=question.id: self.save(key, change["new"]), names="value")
            self.boxes[question.id] = box
            rows += [box, self.status.slot(question.id)]  # "Saved" right under the answer
        self.widget = widgets.VBox([*rows, self.status.widget])
        self.widget.add_class("cck-reflection")

    def save(self, key: str, text) -> None:
        # On a refusal the box keeps what was typed, so the participant can fix it and retry.
        self.status.run(lambda: self.model.save(key, {"answer": clean_text(text, required=False)}), draft=key)


def open_view(page, place):
    """A stage's questions, with the stage's introduction."""
    questions = list(place.stage.questions)
    return ReflectionForm(
        KeyedAnswers(page.store, page.participant, place.ref, [q.id for q in questions]), questions, page.ui
    )
