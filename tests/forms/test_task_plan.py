"""Task plan and progress monitor driven without a browser."""

from __future__ import annotations

from datetime import date

import pytest

from cocreate_kit.content.plan import load_ui
from cocreate_kit.forms.progress import ProgressForm, ProgressMonitor
from cocreate_kit.forms.records import Records
from cocreate_kit.forms.task_plan import TaskPlanForm, task_hints, validate_task
from cocreate_kit.validation import InputError

UI = load_ui("en")
PLAN_REF, PROGRESS_REF = "preparation/task-plan", "implementation/progress"


@pytest.fixture
def task_form(store, ann):
    return TaskPlanForm(Records(store, ann, PLAN_REF, validate_task), UI)


def fill(form, task, owner="", deadline=None, outcome="", status="todo"):
    form.task.value, form.owner.value, form.outcome.value = task, owner, outcome
    form.deadline.value, form.task_status.value = deadline, status
    form.add_button.click()


def test_adding_a_task_stores_all_five_fields(task_form, store, ann):
    """Task, owner, deadline (as an ISO date), outcome and status are stored; the form clears."""
    fill(task_form, "Photograph the shop window", "Marta", date(2027, 3, 31), "20 product photos", "doing")
    [entry] = store.entries(ann.workshop_id, exercise=PLAN_REF)
    assert {
        "task": "Photograph the shop window",
        "owner": "Marta",
        "deadline": "2027-03-31",
        "outcome": "20 product photos",
        "status": "doing",
        "reliever": "",
    } == entry.payload
    assert "" == task_form.task.value and task_form.deadline.value is None
    assert "Saved" == task_form.status.text


def test_task_without_a_name_is_refused(task_form, store, ann):
    """A task needs its description; nothing is stored and the message says it is empty."""
    fill(task_form, "  ", "Marta")
    assert task_form.status.is_error
    assert [] == store.entries(ann.workshop_id, exercise=PLAN_REF)


def test_a_deadline_must_be_a_date():
    """Text that is not a date (what a tampered page could send) is refused with a clear key."""
    with pytest.raises(InputError) as caught:
        validate_task({"task": "x", "deadline": "next Tuesday"})
    assert "error_bad_date" == caught.value.key
    assert "2027-01-05" == validate_task({"task": "x", "deadline": "2027-01-05"})["deadline"]


def test_a_forged_status_is_refused():
    """Only to do, in progress and done are statuses."""
    with pytest.raises(InputError):
        validate_task({"task": "x", "status": "finished-ish"})


@pytest.mark.parametrize(
    ("task", "expected"),
    [
        (
            {"owner": "", "deadline": "", "outcome": "nicer"},
            {"hint_no_owner", "hint_no_deadline", "hint_not_measurable"},
        ),
        (
            {"owner": "Jo", "deadline": "2020-01-01", "status": "doing", "outcome": "3 posts"},
            {"hint_overdue"},
        ),
        ({"owner": "Jo", "deadline": "2020-01-01", "status": "done", "outcome": "3 posts"}, set()),
        ({"owner": "Jo", "deadline": "2030-01-01", "status": "todo", "outcome": "10% more visits"}, set()),
    ],
)
def test_hints_flag_what_a_task_lacks(task, expected):
    """No owner, no deadline, overdue while not done, or an outcome with nothing to count: hinted."""
    assert expected == set(task_hints(task, today=date(2026, 11, 23)))


def test_hints_show_but_do_not_block(task_form, store, ann):
    """A task with no owner is saved and its row carries the hint."""
    fill(task_form, "Choose a web shop platform")
    assert 1 == len(store.entries(ann.workshop_id, exercise=PLAN_REF))
    assert "nobody is responsible" in task_form.rows[0].summary.value


def test_changing_status_from_the_list_adds_a_revision(task_form, store, ann):
    """The status dropdown of a task saves a new revision with the new status."""
    fill(task_form, "Open an online shop", "Joris", date(2027, 1, 1), "shop live with 30 products")
    task_form.rows[0].status.value = "done"
    [entry] = store.entries(ann.workshop_id, exercise=PLAN_REF)
    assert ("done", 2) == (entry.payload["status"], entry.revision)


def test_progress_check_ins_keep_history_newest_first(task_form, store, ann, bob):
    """Check-ins on a planned task show the initial status and every later check-in, newest first."""
    fill(task_form, "Train staff on the till app", "Marta", date(2027, 2, 1), "2 staff trained", "todo")
    monitor = ProgressForm(ProgressMonitor(store, bob, PROGRESS_REF, [PLAN_REF]), UI)
    task_id = monitor.task.options[0][1]
    monitor.task.value = task_id
    monitor.current.value, monitor.on_track.value, monitor.changes.value = "doing", True, "Started in January"
    monitor.add_button.click()
    monitor.current.value, monitor.on_track.value, monitor.changes.value = "doing", False, "Trainer fell ill"
    monitor.add_button.click()
    history = monitor.history.value
    assert "Initial status: <b>To do</b>" in history
    assert history.index("Trainer fell ill") < history.index("Started in January")
    assert [False, True] == [c.payload["on_track"] for c in monitor.model.check_ins(task_id)]


