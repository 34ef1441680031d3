"""The programme roll-up: one report across every collaboration of a programme, one report per
collaboration, and one XLSX with a sheet per view. Everything reads ``ProgrammeData``; every
participant string is escaped (``DataFrame.to_html(escape=True)``, ``html.escape``)."""

from __future__ import annotations

import concurrent.futures
import contextlib
import html
import multiprocessing
import os
from collections.abc import Callable
from datetime import date, datetime
from functools import partial
from pathlib import Path
from types import SimpleNamespace

import pandas as pd

from ..kinds.base import local_date
from . import charts
from .build import sections_page
from .html_parts import figure_html, table_html
from .programme_data import TASK_STATES, ProgrammeData

__all__ = ["collaboration_sections", "programme_sections", "write_programme_xlsx", "write_programme_reports"]

esc = html.escape


def _states(data: ProgrammeData) -> list[tuple[str, str]]:
    return [(state, data.ui[f"state_{state}"]) for state in TASK_STATES]


def _session(data: ProgrammeData, session: str) -> str:
    return data.ui.get(f"session_{session}", session) if session else ""


def _day(value, *, moment: bool = False):
    """A stored day (or, with ``moment``, a time to the minute) as a date the tables put in the
    report's language; what is not one (a deadline typed as words) stays as written."""
    try:
        if moment:
            return datetime.fromisoformat(value).replace(second=0, microsecond=0)
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        return value


def _said(data: ProgrammeData, value) -> str:
    return local_date(value, data.lang) if isinstance(value, date) else str(value)


def _yes_no(data: ProgrammeData, value) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    return data.ui["progress_yes" if value else "progress_no"]


# -- the programme report ---------------------------------------------------------------------


def programme_sections(data: ProgrammeData) -> list[str]:
    ui = data.ui
    collabs = data.collaborations()
    tasks = data.tasks()
    facts = [
        (ui["programme_facts_collaborations"], len(collabs)),
        (ui["programme_facts_workshops"], int(collabs["workshops"].sum()) if not collabs.empty else 0),
        (ui["programme_facts_tasks"], len(tasks)),
    ]
    cover = (
        f"<header class='cck-cover'><h1>{esc(data.programme.title)}</h1>"
        f"<p>{esc(ui['programme_report'])}</p><table class='cck-facts'>"
        + "".join(f"<tr><th>{esc(k)}</th><td>{v}</td></tr>" for k, v in facts)
        + "</table></header>"
    )
    if collabs.empty:
        return [cover, f"<p class='cck-empty'>{esc(ui['programme_none'])}</p>"]
    return [
        cover,
        _collaborations(data, collabs),
        _task_states(data),
        _evaluations(data),
        _goals(data),
        _pains(data),
        _gap_counts(data),
    ]


def _collaborations(data: ProgrammeData, collabs: pd.DataFrame) -> str:
    ui = data.ui
    table = pd.DataFrame(
        {
            ui["programme_shop"]: collabs["shop"],
            ui["programme_digital_firm"]: collabs["digital_firm"],
            ui["programme_contact"]: collabs["contact"],
            ui["programme_workshops"]: collabs["workshops"],
            ui["programme_stage"]: [_session(data, s) for s in collabs["stage"]],
            ui["programme_last"]: [_day(d) for d in collabs["last_workshop"]],
        }
    )
    counts = collabs["stage"].value_counts()
    stages = [s for s in ("ideation", "preparation", "check-in", "evaluation") if s in counts]
    summary = ", ".join(f"{_session(data, s)}: {int(counts[s])}" for s in stages)
    return (
        f"<h2>{esc(ui['programme_collaborations'])}</h2>"
        f"<p><b>{esc(ui['programme_by_stage'])}</b>: {esc(summary)}</p>" + table_html(table, data.lang)
    )


