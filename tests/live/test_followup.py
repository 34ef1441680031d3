"""Follow-through: a new session of a collaboration starts with the open work of the earlier
ones, and a task's status over time is traceable to where it was written."""

from __future__ import annotations

from datetime import date

import pytest

from cocreate_kit.content.plan import load_plan
from cocreate_kit.forms.evaluation import EvaluationGrid
from cocreate_kit.forms.progress import ProgressMonitor
from cocreate_kit.forms.records import Records
from cocreate_kit.forms.task_plan import validate_task
from cocreate_kit.forms.value_map import ValueMap
from cocreate_kit.live.followup import CollaborationThread, overdue, start_workshop
from cocreate_kit.live.moderation import Moderation
from cocreate_kit.store.programmes import add_collaboration, create_programme, origins


@pytest.fixture
def db_url(any_db_url):
    """These tests run on SQLite and, when a server is given, on PostgreSQL."""
    return any_db_url


@pytest.fixture
def pair(store):
    programme = create_programme(store, "Cohort").programme
    return add_collaboration(store, programme.id, "Bakery Bo", "Pixel & Co", "Ann")


def _prepared(store, pair):
    """A preparation session: a value map with a linked reliever, three tasks (one done), a goal."""
    created, _ = start_workshop(store, pair.id, "Preparation", "preparation")
    ann, _ = store.join(created.workshop.id, created.join_code, "Ann")
    value_map = ValueMap(store, ann, "ideation/value-map")
    pain = value_map.add("pains", "No time for a web shop $5")
    reliever = value_map.add("relievers", "Order by phone")
    value_map.link(reliever, [pain.entry_id])
    tasks = Records(
        store, ann, "preparation/task-plan", lambda f: validate_task(f, frozenset({reliever.entry_id}))
    )
    photos = tasks.add(
        task="Shoot 20 photos",
        owner="Bo",
        deadline="2027-01-15",
        outcome="20 photos",
        status="todo",
        reliever=reliever.entry_id,
    )
    site = tasks.add(task="=cmd|' /C calc'!A0", owner="Pixel", deadline="", outcome="", status="doing")
    tasks.add(task="Pick a domain", owner="Bo", deadline="", outcome="", status="done")
    plan = load_plan("business-hubs", "en")
    grid = EvaluationGrid(
        store, ann, "evaluation/evaluation-grid", plan.exercise("evaluation/evaluation-grid")
    )
    grid.goals.add(goal="Sell online", result="partly", reason="")
    grid.actions.add(action="Ask customers about delivery", priority="high")
    return created.workshop, ann, photos, site


def test_a_new_session_starts_with_open_tasks_value_map_and_goals(store, pair):
    """Open tasks (not the done one), every value-map item, the goals and the improvement actions
    are carried; the reliever link and the task's pointer to it follow the carried copies."""
    prep, _ann, photos, site = _prepared(store, pair)
    created, report = start_workshop(store, pair.id, "Check-in March", "check-in")
    new = created.workshop
    assert {"value-map": 2, "task-plan": 2, "evaluation-grid": 1, "improvement-actions": 1} == report.carried
    tasks = store.entries(new.id, "preparation/task-plan")
    assert ["Shoot 20 photos", "=cmd|' /C calc'!A0"] == [t.payload["task"] for t in tasks]
    assert ("Bo", "2027-01-15", "20 photos") == tuple(
        tasks[0].payload[k] for k in ("owner", "deadline", "outcome")
    )
    items = {e.payload["text"]: e for e in store.entries(new.id, "ideation/value-map")}
    assert [items["No time for a web shop $5"].entry_id] == items["Order by phone"].payload["links"]
    assert items["Order by phone"].entry_id == tasks[0].payload["reliever"]
    assert ["Sell online"] == [
        g.payload["goal"] for g in store.entries(new.id, "evaluation/evaluation-grid/goals")
    ]
    actions = store.entries(new.id, "evaluation/evaluation-grid/actions")
    assert ["Ask customers about delivery"] == [a.payload["action"] for a in actions]
    assert {tasks[0].entry_id: (photos.entry_id, prep.id), tasks[1].entry_id: (site.entry_id, prep.id)} == {
        k: v for k, v in origins(store, [new.id]).items() if k in {t.entry_id for t in tasks}
    }
    assert new.plan == prep.plan and "check-in" == new.session


