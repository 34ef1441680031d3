"""The report's sections as HTML strings, one function each. Every participant string goes
through ``html.escape`` (or ``DataFrame.to_html(escape=True)``); charts are PNG data URIs."""

from __future__ import annotations

import html
from collections import Counter, defaultdict
from datetime import date

import pandas as pd

from .. import trace
from ..facilitation import criteria_exercise
from ..plan import BRIEF_FIELDS
from ..scoring import scorecard_criteria, scorecard_ranking
from ..store import CONTROL_EXERCISE
from ..tally import entry_label
from . import charts
from .data import WorkshopData
from .html_parts import figure_html, table_html

__all__ = ["SECTIONS", "render_all"]

esc = html.escape


def _nothing(ui) -> str:
    return f"<p class='cck-empty'>{esc(ui['report_nothing'])}</p>"


def _exercises_of(data: WorkshopData, kind: str):
    return data.plan.exercises_of_kind(kind)


def cover(data: WorkshopData, ui) -> str:
    w = data.workshop
    last = data.last_activity()
    rows = [
        (ui["report_plan"], data.plan.title),
        (ui["report_dates"], f"{w.created_at[:10]} – {(last or w.created_at)[:10]}"),
        (ui["report_participants"], str(data.participant_count)),
        (ui["report_entries"], str(data.entry_count)),
    ]
    body = "".join(f"<tr><th>{esc(k)}</th><td>{esc(v)}</td></tr>" for k, v in rows)
    return (
        f"<header class='cck-cover'><h1>{esc(w.title)}</h1><table class='cck-facts'>{body}</table></header>"
        + _at_a_glance(data, ui)
    )


GLANCE_TOP = 3  # the leaders of each vote named on the cover
GLANCE_TASKS = 5  # the next open tasks named on the cover


def _at_a_glance(data: WorkshopData, ui) -> str:
    """What a reader needs first: what the room ranked highest, and who does what next, by when.
    The detail follows in the sections."""
    lines = []
    for vote in _final_votes(data):
        leaders = [(entry_label(e), n) for e, n in data.live.tally(vote) if n][:GLANCE_TOP]
        if leaders:
            items = "; ".join(f"{name} ({count})" for name, count in leaders)
            said = ui["report_glance_vote"].format(section=_title(data, vote["section"]), items=items)
            lines.append(f"<li>{esc(said)}</li>")
    latest = data.latest_check_ins
    upcoming = []
    for ref, _exercise in _exercises_of(data, "task-plan"):
        frame = data.exercise(ref)
        for task in frame.itertuples() if not frame.empty else []:
            if _current_status(task, latest) != "done":
                owner = task.owner if isinstance(task.owner, str) and task.owner else ui["report_no_owner"]
                deadline = _date(task.deadline)
                upcoming.append((deadline is None, deadline or date.min, str(task.task), owner))
    if upcoming:  # soonest deadline first, tasks without one last
        items = "; ".join(
            f"{task} — {owner}, {'—' if undated else deadline.isoformat()}"
            for undated, deadline, task, owner in sorted(upcoming)[:GLANCE_TASKS]
        )
        lines.append(f"<li>{esc(ui['report_glance_tasks'].format(count=len(upcoming), items=items))}</li>")
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


def empathy(data: WorkshopData, ui) -> str:
    parts = []
    areas = [(a.id, a.label) for a in data.plan.empathy_areas]
    for ref, exercise in _exercises_of(data, "empathy-map"):
        frame = data.exercise(ref)
        parts.append(f"<h2>{esc(exercise.title)}</h2>")
        unmapped = []
        for persona in data.personas.values():
            notes = defaultdict(list)
            if not frame.empty:
                for row in frame[frame["group"] == persona.id].itertuples():
                    notes[row.area].append(row.text)
            title = f"{persona.name} ({persona.role})"
            if not notes:  # no empty canvas: one line says who was not mapped
                unmapped.append(title)
                continue
            parts.append(figure_html(charts.empathy_canvas(title, areas, notes), title))
            parts.append(_notes_list(areas, notes))  # the picture shows the first notes; this has all
        if unmapped:
            parts.append(
                f"<p class='cck-empty'>{esc(ui['report_not_mapped'].format(names='; '.join(unmapped)))}</p>"
            )
    return "".join(parts)


