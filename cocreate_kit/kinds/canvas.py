"""A canvas: notes placed in areas the plan declares on a grid (a SWOT grid, a customer journey,
a business model canvas, or any a hub adds as content). One participant view, one board view,
one report picture and list, dot votes narrowed to an area: for every canvas alike.

An entry is ``{"area": <area id>, "text": ...}``.
"""

from __future__ import annotations

from typing import cast

from ..content.plan import CanvasArea, Exercise, Plan
from ..models import Entry
from ..validation import InputError
from .base import Kind, Place, Reader, Words
from .blocks import Areas, Block, Figure, Heading, NotDone
from .empathy_map import notes_by_area

__all__ = ["CanvasKind", "canvas_of"]


def canvas_of(place: Place) -> list[CanvasArea]:
    """The place's areas in reading order (none for an exercise that declares no canvas)."""
    canvas = place.exercise.canvas if place.exercise is not None else None
    return canvas.in_reading_order() if canvas is not None else []


class CanvasKind(Kind):
    name = "canvas"
    view = "cocreate_kit.forms.canvas:open_view"
    board_view = "cocreate_kit.apps.boards:canvas_board"
    vote_field = "area"
    uses = frozenset({"canvas"})
    report_order = 45  # after the value map, before the answers: the maps side by side

    def check(self, exercise: Exercise, plan: Plan) -> list[str]:
        problems = super().check(exercise, plan)
        if exercise.canvas is None:
            problems.append("a canvas exercise needs canvas: (its columns and areas)")
        return problems

    def entry_problem(self, payload: dict, place: Place, plan: Plan) -> InputError | None:
        return self.note_problem(payload, "area", {area.id for area in canvas_of(place)})

    def _label(self, place: Place, area_id) -> str:
        return next((a.label for a in canvas_of(place) if a.id == area_id), str(area_id))

    def about(self, entry: Entry, place: Place, words: Words) -> str:
        return self._label(place, entry.payload.get("area"))

    def vote_parts(self, place: Place, words: Words) -> list[tuple[str, dict]]:
        canvas = place.exercise.canvas if place.exercise is not None else None
        if canvas is None or not canvas.vote:
            return []
        return [(area.label, {"area": area.id}) for area in canvas.in_reading_order()]

    def notes(self, place: Place, read: Reader) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {}
        for entry in read.visible(place.ref):
            # The form stores an area id; an imported note without one is kept under None, as
            # always (cast: notes_by_area also takes the value map's str-keyed texts).
            area = cast(str, entry.payload.get("area"))
            found.setdefault(area, []).append(entry.payload.get("text", ""))
        return found

    def overview(self, place: Place, read: Reader, words: Words) -> list[Block]:
        notes = self.notes(place, read)
        return [Areas([(area.label, notes.get(area.id, [])) for area in canvas_of(place)])]

    def report(self, places: list[Place], read: Reader, words: Words) -> list[Block]:
        """The canvas as a picture on its grid, then every note as text by area."""
        blocks: list[Block] = []
        for place in places:
            notes = self.notes(place, read)
            canvas = place.exercise.canvas if place.exercise is not None else None
            if not notes or canvas is None:
                blocks.append(NotDone(place.title))
                continue
            areas = [(a.id, a.label) for a in canvas.in_reading_order()]
            grid = [(a.id, a.label, a.row, a.column, a.rows, a.columns, a.colour) for a in canvas.areas]
            blocks += [
                Heading(place.title),
                Figure(
                    "canvas_picture", (place.title, canvas.columns, canvas.rows(), grid, notes), place.title
                ),
                notes_by_area(areas, notes),
            ]
        return blocks
