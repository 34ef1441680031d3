"""The co-creation brief: why we co-create, what we aim for, the results hoped for, how we will
recognise success. Each field is saved when it changes."""

from __future__ import annotations

import ipywidgets as widgets

from ..kinds.brief import FIELDS as BRIEF_FIELDS
from ..validation import clean_text
from .answers import KeyedAnswers
from .reflection import answer_box
from .status import StatusLine

__all__ = ["BriefForm", "open_view"]


class BriefForm:
    def __init__(self, model: KeyedAnswers, ui: dict[str, str]):
        self.model, self.ui = model, ui
        self.status = StatusLine(ui)
        self.boxes = {}
        for field in BRIEF_FIELDS:
            box = answer_box(ui[f"brief_{field}"], model.get(field).get("text", ""))
            box.observe(lambda change, key=field: self.save(key, change["new"]), names="value")
            self.boxes[field] = box
        rows = [part for key, box in self.boxes.items() for part in (box, self.status.slot(key))]
        self.widget = widgets.VBox([*rows, self.status.widget])
        self.widget.add_class("cck-brief")

    def save(self, key: str, text) -> None:
        self.status.run(lambda: self.model.save(key, {"text": clean_text(text, required=False)}), draft=key)


def open_view(page, place):
    """The co-creation brief section of a participant page."""
    return BriefForm(KeyedAnswers(page.store, page.participant, place.ref, list(BRIEF_FIELDS)), page.ui)
