"""The programme roll-up: the analyst's DataFrames, the programme and collaboration reports, and
the workbook, on a small programme whose every number is known."""

from __future__ import annotations

from datetime import date

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from cocreate_kit.cli.main import main
from cocreate_kit.content.plan import load_plan
from cocreate_kit.forms.evaluation import EvaluationGrid
from cocreate_kit.forms.progress import ProgressMonitor
from cocreate_kit.forms.records import Records
from cocreate_kit.forms.task_plan import validate_task
from cocreate_kit.forms.value_map import ValueMap
from cocreate_kit.live.followup import start_workshop
from cocreate_kit.report.programme_data import ProgrammeData
from cocreate_kit.report.programme_report import (
    collaboration_sections,
    programme_sections,
    write_programme_reports,
)
from cocreate_kit.store.programmes import add_collaboration, create_programme

from .conftest import IMG, SCRIPT

TODAY = date(2027, 3, 1)
FORMULA = '=HYPERLINK("http://evil.example","click")'


def _session(store, pair, title, session, name="Ann"):
    created, _report = start_workshop(store, pair.id, title, session)
    person, _ = store.join(created.workshop.id, created.join_code, name)
    return created.workshop, person


def _tasks(store, person, reliever_ids=frozenset()):
    return Records(
        store, person, "preparation/task-plan", lambda f: validate_task(f, frozenset(reliever_ids))
    )


@pytest.fixture
def programme(store):
    """Two collaborations. Bakery: ideation (value map), preparation (3 tasks: one late, one done,
    one with no owner), check-in (the open one off track), evaluation (ratings, goals). Florist:
    preparation only, one task on track; the same pain in other words and case."""
    hub = create_programme(store, "Spring <b>cohort</b>").programme
    bakery = add_collaboration(store, hub.id, "Bakery " + SCRIPT, "Pixel & Co", "ann@hub.example")
    florist = add_collaboration(store, hub.id, "Florist $5", "Webbers", "bo@hub.example")

    ideation, ann = _session(store, bakery, "Ideas", "ideation")
    value_map = ValueMap(store, ann, "ideation/value-map")
    pain = value_map.add("pains", "No time for a web shop")
    value_map.add("pains", "Card fees " + IMG)
    reliever = value_map.add("relievers", "Order by phone")
    value_map.link(reliever, [pain.entry_id])

    prep, ann = _session(store, bakery, "Plan", "preparation")
    carried_reliever = next(
        e for e in store.entries(prep.id, "ideation/value-map") if e.payload["part"] == "relievers"
    )
    tasks = _tasks(store, ann, {carried_reliever.entry_id})
    tasks.add(
        task="Photos " + FORMULA,
        owner="Bo",
        deadline="2027-01-15",
        outcome="20",
        status="doing",
        reliever=carried_reliever.entry_id,
    )
    tasks.add(task="Domain", owner="Bo", deadline="2027-06-01", outcome="1", status="done")
    tasks.add(task="Web shop", owner="", deadline="2027-06-01", outcome="1 shop", status="todo")

    check_in, cy = _session(store, bakery, "March", "check-in", "Cy")
    web_shop = next(
        t for t in store.entries(check_in.id, "preparation/task-plan") if t.payload["task"] == "Web shop"
    )
    ProgressMonitor(store, cy, "implementation/progress", ["preparation/task-plan"]).check_in(
        web_shop.entry_id, "doing", False, "Supplier late " + SCRIPT
    )

    evaluation, di = _session(store, bakery, "Closing", "evaluation", "Di")
    grid = EvaluationGrid(
        store,
        di,
        "evaluation/evaluation-grid",
        load_plan("business-hubs", "en").exercise("evaluation/evaluation-grid"),
    )
    grid.rate("engagement", 4, IMG)
    grid.rate("collaboration", 2, "")
    grid.goals.add(goal="Sell online", result="partly", reason=IMG)

    _flo_prep, flo = _session(store, florist, "Flower plan", "preparation", "Flo")
    _tasks(store, flo).add(
        task="Instagram", owner="Flo", deadline="2027-12-01", outcome="3 posts", status="doing"
    )
    ValueMap(store, flo, "ideation/value-map").add("pains", "  no TIME for a web shop. ")
    return hub, bakery, florist