def _notes_list(areas, notes) -> str:
    items = []
    for area_id, label in areas:
        if notes.get(area_id):
            inner = "".join(f"<li>{esc(text)}</li>" for text in notes[area_id])
            items.append(f"<li><b>{esc(label)}</b><ul>{inner}</ul></li>")
    return f"<ul class='cck-notes'>{''.join(items)}</ul>" if items else ""


def value_map(data: WorkshopData, ui) -> str:
    parts = []
    labels = {p: ui[f"value_{p}"] for p in ("jobs", "pains", "gains", "products", "relievers", "creators")}
    for ref, exercise in _exercises_of(data, "value-map"):
        frame = data.exercise(ref)
        if frame.empty:
            data.not_done.append(exercise.title)
            continue
        parts.append(f"<h2>{esc(exercise.title)}</h2>")
        items = _value_items(frame, labels)
        parts.append(figure_html(charts.value_canvas(labels, items), exercise.title))
        # The canvas shows the first items of each part; every item is here as text.
        parts.append(_notes_list(list(labels.items()), items))
        for source, target in (("relievers", "pains"), ("creators", "gains")):
            linked = {t for links in frame[frame["part"] == source].get("links", []) for t in (links or [])}
            gaps = frame[(frame["part"] == target) & ~frame["entry_id"].isin(linked)]["text"]
            listed = ", ".join(esc(t) for t in gaps) or esc(ui["value_none"])
            parts.append(f"<p><b>{esc(ui[f'value_unaddressed_{target}'])}</b> {listed}</p>")
    return "".join(parts)


def _value_items(frame: pd.DataFrame, labels: dict[str, str]) -> dict[str, list[str]]:
    """Canvas texts: pains P1.., gains G1..; each reliever and creator says which it addresses."""
    numbers = {}
    items = {part: [] for part in labels}
    for part, prefix in (("pains", "P"), ("gains", "G")):
        for n, row in enumerate(frame[frame["part"] == part].itertuples(), start=1):
            numbers[row.entry_id] = f"{prefix}{n}"
            items[part].append(f"{prefix}{n} {row.text}")
    for part in ("jobs", "products"):
        items[part] = list(frame[frame["part"] == part]["text"])
    for part in ("relievers", "creators"):
        for row in frame[frame["part"] == part].itertuples():
            targets = [numbers[t] for t in (getattr(row, "links", None) or []) if t in numbers]
            items[part].append(f"{row.text} → {', '.join(targets)}" if targets else row.text)
    return items


def answers(data: WorkshopData, ui) -> str:
    """The answers given, question by question (numbered as in the plan); the questions nobody
    answered are counted in one line per stage, not listed empty."""
    if not any(stage.questions for stage in data.plan.stages):
        return ""  # a plan without questions (an idea call) has no such section
    parts = [f"<h2>{esc(ui['report_answers'])}</h2>"]
    for stage in data.plan.stages:
        if not stage.questions:
            continue
        frame = data.exercise(f"{stage.id}/questions")
        answered = []
        for number, question in enumerate(stage.questions, start=1):
            rows = frame[frame["key"] == question.id] if not frame.empty else frame
            given = "".join(
                f"<li><span class='cck-who'>{esc(r.participant)}:</span> {esc(r.answer)}</li>"
                for r in rows.itertuples()
                if r.answer
            )
            if given:
                answered.append(
                    f"<li value='{number}'><p class='cck-q'>{esc(question.text)}</p><ul>{given}</ul></li>"
                )
        parts.append(f"<h3>{esc(stage.title)}</h3>")
        if answered:
            parts.append(f"<ol class='cck-answers'>{''.join(answered)}</ol>")
        if len(answered) < len(stage.questions):
            left = ui["report_unanswered"].format(
                count=len(stage.questions) - len(answered), total=len(stage.questions)
            )
            parts.append(f"<p class='cck-empty'>{esc(left)}</p>")
    return "".join(parts)


def briefs(data: WorkshopData, ui) -> str:
    """The co-creation brief: each question with everyone's answer (unanswered ones counted)."""
    parts = []
    for ref, exercise in _exercises_of(data, "brief"):
        frame = data.exercise(ref)
        parts.append(f"<h2>{esc(exercise.title)}</h2>")
        items = []
        for field in BRIEF_FIELDS:
            rows = frame[frame["key"] == field] if not frame.empty else frame
            given = "".join(
                f"<li><span class='cck-who'>{esc(r.participant)}:</span> {esc(r.text)}</li>"
                for r in rows.itertuples()
                if getattr(r, "text", "")
            )
            if given:
                items.append(f"<li><p class='cck-q'>{esc(ui[f'brief_{field}'])}</p><ul>{given}</ul></li>")
        if items:
            parts.append(f"<ul class='cck-answers'>{''.join(items)}</ul>")
        if len(items) < len(BRIEF_FIELDS):
            left = ui["report_unanswered"].format(
                count=len(BRIEF_FIELDS) - len(items), total=len(BRIEF_FIELDS)
            )
            parts.append(f"<p class='cck-empty'>{esc(left)}</p>")
    return "".join(parts)


