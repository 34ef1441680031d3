"""The hub's programme page: only with the programme key, the roll-up first, each collaboration
on demand, and Refresh shows what was written since."""

from __future__ import annotations

from cocreate_kit.apps.programme_view import ProgrammeView, programme_page
from cocreate_kit.forms.records import Records
from cocreate_kit.forms.task_plan import validate_task
from cocreate_kit.live.followup import start_workshop
from cocreate_kit.store.programmes import add_collaboration, create_programme


def _programme(store):
    made = create_programme(store, "Cohort")
    pair = add_collaboration(store, made.programme.id, "Bakery <i>Bo</i>", "Pixel & Co", "ann@hub.example")
    created, _ = start_workshop(store, pair.id, "Plan", "preparation")
    ann, _ = store.join(created.workshop.id, created.join_code, "Ann")
    return made, pair, Records(store, ann, "preparation/task-plan", validate_task)


def test_the_page_opens_only_with_the_programme_key(store):
    """No key, a wrong key, or another programme's key: a refusal that names what is missing."""
    made, _pair, _tasks = _programme(store)
    other = create_programme(store, "Other")
    for params in (
        {},
        {"programme": made.programme.id, "key": "guess"},
        {"programme": made.programme.id, "key": other.facilitator_key},
    ):
        page = programme_page(store, params)
        assert "needs the programme key" in page.value
    page = programme_page(store, {"programme": made.programme.id, "key": made.facilitator_key})
    assert "needs the programme key" not in str(page)


def test_roll_up_then_one_collaboration_and_refresh(store):
    """The roll-up names the collaboration (escaped); picking it shows its tasks; a task written
    after the page opened appears after Refresh."""
    made, pair, tasks = _programme(store)
    tasks.add(task="Shoot photos", owner="Bo", deadline="2027-01-15", outcome="20 photos", status="doing")
    view = ProgrammeView(store, made.programme.id)
    assert "Bakery &lt;i&gt;Bo&lt;/i&gt;" in view.body.value and "<i>Bo</i>" not in view.body.value
    view.chooser.value = pair.id
    assert "Shoot photos" in view.body.value
    tasks.add(task="Open a web shop", owner="Pixel", deadline="2027-03-01", outcome="1 shop", status="todo")
    assert "Open a web shop" not in view.body.value
    view.refresh_button.click()
    assert pair.id == view.chooser.value  # Refresh keeps the collaboration on screen
    assert "Open a web shop" in view.body.value
