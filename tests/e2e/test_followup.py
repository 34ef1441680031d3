"""Follow-through in the browser (#14): a task planned in a collaboration's preparation workshop is
carried into its check-in workshop, where another person updates it.

One `cocreate serve` on one SQLite file serves both workshops: the check-in workshop is created
with `cocreate new --collab ID --session check-in` while the server runs (a participant page reads
its workshop from the store when it opens, so a running server serves workshops made after it
started).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from playwright.sync_api import expect

from cocreate_kit.live.followup import CollaborationThread
from cocreate_kit.store import Store

from .conftest import LIVE_WAIT, free_port, screenshot, start_cocreate, stop_cocreate
from .pages import eventually, go_to, join

pytestmark = pytest.mark.browser

# Printable, but full of what a page, a shell or a template could misread.
TASK = "Shoot 20 photos $5 <b>now</b>"
PREPARATION = "Preparation: Bakery Bo & Pixel"
CHECK_IN = "Check-in March: Bakery Bo & Pixel"


def cocreate_json(url, *args, cwd):
    """Run `cocreate --db URL ARGS --json` as a facilitator would and read what it printed."""
    done = subprocess.run(
        [sys.executable, "-m", "cocreate_kit.cli", "--db", url, *args, "--json"],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert 0 == done.returncode, done.stderr
    return json.loads(done.stdout)


def chosen(select):
    """A dropdown's chosen option (to wait for its text: what a kernel sets arrives a moment later)."""
    return select.locator("option:checked")


@pytest.fixture(scope="module")
def collaboration(tmp_path_factory):
    """A programme, one collaboration and its preparation workshop in a fresh SQLite file, served
    by `cocreate serve` (a small room: two people join, one after the other)."""
    folder = tmp_path_factory.mktemp("followup")
    url = f"sqlite:///{folder / 'followup.db'}"
    programme = cocreate_json(url, "programme", "new", "Old town goes online", cwd=folder)
    pair = cocreate_json(
        url,
        *("collab", "add", programme["programme"], "--shop", "Bakery Bo", "--digital", "Pixel & Co"),
        *("--contact", "Ann"),
        cwd=folder,
    )
    preparation = cocreate_json(
        url, "new", PREPARATION, "--collab", pair["collaboration"], "--session", "preparation", cwd=folder
    )
    server = start_cocreate(
        ["--db", url, "serve", "--port", str(free_port()), "--workshop", preparation["workshop"]]
        + ["--new-key", "--room", "2", "--refill-after", "1"],
        cwd=folder,
    )
    yield server, url, folder, pair["collaboration"], preparation, programme
    assert 0 == stop_cocreate(server)


