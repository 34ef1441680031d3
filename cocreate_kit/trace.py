"""The traceability chain, once: each pain → what relieves it → the tasks that deliver it → where
they stand, with every gap named. Plain data in, plain rows out (no pandas, no widgets): the
workshop report and the programme roll-up both read it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

__all__ = ["GAPS", "Link", "chain"]

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