def checklists(data: WorkshopData, ui) -> str:
    """Per stage: each item's latest state across participants; open items and comments listed."""
    if not any(stage.checklist for stage in data.plan.stages):
        return ""  # a plan without checklists has no such section
    names, counts, done_rows, still_open = [], [], [], []
    for stage in data.plan.stages:
        frame = data.exercise(f"{stage.id}/checklist")
        latest = {} if frame.empty else {r.key: r for r in frame.sort_values("updated_at").itertuples()}
        tally, open_items = Counter(), []
        for item in stage.checklist:
            row = latest.get(item.id)
            state, comment = (row.state, row.comment) if row is not None else ("open", "")
            tally[state] += 1
            if state != "open" or comment:
                done_rows.append([stage.title, item.text, ui[f"checklist_{state}"], comment])
            else:
                open_items.append(item.text)
        if open_items:
            line = ui["report_still_open"].format(
                stage=stage.title, count=len(open_items), items="; ".join(open_items)
            )
            still_open.append(f"<p class='cck-open'>{esc(line)}</p>")
        names.append(stage.title)
        counts.append(dict(tally))
    heading = f"<h2>{esc(ui['report_checklists'])}</h2>"
    if not done_rows:  # nobody ticked anything: no chart of zeros, one line per stage
        return heading + "".join(still_open)
    labels = {"done": ui["checklist_done"], "na": ui["checklist_na"], "open": ui["checklist_open"]}
    chart = charts.checklist_chart(ui["report_checklists"], names, counts, labels)
    columns = [ui["report_stage"], ui["section_checklist"], ui["task_status"], ui["checklist_comment"]]
    return (
        heading
        + figure_html(chart, ui["report_checklists"])
        + f"<h3>{esc(ui['report_open_items'])}</h3>"
        + table_html(pd.DataFrame(done_rows, columns=columns))
        + "".join(still_open)
    )


def tasks(data: WorkshopData, ui) -> str:
    parts = []
    for ref, exercise in _exercises_of(data, "task-plan"):
        frame = data.exercise(ref)
        if frame.empty:
            data.not_done.append(exercise.title)
            continue
        parts.append(f"<h2>{esc(exercise.title)}</h2>")
        latest = data.latest_check_ins
        status = {r.entry_id: _current_status(r, latest) for r in frame.itertuples()}
        table = pd.DataFrame(
            {
                ui["task_task"]: frame["task"],
                ui["task_owner"]: frame["owner"],
                ui["task_deadline"]: frame["deadline"],
                ui["task_outcome"]: frame["outcome"],
                ui["task_status"]: [ui[f"status_{status[e]}"] for e in frame["entry_id"]],
            }
        )
        parts.append(table_html(table))
        dated = [
            (r.task, deadline, status[r.entry_id])
            for r in frame.itertuples()
            if (deadline := _date(r.deadline))
        ]
        if dated:
            labels = {s: ui[f"status_{s}"] for s in ("todo", "doing", "done")} | {"today": ui["report_today"]}
            parts += [
                figure_html(uri, ui["report_timeline"], rows=True)
                for uri in charts.task_timeline(ui["report_timeline"], dated, labels)
            ]
            left_off = sum(not charts.on_timeline(deadline) for _task, deadline, _status in dated)
            if left_off:
                parts.append(f"<p>{html.escape(ui['report_timeline_left_off'].format(count=left_off))}</p>")
    return "".join(parts)


def _date(value) -> date | None:
    """A stored deadline as a date; None for empty or unreadable (an imported file may hold anything)."""
    try:
        return date.fromisoformat(value) if isinstance(value, str) and value else None
    except ValueError:
        return None