def test_a_task_carried_twice_keeps_its_whole_history(store, pair):
    """Prep → check-in 1 (status set to doing) → check-in 2: the task's snapshots run from the
    prep session through both check-ins, and it is carried once, not once per earlier session."""
    _prep, _ann, photos, _site = _prepared(store, pair)
    first, _ = start_workshop(store, pair.id, "Check-in 1", "check-in")
    bea, _ = store.join(first.workshop.id, first.join_code, "Bea")
    carried = store.entries(first.workshop.id, "preparation/task-plan")[0]
    monitor = ProgressMonitor(store, bea, "implementation/progress", ["preparation/task-plan"])
    monitor.check_in(carried.entry_id, "doing", False, "Photographer ill")
    second, _ = start_workshop(store, pair.id, "Check-in 2", "check-in")
    tasks = store.entries(second.workshop.id, "preparation/task-plan")
    assert 2 == len(tasks)
    thread = CollaborationThread(store, pair.id)
    again = next(t for t in tasks if t.payload["task"] == "Shoot 20 photos")
    assert "doing" == again.payload["status"]
    assert [photos.entry_id, carried.entry_id, again.entry_id] == thread.lineage(again.entry_id)
    assert "Preparation" == thread.created_in(again.entry_id).title
    history = [(thread.by_id[s.workshop_id].title, s.status, s.on_track) for s in thread.snapshots(again)]
    assert [("Preparation", "todo", None), ("Check-in 1", "doing", False)] == history


def test_done_tasks_stay_behind_and_hidden_notes_are_not_carried(store, pair):
    """A task checked in as done is not carried; a value-map item the facilitator hid is not."""
    prep, ann, photos, site = _prepared(store, pair)
    monitor = ProgressMonitor(store, ann, "implementation/progress", ["preparation/task-plan"])
    monitor.check_in(photos.entry_id, "done", True, "")
    hidden = next(e for e in store.entries(prep.id, "ideation/value-map") if e.payload["part"] == "pains")
    Moderation(store, prep.id).hide(hidden)
    created, report = start_workshop(store, pair.id, "Check-in", "check-in")
    assert ["=cmd|' /C calc'!A0"] == [
        t.payload["task"] for t in store.entries(created.workshop.id, "preparation/task-plan")
    ]
    texts = [e.payload["text"] for e in store.entries(created.workshop.id, "ideation/value-map")]
    assert ["Order by phone"] == texts
    reliever = store.entries(created.workshop.id, "ideation/value-map")[0]
    assert [] == reliever.payload["links"]  # its pain stayed behind, hidden


def test_a_plan_without_the_exercise_says_what_stayed_behind(store, pair):
    """Carrying into a plan with no value map keeps the items where they are and says so."""
    _prepared(store, pair)
    created, report = start_workshop(store, pair.id, "Shop check-in", "check-in", plan="small-commerce")
    assert {"value-map": 2} == report.left
    assert 2 == report.carried["task-plan"]
    ref = load_plan("small-commerce", "en").exercises_of_kind("task-plan")[0][0]
    assert 2 == len(store.entries(created.workshop.id, ref))


