"""Steering the room from the board: one facilitator and three participants in separate browsers."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from playwright.sync_api import expect

from .conftest import LIVE_WAIT, screenshot
from .pages import add_note, join, join_all, pick_persona

pytestmark = pytest.mark.browser


@pytest.fixture
def room(live, new_page):
    """The facilitator's board and three joined participants (one on a phone)."""
    server, store, created = live
    board = new_page(width=1920, height=1080)
    board.goto(server.link("Facilitator"), wait_until="commit")
    people = [
        (new_page(width=width, height=900), name)
        for name, width in (("Ana", 1280), ("Ben", 390), ("Cleo", 1280))
    ]
    join_all(people, server.link("Participants"))
    board.locator(".cck-controls").wait_for()
    return board, [page for page, _name in people], store, created


def choose(board, label):
    board.locator(".cck-controls").get_by_label("Exercise", exact=True).select_option(label=label)


def test_bring_everyone_here_moves_all_pages(room):
    """Clicking 'Bring everyone here' moves every participant page to that exercise, without a
    reload (how fast is measured by `make bench-room`, not here)."""
    board, people, _store, _created = room
    choose(board, "2. Preparation: Task plan")
    board.get_by_role("button", name="Bring everyone here").click()
    for page in people:
        page.locator("h3").filter(has_text="Task plan").wait_for(timeout=LIVE_WAIT)
    board.get_by_text("Everyone is on: 2. Preparation: Task plan").wait_for()
    board.get_by_text("Present now (3)").wait_for(timeout=15_000)
    screenshot(board, "board-controls-1920")


def test_lock_makes_pages_read_only_and_unlock_reopens(room):
    """A locked exercise shows the lock message on every page, its buttons are disabled and nothing
    can be added; unlocking lets participants add again."""
    board, people, store, created = room
    before = len(store.entries(created.workshop.id, exercise="ideation/empathy-map"))
    choose(board, "1. Ideation: Empathy map of the people you serve")
    board.get_by_role("button", name="Bring everyone here").click()
    board.locator(".cck-controls").get_by_label("Lock this exercise").check()
    for page in people:
        page.get_by_text("Locked by the facilitator").wait_for(timeout=LIVE_WAIT)
    ben = people[1]
    assert ben.get_by_label("Persona").is_disabled()
    screenshot(ben, "locked-390")
    assert before == len(store.entries(created.workshop.id, exercise="ideation/empathy-map"))
    board.locator(".cck-controls").get_by_label("Lock this exercise").uncheck()
    ben.get_by_text("Locked by the facilitator").wait_for(state="detached", timeout=LIVE_WAIT)
    pick_persona(ben, 0)
    add_note(ben, "Does", "Opens on Sundays in summer")


def test_timer_appears_on_participant_pages(room):
    """A timer started on the board counts down on every participant page."""
    board, people, _store, _created = room
    choose(board, "1. Ideation: Empathy map of the people you serve")
    board.get_by_role("button", name="Bring everyone here").click()
    board.locator(".cck-controls").get_by_label("Minutes").fill("3")
    board.get_by_role("button", name="Start timer").click()
    for page in people:
        page.get_by_text("Time left: 2:5").or_(page.get_by_text("Time left: 3:00")).first.wait_for(
            timeout=LIVE_WAIT
        )
    screenshot(people[1], "timer-390")
    board.get_by_role("button", name="Stop timer").click()
    people[0].locator(".cck-timer").wait_for(state="detached", timeout=LIVE_WAIT)


def test_join_screen_from_the_board(live, new_page):
    """The board links to a projector join screen with the code, a QR image and a link that works."""
    server, _store, created = live
    board = new_page(width=1920, height=1080)
    board.goto(server.link("Facilitator"))
    with board.context.expect_page() as opened:
        board.get_by_role("link", name="Join screen for the projector").click()
    screen = opened.value
    screen.set_viewport_size({"width": 1920, "height": 1080})
    screen.locator("img.cck-qr").wait_for(timeout=60_000)
    assert created.join_code in screen.locator(".cck-join-code").inner_text()
    link = screen.locator(".cck-join-link a").inner_text()
    assert link == server.link("Participants")
    screenshot(screen, "join-screen-1920")
    phone = new_page(width=390, height=844)
    phone.goto(link)
    phone.get_by_text("Join the workshop").wait_for()


