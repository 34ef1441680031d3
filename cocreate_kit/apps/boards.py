"""The live boards a kind names (``Kind.board_view``): its notes as they come in, grouped, with
counts; the facilitator's board and the presenter view draw them. Participant text is escaped."""

from __future__ import annotations

import html
from functools import partial
from importlib import import_module

from ..content.plan import Canvas, Exercise, Plan, plan_personas
from ..kinds import KINDS, Kind
from ..live.workshop import LiveWorkshop, PlacedNote

__all__ = ["board_exercise", "canvas_board", "draw_board", "ideas_board"]


def board_exercise(plan: Plan) -> tuple[str, Exercise, Kind]:
    """The exercise the board follows: the plan's first whose kind has a live board."""
    for stage in plan.stages:
        for exercise in stage.exercises:
            if exercise.kind in KINDS and KINDS.get(exercise.kind).board_view:
                return f"{stage.id}/{exercise.id}", exercise, KINDS.get(exercise.kind)
    raise LookupError(f"plan {plan.id!r} has no exercise whose kind has a live board")


def draw_board(
    kind: Kind, live: LiveWorkshop, ref: str, plan: Plan, ui: dict[str, str], level: int = 3
) -> str:
    """The kind's live board for ``ref`` (the view it names), as HTML. ``level`` is its top
    heading's level, one below the page's own (h2 on the board, h1 on the presenter view), so a
    screen reader's list of headings never skips one."""
    module, _, name = (kind.board_view or "").partition(":")
    return getattr(import_module(module), name)(live, ref, plan, ui, level)


def _heading(level: int, text: str, count: int) -> str:
    return f"<h{level}>{text} <span class='cck-count'>{count}</span></h{level}>"


def ideas_board(live: LiveWorkshop, exercise: str, plan: Plan, ui: dict[str, str], level: int) -> str:
    """An idea call's board: ideas by topic, with counts."""
    if not live.all_entries(exercise):
        return f"<p class='cck-meta'>{html.escape(ui['board_waiting'])}</p>"
    grouped: dict[str, list[PlacedNote]] = {c: [] for c in plan.exercise(exercise).categories}
    for (category,), notes in live.placed(exercise, key=lambda p: (p.get("category") or "",)).items():
        grouped.setdefault(category, []).extend(notes)
    parts = ["<div class='cck-board-grid'>"]
    for category, notes in grouped.items():
        title = html.escape(category or ui["board_no_category"])
        heading = _heading(level, title, len(notes))
        body = "".join(_note_html(note, ui) for note in notes)
        parts.append(f"<div class='cck-board-area'>{heading}{body}</div>")
    parts.append("</div>")
    return "".join(parts)


def canvas_board(live: LiveWorkshop, exercise: str, plan: Plan, ui: dict[str, str], level: int) -> str:
    """A canvas on its grid: each area where the plan puts it, its notes and their count; a
    canvas about people once per persona, headed by whom it maps."""
    declared = plan.exercise(exercise)
    canvas = declared.canvas
    if canvas is None:
        return ""
    waiting = (
        "" if live.all_entries(exercise) else f"<p class='cck-meta'>{html.escape(ui['board_waiting'])}</p>"
    )
    if not canvas.personas:
        grouped = live.placed(exercise, key=lambda p: (p.get("area", ""),))
        return waiting + _grid(canvas, lambda area_id: grouped.get((area_id,), []), ui, level)
    grouped = live.placed(exercise)  # by (persona, area)
    parts = [waiting]
    for persona in plan_personas(plan, declared):
        total = sum(len(notes) for (group, _area), notes in grouped.items() if group == persona.id)
        name = f"{html.escape(persona.name)} <span class='cck-meta'>({html.escape(persona.role)})</span>"
        centre = f"<p class='cck-board-who'>{name}</p>"
        notes_of = partial(lambda pid, area_id: grouped.get((pid, area_id), []), persona.id)
        parts.append(
            f"<section class='cck-board-persona'>{_heading(level, name, total)}"
            f"{_grid(canvas, notes_of, ui, level + 1, centre)}</section>"
        )
    return "".join(parts)


def _grid(canvas: Canvas, notes_of, ui: dict[str, str], level: int, centre: str = "") -> str:
    """The canvas's areas on its grid with their notes (``centre``: what its persona cell shows)."""
    cells = []
    for area in canvas.areas:
        notes = notes_of(area.id)
        colour = f" background: {area.colour};" if area.colour else ""  # validated as #rrggbb
        cells.append(
            f"<div class='cck-board-area' data-area='{html.escape(area.id, quote=True)}' "
            f"style='{_spot(area)}{colour}'>"
            + _heading(level, html.escape(area.label), len(notes))
            + "".join(_note_html(note, ui) for note in notes)
            + "</div>"
        )
    if canvas.persona_cell is not None and centre:
        cells.append(f"<div class='cck-board-centre' style='{_spot(canvas.persona_cell)}'>{centre}</div>")
    grid = f"display: grid; grid-template-columns: repeat({canvas.columns}, minmax(0, 1fr)); gap: 8px;"
    return f"<div class='cck-canvas-board' style='{grid}'>{''.join(cells)}</div>"


def _spot(shape) -> str:
    return f"grid-row: {shape.row} / span {shape.rows}; grid-column: {shape.column} / span {shape.columns};"


def _note_html(note: PlacedNote, ui: dict[str, str]) -> str:
    author = note.author if note.author is not None else ui["board_anonymous"]
    merged = f" <span class='cck-count'>×{note.group}</span>" if note.group > 1 else ""
    return (
        f"<div class='cck-note'>{html.escape(note.text)}{merged}"
        f"<span class='cck-author'>— {html.escape(author)}</span></div>"
    )