def test_check_in_on_an_unknown_task_is_refused(store, bob):
    """A task id that is not in the plan (forged by a page) is refused."""
    model = ProgressMonitor(store, bob, PROGRESS_REF, [PLAN_REF])
    with pytest.raises(InputError):
        model.check_in("not-a-task", "doing", True, "")


def test_progress_without_tasks_says_what_to_do(store, bob):
    """With no tasks planned yet, the monitor says to add them in the task plan first."""
    monitor = ProgressForm(ProgressMonitor(store, bob, PROGRESS_REF, [PLAN_REF]), UI)
    assert "No tasks planned yet" in monitor.history.value


def test_a_task_can_point_to_a_reliever_on_the_value_map(store, ann):
    """The picker lists the workshop's relievers; a task stores the chosen one; a forged id is refused."""
    from cocreate_kit.forms.value_map import ValueMap, workshop_relievers
    from cocreate_kit.live.workshop import LiveWorkshop

    reliever = ValueMap(store, ann, "ideation/value-map").add("relievers", "Set-up day at the hub")

    def choices():
        return workshop_relievers(LiveWorkshop(store, ann.workshop_id, ann.id), ["ideation/value-map"])

    def validate(fields):
        return validate_task(fields, frozenset(rid for _label, rid in choices()))

    form = TaskPlanForm(Records(store, ann, PLAN_REF, validate), UI, choices)
    assert ("Set-up day at the hub", reliever.entry_id) in form.reliever.options
    form.reliever.value = reliever.entry_id
    fill(form, "Book the hub's meeting room", "Ann", date(2027, 2, 1), "1 set-up day held")
    [task] = store.entries(ann.workshop_id, exercise=PLAN_REF)
    assert reliever.entry_id == task.payload["reliever"]
    with pytest.raises(InputError):
        validate({"task": "x", "reliever": "forged"})


def test_private_rounds_keep_other_peoples_relievers_and_tasks_out_of_the_pickers(store, workshop, ann, bob):
    """While the value map and the task plan are private, Bob's pickers offer only his own items;
    after the reveal they offer Ann's too."""
    from cocreate_kit.forms.value_map import workshop_relievers
    from cocreate_kit.live.facilitation import WorkshopControl
    from cocreate_kit.live.workshop import LiveWorkshop

    control = WorkshopControl(store, workshop.workshop.id)
    for section in ("ideation/value-map", PLAN_REF):
        control.set_private(section, True)
    store.add_entry(
        ann.workshop_id, ann.id, "ideation/value-map", {"part": "relievers", "text": "Ann's", "links": []}
    )
    store.add_entry(
        bob.workshop_id, bob.id, "ideation/value-map", {"part": "relievers", "text": "Bob's", "links": []}
    )
    Records(store, ann, PLAN_REF, validate_task).add(task="Ann's task", status="todo")
    live = LiveWorkshop(store, workshop.workshop.id, viewer=bob.id)
    monitor = ProgressMonitor(store, bob, PROGRESS_REF, [PLAN_REF], live)
    assert ["Bob's"] == [label for label, _id in workshop_relievers(live, ["ideation/value-map"])]
    assert [] == monitor.tasks()
    for section in ("ideation/value-map", PLAN_REF):
        control.reveal(section)
    assert ["Ann's", "Bob's"] == [label for label, _id in workshop_relievers(live, ["ideation/value-map"])]
    assert ["Ann's task"] == [t.payload["task"] for t in monitor.tasks()]


def test_deadlines_outside_a_workshops_horizon_are_refused_with_a_message():
    """The date picker can send year 1 or year 9999; such a deadline gets a message, not a task."""
    from datetime import date

    from cocreate_kit.forms.task_plan import parse_date

    for day in (date(1, 1, 1), date(9999, 12, 31), "1999-12-31", "2100-01-01"):
        with pytest.raises(InputError) as caught:
            parse_date(day)
        assert "between 2000 and 2099" in caught.value.message(load_ui("en"))
    assert "2099-12-31" == parse_date(date(2099, 12, 31))


def test_same_named_tasks_and_their_check_ins_say_whose_they_are(task_form, store, ann, bob):
    """Two plans each hold "Open the web shop": the monitor's picker tells them apart by whose plan
    and who does it, and each check-in names who made it ("you" for oneself)."""
    fill(task_form, "Open the web shop", "Marta")
    Records(store, bob, PLAN_REF, validate_task).add(
        task="Open the web shop", owner="Joe", deadline="", outcome="", status="todo"
    )
    monitor = ProgressForm(ProgressMonitor(store, ann, PROGRESS_REF, [PLAN_REF]), UI)
    labels = [label for label, _id in monitor.task.options]
    assert [
        "Open the web shop (you, Responsible person: Marta)",
        "Open the web shop (anonymous, Responsible person: Joe)",
    ] == labels
    monitor.task.value = monitor.task.options[1][1]
    monitor.current.value, monitor.changes.value = "doing", "Asked Joe"
    monitor.add_button.click()
    assert "(you, " in monitor.history.value
    bobs_view = ProgressForm(ProgressMonitor(store, bob, PROGRESS_REF, [PLAN_REF]), UI)
    bobs_view.task.value = monitor.task.options[1][1]
    assert "(Ann, " in bobs_view.history.value
