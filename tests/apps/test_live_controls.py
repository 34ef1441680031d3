"""The board's controls and a participant page following them, driven without a browser."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from cocreate_kit.apps.facilitator import FacilitatorBoard
from cocreate_kit.apps.participant import ParticipantApp


def participant_page(store, workshop, name):
    app = ParticipantApp(store, {"workshop": workshop.workshop.id, "code": workshop.join_code})
    app.name_input.value = name
    app.join_button.click()
    return app


def test_bring_everyone_moves_every_participant_page(store, workshop):
    """After 'Bring everyone here', each participant page's next poll opens that section."""
    pages = [participant_page(store, workshop, n) for n in ("Ann", "Bo", "Cy")]
    board = FacilitatorBoard(store, workshop.workshop.id)
    board.controls.section.value = "preparation/task-plan"
    board.controls.bring.click()
    for page in pages:
        page.follower.tick()
    assert ["preparation/task-plan"] * 3 == [page.nav.value for page in pages]
    latecomer = participant_page(store, workshop, "Di")
    assert "preparation/task-plan" == latecomer.nav.value


def test_participant_can_still_move_after_being_brought(store, workshop):
    """Being brought somewhere once does not pin the page: the participant can navigate away."""
    page = participant_page(store, workshop, "Ann")
    board = FacilitatorBoard(store, workshop.workshop.id)
    board.controls.section.value = "ideation/checklist"
    board.controls.bring.click()
    page.follower.tick()
    page.nav.value = "ideation/questions"
    page.follower.tick()
    assert "ideation/questions" == page.nav.value


def test_locked_section_is_read_only_with_a_banner(store, workshop):
    """Locking disables the section's inputs and shows why; writes are refused even if sent."""
    page = participant_page(store, workshop, "Ann")
    board = FacilitatorBoard(store, workshop.workshop.id)
    board.controls.section.value = "ideation/empathy-map"
    board.controls.lock.value = True
    page.follower.tick()
    assert "Locked by the facilitator" in page.follower.banner.value
    assert page.form.panels["thinks"].add_button.disabled
    page.form.persona.value = "shop-owner"  # a tampered page could still send this
    page.form.panels["thinks"].draft.value = "sneaky"
    page.form.add("thinks", page.form.panels["thinks"].draft)
    assert "locked" in page.form.status.text
    assert [] == store.entries(workshop.workshop.id, exercise="ideation/empathy-map")
    board.controls.lock.value = False
    page.follower.tick()
    assert not page.form.panels["thinks"].add_button.disabled and "" == page.follower.banner.value


def test_timer_shows_on_participant_pages_and_locks_at_zero(store, workshop):
    """A 2-minute timer appears as 2:00 on the page; with lock-at-zero the page is read-only after it."""
    page = participant_page(store, workshop, "Ann")
    board = FacilitatorBoard(store, workshop.workshop.id)
    board.controls.section.value = "ideation/empathy-map"
    board.controls.minutes.value = 2
    board.controls.lock_at_zero.value = True
    board.controls.start_timer.click()
    now = datetime.now(timezone.utc)
    page.follower.tick(now=now)
    assert "Time left: 2:00" in page.follower.banner.value or "Time left: 1:59" in page.follower.banner.value
    page.follower.show_state(now=now + timedelta(minutes=3))
    assert "Time is up." in page.follower.banner.value and "Locked" in page.follower.banner.value
    assert page.form.panels["thinks"].add_button.disabled


def test_board_lists_who_is_present(store, workshop):
    """Participants whose page polled recently are listed by name on the board."""
    participant_page(store, workshop, "Ann").follower.tick()
    board = FacilitatorBoard(store, workshop.workshop.id)
    assert "Present now (1): Ann" in board.controls.state.value


def test_private_round_then_reveal(store, workshop):
    """In a private round each page shows only a note that entries are private; after Reveal every
    page lists everyone's entries with names or 'anonymous' as each chose."""
    ann = participant_page(store, workshop, "Ann")
    anon = ParticipantApp(store, {"workshop": workshop.workshop.id, "code": workshop.join_code})
    anon.anonymous.value = True
    anon.join_button.click()
    board = FacilitatorBoard(store, workshop.workshop.id)
    board.controls.section.value = "ideation/empathy-map"
    board.controls.private.value = True
    for page, text in ((ann, "Ann's <b>idea</b>"), (anon, "A quiet idea")):
        page.form.persona.value = "shop-owner"
        page.form.panels["feels"].draft.value = text
        page.form.panels["feels"].add_button.click()
        page.follower.tick()
    assert "Private round" in ann.follower.shared.value and "A quiet idea" not in ann.follower.shared.value
    board.controls.reveal.click()
    for page in (ann, anon):
        page.follower.tick()
        assert "A quiet idea" in page.follower.shared.value and "— anonymous" in page.follower.shared.value
        assert (
            "Ann&#x27;s &lt;b&gt;idea&lt;/b&gt; <span class='cck-author'>— Ann</span>"
            in page.follower.shared.value
        )
    assert "Revealed: 1. Ideation" in board.controls.state.value


def test_open_sections_show_everyone_live(store, workshop):
    """Without a private round, a participant sees another's new entry at the next poll."""
    ann, bo = participant_page(store, workshop, "Ann"), participant_page(store, workshop, "Bo")
    bo.form.persona.value = "digital-firm"
    bo.form.panels["says"].draft.value = "We build shops in two weeks"
    bo.form.panels["says"].add_button.click()
    ann.follower.tick()
    assert "We build shops in two weeks" in ann.follower.shared.value


def test_ballot_banner_and_shared_list_are_on_the_page(store, workshop):
    """The follower's banner, ballot and shared list are part of the participant page itself."""
    page = participant_page(store, workshop, "Ann")
    children = page.widget.children
    assert page.follower.banner in children and page.follower.vote_box in children
    assert page.follower.shared in children