def test_the_check_in_page_shows_earlier_sessions_and_starts_from_the_last_status(store, pair):
    """On a check-in page a carried task says where it came from, lists its earlier check-ins,
    and the form's status and on-track start from the last report."""
    _prepared(store, pair)
    first, _ = start_workshop(store, pair.id, "Check-in 1", "check-in")
    bea, _ = store.join(first.workshop.id, first.join_code, "Bea")
    carried = store.entries(first.workshop.id, "preparation/task-plan")[0]
    ProgressMonitor(store, bea, "implementation/progress", ["preparation/task-plan"]).check_in(
        carried.entry_id, "doing", False, "Photographer <b>ill</b>"
    )
    second, _ = start_workshop(store, pair.id, "Check-in 2", "check-in")
    cy, _ = store.join(second.workshop.id, second.join_code, "Cy")
    from cocreate_kit.content.plan import load_ui
    from cocreate_kit.forms.progress import ProgressForm

    ui = load_ui("en")
    form = ProgressForm(ProgressMonitor(store, cy, "implementation/progress", ["preparation/task-plan"]), ui)
    labels = [label for label, _id in form.task.options]
    assert labels[0].startswith("Shoot 20 photos (carried from Preparation")
    form.task.value = form.task.options[0][1]
    assert ("doing", False) == (form.current.value, form.on_track.value)
    assert "Check-in 1" in form.history.value and "Photographer &lt;b&gt;ill&lt;/b&gt;" in form.history.value
    assert "<b>ill</b>" not in form.history.value
    form.current.value, form.changes.value = "done", "Photos online"
    form.add()
    task = form.model.tasks()[0]
    assert ("done", False) == form.model.latest(task)  # on-track was not touched: it stays as reported


def test_overdue_is_computed_from_the_deadline():
    """Past its deadline and not done is overdue; done or without a deadline never is."""
    today = date(2027, 2, 1)
    assert overdue({"deadline": "2027-01-15"}, "doing", today)
    assert not overdue({"deadline": "2027-01-15"}, "done", today)
    assert not overdue({"deadline": "2027-02-01"}, "todo", today)
    assert not overdue({"deadline": ""}, "todo", today)


def _start(url, collab_id, title, ready, out):
    from cocreate_kit.store import Store

    store = Store(url)
    ready.wait(60)  # every process is past its imports and open store: they start at once
    _created, report = start_workshop(store, collab_id, title, "check-in")
    out.put(report.carried.get("task-plan", 0))


@pytest.mark.parametrize("sessions", [2, 4])
def test_sessions_started_at_once_take_turns_and_each_task_stays_one_line(store, pair, db_url, sessions):
    """Two or four facilitators start a check-in of the same collaboration in the same moment
    (one process each): the sessions take turns, so each holds each open task once and continues
    the one started before it; a task's line never forks, what each says it carried is what it
    holds, and the session after them carries each open task once."""
    import multiprocessing

    _prepared(store, pair)
    ctx = multiprocessing.get_context("spawn")
    out, ready = ctx.Queue(), ctx.Barrier(sessions)
    procs = [
        ctx.Process(target=_start, args=(db_url, pair.id, f"Check-in {n}", ready, out))
        for n in range(sessions)
    ]
    for proc in procs:
        proc.start()
    for proc in procs:
        proc.join(180)
        assert 0 == proc.exitcode
    said = sorted(out.get(timeout=5) for _ in procs)
    assert [2] * sessions == said
    thread = CollaborationThread(store, pair.id)
    later = [w for w in thread.workshops if w.title.startswith("Check-in ")]
    assert sessions == len(later)
    for before, after in zip([thread.workshops[0], *later[:-1]], later, strict=True):
        copies = thread.tasks(after.id)
        assert ["=cmd|' /C calc'!A0", "Shoot 20 photos"] == sorted(t.payload["task"] for t in copies)
        # Each copy continues the copy in the session started just before this one.
        assert {before.id} == {store.latest(thread.origin[t.entry_id]).workshop_id for t in copies}
        ids = {e.entry_id for e in store.entries(after.id)}
        for entry in store.entries(after.id):  # no link points outside its own workshop
            assert set(entry.payload.get("links", [])) <= ids
            assert entry.payload.get("reliever", "") in ids | {""}
    assert 2 == len(thread.open_tasks())
    _created, report = start_workshop(store, pair.id, "Evaluation", "evaluation")
    assert 2 == report.carried["task-plan"]


def test_a_status_changed_on_the_task_plan_counts_like_a_check_in(store, pair):
    """Marking a task done on its task-plan row (no check-in) is where it stands: it is not
    carried, and a later edit to an earlier copy still counts."""
    prep, ann, photos, site = _prepared(store, pair)
    records = Records(
        store,
        ann,
        "preparation/task-plan",
        lambda f: validate_task(f, frozenset({photos.payload["reliever"]})),
    )
    records.edit(photos, **{**photos.payload, "status": "done"})
    created, report = start_workshop(store, pair.id, "Check-in", "check-in")
    assert ["=cmd|' /C calc'!A0"] == [
        t.payload["task"] for t in store.entries(created.workshop.id, "preparation/task-plan")
    ]
    thread = CollaborationThread(store, pair.id)
    assert "done" == thread.current(store.latest(photos.entry_id)).status