def progress(data: WorkshopData, ui) -> str:
    parts = []
    task_names = {}
    for ref, _exercise in _exercises_of(data, "task-plan"):
        frame = data.exercise(ref)
        task_names.update(dict(zip(frame.get("entry_id", []), frame.get("task", []), strict=True)))
    for ref, exercise in _exercises_of(data, "progress-monitor"):
        frame = data.exercise(ref)
        if frame.empty:
            data.not_done.append(exercise.title)
            continue
        parts.append(f"<h2>{esc(exercise.title)}</h2>")
        frame = frame.sort_values("created_at", ascending=False)
        table = pd.DataFrame(
            {
                ui["progress_task"]: [task_names.get(t, "?") for t in frame["task_id"]],
                ui["report_when"]: [c[:16].replace("T", " ") for c in frame["created_at"]],
                ui["progress_current"]: [ui[f"status_{s}"] for s in frame["status"]],
                ui["progress_on_track"]: [
                    ui["progress_yes"] if t else ui["progress_no"] for t in frame["on_track"]
                ],
                ui["progress_changes"]: frame["changes"],
            }
        )
        parts.append(table_html(table))
        rows = [
            (task_names.get(t, "?"), c, bool(ok))
            for t, c, ok in zip(frame["task_id"], frame["created_at"], frame["on_track"], strict=True)
        ]
        labels = {"yes": ui["progress_yes"], "no": ui["progress_no"], "title": ui["progress_on_track"]}
        parts += [
            figure_html(uri, exercise.title, rows=True)
            for uri in charts.progress_chart(exercise.title, rows[::-1], labels)
        ]
    return "".join(parts)


def scorecards(data: WorkshopData, ui) -> str:
    """Candidates ranked by their weighted score, averaged over the participants who rated them."""
    parts = []
    for ref, exercise in _exercises_of(data, "partner-scorecard"):
        ranked = scorecard_ranking(data.live.visible(ref), data.live.all_entries(f"{ref}/weights"))
        if not ranked:
            data.not_done.append(exercise.title)
            continue
        parts.append(f"<h2>{esc(exercise.title)}</h2>")
        chart = charts.ranking_chart(
            ui["scorecard_ranking"],
            [c.name for c in ranked],
            [c.score for c in ranked],
            ui["scorecard_ranking"],
            scale=(1, 5),
        )
        parts.append(figure_html(chart, ui["scorecard_ranking"]))
        found = scorecard_criteria(exercise.aspects, data.live.visible(criteria_exercise(ref)))
        criteria = [(area.id, area.label) for area in found]
        columns = [ui["scorecard_candidates"], ui["scorecard_ranking"], ui["overview_raters"]]
        rows = [
            [c.name, f"{c.score:.2f}", c.raters] + [c.by_criterion.get(key, "") for key, _label in criteria]
            for c in ranked
        ]
        parts.append(table_html(pd.DataFrame(rows, columns=columns + [label for _key, label in criteria])))
    return "".join(parts)


def evaluation(data: WorkshopData, ui) -> str:
    parts = []
    for ref, exercise in _exercises_of(data, "evaluation-grid"):
        ratings = data.exercise(ref)
        goals, actions = data.exercise(f"{ref}/goals"), data.exercise(f"{ref}/actions")
        if ratings.empty and goals.empty and actions.empty:
            data.not_done.append(exercise.title)
            continue
        parts.append(f"<h2>{esc(exercise.title)}</h2>")
        if not ratings.empty:
            means = ratings.groupby("key")["rating"].mean()
            labels = [a.label for a in exercise.aspects]
            scores = [float(means.get(a.id, 0)) for a in exercise.aspects]
            radar = charts.evaluation_radar(exercise.title, labels, scores, len(exercise.scale))
            parts.append(figure_html(radar, exercise.title))
        if not goals.empty:
            parts.append(f"<h3>{esc(ui['evaluation_goals'])}</h3>")
            parts.append(
                table_html(
                    pd.DataFrame(
                        {
                            ui["evaluation_goal"]: goals["goal"],
                            ui["evaluation_result"]: [ui[f"goal_{r}"] for r in goals["result"]],
                            ui["evaluation_reason"]: goals["reason"],
                            ui["report_who"]: goals["participant"],
                        }
                    )
                )
            )
        if not actions.empty:
            order = {"high": 0, "medium": 1, "low": 2}
            actions = actions.sort_values("priority", key=lambda s: s.map(order))
            parts.append(f"<h3>{esc(ui['evaluation_actions'])}</h3>")
            parts.append(
                table_html(
                    pd.DataFrame(
                        {
                            ui["evaluation_action"]: actions["action"],
                            ui["evaluation_priority"]: [ui[f"priority_{p}"] for p in actions["priority"]],
                        }
                    )
                )
            )
    return "".join(parts)


