"""Moving between stages in the browser: questions and checklist saved, back on a new device."""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import expect

from cocreate_kit.store import dumps_export, export_workshop

from .conftest import screenshot
from .pages import eventually, go_to, join

pytestmark = pytest.mark.browser


def test_questions_and_checklist_are_saved_and_exported(live, new_page):
    """A participant answers a question and ticks checklist items, each acknowledged on screen next
    to the item on a phone; both are in the JSON export and are shown again when the personal link
    is opened on another device."""
    server, store, created = live
    page = new_page(width=390, height=844)
    join(page, server.link("Participants"), "Eli")

    go_to(page, "2. Questions")
    answer = page.locator(".cck-reflection textarea").first
    answer.fill("A shared chat group and a call every Friday")
    answer.press("Tab")  # leaving the box sends the text
    page.locator(".cck-reflection").get_by_text("Saved").wait_for()

    go_to(page, "2. Checklist")
    first_item = page.locator(".cck-check-row").first
    first_item.get_by_role("button", name="Done").click()
    page.locator(".cck-checklist").get_by_text("1 of 8 done").wait_for()
    first_item.get_by_label("Comment").fill("Plan agreed with the board")
    first_item.get_by_label("Comment").press("Enter")
    # On the phone, what a tap saved is acknowledged next to it, not at the end of the list.
    middle_item = page.locator(".cck-check-row").nth(3)
    middle_item.get_by_role("button", name="N/A").click()
    expect(middle_item.get_by_text("Saved")).to_be_in_viewport()
    screenshot(page, "checklist-390")

    def latest_payloads():
        exported = json.loads(dumps_export(export_workshop(store, created.workshop.id)))
        return {(r["exercise"], r["payload"].get("key")): r["payload"] for r in exported["revisions"]}

    eventually(lambda: latest_payloads().get(("preparation/checklist", "c1"), {}).get("comment"))
    payloads = latest_payloads()
    assert (
        "A shared chat group and a call every Friday" == payloads[("preparation/questions", "q1")]["answer"]
    )
    assert {"key": "c1", "state": "done", "comment": "Plan agreed with the board"} == payloads[
        ("preparation/checklist", "c1")
    ]

    href = page.locator("a.cck-personal-link").get_attribute("href")
    later = new_page()
    later.goto(server.link("Participants").split("?")[0] + href)
    later.get_by_text("Welcome, Eli").wait_for()
    go_to(later, "2. Questions")
    assert (
        "A shared chat group and a call every Friday"
        == later.locator(".cck-reflection textarea").first.input_value()
    )
    go_to(later, "2. Checklist")
    later.locator(".cck-checklist").get_by_text("1 of 8 done").wait_for()


def test_task_plan_then_progress_check_in(live, new_page):
    """A task planned on a laptop gets a check-in from a phone; both land in the JSON export."""
    server, store, created = live
    page = new_page()
    join(page, server.link("Participants"), "Fay")
    go_to(page, "2. Task plan")
    plan = page.locator(".cck-task-plan")
    plan.get_by_label("Task", exact=True).fill("Photograph the shop window")
    plan.get_by_label("Responsible person").fill("Fay")
    plan.get_by_label("Deadline").fill("2027-03-31")
    plan.get_by_label("Expected outcome").fill("20 product photos online")
    plan.get_by_role("button", name="Add task").click()
    plan.locator(".cck-task-row").filter(has_text="Photograph the shop window").wait_for()
    screenshot(page, "task-plan-1280")

    go_to(page, "3. Progress monitor")
    monitor = page.locator(".cck-progress-monitor")
    # The picker names whose plan the task is on and who does it.
    monitor.get_by_label("Task", exact=True).select_option(
        label="Photograph the shop window (you, Responsible person: Fay)"
    )
    monitor.get_by_text("Initial status").wait_for()
    monitor.get_by_role("button", name="No").click()
    monitor.get_by_label("Changes made").fill("Waiting for the new window display")
    monitor.get_by_role("button", name="Add check-in").click()
    monitor.get_by_text("Waiting for the new window display").wait_for()

    revisions = export_workshop(store, created.workshop.id)["revisions"]
    [task] = [r for r in revisions if r["payload"].get("task") == "Photograph the shop window"]
    assert ("2027-03-31", "Fay") == (task["payload"]["deadline"], task["payload"]["owner"])
    [check_in] = [r for r in revisions if r["payload"].get("task_id") == task["entry_id"]]
    assert {"on_track": False, "changes": "Waiting for the new window display"} == {
        k: check_in["payload"][k] for k in ("on_track", "changes")
    }


