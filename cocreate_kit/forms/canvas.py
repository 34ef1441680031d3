"""A canvas form: the plan's areas (a SWOT grid, a journey map, a business model canvas...),
each with its prompt, the participant's notes there and a box to add one. A thin view over
:class:`StickyNotes`, sharing the empathy map's area panels; on a phone the areas follow one
another in reading order."""

from __future__ import annotations

import ipywidgets as widgets

from ..content.plan import CanvasArea
from .empathy_map import AreaPanel, NoteActions
from .status import StatusLine
from .stickies import Note, StickyNotes

__all__ = ["CanvasForm", "open_view"]


class CanvasForm(NoteActions):
    def __init__(self, model: StickyNotes, areas: list[CanvasArea], ui: dict[str, str]):
        self.model, self.ui = model, ui
        self.status = StatusLine(ui)
        self.panels = {area.id: AreaPanel(self, area) for area in areas}
        self.canvas = widgets.Box(
            [panel.widget for panel in self.panels.values()],
            layout=widgets.Layout(display="flex", flex_flow="row wrap", width="100%"),
        )
        self.widget = widgets.VBox([self.status.widget, self.canvas])
        self.widget.add_class("cck-canvas")
        self.refresh()

    # -- view -----------------------------------------------------------------------------

    def refresh(self, keep_status: bool = False) -> None:
        """Show the participant's current notes in each area."""
        if not keep_status:
            self.status.clear()
        by_area: dict[str, list[Note]] = {area_id: [] for area_id in self.panels}
        for note in self.model.notes():
            by_area.setdefault(note.area, []).append(note)
        for area_id, panel in self.panels.items():
            panel.show(by_area[area_id])


def open_view(page, place):
    """A canvas section of a participant page."""
    areas = place.exercise.canvas.in_reading_order()
    model = StickyNotes(page.store, page.participant, place.ref, [], [a.id for a in areas])
    return CanvasForm(model, areas, page.ui)