def test_dot_vote_with_a_budget_of_three(room):
    """The facilitator opens a 3-dot vote on the empathy map; a participant places three dots, the
    fourth is refused, and the board's live tally ranks the notes; closing keeps the result."""
    board, people, store, created = room
    ana = people[0]
    choose(board, "1. Ideation: Empathy map of the people you serve")
    board.get_by_role("button", name="Bring everyone here").click()
    ana.locator("h3").filter(has_text="Empathy map").wait_for()
    pick_persona(ana, 0)
    add_note(ana, "Pains", "Parking is hard near the shop")
    add_note(ana, "Gains", "Regulars order by phone")
    board.locator(".cck-controls").get_by_label("Dots per person").fill("3")
    board.get_by_role("button", name="Start dot vote").click()
    ballot = ana.locator(".cck-vote")
    ballot.get_by_text("Dots left: 3").wait_for(timeout=LIVE_WAIT)
    parking = ballot.locator(".widget-hbox").filter(has_text="Parking is hard near the shop")
    for left in (2, 1, 0):
        parking.get_by_role("button", name="+").click()
        ballot.get_by_text(f"Dots left: {left}").wait_for()
    regulars = ballot.locator(".widget-hbox").filter(has_text="Regulars order by phone")
    expect(regulars.get_by_role("button", name="+")).to_be_disabled(timeout=LIVE_WAIT)
    board.locator(".cck-tally li").filter(has_text="Parking is hard near the shop").get_by_text("3").wait_for(
        timeout=LIVE_WAIT
    )
    screenshot(ana, "vote-1280")
    screenshot(board, "vote-board-1920")
    board.get_by_role("button", name="Close vote").click()
    board.get_by_text("Vote closed on").wait_for()
    ballot.wait_for(state="detached", timeout=LIVE_WAIT)
    dots = [e for e in store.entries(created.workshop.id) if e.exercise.startswith("_vote/")]
    assert 3 == len(dots)


def test_private_mode_then_reveal(room):
    """In a private round participants see only their own entries; after Reveal each page lists
    everyone's, with names or 'anonymous'."""
    board, people, _store, _created = room
    ana, ben = people[0], people[1]
    choose(board, "1. Ideation: Questions")
    board.get_by_role("button", name="Bring everyone here").click()
    board.locator(".cck-controls").get_by_label("Private (each person sees only their own)").check()
    board.get_by_text("Private until revealed: 1. Ideation: Questions").wait_for(timeout=LIVE_WAIT)
    for page, answer in ((ana, "Monthly breakfast meetings"), (ben, "A shared calendar of events")):
        page.get_by_text("Private round").wait_for(timeout=LIVE_WAIT)
        box = page.locator(".cck-reflection textarea").first
        box.fill(answer)
        box.press("Tab")
        page.locator(".cck-reflection").get_by_text("Saved").wait_for()
    # A timer started after both answers reaches Ana's page through the same poll that reads
    # Ben's answer (changes arrive in order): once it shows, her page has seen his answer.
    board.get_by_role("button", name="Start timer").click()
    ana.locator(".cck-timer").wait_for(timeout=LIVE_WAIT)
    assert 0 == ana.locator(".cck-shared").get_by_text("A shared calendar of events").count()
    board.get_by_role("button", name="Stop timer").click()
    board.get_by_role("button", name="Reveal to everyone").click()
    for page in (ana, ben):
        shared = page.locator(".cck-shared")
        shared.get_by_text("A shared calendar of events").wait_for(timeout=LIVE_WAIT)
        shared.get_by_text("Monthly breakfast meetings").wait_for()
    assert ben.locator(".cck-shared").get_by_text("— Ana").count() >= 1
    screenshot(ben, "revealed-390")


