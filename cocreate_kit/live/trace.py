"""The traceability chain, once: each pain → what relieves it → the tasks that deliver it → where
they stand, with every gap named. Plain data in, plain rows out (no pandas, no widgets): the
workshop report and the programme roll-up both read it. It runs across two kinds (the value
map's pains and relievers, the task plan's tasks), so it lives beside them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..content.plan import Plan
from ..kinds.base import Reader, Words
from ..kinds.blocks import Heading, Line, NotDone, Table
from ..kinds.tasks import current_status, latest_check_ins, task_refs
from ..kinds.value_map import ValueMap

__all__ = ["GAPS", "Link", "chain", "feeds_chain", "report"]

VALUE_MAP = ValueMap.name


def feeds_chain(kind) -> bool:
    """The kind whose pains and relievers the chain starts from."""
    return kind.name == VALUE_MAP


# Gap kinds, as UI-text keys (the report's words for them).
GAPS = ("trace_no_reliever", "trace_no_task", "trace_no_owner", "trace_no_deadline", "trace_off_track")


@dataclass(frozen=True)
class Link:
    """One row of the chain; empty strings where the chain stops."""

    pain: str
    reliever: str = ""
    task: str = ""
    status: str = ""  # the task's latest status ("" without a task)
    on_track: bool | None = None  # as last reported (None: no check-in yet)
    gaps: tuple[str, ...] = ()


def chain(
    pains: list[tuple[str, str]],
    relievers: list[tuple[str, str, list[str]]],
    tasks: list[tuple[str, dict]],
    standing: Callable[[str, dict], tuple[str, bool | None]],
) -> list[Link]:
    """``pains``: (id, text); ``relievers``: (id, text, pain ids it relieves); ``tasks``: (id,
    payload with task/owner/deadline/reliever); ``standing(task id, payload)``: (status, on track)."""
    rows = []
    for pain_id, pain in pains:
        linked = [(rid, text) for rid, text, links in relievers if pain_id in (links or [])]
        if not linked:
            rows.append(Link(pain, gaps=("trace_no_reliever",)))
        for reliever_id, reliever in linked:
            delivering = [(tid, t) for tid, t in tasks if (t.get("reliever") or "") == reliever_id]
            if not delivering:
                rows.append(Link(pain, reliever, gaps=("trace_no_task",)))
            for task_id, task in delivering:
                status, on_track = standing(task_id, task)
                gaps = tuple(
                    key
                    for key, missing in (
                        ("trace_no_owner", not task.get("owner")),
                        ("trace_no_deadline", not task.get("deadline")),
                        ("trace_off_track", on_track is False),
                    )
                    if missing
                )
                rows.append(Link(pain, reliever, task.get("task", ""), status, on_track, gaps))
    return rows


def report(plan: Plan, read: Reader, words: Words) -> list:
    """The report's traceability section: each pain → its relievers → their tasks → latest
    status and on-track, every gap flagged (nothing, in a plan without both a value map and a
    task plan)."""
    ui = words.ui
    value_refs = [ref for ref, _exercise in plan.exercises_of_kind(VALUE_MAP)]
    if not value_refs or not task_refs(plan):
        return []
    items = [e for ref in value_refs for e in read.visible(ref)]
    pains = [e for e in items if e.payload.get("part") == "pains"]
    if not pains:
        return [NotDone(ui["trace_title"])]  # no pain to trace
    relievers = [e for e in items if e.payload.get("part") == "relievers"]
    tasks = [t for ref in task_refs(plan) for t in read.visible(ref)]
    by_id = {t.entry_id: t for t in tasks}
    latest = latest_check_ins(plan, read)

    def standing(task_id, _payload):
        check = latest.get(task_id)
        on_track = None if check is None else bool(check.payload.get("on_track"))
        return current_status(by_id[task_id], latest, read), on_track

    links = chain(
        [(p.entry_id, p.payload.get("text", "")) for p in pains],
        [(r.entry_id, r.payload.get("text", ""), r.payload.get("links") or []) for r in relievers],
        [
            (t.entry_id, {k: t.payload.get(k, "") for k in ("task", "owner", "deadline", "reliever")})
            for t in tasks
        ],
        standing,
    )
    yes_no = {None: "", True: ui["progress_yes"], False: ui["progress_no"]}
    rows = [
        [
            link.pain,
            link.reliever,
            link.task,
            ui[f"status_{link.status}"] if link.status else "",
            yes_no[link.on_track],
            "; ".join(ui[key] for key in link.gaps),
        ]
        for link in links
    ]
    keys = (
        "value_pains",
        "value_relievers",
        "task_task",
        "report_latest_status",
        "progress_on_track",
        "trace_gaps",
    )
    table = Table([ui[key] for key in keys], rows) if rows else Line(ui["report_nothing"], "empty")
    return [Heading(ui["trace_title"]), Line(ui["trace_intro"]), table]