def _current_status(task, latest_check_ins: dict) -> str:
    """A task's one status in the whole report: its latest check-in, unless the task plan was
    edited after it (then the plan's status is the newer word)."""
    check = latest_check_ins.get(task.entry_id)
    if check is not None and check.created_at >= task.updated_at:
        return check.status
    return task.status


def traceability(data: WorkshopData, ui) -> str:
    """Each pain → its relievers → their tasks → latest status and on-track, with every gap flagged."""
    if not _exercises_of(data, "value-map") or not _exercises_of(data, "task-plan"):
        return ""  # nothing to trace from pains to tasks in this plan
    value_maps = [data.exercise(ref) for ref, _e in _exercises_of(data, "value-map")]
    items = pd.concat(value_maps) if value_maps else pd.DataFrame()
    if items.empty or "part" not in items or (items["part"] == "pains").sum() == 0:
        data.not_done.append(ui["trace_title"])  # no pain to trace
        return ""
    pains = items[items["part"] == "pains"]
    relievers = items[items["part"] == "relievers"]
    task_frames = [data.exercise(ref) for ref, _e in _exercises_of(data, "task-plan")]
    all_tasks = pd.concat(task_frames) if task_frames else pd.DataFrame()
    latest = data.latest_check_ins
    by_id = {t.entry_id: t for t in all_tasks.itertuples()}

    def standing(task_id, _payload):
        check = latest.get(task_id)
        return _current_status(by_id[task_id], latest), (None if check is None else bool(check.on_track))

    links = trace.chain(
        [(p.entry_id, p.text) for p in pains.itertuples()],
        [(r.entry_id, r.text, r.links or []) for r in relievers.itertuples()],
        [
            (t.entry_id, {k: getattr(t, k, "") for k in ("task", "owner", "deadline", "reliever")})
            for t in all_tasks.itertuples()
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
    columns = [
        ui["value_pains"],
        ui["value_relievers"],
        ui["task_task"],
        ui["report_latest_status"],
        ui["progress_on_track"],
        ui["trace_gaps"],
    ]
    table = table_html(pd.DataFrame(rows, columns=columns)) if rows else _nothing(ui)
    return f"<h2>{esc(ui['trace_title'])}</h2><p>{esc(ui['trace_intro'])}</p>" + table


def ideas(data: WorkshopData, ui) -> str:
    """An idea call's ideas, by topic, with who sent them."""
    parts = []
    for ref, exercise in _exercises_of(data, "ideas"):
        frame = data.exercise(ref)
        if frame.empty:
            data.not_done.append(exercise.title)
            continue
        parts.append(f"<h2>{esc(exercise.title)}</h2>")
        topics = [c or ui["board_no_category"] for c in frame["category"]]
        table = pd.DataFrame(
            {
                ui["idea_label"]: frame["text"],
                ui["idea_category"]: topics,
                ui["report_who"]: frame["participant"],
            }
        )
        parts.append(table_html(table.sort_values(ui["idea_category"], kind="stable")))
    return "".join(parts)


def votes(data: WorkshopData, ui) -> str:
    """Every dot vote of the workshop, as a ranked bar chart of its final tally."""
    parts = []
    live = data.live  # the same moderated tally the board shows
    for vote in _final_votes(data):
        ranked = [(entry_label(entry), count) for entry, count in live.tally(vote)]
        if not ranked:
            continue
        title = ui["report_vote"].format(section=_title(data, vote["section"]), dots=vote["dots"])
        chart = charts.ranking_chart(title, [n for n, _ in ranked], [c for _, c in ranked], ui["report_dots"])
        parts.append(f"<h2>{esc(title)}</h2>" + figure_html(chart, title))
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


SECTIONS = [
    cover,
    briefs,
    empathy,
    ideas,
    votes,
    value_map,
    answers,
    checklists,
    scorecards,
    tasks,
    progress,
    evaluation,
    traceability,
    resources,
]


def render_all(data: WorkshopData, ui) -> list[str]:
    """Every section with something in it; what nobody did is one line under the cover."""
    data.not_done = []
    cover_html, *rest = [section(data, ui) for section in SECTIONS]
    if data.not_done:
        line = ui["report_not_done"].format(names="; ".join(dict.fromkeys(data.not_done)))
        cover_html += f"<p class='cck-empty cck-not-done'>{esc(line)}</p>"
    return [cover_html, *[section for section in rest if section]]