def test_a_task_planned_in_preparation_is_updated_at_the_check_in(collaboration, new_page):
    """A task added through the preparation workshop's form (with one check-in there) shows in the
    check-in workshop's progress monitor as carried from the preparation, its text as text, with
    its earlier check-in and its last status and on-track pre-filled; a check-in added there points
    at the carried task, whose lineage leads back to the task written in the preparation."""
    server, url, folder, collab_id, preparation, _programme = collaboration
    store = Store(url)

    # Preparation: Ann plans the task and reports it is running late.
    ann = new_page()
    join(ann, server.link("Participants"), "Ann")
    go_to(ann, "2. Task plan")
    plan = ann.locator(".cck-task-plan")
    plan.get_by_label("Task", exact=True).fill(TASK)
    plan.get_by_label("Responsible person").fill("Bo")
    plan.get_by_label("Deadline").fill("2025-01-15")  # already past: the check-in says overdue
    plan.get_by_label("Expected outcome").fill("20 photos on the shop's page")
    plan.get_by_label("Status", exact=True).select_option(label="In progress")
    plan.get_by_role("button", name="Add task").click()
    row = plan.locator(".cck-task-row").filter(has_text="Shoot 20 photos")
    row.wait_for()
    assert TASK in row.inner_text()  # the markup is shown as typed, not rendered
    go_to(ann, "3. Progress monitor")
    monitor = ann.locator(".cck-progress-monitor")
    monitor.get_by_label("Task", exact=True).select_option(label=f"{TASK} (you, Responsible person: Bo)")
    monitor.get_by_role("button", name="No", exact=True).click()
    monitor.get_by_label("Changes made").fill("The camera broke; borrowing one")
    monitor.get_by_role("button", name="Add check-in").click()
    monitor.locator(".cck-history").get_by_text("The camera broke; borrowing one").wait_for()
    expect(ann.locator(".cck-shared li")).to_contain_text("The camera broke", timeout=LIVE_WAIT)
    screenshot(ann, "followup-preparation-1280")

    def written():
        return [
            e
            for e in store.entries(preparation["workshop"], exercise="preparation/task-plan")
            if e.payload["task"] == TASK
        ]

    assert eventually(written, timeout=LIVE_WAIT / 1000)
    [task] = written()
    assert ("doing", "Bo", "2025-01-15") == tuple(task.payload[k] for k in ("status", "owner", "deadline"))

    # The facilitator starts the check-in session of the same collaboration; the server keeps running.
    check_in = cocreate_json(url, "new", CHECK_IN, "--collab", collab_id, "--session", "check-in", cwd=folder)
    assert 1 == check_in["carried"]["task-plan"]

    # Check-in: Cas, on a phone, finds the task carried from the preparation and marks it done.
    base = server.link("Participants").split("?")[0]
    cas = new_page(width=390, height=844)
    join(cas, f"{base}?workshop={check_in['workshop']}&code={check_in['join_code']}", "Cas")
    go_to(cas, "3. Progress monitor")
    monitor = cas.locator(".cck-progress-monitor")
    picker = monitor.get_by_label("Task", exact=True)
    carried_label = f"{TASK} (carried from {PREPARATION}, Responsible person: Bo)"
    picker.select_option(label=carried_label)
    expect(monitor.get_by_text("In earlier sessions:")).to_be_visible()
    earlier = monitor.locator(".cck-earlier")
    expect(earlier).to_contain_text("The camera broke; borrowing one")
    expect(earlier).to_contain_text(PREPARATION)
    expect(monitor.locator(".cck-overdue")).to_be_visible()
    # The form starts from the last report: in progress, not on track (the form's default is "Yes").
    expect(chosen(monitor.get_by_label("Current status"))).to_have_text("In progress")
    expect(monitor.get_by_role("button", name="No", exact=True)).to_have_class(re.compile("mod-active"))
    # The task's markup stayed text: an option label says "<b>", and nothing on the page is bold "now".
    expect(chosen(picker)).to_have_text(carried_label)
    expect(cas.locator("b").filter(has_text=re.compile(r"^now$"))).to_have_count(0)
    screenshot(cas, "followup-check-in-before-390")

    monitor.get_by_label("Current status").select_option(label="Done")
    monitor.get_by_role("button", name="Yes", exact=True).click()
    monitor.get_by_label("Changes made").fill("Photos online & tagged")
    monitor.get_by_role("button", name="Add check-in").click()
    history = monitor.locator(".cck-history li").filter(has_text="Photos online & tagged")
    expect(history).to_contain_text("Done · Yes", timeout=LIVE_WAIT)
    expect(history).to_contain_text("you")
    expect(monitor.locator(".cck-overdue")).to_have_count(0)  # done is never overdue
    # Everyone's entries (redrawn on the page's next tick) names the carried task, as text too.
    expect(cas.locator(".cck-shared li")).to_have_text(
        f"{TASK}: Done, On track? Yes (Photos online & tagged) — Cas", timeout=LIVE_WAIT
    )
    expect(cas.locator("b").filter(has_text=re.compile(r"^now$"))).to_have_count(0)
    screenshot(cas, "followup-check-in-390")

    # The store: the check-in is the check-in workshop's, on the carried task, which leads back.
    [carried] = [
        e
        for e in store.entries(check_in["workshop"], exercise="preparation/task-plan")
        if e.payload["task"] == TASK
    ]
    assert carried.participant_id is None  # carried entries are the facilitator's

    def check_ins():
        return [
            e
            for e in store.entries(check_in["workshop"], exercise="implementation/progress")
            if e.payload.get("task_id") == carried.entry_id
        ]

    assert eventually(check_ins, timeout=LIVE_WAIT / 1000)
    [saved] = check_ins()
    assert {"status": "done", "on_track": True, "changes": "Photos online & tagged"} == {
        k: saved.payload[k] for k in ("status", "on_track", "changes")
    }
    cas_id = next(p.id for p in store.participants(check_in["workshop"]) if p.display_name == "Cas")
    assert cas_id == saved.participant_id
    thread = CollaborationThread(store, collab_id)
    assert [task.entry_id, carried.entry_id] == thread.lineage(carried.entry_id)
    first = store.latest(thread.root(carried.entry_id))
    assert (preparation["workshop"], TASK) == (first.workshop_id, first.payload["task"])
    assert preparation["workshop"] == thread.created_in(carried.entry_id).id
    prep, later = preparation["workshop"], check_in["workshop"]
    assert [(prep, "doing", None), (prep, "doing", False), (later, "done", True)] == [
        (s.workshop_id, s.status, s.on_track) for s in thread.snapshots(carried)
    ]


def test_the_programme_view_opens_with_its_key_and_shows_each_collaboration(collaboration, new_page):
    """The hub's programme page refuses a wrong key; with the key it shows the roll-up, and the
    collaboration picked from its chooser with the task (its markup as text) and where it started."""
    server, _url, _folder, collab_id, _preparation, programme = collaboration
    view = server.link("Participants").split("?")[0].replace("participant.ipynb", "programme.ipynb")
    page = new_page()
    page.goto(f"{view}?programme={programme['programme']}&key=guess")
    expect(page.get_by_role("alert")).to_contain_text("needs the programme key", timeout=LIVE_WAIT)
    expect(page.get_by_text("Tasks per collaboration")).to_have_count(0)

    page.goto(f"{view}?programme={programme['programme']}&key={programme['facilitator_key']}")
    roll_up = page.locator(".cck-programme")
    expect(roll_up.locator("h1")).to_have_text("Old town goes online", timeout=LIVE_WAIT)
    expect(roll_up.get_by_role("heading", name="Tasks per collaboration")).to_be_visible()
    expect(roll_up.locator("table.cck-table").first).to_contain_text("Bakery Bo")
    page.get_by_label("Collaborations").select_option(label="Bakery Bo × Pixel & Co")
    expect(roll_up.locator("h1")).to_have_text("Bakery Bo × Pixel & Co", timeout=LIVE_WAIT)
    expect(roll_up).to_contain_text(TASK)  # shown as typed: the <b> is text
    expect(roll_up.locator("b").filter(has_text=re.compile(r"^now$"))).to_have_count(0)
    expect(roll_up).to_contain_text(PREPARATION)  # where the task was first written
    screenshot(page, "followup-programme-1280")