def test_a_plan_without_a_value_map_in_between_keeps_the_task_pointing_at_its_reliever(store, pair):
    """business-hubs → small-commerce (no value map) → business-hubs: the task carried through
    the middle session points at its reliever again in the third."""
    _prepared(store, pair)
    start_workshop(store, pair.id, "Shop check-in", "check-in", plan="small-commerce")
    third, _ = start_workshop(store, pair.id, "Hub check-in", "check-in", plan="business-hubs")
    tasks = {t.payload["task"]: t for t in store.entries(third.workshop.id, "preparation/task-plan")}
    reliever = next(
        e for e in store.entries(third.workshop.id, "ideation/value-map") if e.payload["part"] == "relievers"
    )
    assert reliever.entry_id == tasks["Shoot 20 photos"].payload["reliever"]


def test_private_notes_nobody_revealed_are_not_carried(store, pair):
    """A value-map item written in a private round that was never revealed stays in its session:
    carrying would publish it as the facilitator's to everyone."""
    from cocreate_kit.live.facilitation import WorkshopControl

    created, _ = start_workshop(store, pair.id, "Ideas", "ideation")
    WorkshopControl(store, created.workshop.id).set_private("ideation/value-map", True)
    ann, _ = store.join(created.workshop.id, created.join_code, "Ann")
    ValueMap(store, ann, "ideation/value-map").add("pains", "My secret worry")
    later, report = start_workshop(store, pair.id, "Plan", "preparation")
    assert [] == store.entries(later.workshop.id, "ideation/value-map")
    WorkshopControl(store, created.workshop.id).reveal("ideation/value-map")
    again, _ = start_workshop(store, pair.id, "Plan 2", "preparation")
    assert ["My secret worry"] == [
        e.payload["text"] for e in store.entries(again.workshop.id, "ideation/value-map")
    ]


def test_a_session_whose_carrying_fails_is_not_left_behind(store, pair, monkeypatch):
    """If writing the carried work fails, the new, empty workshop is removed again."""
    import cocreate_kit.live.followup as followup
    from cocreate_kit.store import StoreError
    from cocreate_kit.store.programmes import collaboration_workshops

    _prepared(store, pair)
    before = [w.id for w in collaboration_workshops(store, pair.id)]

    def failing(*_args, **_kwargs):
        raise StoreError("disk full")

    monkeypatch.setattr(followup, "carry_entries", failing)
    with pytest.raises(StoreError, match="disk full"):
        start_workshop(store, pair.id, "Check-in", "check-in")
    assert before == [w.id for w in collaboration_workshops(store, pair.id)]


def test_coming_back_to_the_check_in_keeps_what_was_chosen(store, pair):
    """Leaving the progress monitor and coming back does not reset a status chosen but not saved."""
    from cocreate_kit.content.plan import load_ui
    from cocreate_kit.forms.progress import ProgressForm

    _prepared(store, pair)
    first, _ = start_workshop(store, pair.id, "Check-in", "check-in")
    bea, _ = store.join(first.workshop.id, first.join_code, "Bea")
    form = ProgressForm(
        ProgressMonitor(store, bea, "implementation/progress", ["preparation/task-plan"]), load_ui("en")
    )
    form.task.value = form.task.options[0][1]
    form.current.value, form.on_track.value = "done", False
    form.on_show()
    assert ("done", False) == (form.current.value, form.on_track.value)


def test_imported_oddities_do_not_break_the_thread():
    """A deadline that is not text, or not a date, is never overdue (no traceback)."""
    assert not overdue({"deadline": 20270101}, "todo", date(2030, 1, 1))
    assert not overdue({"deadline": "0000-00-00"}, "todo", date(2030, 1, 1))
    assert overdue({"deadline": "2027-01-01"}, "todo", date(2030, 1, 1))
