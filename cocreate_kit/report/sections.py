"""The report's sections as HTML strings: the cover, then each exercise kind's section in the
kinds' report order (``Kind.report``, drawn by ``blocks``), the dot votes and the traceability
chain among them, and the appendix of resources. Every participant string goes through
``html.escape`` (or ``DataFrame.to_html(escape=True)``); charts are PNG data URIs."""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import date
from functools import partial

from ..kinds import KINDS, Kind, says
from ..kinds.base import Place
from ..kinds.registry import places_by_kind
from ..kinds.tasks import current_status, deadline_of, latest_check_ins, overdue, task_refs
from ..live import trace
from ..store import CONTROL_EXERCISE
from . import charts
from .blocks import render_blocks
from .data import WorkshopData
from .html_parts import figure_html

__all__ = ["render_all"]

esc = html.escape

VOTES_ORDER = 35  # the dot votes follow the kinds whose notes they rank
TRACE_ORDER = 110  # the chain from pains to tasks follows every kind it runs through


def cover(data: WorkshopData, ui) -> str:
    w = data.workshop
    last = data.last_activity()
    rows = [
        (ui["report_plan"], data.plan.title),
        (ui["report_dates"], _days(data, w.created_at, last or w.created_at)),
        (ui["report_participants"], str(data.participant_count)),
        (ui["report_entries"], str(data.entry_count)),
    ]
    body = "".join(f"<tr><th>{esc(k)}</th><td>{esc(v)}</td></tr>" for k, v in rows)
    return (
        f"<header class='cck-cover'><h1>{esc(w.title)}</h1><table class='cck-facts'>{body}</table></header>"
        + _at_a_glance(data, ui)
    )


def _days(data: WorkshopData, first: str, last: str) -> str:
    """The days a workshop ran, in the report's language: one day, or the first and the last."""
    days = [data.words.date(date.fromisoformat(moment[:10])) for moment in (first, last)]
    return days[0] if days[0] == days[1] else " – ".join(days)


GLANCE_TOP = 3  # the leaders of each vote named on the cover
GLANCE_TASKS = 5  # the next open tasks named on the cover


def _at_a_glance(data: WorkshopData, ui) -> str:
    """What a reader needs first: what the room ranked highest, and who does what next, by when.
    The detail follows in the sections."""
    lines = []
    for vote in _final_votes(data):
        leaders = [(says(e, data.plan), n) for e, n in data.live.tally(vote) if n][:GLANCE_TOP]
        if leaders:
            items = "; ".join(f"{name} ({count})" for name, count in leaders)
            said = ui["report_glance_vote"].format(section=_title(data, vote["section"]), items=items)
            lines.append(f"<li>{esc(said)}</li>")
    read = data.reader
    latest = latest_check_ins(data.plan, read)
    today = date.today()
    # (undated, deadline, task, owner): sorted, the soonest deadline comes first
    late: list[tuple[bool, date, str, str]] = []
    upcoming: list[tuple[bool, date, str, str]] = []
    for ref in task_refs(data.plan):
        for task in read.visible(ref):
            status = current_status(task, latest, read)
            if status != "done":
                owner = task.payload.get("owner")
                owner = owner if isinstance(owner, str) and owner else ui["report_no_owner"]
                deadline = deadline_of(task.payload.get("deadline"))
                row = (deadline is None, deadline or date.min, str(task.payload.get("task")), owner)
                (late if overdue(task.payload, status, today) else upcoming).append(row)

    def listed(rows):  # soonest deadline first, tasks without one last
        return "; ".join(
            f"{task} — {owner}, {'—' if undated else data.words.date(deadline)}"
            for undated, deadline, task, owner in sorted(rows)[:GLANCE_TASKS]
        )

    if late:  # what is already late comes first, named as such
        lines.append(
            f"<li>{esc(ui['report_glance_overdue'].format(count=len(late), items=listed(late)))}</li>"
        )
    if upcoming:
        said = ui["report_glance_tasks"].format(count=len(upcoming), items=listed(upcoming))
        lines.append(f"<li>{esc(said)}</li>")
    if not lines:
        return ""
    return (
        f"<section class='cck-glance'><h2>{esc(ui['report_glance'])}</h2><ul>{''.join(lines)}</ul></section>"
    )


def _title(data: WorkshopData, section: str) -> str:
    try:
        return data.plan.exercise(section).title
    except KeyError:
        return section


