"""A workshop with an entry in every exercise kind, participant markup included."""

from __future__ import annotations

import pytest

from cocreate_kit.content.plan import load_plan
from cocreate_kit.forms.answers import KeyedAnswers
from cocreate_kit.forms.evaluation import EvaluationGrid
from cocreate_kit.forms.progress import ProgressMonitor
from cocreate_kit.forms.records import Records
from cocreate_kit.forms.task_plan import validate_task
from cocreate_kit.forms.value_map import ValueMap

SCRIPT = "<script>alert('x')</script>"
IMG = "<img src=x onerror=alert(1)>"


def fill_every_exercise(store, workshop_id, join_code):
    plan = load_plan("business-hubs", "en")
    ann, _ = store.join(workshop_id, join_code, "Ann " + IMG)
    store.add_entry(
        workshop_id, ann.id, "ideation/empathy-map", {"group": "shop-owner", "area": "says", "text": IMG}
    )
    store.add_entry(
        workshop_id,
        ann.id,
        "ideation/empathy-map",
        {"group": "digital-firm", "area": "pains", "text": "Costs $5 a $month$"},
    )
    KeyedAnswers(store, ann, "ideation/questions", ["q1"]).save("q1", {"answer": SCRIPT})
    checklist = KeyedAnswers(store, ann, "preparation/checklist", ["c1", "c2"])
    checklist.save("c1", {"state": "done", "comment": ""})
    checklist.save("c2", {"state": "open", "comment": IMG})
    value_map = ValueMap(store, ann, "ideation/value-map")
    pain = value_map.add("pains", "Pain " + IMG)
    reliever = value_map.add("relievers", "Reliever " + SCRIPT)
    value_map.link(reliever, [pain.entry_id])
    lonely = value_map.add("pains", "Pain nobody relieves")
    idle = value_map.add("relievers", "Reliever without a task")
    value_map.link(idle, [lonely.entry_id])
    value_map.add("pains", "Pain with no reliever at all")
    value_map.add("gains", "Unaddressed gain")
    allowed = frozenset({reliever.entry_id, idle.entry_id})
    tasks = Records(store, ann, "preparation/task-plan", lambda fields: validate_task(fields, allowed))
    task = tasks.add(
        task="Shoot photos " + SCRIPT,
        owner="",
        deadline="2027-01-15",
        outcome="20 photos",
        status="doing",
        reliever=reliever.entry_id,
    )
    monitor = ProgressMonitor(store, ann, "implementation/progress", ["preparation/task-plan"])
    monitor.check_in(task.entry_id, "doing", False, IMG)
    grid = EvaluationGrid(
        store, ann, "evaluation/evaluation-grid", plan.exercise("evaluation/evaluation-grid")
    )
    grid.rate("engagement", 4, IMG)
    grid.goals.add(goal="Goal " + SCRIPT, result="partly", reason=IMG)
    grid.actions.add(action="Action " + IMG, priority="high")
    return ann


@pytest.fixture
def filled(store):
    created = store.create_workshop("Report <b>test</b>")
    fill_every_exercise(store, created.workshop.id, created.join_code)
    return created.workshop.id


@pytest.fixture
def db_url(any_db_url):
    """Report tests run on SQLite and, when a server is given, on PostgreSQL."""
    return any_db_url