def test_moderation_on_the_board_is_recorded(room):
    """The facilitator hides a note and fixes a typo from the board; the board follows and the JSON
    export keeps the hidden note and a log entry for each action."""
    board, people, store, created = room
    ana = people[0]
    choose(board, "1. Ideation: Empathy map of the people you serve")
    board.get_by_role("button", name="Bring everyone here").click()
    ana.locator("h3").filter(has_text="Empathy map").wait_for()
    pick_persona(ana, 0)
    add_note(ana, "Thinks", "Totally off-topic remark")
    add_note(ana, "Feels", "Custmers are loyal")
    board.locator(".cck-board").get_by_text("Custmers are loyal").wait_for(timeout=LIVE_WAIT)
    board.get_by_text("Moderate").click()
    panel = board.locator(".cck-moderation")
    # Each note reads with its author and place, so look-alike notes stay apart.
    panel.get_by_label("Note", exact=True).select_option(
        label="Totally off-topic remark — Ana (Marta Lindqvist · Thinks)"
    )
    panel.get_by_role("button", name="Hide").click()
    board.locator(".cck-board").get_by_text("Totally off-topic remark").wait_for(
        state="detached", timeout=LIVE_WAIT
    )
    panel.get_by_label("Note", exact=True).select_option(
        label="Custmers are loyal — Ana (Marta Lindqvist · Feels)"
    )
    # Picking a note puts its text in the box; correct it once it is there (as a person would).
    expect(panel.get_by_label("Corrected text")).to_have_value("Custmers are loyal", timeout=LIVE_WAIT)
    panel.get_by_label("Corrected text").fill("Customers are loyal")
    panel.get_by_role("button", name="Fix typo").click()
    board.locator(".cck-board").get_by_text("Customers are loyal").wait_for(timeout=LIVE_WAIT)
    screenshot(board, "moderation-1920")
    from cocreate_kit.store import export_workshop

    revisions = export_workshop(store, created.workshop.id)["revisions"]
    assert any(r["payload"].get("text") == "Totally off-topic remark" for r in revisions)
    actions = [r["payload"]["action"] for r in revisions if r["exercise"] == "_moderation"]
    assert ["hide", "edit"] == actions[-2:]


def test_board_overview_follows_the_chosen_exercise(room):
    """Picking the checklist on the board shows completion across participants, updating live."""
    board, people, _store, _created = room
    choose(board, "1. Ideation: Checklist")
    board.get_by_role("button", name="Bring everyone here").click()
    board.get_by_text("Overview: 1. Ideation: Checklist").wait_for(timeout=LIVE_WAIT)
    for page in people[:2]:
        page.locator(".cck-check-row").first.wait_for(timeout=LIVE_WAIT)
        page.locator(".cck-check-row").first.get_by_role("button", name="Done").click()
        page.locator(".cck-checklist").get_by_text("1 of 8 done").wait_for()
    first_item = board.locator(".cck-overview-table tr").filter(has_text="Shortlist shops and digital firms")
    first_item.locator("td").nth(1).filter(has_text="2").wait_for(timeout=LIVE_WAIT)
    screenshot(board, "overview-1920")


def test_typing_when_the_lock_comes_is_saved_when_it_lifts(room):
    """A participant is typing an answer when the facilitator locks the questions: the box stays
    open with the text in it, the page says it is kept, and the answer is stored once unlocked."""
    board, people, store, created = room
    choose(board, "1. Ideation: Questions")
    board.get_by_role("button", name="Bring everyone here").click()
    ana = people[0]
    box = ana.locator(".cck-reflection textarea").first
    box.wait_for()
    box.click()
    box.type("Half typed when the lock came")
    board.locator(".cck-controls").get_by_label("Lock this exercise").check()
    ana.get_by_text("Locked by the facilitator").first.wait_for(timeout=10_000)
    assert box.is_enabled()
    box.type(", and finished after")
    ana.keyboard.press("Tab")  # leaving the box sends it
    ana.get_by_text("what you typed stays here").wait_for(timeout=10_000)
    assert [] == [
        e
        for e in store.entries(created.workshop.id, exercise="ideation/questions")
        if "lock" in str(e.payload)
    ]
    board.locator(".cck-controls").get_by_label("Lock this exercise").uncheck()
    expected = "Half typed when the lock came, and finished after"
    # The acknowledgement sits under the box that was typed in.
    expect(ana.locator(".cck-reflection .cck-status").first).to_contain_text("Saved", timeout=10_000)
    answers = [
        e.payload.get("answer") for e in store.entries(created.workshop.id, exercise="ideation/questions")
    ]
    assert expected in answers


