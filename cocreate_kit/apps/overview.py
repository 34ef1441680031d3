"""The board's overview of any exercise, across all participants: what the exercise's kind
aggregates (``Kind.overview``), drawn as HTML.

Plain HTML from the board's live state (every participant string escaped), moderated by the
same rule as every other view; the board redraws it when the facilitator picks another exercise
or something in that exercise changes.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

from ..content.plan import Plan, plan_personas
from ..kinds import Answers, Areas, Reader, Table, Words, place_of
from ..live.workshop import LiveWorkshop

__all__ = ["render_blocks", "render_overview"]

esc = html.escape


def render_overview(live: LiveWorkshop, plan: Plan, section: str, ui) -> str:
    place = place_of(plan, section)
    if place is None:
        return ""
    read = Reader(
        live.visible, live.all_entries, {pid: p.display_name or "" for pid, p in live.people.items()}
    )
    words = Words(plan, ui, {p.id: p for p in plan_personas(plan)}, _task_names(live))
    return render_blocks(place.kind.overview(place, read, words), ui)


def _task_names(live: LiveWorkshop):
    def name_of(entry_id: str) -> str | None:
        found = live.entry(entry_id)
        return found.payload.get("task") if found is not None else None

    return name_of


def render_blocks(blocks: list, ui) -> str:
    """A kind's blocks as the board draws them ("" when the kind has none: its main board shows it)."""
    return "".join(_BLOCKS[type(block)](block, ui) for block in blocks)


def _nothing(ui) -> str:
    return f"<p class='cck-meta'>{esc(ui['report_nothing'])}</p>"


def _table(block: Table, ui) -> str:
    if not block.rows:
        return _nothing(ui)
    head = "".join(f"<th>{esc(h)}</th>" for h in block.columns)
    body = "".join("<tr>" + "".join(f"<td>{esc(str(c))}</td>" for c in row) + "</tr>" for row in block.rows)
    return f"<table class='cck-overview-table'><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _answers(block: Answers, ui) -> str:
    parts = []
    for label, given in block.items:
        listed = "".join(f"<li><b>{esc(who)}:</b> {esc(text)}</li>" for who, text in given)
        parts.append(f"<li><p>{esc(label)}</p><ul>{listed or '<li>—</li>'}</ul></li>")
    return f"<ol class='cck-overview'>{''.join(parts)}</ol>"


def _areas(block: Areas, ui) -> str:
    parts = []
    for label, items in block.areas:
        listed = "".join(f"<li>{esc(text)}</li>" for text in items)
        parts.append(
            f"<div class='cck-board-area'><h4>{esc(label)} "
            f"<span class='cck-count'>{len(items)}</span></h4><ul>{listed}</ul></div>"
        )
    return f"<div class='cck-board-grid'>{''.join(parts)}</div>"


_BLOCKS: dict[type, Callable[[Any, Any], str]] = {Table: _table, Answers: _answers, Areas: _areas}