def test_the_board_narrows_a_vote_to_one_area(store, workshop):
    """On the empathy map the facilitator can vote on one area: the picker offers the areas, the
    vote is stored narrowed, and the board's ranking names the area."""
    board = FacilitatorBoard(store, workshop.workshop.id)
    controls = board.controls
    controls.section.value = "ideation/empathy-map"
    labels = [label for label, _key in controls.vote_on.options]
    assert labels[0] == "All entries" and "Pains" in labels
    controls.vote_on.value = dict((label, key) for label, key in controls.vote_on.options)["Pains"]
    controls.start_vote.click()
    assert {"area": "pains"} == controls.control.vote()["only"]
    assert "Pains" in controls.tally.value
    controls.section.value = "ideation/questions"
    assert "none" == controls.vote_on.layout.display  # nothing to narrow a question list to


def test_ending_the_session_asks_first_then_thanks_each_page_and_reopening_gives_it_back(store, workshop):
    """'End the session…' asks before it does anything; once confirmed, each participant page
    shows the thank-you and what that person wrote (as text), the workspace is gone from the
    page and the store refuses their edits; 'Reopen' brings the workspace back with the text
    still in its box."""
    from cocreate_kit.store import EndedError

    from .test_participant import page_text

    ann = participant_page(store, workshop, "Ann")
    bo = participant_page(store, workshop, "Bo")
    note = store.add_entry(
        workshop.workshop.id,
        ann.participant.id,
        "ideation/questions",
        {"key": "q1", "answer": "<b>We sell jam</b>"},
    )
    board = FacilitatorBoard(store, workshop.workshop.id)
    board.controls.end.click()
    assert "" == board.controls.end_confirm.layout.display
    assert not store.ended(workshop.workshop.id)
    board.controls.end_no.click()
    assert "none" == board.controls.end_confirm.layout.display
    board.controls.end.click()
    board.controls.end_yes.click()
    assert store.ended(workshop.workshop.id)
    assert "The session has ended" in page_text(board.controls.widget)
    assert "none" == board.controls.end.layout.display and "" == board.controls.reopen.layout.display

    for page in (ann, bo):
        page.follower.tick()
        assert page.ended and "none" == page.section_body.layout.display
        assert "Thank you for taking part!" in page.ended_box.value
    assert "&lt;b&gt;We sell jam&lt;/b&gt;" in ann.ended_box.value and "<b>" not in ann.ended_box.value
    assert "You did not add anything in this session." in bo.ended_box.value
    try:
        store.revise_entry(
            note.entry_id, ann.participant.id, {"key": "q1", "answer": "changed"}, note.revision
        )
    except EndedError as refused:
        assert "session has ended" in str(refused)
    else:
        raise AssertionError("an ended session took an edit")

    board.controls.reopen.click()
    assert not store.ended(workshop.workshop.id)
    ann.follower.tick()
    assert not ann.ended and "" == ann.section_body.layout.display
    assert "none" == ann.ended_box.layout.display and "" == ann.nav.layout.display


def test_run_again_on_the_board_makes_a_fresh_copy_and_links_its_board_once(store, workshop):
    """'Run this workshop again' makes a new workshop with this one's setup and none of its
    notes, and shows its join code and a link to its board holding a key that works."""
    from html import unescape
    from urllib.parse import parse_qs

    page = participant_page(store, workshop, "Ann")
    store.add_entry(
        workshop.workshop.id, page.participant.id, "ideation/questions", {"key": "q1", "answer": "Jam"}
    )
    board = FacilitatorBoard(store, workshop.workshop.id)
    board.controls.run_again.click()
    [copy] = [w for w in store.list_workshops() if w.id != workshop.workshop.id]
    shown = board.controls.run_again_done.value
    assert copy.join_code in shown and "none of its entries" in shown
    link = parse_qs(unescape(shown.split("href='?")[1].split("'")[0]))
    assert [copy.id] == link["workshop"] and store.check_facilitator_key(copy.id, link["key"][0])
    assert [] == store.entries(copy.id, exercise="ideation/questions")


def test_look_alike_notes_read_apart_on_the_ballot_the_tally_and_the_projector(store, workshop):
    """Two notes that both say "No parking" (Ann's under Pains, Bo's under Says) name their author
    and area on every participant's ballot, the board's tally and the presenter's ranking."""
    from cocreate_kit.apps.presenter import PresenterView

    ann, bo = participant_page(store, workshop, "Ann"), participant_page(store, workshop, "Bo")
    for page, area in ((ann, "pains"), (bo, "says")):
        page.nav.value = "ideation/empathy-map"
        page.form.persona.value = "shop-owner"
        page.form.panels[area].draft.value = "No parking"
        page.form.panels[area].add_button.click()
    board = FacilitatorBoard(store, workshop.workshop.id)
    board.controls.section.value = "ideation/empathy-map"
    board.controls.start_vote.click()
    ann.follower.tick()
    ballot = [row.children[-1].value for row in ann.follower.ballot.rows.children]
    assert 2 == len(ballot) and len(set(ballot)) == 2
    assert any("No parking — Ann (" in label and "Pains" in label for label in ballot)
    assert any("No parking — Bo (" in label and "Says" in label for label in ballot)
    ann.follower.ballot.plus[next(iter(ann.follower.ballot.plus))].click()
    board.refresh()
    assert (
        "No parking — Ann (" in board.controls.tally.value
        and "No parking — Bo (" in board.controls.tally.value
    )
    board.controls.close_vote.click()
    presenter = PresenterView(store, workshop.workshop.id)
    presenter.tick()
    assert "No parking — " in presenter.ranking.value