def test_presenter_view_on_the_projector(room, new_page, live):
    """The board links to the presenter view; at 1920×1080 it shows the room's notes in large
    type as they come, and no control at all."""
    board, people, _store, _created = room
    server = live[0]
    href = board.get_by_role("link", name="Presenter view for the projector").get_attribute("href")
    assert "presenter.ipynb" in href
    choose(board, "1. Ideation: Empathy map of the people you serve")
    board.get_by_role("button", name="Bring everyone here").click()
    projector = new_page(width=1920, height=1080)
    projector.goto(server.link("Presenter"))
    projector.locator(".cck-presenter h1").filter(has_text="Empathy map").wait_for()
    people[0].locator("h3").filter(has_text="Empathy map").wait_for()
    pick_persona(people[0], 0)
    add_note(people[0], "Feels", "Excited about the web shop")
    note = projector.locator(".cck-presenter .cck-note").filter(has_text="Excited about the web shop")
    note.first.wait_for(timeout=10_000)
    assert float(note.first.evaluate("n => parseFloat(getComputedStyle(n).fontSize)")) >= 24
    assert (
        0 == projector.locator(".cck-presenter button, .cck-presenter select, .cck-presenter input").count()
    )
    screenshot(projector, "presenter-1920")


def test_typing_when_time_runs_out_is_saved_when_the_timer_is_stopped(room):
    """A lock-at-zero timer runs out while a participant is typing: the box stays open with the
    text, the page says it is kept, nothing is stored while locked, and stopping the timer saves it.
    (The timer is started through the library with a few seconds, not the board's whole minutes.)"""
    from cocreate_kit.live.facilitation import WorkshopControl

    board, people, store, created = room
    choose(board, "3. Implementation: Questions")
    board.get_by_role("button", name="Bring everyone here").click()
    cleo = people[2]
    box = cleo.locator(".cck-reflection textarea").first
    box.wait_for()
    box.click()
    box.type("Started before the bell")
    control = WorkshopControl(store, created.workshop.id)
    control.start_timer("implementation/questions", 3, lock_at_zero=True)
    cleo.get_by_text("Time is up").first.wait_for(timeout=LIVE_WAIT)
    assert box.is_enabled()
    box.type(", finished after it")
    cleo.keyboard.press("Tab")
    cleo.get_by_text("what you typed stays here").wait_for(timeout=LIVE_WAIT)
    expected = "Started before the bell, finished after it"

    def answers():
        return [
            e.payload.get("answer")
            for e in store.entries(created.workshop.id, exercise="implementation/questions")
        ]

    assert expected not in answers()
    control.stop_timer()
    expect(cleo.locator(".cck-reflection .cck-status").first).to_contain_text("Saved", timeout=LIVE_WAIT)
    assert expected in answers()


def test_ending_the_session_thanks_the_phones_and_reopening_gives_them_back(live, new_page):
    """On a workshop of its own: the board ends the session after its confirmation; the phone
    shows the thank-you with the person's note as text, a latecomer cannot join, and reopening
    brings the phone's workspace back to take notes again."""
    server, store, _created = live
    made = store.create_workshop("Closing time on Main street")
    base = server.link("Participants").split("/participant.ipynb")[0]
    wid = made.workshop.id
    board = new_page(width=1280, height=800)
    board.goto(f"{base}/facilitator.ipynb?" + urlencode({"workshop": wid, "key": made.facilitator_key}))
    board.locator(".cck-controls").wait_for()
    joining = f"{base}/participant.ipynb?" + urlencode({"workshop": wid, "code": made.join_code})
    phone = new_page(width=390, height=844)
    join(phone, joining, "Dora")
    pick_persona(phone, 0)
    add_note(phone, "Does", "<b>Opens late</b> on Fridays")

    board.get_by_role("button", name="End the session…").click()
    board.get_by_role("button", name="Yes, end the session").click()
    board.get_by_text("The session has ended").wait_for(timeout=LIVE_WAIT)
    phone.get_by_text("Thank you for taking part!").wait_for(timeout=LIVE_WAIT)
    expect(phone.locator(".cck-ended")).to_contain_text("<b>Opens late</b> on Fridays")
    expect(phone.locator(".cck-area").first).to_be_hidden()
    screenshot(phone, "ended-390")
    late = new_page(width=390, height=844)
    late.goto(joining)
    late.get_by_label("Your name").fill("Late Larry")
    late.get_by_role("button", name="Join").click()
    late.get_by_text("This session has ended and takes no new participants.").wait_for()
    assert ["Dora"] == [p.display_name for p in store.participants(wid)]

    board.get_by_role("button", name="Reopen the session").click()
    phone.locator(".cck-ended").wait_for(state="hidden", timeout=LIVE_WAIT)
    add_note(phone, "Says", "Back again after the break")


