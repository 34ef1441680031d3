"""A canvas: notes placed in areas the plan declares on a grid (an empathy map, a SWOT grid, a
customer journey, a business model canvas, or any a hub adds as content). One participant view,
one board view, one report picture and list, dot votes narrowed to an area: for every canvas
alike.

An entry is ``{"area": <area id>, "text": ...}``; on a canvas about people (one that names
``personas``, such as the empathy map) also ``"group": <persona id>``, one map per persona.
"""

from __future__ import annotations

from typing import cast

from ..content.plan import Canvas, CanvasArea, Exercise, Plan
from ..models import Entry
from ..validation import InputError
from .base import Kind, Place, Reader, Words
from .blocks import Areas, Block, Figure, Heading, Line, NotDone, notes_by_area

__all__ = ["CanvasKind", "canvas_of", "legacy_empathy_canvas", "upgrade_empathy_map_file"]

# A canvas about people opens the report, right after the brief (who the work is for comes
# before what is done for them); the others follow the value map, the maps side by side.
PEOPLE_REPORT_ORDER = 20
# The empathy map was a kind of its own before it became a canvas about people.
LEGACY_EMPATHY_MAP = "empathy-map"


def _canvas(place: Place) -> Canvas | None:
    return place.exercise.canvas if place.exercise is not None else None


def canvas_of(place: Place) -> list[CanvasArea]:
    """The place's areas in reading order (none for an exercise that declares no canvas)."""
    canvas = _canvas(place)
    return canvas.in_reading_order() if canvas is not None else []


class CanvasKind(Kind):
    name = "canvas"
    view = "cocreate_kit.forms.canvas:open_view"
    board_view = "cocreate_kit.apps.boards:canvas_board"
    vote_field = "area"
    uses = frozenset({"canvas"})
    report_order = 45

    def check(self, exercise: Exercise, plan: Plan) -> list[str]:
        problems = super().check(exercise, plan)
        if exercise.canvas is None:
            problems.append("a canvas exercise needs canvas: (its columns and areas)")
        return problems

    def report_order_of(self, place: Place) -> int:
        canvas = _canvas(place)
        return PEOPLE_REPORT_ORDER if canvas is not None and canvas.personas else self.report_order

    def entry_problem(self, payload: dict, place: Place, plan: Plan) -> InputError | None:
        problem = self.note_problem(payload, "area", {area.id for area in canvas_of(place)})
        canvas = _canvas(place)
        if problem is None and canvas is not None and canvas.personas:
            # A map of people files each note under one of its personas, as the form does: a
            # note under no persona would be in the export but on no map of the report.
            if payload.get("group") not in canvas.personas:
                return InputError("error_pick_persona")
        return problem

    def _label(self, place: Place, area_id) -> str:
        return next((a.label for a in canvas_of(place) if a.id == area_id), str(area_id))

    def about(self, entry: Entry, place: Place, words: Words) -> str:
        area = self._label(place, entry.payload.get("area"))
        group = entry.payload.get("group")
        persona = words.personas.get(group) if group else None
        return f"{persona.name} · {area}" if persona else area

    def vote_parts(self, place: Place, words: Words) -> list[tuple[str, dict]]:
        canvas = _canvas(place)
        if canvas is None or not canvas.vote:
            return []
        return [(area.label, {"area": area.id}) for area in canvas.in_reading_order()]

    def pain_of(self, entry: Entry, place: Place) -> str | None:
        canvas = _canvas(place)
        if canvas is None or entry.payload.get("area") not in canvas.pains:
            return None
        return entry.payload.get("text", "")

    def notes(self, place: Place, read: Reader, group: str | None = None) -> dict[str, list[str]]:
        """Every visible note's text by area (``group``: one persona's map only)."""
        found: dict[str, list[str]] = {}
        for entry in read.visible(place.ref):
            if group is not None and entry.payload.get("group") != group:
                continue
            # The form stores an area id and a text; an imported note lacking one keeps its
            # None, as always (cast: notes_by_area and the renderers take text).
            area, text = entry.payload.get("area"), entry.payload.get("text", "")
            found.setdefault(cast(str, area), []).append(cast(str, text))
        return found

    def overview(self, place: Place, read: Reader, words: Words) -> list[Block]:
        canvas = _canvas(place)
        if canvas is None or canvas.personas:  # maps of people: the board's own view shows them
            return []
        notes = self.notes(place, read)
        return [Areas([(area.label, notes.get(area.id, [])) for area in canvas.in_reading_order()])]

    def report(self, places: list[Place], read: Reader, words: Words) -> list[Block]:
        """Each canvas as a picture on its grid, then every note as text by area; a canvas about
        people once per persona mapped, the personas nobody mapped in one line."""
        blocks: list[Block] = []
        for place in places:
            canvas = _canvas(place)
            if canvas is not None and canvas.personas:
                blocks += self._people_report(place, canvas, read, words)
                continue
            notes = self.notes(place, read)
            if not notes or canvas is None:
                blocks.append(NotDone(place.title))
                continue
            blocks += [Heading(place.title), *_picture(place.title, canvas, notes)]
        return blocks

    def _people_report(self, place: Place, canvas: Canvas, read: Reader, words: Words) -> list[Block]:
        blocks: list[Block] = [Heading(place.title)]
        unmapped = []
        for persona_id in canvas.personas:
            persona = words.personas.get(persona_id)
            if persona is None:
                continue
            title = f"{persona.name} ({persona.role})"
            notes = self.notes(place, read, persona_id)
            if not notes:  # no empty canvas
                unmapped.append(title)
                continue
            blocks += _picture(title, canvas, notes, centre=title)
        if unmapped:
            blocks.append(Line(words.ui["report_not_mapped"].format(names="; ".join(unmapped)), "empty"))
        return blocks