def test_evaluation_grid_in_the_browser(live, new_page):
    """Rating an aspect by clicking its scale button and adding a goal both reach the store."""
    server, store, created = live
    page = new_page(width=390, height=844)
    join(page, server.link("Participants"), "Gus")
    go_to(page, "4. Evaluation grid")
    grid = page.locator(".cck-evaluation")
    grid.get_by_role("button", name="Good", exact=True).first.click()
    grid.get_by_text("Saved").wait_for()
    grid.get_by_label("Goal", exact=True).fill("Ten shops selling online")
    grid.get_by_label("Result").select_option(label="Partly reached")
    grid.get_by_role("button", name="Add goal").click()
    grid.get_by_text("Ten shops selling online").wait_for()
    screenshot(page, "evaluation-390")
    revisions = export_workshop(store, created.workshop.id)["revisions"]
    assert {"key": "initiatives", "rating": 4, "note": ""} in [r["payload"] for r in revisions]
    assert any(r["payload"].get("goal") == "Ten shops selling online" for r in revisions)


def test_a_dutch_workshop_in_the_browser(live, new_page):
    """A --lang nl workshop on the same server: Dutch labels, and a checklist item ticked in Dutch."""
    server, store, _created = live
    dutch = store.create_workshop("Winkelstraat gaat online", lang="nl")
    base = server.link("Participants").split("?")[0]
    page = new_page(width=390, height=844)
    page.goto(f"{base}?workshop={dutch.workshop.id}&code={dutch.join_code}")
    page.get_by_text("Doe mee aan de workshop").wait_for()
    page.get_by_label("Je naam").fill("Lotte")
    page.get_by_role("button", name="Meedoen").click()
    page.get_by_text("Welkom, Lotte").wait_for()
    page.get_by_role("combobox", name="Ga naar").select_option(label="1. Checklist")
    row = page.locator(".cck-check-row").first
    row.get_by_role("button", name="Klaar").click()
    page.get_by_text("1 van 8 klaar").wait_for()
    page.get_by_text("Opgeslagen").wait_for()
    screenshot(page, "checklist-nl-390")
    revisions = export_workshop(store, dutch.workshop.id)["revisions"]
    assert [{"key": "c1", "state": "done", "comment": ""}] == [r["payload"] for r in revisions]


def test_value_map_links_a_reliever_to_a_pain(live, new_page):
    """On the hub plan's value map, a pain becomes addressed once a reliever is linked to it."""
    server, store, created = live
    page = new_page()
    join(page, server.link("Participants"), "Hal")
    go_to(page, "1. Value map of the hub's offer")
    value_map = page.locator(".cck-value-map")
    value_map.get_by_role("textbox", name="Pains", exact=True).fill("No time to build a webshop")
    value_map.locator(".cck-area").filter(has_text="Pains").get_by_role("button", name="Add").click()
    value_map.get_by_text("Pains nothing relieves yet: No time to build a webshop").wait_for()
    value_map.get_by_role("textbox", name="Pain relievers", exact=True).fill("Hub-funded set-up day")
    value_map.locator(".cck-area").filter(has_text="Pain relievers").get_by_role("button", name="Add").click()
    value_map.get_by_label("Relieves these pains").select_option(label="No time to build a webshop")
    value_map.get_by_text("Pains nothing relieves yet: none").wait_for()
    screenshot(page, "value-map-1280")
    revisions = export_workshop(store, created.workshop.id)["revisions"]
    [pain] = [r for r in revisions if r["payload"].get("text") == "No time to build a webshop"]
    relievers = [r for r in revisions if r["payload"].get("text") == "Hub-funded set-up day"]
    assert [pain["entry_id"]] == relievers[-1]["payload"]["links"]


def test_shop_plan_brief_and_partner_scorecard(live, new_page):
    """In a small-commerce workshop a shop owner writes the brief and ranks two candidate partners."""
    server, store, _created = live
    shop = store.create_workshop("Shops of the old town", plan="small-commerce")
    base = server.link("Participants").split("?")[0]
    page = new_page(width=390, height=844)
    join(page, f"{base}?workshop={shop.workshop.id}&code={shop.join_code}", "Ida")
    go_to(page, "1. Co-creation brief")
    motivation = page.get_by_label("Why do we want to co-create?")
    motivation.fill("Customers ask to reserve online")
    motivation.press("Tab")
    page.locator(".cck-brief").get_by_text("Saved").wait_for()

    go_to(page, "2. Partner scorecard")
    card = page.locator(".cck-scorecard")
    for name in ("Pixel Studio", "Web Agency"):
        card.get_by_label("Name of a candidate").fill(name)
        card.get_by_role("button", name="Add candidate").click()
        card.locator(".cck-task-row").filter(has_text=name).wait_for()
    card.locator(".cck-task-row").filter(has_text="Web Agency").get_by_role(
        "button", name="Excellent"
    ).first.click()
    card.get_by_text("Web Agency: 5.00").wait_for()
    assert card.locator("ol").last.inner_text().startswith("Web Agency: 5.00")
    screenshot(page, "scorecard-390")
    revisions = export_workshop(store, shop.workshop.id)["revisions"]
    assert any(r["payload"].get("text") == "Customers ask to reserve online" for r in revisions)
    agency = [r for r in revisions if r["payload"].get("name") == "Web Agency"][-1]
    assert {"peers": 5} == agency["payload"]["scores"]


