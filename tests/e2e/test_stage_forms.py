"""Moving between stages in the browser: questions and checklist saved, back on a new device."""

from __future__ import annotations

import json

import pytest

from cocreate_kit.store import dumps_export, export_workshop

from .conftest import screenshot
from .pages import join

pytestmark = pytest.mark.browser


def go_to(page, label):
    page.get_by_label("Go to").select_option(label=label)
    page.locator("h3").filter(has_text=label.split(": ", 1)[1]).wait_for()


def test_questions_and_checklist_are_saved_and_exported(live, new_page):
    """A participant answers a question and ticks a checklist item; both are in the JSON export and
    are shown again when the personal link is opened on another device."""
    server, store, created = live
    page = new_page(width=390, height=844)
    join(page, server.link("Participants"), "Eli")

    go_to(page, "2. Preparation: Questions")
    answer = page.locator(".cck-reflection textarea").first
    answer.fill("A shared chat group and a call every Friday")
    answer.press("Tab")  # leaving the box sends the text
    page.locator(".cck-reflection").get_by_text("Saved").wait_for()

    go_to(page, "2. Preparation: Checklist")
    first_item = page.locator(".cck-check-row").first
    first_item.get_by_role("button", name="Done").click()
    page.locator(".cck-checklist").get_by_text("1 of 8 done").wait_for()
    first_item.get_by_label("Comment").fill("Plan agreed with the board")
    first_item.get_by_label("Comment").press("Enter")
    page.locator(".cck-checklist").get_by_text("Saved").wait_for()
    screenshot(page, "checklist-390")

    exported = json.loads(dumps_export(export_workshop(store, created.workshop.id)))
    payloads = {(r["exercise"], r["payload"].get("key")): r["payload"] for r in exported["revisions"]}
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
    go_to(later, "2. Preparation: Questions")
    assert (
        "A shared chat group and a call every Friday"
        == later.locator(".cck-reflection textarea").first.input_value()
    )
    go_to(later, "2. Preparation: Checklist")
    later.locator(".cck-checklist").get_by_text("1 of 8 done").wait_for()