def test_collaborations_show_their_furthest_session(store, programme):
    """One row per collaboration with its workshops and the furthest session held."""
    hub, bakery, florist = programme
    frame = ProgrammeData(store, hub.id, today=TODAY).collaborations()
    assert [(bakery.id, 4, "evaluation"), (florist.id, 1, "preparation")] == list(
        frame[["collaboration", "workshops", "stage"]].itertuples(index=False, name=None)
    )


def test_a_carried_task_counts_once_where_it_stands_now(store, programme):
    """Bakery's three tasks are carried through three sessions yet count once each: the done one
    stays done, the past-deadline one is late, the one said off track at the check-in is."""
    hub, bakery, florist = programme
    data = ProgrammeData(store, hub.id, today=TODAY)
    tasks = data.tasks()
    bakery_tasks = tasks[tasks["collaboration"] == bakery.id].set_index("task")
    assert 3 == len(bakery_tasks)
    assert {"Photos " + FORMULA: "late", "Domain": "done", "Web shop": "off-track"} == bakery_tasks[
        "state"
    ].to_dict()
    assert "Plan" == bakery_tasks.loc["Web shop", "created_in"]
    assert 1 == bakery_tasks.loc["Web shop", "check_ins"]
    summary = data.task_summary().set_index("collaboration")
    assert {"done": 1, "late": 1, "off-track": 1, "on-track": 0} == summary.loc[
        bakery.id, list(summary.columns[-4:])
    ].to_dict()
    assert 1 == summary.loc[florist.id, "on-track"]


def test_task_history_runs_from_where_a_task_was_written(store, programme):
    """The off-track task's snapshots: written as to do in "Plan", then doing and off track in "March"."""
    hub, _bakery, _florist = programme
    history = ProgrammeData(store, hub.id, today=TODAY).task_history()
    web = history[history["task"] == "Web shop"]
    assert [("Plan", "todo", None), ("March", "doing", False)] == list(
        web[["workshop", "status", "on_track"]].itertuples(index=False, name=None)
    )
    assert "Supplier late " + SCRIPT == web["changes"].iloc[-1]


def test_status_over_time_counts_tasks_per_session(store, programme):
    """Per session of a collaboration, its tasks by state as they stood then."""
    hub, bakery, _florist = programme
    frame = ProgrammeData(store, hub.id, today=TODAY).status_over_time(bakery.id).set_index("workshop")
    assert 0 == frame.loc["Ideas", ["done", "late", "off-track", "on-track"]].sum()
    assert 1 == frame.loc["March", "off-track"] and 1 == frame.loc["March", "done"]


def test_evaluations_goals_pains_and_gaps(store, programme):
    """Ratings side by side by aspect label; goals counted by result; one pain named by both
    shops in different case and spacing is one pain; the pain nothing relieves is a gap."""
    hub, bakery, florist = programme
    data = ProgrammeData(store, hub.id, today=TODAY)
    ratings = data.evaluations().set_index("collaboration")
    assert 4.0 == ratings.loc[bakery.id, "Engagement"] and 2.0 == ratings.loc[bakery.id, "Collaboration"]
    assert 1 == data.goal_summary().set_index("collaboration").loc[bakery.id, "partly"]
    pains = data.pains()
    assert (2, 2) == tuple(pains.iloc[0][["collaborations", "mentions"]])
    gaps = data.gaps()
    bakery_gaps = set(gaps[gaps["collaboration"] == bakery.id]["gap"])
    assert {"no reliever for this pain"} <= bakery_gaps  # "Card fees" has none
    assert "task has no deadline" not in bakery_gaps


def test_reports_escape_every_participant_string_and_stay_offline(store, programme):
    """Programme and collaboration pages hold no markup from people and load nothing."""
    hub, bakery, _florist = programme
    data = ProgrammeData(store, hub.id, today=TODAY)
    pages = "".join(programme_sections(data)) + "".join(collaboration_sections(data, bakery.id))
    for hostile in (SCRIPT, IMG, "<b>cohort</b>"):
        assert hostile not in pages
    assert "&lt;script&gt;" in pages
    assert "Spring &lt;b&gt;cohort&lt;/b&gt;" in pages
    assert "src='http" not in pages and 'src="http' not in pages


