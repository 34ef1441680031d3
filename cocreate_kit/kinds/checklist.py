"""A stage's checklist: each item open, done or not applicable, with a comment."""

from __future__ import annotations

from collections import Counter, defaultdict

from ..models import Entry
from .base import Place, Reader, Words
from .blocks import Block, Figure, Heading, Line, NotDone, Table
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

    def overview(self, place: Place, read: Reader, words: Words) -> list[Block]:
        ui = words.ui
        # item id -> how many gave each state, and the comments (keyed as stored: None without a key)
        states: defaultdict[str | None, Counter[str]] = defaultdict(Counter)
        comments: defaultdict[str | None, list[str]] = defaultdict(list)
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

    def report(self, places: list[Place], read: Reader, words: Words) -> list[Block]:
        """Every voice, stage by stage: how many people marked each item done, not applicable
        or open, the items they disagree on, every comment with its author; the chart of the
        answers per stage; what nobody has answered yet in one line per stage."""
        ui, plan = words.ui, words.plan
        if not any(stage.checklist for stage in plan.stages):
            return []  # a plan without checklists has no such section
        if not any(read.visible(f"{stage.id}/checklist") for stage in plan.stages):
            return [NotDone(ui["report_checklists"])]  # never used: one line, not 31 "still open"
        names, counts, rows, lines = [], [], [], []
        for stage in plan.stages:
            given = defaultdict(list)  # item id -> each person's current answer
            for entry in read.visible(f"{stage.id}/checklist"):
                given[entry.payload.get("key")].append(entry)
            tally: Counter[str] = Counter()
            unanswered: list[str] = []
            disagreed: list[str] = []
            for item in stage.checklist:
                answers = given.get(item.id, [])
                states = Counter(e.payload.get("state", "open") for e in answers)
                tally.update(states)
                if not answers:
                    unanswered.append(item.text)
                    continue
                if len(states) > 1:
                    disagreed.append(item.text)
                comments = "; ".join(
                    f"{read.name(e.participant_id, ui)}: {e.payload['comment']}"
                    for e in answers
                    if e.payload.get("comment")
                )
                rows.append([stage.title, item.text, *(states[s] for s in ("done", "na", "open")), comments])
            if disagreed:
                lines.append(
                    Line(ui["report_disagree"].format(stage=stage.title, items="; ".join(disagreed)))
                )
            if unanswered:
                line = ui["report_still_open"].format(
                    stage=stage.title, count=len(unanswered), items="; ".join(unanswered)
                )
                lines.append(Line(line, "open"))
            names.append(stage.title)
            counts.append(dict(tally))
        labels = {state: ui[f"checklist_{state}"] for state in ("done", "na", "open")}
        labels["axis"] = ui["report_checklist_axis"]
        columns = [
            ui["report_stage"],
            ui["section_checklist"],
            *(labels[s] for s in ("done", "na", "open")),
            ui["checklist_comment"],
        ]
        return [
            Heading(ui["report_checklists"]),
            Figure(
                "checklist_chart", (ui["report_checklists"], names, counts, labels), ui["report_checklists"]
            ),
            Heading(ui["report_open_items"], 3),
            Table(columns, rows),
            *lines,
        ]