def _task_states(data: ProgrammeData) -> str:
    ui = data.ui
    summary = data.task_summary()
    names = _pair_names(summary)
    pictures = charts.state_bars(
        ui["programme_tasks"],
        names,
        [(state, label, summary[state].tolist()) for state, label in _states(data)],
    )
    table = pd.DataFrame({ui["programme_pair"]: names})
    for state, label in _states(data):
        table[label] = summary[state]
    return (
        f"<h2>{esc(ui['programme_tasks'])}</h2><p>{esc(ui['programme_tasks_intro'])}</p>"
        + "".join(figure_html(picture, ui["programme_tasks"], rows=True) for picture in pictures)
        + table_html(table, data.lang)
    )


def _evaluations(data: ProgrammeData) -> str:
    ui = data.ui
    frame = data.evaluations()
    aspects = [c for c in frame.columns if c not in ("collaboration", "pair")]
    if frame.empty or frame[aspects].isna().all().all():
        return ""
    scale = _scale(data)
    intro = ui["programme_evaluations_intro"].format(low=scale[0], top=len(scale), high=scale[-1])
    pictures = charts.rating_grids(
        ui["programme_evaluations"],
        frame["pair"].tolist(),
        aspects,
        frame[aspects].values.tolist(),
        len(scale),
    )
    return f"<h2>{esc(ui['programme_evaluations'])}</h2><p>{esc(intro)}</p>" + "".join(
        figure_html(picture, ui["programme_evaluations"], rows=True) for picture in pictures
    )


def _scale(data: ProgrammeData) -> list[str]:
    from ..content.plan import load_plan
    from ..kinds.registry import evaluations_of

    for pair in data.pairs:
        for workshop in data.threads[pair.id].workshops:
            grids = evaluations_of(load_plan(workshop.plan, data.lang))
            if grids:
                exercise = grids[0].exercise
                assert exercise is not None  # an evaluation grid is an exercise, not a stage's list
                return list(exercise.scale)
    return ["1", "5"]


def _goals(data: ProgrammeData) -> str:
    ui = data.ui
    if data.goals().empty:
        return ""
    summary = data.goal_summary()
    table = pd.DataFrame({ui["programme_pair"]: _pair_names(summary)})
    for result in ("achieved", "partly", "not"):
        table[ui[f"goal_{result}"]] = summary[result]
    return f"<h2>{esc(ui['programme_goals'])}</h2>" + table_html(table, data.lang)


def _goal_list(data: ProgrammeData, collaboration_id: str) -> str:
    ui = data.ui
    goals = data.goals()
    goals = goals[goals["collaboration"] == collaboration_id]
    if goals.empty:
        return ""
    listed = pd.DataFrame(
        {
            ui["evaluation_goal"]: goals["goal"],
            ui["evaluation_result"]: [ui.get(f"goal_{r}", r) for r in goals["result"]],
            ui["evaluation_reason"]: goals["reason"],
        }
    )
    return f"<h2>{esc(ui['evaluation_goals'])}</h2>" + table_html(listed, data.lang)


def _pair_names(frame: pd.DataFrame) -> list[str]:
    """The label of each row's collaboration (``ProgrammeData.pair_label``, from the frame's columns)."""
    return [
        ProgrammeData.pair_label(SimpleNamespace(shop=s, digital_firm=d))
        for s, d in zip(frame["shop"], frame["digital_firm"], strict=True)
    ]


def _pains(data: ProgrammeData) -> str:
    ui = data.ui
    pains = data.pains()
    if pains.empty:
        return ""
    table = pd.DataFrame(
        {
            ui["programme_pain"]: pains["pain"],
            ui["programme_pain_collaborations"]: pains["collaborations"],
            ui["programme_pain_mentions"]: pains["mentions"],
        }
    )
    return f"<h2>{esc(ui['programme_pains'])}</h2><p>{esc(ui['programme_pains_intro'])}</p>" + table_html(
        table, data.lang
    )


