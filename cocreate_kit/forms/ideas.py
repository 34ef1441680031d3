"""Ideas from customers in an idea call: a text and an optional category, saved on Submit;
each customer sees, edits and deletes their own. Later a dot vote ranks them (voting.py)."""

from __future__ import annotations

import html

import ipywidgets as widgets

from ..models import Entry
from ..validation import InputError, clean_text
from .records import Records
from .status import StatusLine

__all__ = ["IdeasForm", "idea_validator", "open_view"]

IDEA_LIMIT = 500


def idea_validator(categories: list[str]):
    allowed = set(categories)

    def validate(fields: dict) -> dict:
        category = fields.get("category") or ""
        if category and category not in allowed:
            raise InputError("error_unknown_item")
        return {
            "text": clean_text(fields.get("text"), limit=IDEA_LIMIT, empty="error_empty_idea"),
            "category": category,
        }

    return validate


class IdeasForm:
    def __init__(self, model: Records, categories: list[str], ui: dict[str, str]):
        self.model, self.ui = model, ui
        self.status = StatusLine(ui)
        self.text = widgets.Textarea(
            description=ui["idea_label"],
            placeholder=ui["idea_placeholder"],
            continuous_update=False,
            rows=3,
            layout=widgets.Layout(width="100%"),
            style={"description_width": "initial"},
        )
        self.category = widgets.Dropdown(
            options=[(ui["idea_no_category"], "")] + [(c, c) for c in categories],
            value="",
            description=ui["idea_category"],
            style={"description_width": "initial"},
        )
        if not categories:
            self.category.layout.display = "none"
        self.submit = widgets.Button(
            description=ui["idea_submit"], button_style="primary", icon="lightbulb-o"
        )
        self.submit.on_click(lambda _b: self.add())
        self.mine = widgets.VBox()
        self.delete_buttons: dict[str, widgets.Button] = {}
        self.widget = widgets.VBox([self.text, self.category, self.submit, self.status.widget, self.mine])
        self.widget.add_class("cck-ideas")
        self.refresh()

    def add(self) -> None:
        if (
            self.status.run(lambda: self.model.add(text=self.text.value, category=self.category.value))
            is not None
        ):
            self.text.value = ""
        self.refresh()

    def delete(self, entry: Entry) -> None:
        self.status.run(self.model.delete, entry, success=self.ui["deleted"])
        self.refresh()

    def refresh(self) -> None:
        rows, self.delete_buttons = [], {}
        for entry in self.model.mine():
            category = entry.payload.get("category")
            tag = f" <span class='cck-meta'>({html.escape(category)})</span>" if category else ""
            delete = widgets.Button(description=self.ui["delete"], icon="trash")
            delete.on_click(lambda _b, e=entry: self.delete(e))
            self.delete_buttons[entry.entry_id] = delete
            rows.append(
                widgets.VBox(
                    [
                        widgets.HTML(
                            f"<div class='cck-note'>{html.escape(entry.payload['text'])}{tag}</div>"
                        ),
                        delete,
                    ]
                )
            )
        title = widgets.HTML(f"<h4>{html.escape(self.ui['idea_yours'])}</h4>") if rows else widgets.HTML("")
        self.mine.children = [title, *rows]


def open_view(page, place):
    """The idea call section of a customer's page."""
    categories = list(place.exercise.categories)
    return IdeasForm(
        Records(page.store, page.participant, place.ref, idea_validator(categories)), categories, page.ui
    )