def test_a_task_is_linked_to_the_pain_reliever_it_serves(live, new_page):
    """The task plan offers the value map's pain relievers ("Relieves which pain"), so the pain →
    reliever → task chain the report traces can be entered on a phone."""
    server, store, created = live
    page = new_page(width=390, height=844)
    join(page, server.link("Participants"), "Rui")
    rui = next(p for p in store.participants(created.workshop.id) if p.display_name == "Rui")
    reliever = store.add_entry(
        created.workshop.id,
        rui.id,
        "ideation/value-map",
        {"part": "relievers", "text": "A Google profile", "links": []},
    )
    go_to(page, "2. Task plan")
    picker = page.get_by_label("Relieves which pain (value map)")
    picker.select_option(label="A Google profile")
    page.get_by_label("Task", exact=True).fill("Claim the Google profile")
    page.get_by_label("Expected outcome").fill("Profile live with 10 photos")
    page.get_by_role("button", name="Add task").click()
    page.get_by_text("Claim the Google profile").first.wait_for()
    screenshot(page, "task-plan-390")

    def stored():
        return [e for e in store.entries(created.workshop.id, exercise="preparation/task-plan")
                if e.payload["task"] == "Claim the Google profile"]  # fmt: skip

    assert eventually(stored)
    assert reliever.entry_id == stored()[0].payload["reliever"]


@pytest.mark.parametrize("lang", ["nl", "fr", "de"])
def test_a_translated_workshop_shows_no_english_word(live, new_page, tmp_path, lang):
    """A Dutch, French or German workshop joined on a phone: its join screen, every section of
    the participant's page with a note added, the facilitator board and the report: no word there
    comes only from the English UI words or plan."""
    from cocreate_kit.content.plan import load_plan, load_ui
    from cocreate_kit.report.build import render_html

    from ..language import english_leftovers

    server, store, _created = live
    ui, plan = load_ui(lang), load_plan("business-hubs", lang)
    made = store.create_workshop("Winkelstraat gaat online", lang=lang)
    base = server.link("Participants").split("?")[0]
    page = new_page(width=390, height=844)
    page.goto(f"{base}?workshop={made.workshop.id}&code={made.join_code}")
    page.get_by_text(ui["join_title"]).wait_for()
    seen = {"join": page.inner_text("body")}
    page.get_by_label(ui["name_label"]).fill("Lea")
    page.get_by_role("button", name=ui["join_button"]).click()
    menu = page.get_by_role("combobox", name=ui["nav_label"])
    menu.wait_for()
    # A note on the empathy map, in the area the plan names first.
    page.get_by_label(ui["persona_label"]).select_option(index=0)
    area = plan.exercise("ideation/empathy-map").canvas.in_reading_order()[0].label
    box = page.locator(".cck-area").filter(has=page.get_by_role("heading", name=area, exact=True))
    box.get_by_label(ui["note_label"].format(area=area)).fill("Vitrine / Schaufenster")
    box.get_by_role("button", name=ui["add_note"]).click()
    box.locator(".cck-note").filter(has_text="Vitrine / Schaufenster").wait_for()
    labels = [o.strip() for o in menu.locator("option").all_inner_texts() if o.strip()]
    assert len(labels) >= 10, labels
    for label in labels:
        menu.select_option(label=label)
        page.locator("h3").filter(has_text=re.split(r"\.\s", label, maxsplit=1)[-1]).wait_for()
        seen[label] = page.inner_text("body")
    board = new_page(width=1920, height=1080)
    board.goto(
        f"{base.rsplit('/', 1)[0]}/facilitator.ipynb?workshop={made.workshop.id}&key={made.facilitator_key}"
    )
    board.locator(".cck-board .cck-note").filter(has_text="Vitrine / Schaufenster").wait_for()
    seen["board"] = board.inner_text("body")
    report = render_html(made.workshop.id, tmp_path, store.url)
    page.goto(report.as_uri())
    page.get_by_text("Vitrine / Schaufenster").first.wait_for()
    seen["report"] = page.inner_text("body")

    typed = export_workshop(store, made.workshop.id)
    leaks = {where: english_leftovers(text, "business-hubs", typed, lang) for where, text in seen.items()}
    assert {where: found for where, found in leaks.items() if found} == {}