def _gap_counts(data: ProgrammeData) -> str:
    """How many gaps of each kind every collaboration has; each collaboration's report lists them."""
    ui = data.ui
    head = f"<h2>{esc(ui['programme_gaps'])}</h2><p>{esc(ui['programme_gaps_intro'])}</p>"
    gaps = data.gaps()
    if gaps.empty:
        return head + f"<p class='cck-empty'>{esc(ui['programme_no_gaps'])}</p>"
    # By collaboration id: two collaborations with the same names stay two rows.
    counts = pd.crosstab(gaps["collaboration"], gaps["gap"]).rename_axis(index=None, columns=None)
    labels = dict(zip(gaps["collaboration"], gaps["pair"], strict=True))
    counts.insert(0, ui["programme_pair"], [labels[c] for c in counts.index])
    return head + table_html(counts, data.lang)


def _gaps(data: ProgrammeData, gaps: pd.DataFrame, *, with_pair: bool = True) -> str:
    ui = data.ui
    head = f"<h2>{esc(ui['programme_gaps'])}</h2><p>{esc(ui['programme_gaps_intro'])}</p>"
    if gaps.empty:
        return head + f"<p class='cck-empty'>{esc(ui['programme_no_gaps'])}</p>"
    columns = {
        "pair": ui["programme_pair"],
        "gap": ui["programme_gap"],
        "pain": ui["value_pains"],
        "reliever": ui["value_relievers"],
        "task": ui["task_task"],
    }
    if not with_pair:
        columns.pop("pair")
    return head + table_html(gaps[list(columns)].rename(columns=columns), data.lang)


# -- one collaboration ------------------------------------------------------------------------


def collaboration_sections(data: ProgrammeData, collaboration_id: str) -> list[str]:
    ui = data.ui
    pair = next(p for p in data.pairs if p.id == collaboration_id)
    thread = data.threads[collaboration_id]
    sessions = "".join(
        f"<tr><td>{esc(_said(data, _day(w.created_at[:10])))}</td>"
        f"<td>{esc(_session(data, w.session or ''))}</td><td>{esc(w.title)}</td></tr>"
        for w in thread.workshops
    )
    cover = (
        f"<header class='cck-cover'><h1>{esc(data.pair_label(pair))}</h1>"
        f"<p>{esc(data.programme.title)}</p><table class='cck-facts'>"
        f"<tr><th>{esc(ui['programme_contact'])}</th><td>{esc(pair.contact)}</td></tr></table>"
        f"<table class='cck-table'><thead><tr><th>{esc(ui['programme_when'])}</th>"
        f"<th>{esc(ui['programme_session'])}</th><th>{esc(ui['programme_workshops'])}</th></tr></thead>"
        f"<tbody>{sessions}</tbody></table></header>"
    )
    parts = [cover]
    over_time = data.status_over_time(collaboration_id)
    tasks = data.tasks()
    tasks = tasks[tasks["collaboration"] == collaboration_id]
    if not tasks.empty:
        picture = charts.stacked_bars(
            ui["programme_over_time"],
            [
                f"{_said(data, _day(d))} {_session(data, s)}"
                for d, s in zip(over_time["date"], over_time["session"], strict=True)
            ],
            [(state, label, over_time[state].tolist()) for state, label in _states(data)],
            horizontal=False,
        )
        listed = pd.DataFrame(
            {
                ui["task_task"]: tasks["task"],
                ui["task_owner"]: tasks["owner"],
                ui["task_deadline"]: [_day(d) for d in tasks["deadline"]],
                ui["report_latest_status"]: [ui[f"status_{s}"] for s in tasks["status"]],
                ui["progress_on_track"]: [_yes_no(data, v) for v in tasks["on_track"]],
                ui["programme_late"]: [ui["progress_yes"] if v else "" for v in tasks["late"]],
                ui["programme_created_in"]: tasks["created_in"],
                ui["programme_check_ins"]: tasks["check_ins"],
            }
        )
        history = data.task_history()
        history = history[history["collaboration"] == collaboration_id]
        steps = pd.DataFrame(
            {
                ui["task_task"]: history["task"],
                ui["programme_workshops"]: history["workshop"],
                ui["programme_when"]: [_day(a, moment=True) for a in history["at"]],
                ui["report_latest_status"]: [ui[f"status_{s}"] for s in history["status"]],
                ui["progress_on_track"]: [_yes_no(data, v) for v in history["on_track"]],
                ui["programme_changes"]: history["changes"],
            }
        )
        parts.append(
            f"<h2>{esc(ui['programme_over_time'])}</h2>"
            + figure_html(picture, ui["programme_over_time"], rows=True)
            + table_html(listed, data.lang)
            + f"<h3>{esc(ui['programme_history'])}</h3>"
            + table_html(steps, data.lang)
        )
    parts.append(_goal_list(data, collaboration_id))
    gaps = data.gaps()
    parts.append(_gaps(data, gaps[gaps["collaboration"] == collaboration_id], with_pair=False))
    return parts