def test_a_phone_takes_a_delete_back_with_undo_and_restores_from_deleted_notes(live, new_page):
    """On a phone scrolled into the canvas, deleting a note shows "Undo" on screen; it brings
    the note back. A note deleted again is listed under "Deleted notes" and restored there."""
    from cocreate_kit.live.facilitation import WorkshopControl

    server, store, created = live
    # Earlier tests brought everyone elsewhere: the facilitator brings the room to the empathy
    # map, where a latecomer then lands.
    WorkshopControl(store, created.workshop.id).bring_everyone("ideation/empathy-map")
    phone = new_page(width=390, height=844)
    join(phone, server.link("Participants"), "Uma")
    phone.locator("h3").filter(has_text="Empathy map").wait_for(timeout=LIVE_WAIT)
    pick_persona(phone, 0)
    add_note(phone, "Feels", "Nervous about delivery costs")
    note = phone.locator(".cck-note").filter(has_text="Nervous about delivery costs")
    area = phone.locator(".cck-area").filter(has_text="Feels")
    area.get_by_role("button", name="Delete").click()
    undo = phone.locator(".cck-undo")
    undo.get_by_role("button", name="Undo").wait_for(timeout=LIVE_WAIT)
    expect(undo).to_be_in_viewport()
    screenshot(phone, "undo-390")
    expect(undo).to_contain_text("Nervous about delivery costs")
    undo.get_by_role("button", name="Undo").click()
    note.wait_for()
    area.get_by_role("button", name="Delete").click()
    note.wait_for(state="detached")
    phone.get_by_role("button", name="Deleted notes (1)").click(timeout=LIVE_WAIT)
    phone.locator(".cck-deleted").get_by_role("button", name="Restore").click()
    note.wait_for()


def test_the_rooms_state_stays_on_screen_wherever_a_phone_is_scrolled(live, new_page):
    """A phone scrolled to the bottom of the empathy map still sees, at the top of its screen,
    that the exercise was locked, and that a dot vote started on it."""
    server, _store, _created = live
    board = new_page(width=1280, height=800)
    board.goto(server.link("Facilitator"))
    board.locator(".cck-controls").wait_for()
    phone = new_page(width=390, height=844)
    join(phone, server.link("Participants"), "Ivo")
    choose(board, "1. Ideation: Empathy map of the people you serve")
    board.get_by_role("button", name="Bring everyone here").click()
    phone.locator("h3").filter(has_text="Empathy map").wait_for(timeout=LIVE_WAIT)
    pick_persona(phone, 0)
    last_area = phone.locator(".cck-area").last
    controls = board.locator(".cck-controls")
    try:
        last_area.scroll_into_view_if_needed()
        controls.get_by_label("Lock this exercise").check()
        locked = phone.locator(".cck-locked")
        locked.wait_for(timeout=LIVE_WAIT)
        expect(locked).to_be_in_viewport()
        expect(last_area).to_be_in_viewport()  # the person stayed where they were
        screenshot(phone, "locked-scrolled-390")
        controls.get_by_label("Lock this exercise").uncheck()
        locked.wait_for(state="detached", timeout=LIVE_WAIT)
        board.get_by_role("button", name="Start dot vote").click()
        voting = phone.locator(".cck-vote-on")
        voting.wait_for(timeout=LIVE_WAIT)
        last_area.scroll_into_view_if_needed()
        expect(voting).to_be_in_viewport()
    finally:
        controls.get_by_label("Lock this exercise").uncheck()
        board.get_by_role("button", name="Close vote").click()
