"""A shop's idea call, end to end: customers join by link, send ideas, vote; the shop sees it live."""

from __future__ import annotations

import pytest

from .conftest import LIVE_WAIT, screenshot

pytestmark = pytest.mark.browser


def test_idea_call_with_a_poll(live, new_page):
    """Three customers send ideas (one with markup), the shop opens a 2-dot poll, customers vote,
    and the shop's board shows the ideas by topic and the ranked result."""
    server, store, _created = live
    call = store.create_workshop("What should the bakery add?", plan="idea-call")
    base = server.link("Participants").split("?")[0].rsplit("/", 1)[0]
    board = new_page(width=1920, height=1080)
    board.goto(f"{base}/facilitator.ipynb?workshop={call.workshop.id}&key={call.facilitator_key}")
    board.locator(".cck-controls").wait_for()
    customers = []
    for name, idea, topic in (
        ("Noor", "Sourdough on Sundays", "Products"),
        (None, "<b>Pre-order</b> by text message", "Online shop"),
        ("Tom", "A coffee corner", "Service"),
    ):
        page = new_page(width=390, height=844)
        page.goto(f"{base}/participant.ipynb?workshop={call.workshop.id}&code={call.join_code}")
        page.get_by_text("Join the workshop").wait_for()
        if name:
            page.get_by_label("Your name").fill(name)
        else:
            page.get_by_text("Stay anonymous").click()
        page.get_by_role("button", name="Join").click()
        page.get_by_label("Your idea").fill(idea)
        page.get_by_label("Topic").select_option(label=topic)
        page.get_by_role("button", name="Submit idea").click()
        page.locator(".cck-ideas .cck-note").filter(has_text=idea).wait_for()
        customers.append(page)
    board.locator(".cck-board").get_by_text("<b>Pre-order</b> by text message").wait_for(timeout=LIVE_WAIT)
    board.locator(".cck-controls").get_by_label("Dots per person").fill("2")
    board.get_by_role("button", name="Start dot vote").click()
    for page in customers:
        row = page.locator(".cck-vote .widget-hbox").filter(has_text="Sourdough on Sundays")
        row.get_by_role("button", name="+").click(timeout=10_000)
        page.get_by_text("Dots left: 1").wait_for()
    board.locator(".cck-tally li").first.filter(has_text="Sourdough on Sundays").get_by_text("3").wait_for(
        timeout=LIVE_WAIT
    )
    screenshot(customers[1], "idea-call-390")
    screenshot(board, "idea-call-board-1920")
    assert [] == sum((page.dialogs for page in customers + [board]), [])