def _picture(
    title: str, canvas: Canvas, notes: dict[str, list[str]], centre: str | None = None
) -> list[Block]:
    """The canvas drawn with these notes (``centre``: whom it maps, in the persona cell), then
    every note as text under its area's label."""
    grid = [(a.id, a.label, a.row, a.column, a.rows, a.columns, a.colour) for a in canvas.areas]
    cell = canvas.persona_cell
    middle = (cell.row, cell.column, cell.rows, cell.columns, centre) if cell and centre else None
    areas = [(a.id, a.label) for a in canvas.in_reading_order()]
    return [
        Figure("canvas_picture", (title, canvas.columns, canvas.rows(), grid, notes, middle), title),
        notes_by_area(areas, notes),
    ]


def upgrade_empathy_map_file(data):
    """A plan file written before the empathy map became a canvas (plan-level ``personas`` and
    ``empathy_areas``, exercises of kind ``empathy-map``) read as the canvas it now is: a hub's
    own plan keeps working unchanged. Stored notes need nothing: they were already
    ``{"area", "text", "group": persona}``."""
    if not isinstance(data, dict) or not ({"personas", "empathy_areas"} & data.keys()):
        return data
    data = dict(data)
    personas, areas = data.pop("personas", None) or [], data.pop("empathy_areas", None) or []
    for stage in data.get("stages") or []:
        for exercise in (stage.get("exercises") or []) if isinstance(stage, dict) else []:
            if isinstance(exercise, dict) and exercise.get("kind") == LEGACY_EMPATHY_MAP and areas:
                exercise["kind"] = CanvasKind.name
                exercise.setdefault("canvas", legacy_empathy_canvas(areas, personas))
    return data


def legacy_empathy_canvas(areas: list, personas: list) -> dict:
    """An old file's empathy areas on a grid: seven as the classic map (five around the persona,
    pains and gains below), any other number three to a row."""
    placed = [dict(area) if isinstance(area, dict) else area for area in areas]
    canvas: dict = {"personas": personas}
    if len(placed) == 7:
        spots = [(1, 1, 2), (1, 3, 2), (1, 5, 2), (2, 1, 2), (2, 5, 2), (3, 1, 3), (3, 4, 3)]
        canvas |= {"columns": 6, "persona_cell": {"row": 2, "column": 3, "columns": 2}}
    else:
        spots = [(i // 3 + 1, i % 3 + 1, 1) for i in range(len(placed))]
        if placed and len(placed) % 3:  # the last area takes the rest of its row
            row, column, _ = spots[-1]
            spots[-1] = (row, column, 4 - column)
        canvas["columns"] = 3
    for area, (row, column, columns) in zip(placed, spots, strict=True):
        if isinstance(area, dict):
            area |= {"row": row, "column": column, "columns": columns}
    if any(isinstance(area, dict) and area.get("id") == "pains" for area in placed):
        canvas["pains"] = ["pains"]
    return canvas | {"areas": placed}
