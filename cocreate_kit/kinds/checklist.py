"""A stage's checklist: each item open, done or not applicable, with a comment."""

from __future__ import annotations

from collections import Counter, defaultdict

from ..models import Entry
from .base import Place, Reader, Words
from .blocks import Figure, Heading, Line, NotDone, Table
from .keyed import StageListKind

__all__ = ["STATES", "Checklist"]

STATES = ("open", "done", "na")  # the words are the UI texts checklist_<state>


class Checklist(StageListKind):
    name = "checklist"
    view = "cocreate_kit.forms.checklist:open_view"
    says_fields = ("comment",)
    report_order = 60

    def describe(self, entry: Entry, place: Place, words: Words) -> str:
        payload = entry.payload
        state = str(payload.get("state"))
        said = f"{self._text(place, payload.get('key'))}: {words.ui.get(f'checklist_{state}', state)}"
        return said + (f" ({payload['comment']})" if payload.get("comment") else "")

    def overview(self, place: Place, read: Reader, words: Words) -> list:
        ui = words.ui
        states, comments = defaultdict(Counter), defaultdict(list)
        for entry in read.visible(place.ref):
            states[entry.payload.get("key")][entry.payload.get("state", "open")] += 1
            if entry.payload.get("comment"):
                comments[entry.payload.get("key")].append(entry.payload["comment"])
        rows = [
            [
                item.text,
                *(str(states[item.id][s]) for s in ("done", "na", "open")),
                " / ".join(comments[item.id]),
            ]
            for item in place.stage.checklist
        ]
        columns = [ui["section_checklist"], *(ui[f"checklist_{s}"] for s in ("done", "na", "open"))]
        return [Table([*columns, ui["checklist_comment"]], rows)]

    def report(self, places: list[Place], read: Reader, words: Words) -> list:
        """Per stage: each item's latest state across participants; the chart of every stage,
        the items done or commented, and what is still open in one line per stage."""
        ui, plan = words.ui, words.plan
        if not any(stage.checklist for stage in plan.stages):
            return []  # a plan without checklists has no such section
        if not any(read.visible(f"{stage.id}/checklist") for stage in plan.stages):
            return [NotDone(ui["report_checklists"])]  # never used: one line, not 31 "still open"
        names, counts, done_rows, still_open = [], [], [], []
        for stage in plan.stages:
            answers = sorted(read.visible(f"{stage.id}/checklist"), key=lambda e: e.created_at)
            latest = {e.payload.get("key"): e.payload for e in answers}
            tally, open_items = Counter(), []
            for item in stage.checklist:
                answer = latest.get(item.id, {})
                state, comment = answer.get("state", "open"), answer.get("comment", "")
                tally[state] += 1
                if state != "open" or comment:
                    done_rows.append([stage.title, item.text, ui[f"checklist_{state}"], comment])
                else:
                    open_items.append(item.text)
            if open_items:
                line = ui["report_still_open"].format(
                    stage=stage.title, count=len(open_items), items="; ".join(open_items)
                )
                still_open.append(Line(line, "open"))
            names.append(stage.title)
            counts.append(dict(tally))
        heading = Heading(ui["report_checklists"])
        if not done_rows:  # nobody ticked anything: no chart of zeros, one line per stage
            return [heading, *still_open]
        labels = {state: ui[f"checklist_{state}"] for state in ("done", "na", "open")}
        columns = [ui["report_stage"], ui["section_checklist"], ui["task_status"], ui["checklist_comment"]]
        return [
            heading,
            Figure(
                "checklist_chart", (ui["report_checklists"], names, counts, labels), ui["report_checklists"]
            ),
            Heading(ui["report_open_items"], 3),
            Table(columns, done_rows),
            *still_open,
        ]