def test_files_the_programme_report_writes(store, programme, tmp_path):
    """HTML for the programme and each collaboration, and one workbook with a sheet per view in
    which a formula someone typed is text."""
    hub, bakery, florist = programme
    steps = []
    written = write_programme_reports(
        ProgrammeData(store, hub.id, today=TODAY), tmp_path, {"html", "xlsx"}, steps.append
    )
    names = sorted(p.name for p in written)
    assert sorted([f"collaboration-{bakery.id}.html", f"collaboration-{florist.id}.html"]) == sorted(
        n for n in names if n.startswith("collaboration-")
    )
    assert 4 == len(steps)
    book = load_workbook(tmp_path / f"programme-{hub.id}.xlsx")
    assert [
        "collaborations",
        "tasks-per-collaboration",
        "tasks",
        "task-history",
        "evaluations",
        "goals-per-collaboration",
        "goals",
        "pains",
        "gaps",
    ] == book.sheetnames
    cells = [c for row in book["tasks"].iter_rows() for c in row if c.value == "Photos " + FORMULA]
    assert cells and all(c.data_type == "s" for c in cells)


def test_every_collaboration_gets_its_pdf_laid_out_in_parallel(store, programme, tmp_path):
    """With PDFs asked for, the programme and each collaboration get a PDF (laid out in worker
    processes) that reads as its own report: the pair's name and deadlines in the reader's days."""
    import shutil
    import subprocess

    hub, bakery, florist = programme
    steps = []
    written = write_programme_reports(
        ProgrammeData(store, hub.id, today=TODAY), tmp_path, {"pdf"}, steps.append
    )
    assert sorted(
        [f"programme-{hub.id}.pdf", f"collaboration-{bakery.id}.pdf", f"collaboration-{florist.id}.pdf"]
    ) == sorted(p.name for p in written)
    assert 3 == len(steps) and all(p.read_bytes().startswith(b"%PDF") for p in written)
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", str(tmp_path / f"collaboration-{florist.id}.pdf"), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        text = " ".join(text.split())  # a date's spaces do not break: they are no-break spaces
        assert "Florist $5" in text and "Webbers" in text and "Dec 1, 2027" in text


def test_cocreate_report_programme_from_the_command_line(store, programme, db_url, tmp_path):
    """`cocreate report --programme ID` writes the roll-up, the collaboration reports and the
    workbook; an unknown id is one line."""
    hub, _bakery, _florist = programme
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main, ["--db", db_url, "report", "--programme", hub.id, "--format", "html", "--out", str(out)]
    )
    assert 0 == result.exit_code, result.output
    assert {f"programme-{hub.id}.html", f"programme-{hub.id}.xlsx"} <= {p.name for p in out.iterdir()}
    assert 4 == len(list(out.iterdir()))
    bad = CliRunner().invoke(main, ["--db", db_url, "report", "--programme", "nope"])
    assert 1 == bad.exit_code and "There is no programme 'nope'" in bad.output


def test_a_done_task_still_delivers_its_reliever_after_the_next_session(store):
    """A done task stays in its session while the value map moves on: the chain still finds it
    (items meet by where they began), so no false "no task delivers this reliever" appears."""
    hub = create_programme(store, "Cohort").programme
    pair = add_collaboration(store, hub.id, "Bakery", "Pixels", "Ann")
    _ideas, ann = _session(store, pair, "Ideas", "ideation")
    value_map = ValueMap(store, ann, "ideation/value-map")
    reliever = value_map.add("relievers", "Order by phone")
    value_map.link(reliever, [value_map.add("pains", "Orders get lost").entry_id])
    prep, bo = _session(store, pair, "Plan", "preparation")
    carried = next(
        e for e in store.entries(prep.id, "ideation/value-map") if e.payload["part"] == "relievers"
    )
    _tasks(store, bo, {carried.entry_id}).add(
        task="Phone line",
        owner="Bo",
        deadline="2027-01-01",
        outcome="1 line",
        status="done",
        reliever=carried.entry_id,
    )
    _session(store, pair, "March", "check-in")
    assert [] == ProgrammeData(store, hub.id, today=TODAY).gaps()["gap"].tolist()