# -- files ------------------------------------------------------------------------------------


def write_programme_reports(data: ProgrammeData, out: Path, formats: set[str], progress=lambda _step: None):
    """Write the programme report and one report per collaboration into ``out``; ``progress`` is
    called once per file written (a CLI progress bar). Returns the paths written.

    PDFs are laid out in worker processes, one per CPU, while this process builds the next
    pages: layout is most of the time, and each page is independent."""
    out.mkdir(parents=True, exist_ok=True)
    pages: list[tuple[str, str, Callable[[], list[str]]]] = [
        (f"programme-{data.programme.id}", data.programme.title, lambda: programme_sections(data))
    ]
    for pair in data.pairs:
        pages.append(
            (
                f"collaboration-{pair.id}",
                data.pair_label(pair),
                partial(collaboration_sections, data, pair.id),
            )
        )
    written: list[Path] = []
    with _pdf_workers("pdf" in formats, len(pages)) as workers:
        pending = []
        for stem, title, sections in pages:
            body = sections_page(sections(), title, data.lang)
            if "html" in formats:
                target = out / f"{stem}.html"
                target.write_text(body, encoding="utf-8")
                written.append(target)
            if workers is not None:
                pending.append((out / f"{stem}.pdf", workers.submit(write_pdf, body, out / f"{stem}.pdf")))
            else:
                progress(stem)
        for target, done in pending:
            done.result()  # a failed layout fails the run, naming nothing half-written as done
            written.append(target)
            progress(target.stem)
    if "xlsx" in formats:
        written.append(write_programme_xlsx(data, out / f"programme-{data.programme.id}.xlsx"))
        progress("xlsx")
    return written


@contextlib.contextmanager
def _pdf_workers(wanted: bool, pages: int):
    """Processes that lay out PDFs (started fresh, not forked from a process holding a store),
    or None when no PDF is asked for."""
    if not wanted:
        yield None
        return
    context = multiprocessing.get_context("spawn")
    workers = min(os.cpu_count() or 1, pages)
    with concurrent.futures.ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        yield pool


def write_pdf(body: str, target: Path) -> None:
    """One page of HTML as a PDF file (run in a worker process)."""
    from .pdf import pdf_bytes

    target.write_bytes(pdf_bytes(body))


def write_programme_xlsx(data: ProgrammeData, path: Path) -> Path:
    """One workbook, a sheet per view; participant text stays text (never a formula)."""
    from openpyxl import Workbook

    from .export import append_sheet_rows

    book = Workbook()
    book.remove(book.active)
    views = {
        "collaborations": data.collaborations(),
        "tasks-per-collaboration": data.task_summary(),
        "tasks": data.tasks(),
        "task-history": data.task_history(),
        "evaluations": data.evaluations(),
        "goals-per-collaboration": data.goal_summary(),
        "goals": data.goals(),
        "pains": data.pains(top=1000),
        "gaps": data.gaps(),
    }
    for name, frame in views.items():
        rows = [[_cell(v) for v in row] for row in frame.itertuples(index=False, name=None)]
        append_sheet_rows(book.create_sheet(name), [list(frame.columns), *rows])
    book.save(path)
    return path


def _cell(value):
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value