def _final_votes(data: WorkshopData) -> list[dict]:
    """Every dot vote of the workshop in its last state, oldest first."""
    final = {}
    for change in data.store.changes_since(data.workshop.id, 0, CONTROL_EXERCISE):
        if change.payload.get("key") == "vote":
            final[change.payload["id"]] = change.payload  # the last state of each vote wins
    return list(final.values())


VOTE_CHART_TOP = 15  # the notes a vote chart shows: a page of bars, the rest named in a line


def votes(data: WorkshopData, ui) -> str:
    """Every dot vote of the workshop: the notes that got dots, best first, as a bar chart of at
    most VOTE_CHART_TOP (how many more got dots in one line); a vote nobody voted in is one line."""
    parts = []
    live = data.live  # the same moderated tally the board shows
    for vote in _final_votes(data):
        ranked = [(says(entry, data.plan), count) for entry, count in live.tally(vote) if count]
        title = ui["report_vote"].format(section=_title(data, vote["section"]), dots=vote["dots"])
        if not ranked:
            parts.append(f"<h2>{esc(title)}</h2><p class='cck-empty'>{esc(ui['report_vote_nobody'])}</p>")
            continue
        shown, more = ranked[:VOTE_CHART_TOP], ranked[VOTE_CHART_TOP:]
        chart = charts.ranking_chart(title, [n for n, _ in shown], [c for _, c in shown], ui["report_dots"])
        rest = f"<p>{esc(ui['report_vote_more'].format(count=len(more)))}</p>" if more else ""
        pictures = "".join(figure_html(uri, title, rows=True) for uri in chart)
        parts.append(f"<section class='cck-keep'><h2>{esc(title)}</h2>{pictures}</section>{rest}")
    return "".join(parts)


def resources(data: WorkshopData, ui) -> str:
    """The appendix: every public page the plan points to, by stage and exercise, address
    printed (a PDF reader sees where it goes); links only, the report loads nothing."""
    by_place: dict[str, list] = {}
    for place, resource in data.plan.resources():
        by_place.setdefault(place, []).append(resource)
    if not by_place:
        return ""
    parts = [f"<h2>{esc(ui['report_resources'])}</h2><p>{esc(ui['report_resources_intro'])}</p>"]
    for place, found in by_place.items():
        items = "".join(
            f"<li><a href='{esc(r.url, quote=True)}'>{esc(r.title)}</a> "
            f"<span class='cck-empty'>({esc(ui[f'resource_{r.kind}'])})</span>: {esc(r.why)}"
            f"<br><span class='cck-url'>{esc(r.url)}</span></li>"
            for r in found
        )
        parts.append(f"<h3>{esc(place)}</h3><ul class='cck-resources'>{items}</ul>")
    return "".join(parts)


def _kind_sections(data: WorkshopData, ui) -> list[tuple[int, Callable[[], str | list]]]:
    """``(order, render)`` for the section of every kind the plan uses: render gives HTML or blocks."""
    words, read = data.words, data.reader
    # A kind's places usually share one section; a declaration may stand elsewhere (a canvas
    # about people opens the report, the other canvases follow the value map).
    grouped: dict[tuple[int, str], tuple[Kind, list[Place]]] = {}
    for kind, places in places_by_kind(data.plan, KINDS):
        for place in places:
            grouped.setdefault((kind.report_order_of(place), kind.name), (kind, []))[1].append(place)
    return [
        (order, partial(kind.report, places, read, words))
        for (order, _name), (kind, places) in grouped.items()
    ]


def render_all(data: WorkshopData, ui) -> list[str]:
    """Every section with something in it; what nobody did is one line under the cover."""
    not_done: list[str] = []
    sections = _kind_sections(data, ui) + [
        (VOTES_ORDER, lambda: votes(data, ui)),
        (TRACE_ORDER, lambda: trace.report(data.plan, data.reader, data.words)),
    ]
    body = []
    for _order, section in sorted(sections, key=lambda pair: pair[0]):
        made = section()
        body.append(made if isinstance(made, str) else render_blocks(made, data.words, not_done))
    cover_html = cover(data, ui)
    if not_done:
        line = ui["report_not_done"].format(names="; ".join(dict.fromkeys(not_done)))
        cover_html += f"<p class='cck-empty cck-not-done'>{esc(line)}</p>"
    return [cover_html, *[section for section in [*body, resources(data, ui)] if section]]
