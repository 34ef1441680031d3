"""The board's overview of any exercise, across all participants: checklist completion,
answers, ratings as distributions, tasks as a table, check-ins, value maps, scorecard ranking.

Plain HTML from the board's live state (every participant string escaped), moderated by the
same rule as every other view; the board redraws it when the facilitator picks another exercise
or something in that exercise changes.
"""

from __future__ import annotations

import html
from collections import Counter, defaultdict

from ..live import LiveWorkshop
from ..plan import BRIEF_FIELDS, Plan
from ..scoring import scorecard_ranking

__all__ = ["render_overview"]

esc = html.escape


def render_overview(live: LiveWorkshop, plan: Plan, section: str, ui) -> str:
    names = {pid: person.display_name or ui["board_anonymous"] for pid, person in live.people.items()}
    entries = live.visible(section)
    stage_id, _, exercise_id = section.partition("/")
    try:
        stage = plan.stage(stage_id)
    except KeyError:
        return ""
    if exercise_id == "questions":
        return _answers([(q.id, q.text) for q in stage.questions], entries, "answer", names, ui)
    if exercise_id == "checklist":
        return _checklist(stage, entries, ui)
    kind = plan.exercise(section).kind
    if kind == "brief":
        return _answers([(f, ui[f"brief_{f}"]) for f in BRIEF_FIELDS], entries, "text", names, ui)
    if kind == "evaluation-grid":
        return _ratings(plan.exercise(section), entries, ui)
    if kind == "task-plan":
        return _tasks(entries, names, ui)
    if kind == "progress-monitor":
        return _check_ins(live, plan, entries, ui)
    if kind == "value-map":
        return _value_map(entries, ui)
    if kind == "partner-scorecard":
        weights = live.all_entries(f"{section}/weights")
        return _scorecard(entries, weights, ui)
    return ""  # empathy maps and ideas are the main board


def _nothing(ui) -> str:
    return f"<p class='cck-meta'>{esc(ui['report_nothing'])}</p>"


def _table(headers: list[str], rows: list[list[str]], ui) -> str:
    if not rows:
        return _nothing(ui)
    head = "".join(f"<th>{esc(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{esc(str(c))}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table class='cck-overview-table'><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _answers(items, entries, field, names, ui) -> str:
    by_key = defaultdict(list)
    for entry in entries:
        if entry.payload.get(field):
            by_key[entry.payload.get("key")].append(
                (names.get(entry.participant_id, "?"), entry.payload[field])
            )
    parts = []
    for key, label in items:
        given = "".join(f"<li><b>{esc(who)}:</b> {esc(text)}</li>" for who, text in by_key.get(key, []))
        parts.append(f"<li><p>{esc(label)}</p><ul>{given or '<li>—</li>'}</ul></li>")
    return f"<ol class='cck-overview'>{''.join(parts)}</ol>"


def _checklist(stage, entries, ui) -> str:
    states, comments = defaultdict(Counter), defaultdict(list)
    for entry in entries:
        states[entry.payload["key"]][entry.payload.get("state", "open")] += 1
        if entry.payload.get("comment"):
            comments[entry.payload["key"]].append(entry.payload["comment"])
    rows = [
        [
            item.text,
            states[item.id]["done"],
            states[item.id]["na"],
            states[item.id]["open"],
            " / ".join(comments[item.id]),
        ]
        for item in stage.checklist
    ]
    headers = [
        ui["section_checklist"],
        ui["checklist_done"],
        ui["checklist_na"],
        ui["checklist_open"],
        ui["checklist_comment"],
    ]
    return _table(headers, rows, ui)


def _ratings(exercise, entries, ui) -> str:
    """Each aspect's ratings as a distribution over the plan's scale, with the average."""
    ratings = defaultdict(Counter)
    for entry in entries:
        if "rating" in entry.payload:
            ratings[entry.payload["key"]][entry.payload["rating"]] += 1
    rows = []
    for aspect in exercise.aspects:
        counts = ratings[aspect.id]
        total = sum(counts.values())
        average = f"{sum(k * v for k, v in counts.items()) / total:.1f}" if total else "—"
        spread = " · ".join(
            f"{label}: {'■' * counts[n]}{counts[n]}" for n, label in enumerate(exercise.scale, 1)
        )
        rows.append([aspect.label, spread, average])
    return _table([ui["overview_aspect"], ui["overview_ratings"], ui["overview_average"]], rows, ui)


def _tasks(entries, names, ui) -> str:
    rows = [
        [
            e.payload["task"],
            e.payload.get("owner") or "—",
            e.payload.get("deadline") or "—",
            ui[f"status_{e.payload['status']}"],
            names.get(e.participant_id, "?"),
        ]
        for e in entries
    ]
    headers = [ui["task_task"], ui["task_owner"], ui["task_deadline"], ui["task_status"], ui["report_who"]]
    return _table(headers, rows, ui)


def _check_ins(live, plan, entries, ui) -> str:
    tasks = {}
    for ref, _exercise in plan.exercises_of_kind("task-plan"):
        tasks.update({t.entry_id: t.payload["task"] for t in live.visible(ref)})
    latest = {}
    for entry in entries:  # oldest first: the last one per task is the latest check-in
        latest[entry.payload["task_id"]] = entry
    rows = [
        [
            tasks.get(task_id, "?"),
            ui[f"status_{c.payload['status']}"],
            ui["progress_yes"] if c.payload["on_track"] else ui["progress_no"],
            c.payload.get("changes", ""),
            c.created_at[:16].replace("T", " "),
        ]
        for task_id, c in latest.items()
    ]
    headers = [
        ui["progress_task"],
        ui["progress_current"],
        ui["progress_on_track"],
        ui["progress_changes"],
        ui["report_when"],
    ]
    return _table(headers, rows, ui)


def _value_map(entries, ui) -> str:
    parts = []
    for part in ("jobs", "pains", "gains", "products", "relievers", "creators"):
        items = [e.payload["text"] for e in entries if e.payload.get("part") == part]
        listed = "".join(f"<li>{esc(text)}</li>" for text in items)
        parts.append(
            f"<div class='cck-board-area'><h4>{esc(ui[f'value_{part}'])} "
            f"<span class='cck-count'>{len(items)}</span></h4><ul>{listed}</ul></div>"
        )
    return f"<div class='cck-board-grid'>{''.join(parts)}</div>"


def _scorecard(candidates, weights, ui) -> str:
    rows = [[c.name, f"{c.score:.2f}", c.raters] for c in scorecard_ranking(candidates, weights)]
    return _table([ui["scorecard_candidates"], ui["scorecard_ranking"], ui["overview_raters"]], rows, ui)
