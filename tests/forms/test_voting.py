"""Dot voting without a browser: budget, take back, closed votes, live tally, concurrency."""

from __future__ import annotations

import threading

import pytest

from cocreate_kit.content.plan import load_ui
from cocreate_kit.forms.voting import DotVote, VotePanel
from cocreate_kit.live.facilitation import WorkshopControl
from cocreate_kit.live.workshop import LiveWorkshop
from cocreate_kit.store import NotOnBallotError, StoreError
from cocreate_kit.validation import InputError
from cocreate_kit.visibility import vote_exercise

UI = load_ui("en")
MAP = "ideation/empathy-map"


def ballot(store, person):
    """A participant's ballot on the workshop's current vote, as their page holds it."""
    return DotVote(LiveWorkshop(store, person.workshop_id, viewer=person.id), person)


def tally(store, workshop_id, _vote=None):
    live = LiveWorkshop(store, workshop_id)
    return live.tally(live.vote())


@pytest.fixture
def notes(store, ann, bob):
    return [
        store.add_entry(ann.workshop_id, who.id, MAP, {"group": "shop-owner", "area": "pains", "text": text})
        for who, text in ((ann, "No time"), (bob, "Fees"), (ann, "Trust"))
    ]


def test_three_dots_then_the_fourth_is_refused(store, workshop, ann, notes):
    """With a budget of 3, three dots go in (two on one note) and a fourth is refused with a message."""
    WorkshopControl(store, workshop.workshop.id).start_vote(MAP, 3)
    panel = VotePanel(ballot(store, ann), UI)
    for target in (notes[0], notes[0], notes[1]):
        panel.plus[target.entry_id].click()
    assert "Dots left: 0" in panel.left.value
    assert panel.plus[notes[2].entry_id].disabled
    panel.place(notes[2].entry_id)  # what a tampered page could still send
    assert panel.status.is_error and "all 3 of your dots" in panel.status.text
    assert 3 == len(panel.model.my_dots())


def test_taking_a_dot_back_frees_it(store, workshop, ann, notes):
    """Taking a dot back returns it to the budget; the tally follows."""
    control = WorkshopControl(store, workshop.workshop.id)
    control.start_vote(MAP, 2)
    panel = VotePanel(ballot(store, ann), UI)
    panel.plus[notes[1].entry_id].click()
    panel.plus[notes[1].entry_id].click()
    panel.minus[notes[1].entry_id].click()
    assert "Dots left: 1" in panel.left.value
    ranking = [(e.payload["text"], n) for e, n in tally(store, workshop.workshop.id, control.vote())]
    assert ("Fees", 1) == ranking[0]


def test_tally_ranks_across_participants(store, workshop, ann, bob, notes):
    """The board's tally adds everyone's dots and ranks the notes."""
    control = WorkshopControl(store, workshop.workshop.id)
    control.start_vote(MAP, 3)
    ballot(store, ann).place(notes[2].entry_id)
    ballot(store, bob).place(notes[2].entry_id)
    ballot(store, bob).place(notes[0].entry_id)
    assert [("Trust", 2), ("No time", 1), ("Fees", 0)] == [
        (e.payload["text"], n) for e, n in tally(store, workshop.workshop.id, control.vote())
    ]


def test_closed_vote_refuses_dots_but_keeps_the_result(store, workshop, ann, notes):
    """After closing, no dot can be placed or taken back, and the ranking is still there."""
    control = WorkshopControl(store, workshop.workshop.id)
    control.start_vote(MAP, 3)
    ballot(store, ann).place(notes[0].entry_id)
    control.close_vote()
    closed = ballot(store, ann)
    with pytest.raises(InputError):
        closed.place(notes[1].entry_id)
    with pytest.raises(InputError):
        closed.take_back(notes[0].entry_id)
    assert 1 == tally(store, workshop.workshop.id, control.vote())[0][1]


def test_dots_only_on_entries_of_the_voted_exercise(store, workshop, ann, notes):
    """A target that is not an entry of the voted exercise is refused."""
    WorkshopControl(store, workshop.workshop.id).start_vote(MAP, 3)
    with pytest.raises(InputError):
        ballot(store, ann).place("forged-target")


def test_two_windows_cannot_exceed_the_budget(store, workshop, ann, notes):
    """Ten simultaneous clicks from one participant's windows still place at most 3 dots."""
    WorkshopControl(store, workshop.workshop.id).start_vote(MAP, 3)

    def click():
        try:
            ballot(store, ann).place(notes[0].entry_id)
        except InputError:
            pass

    threads = [threading.Thread(target=click) for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert 3 == len(ballot(store, ann).my_dots())


def test_vote_size_is_checked(store, workshop):
    """0 or 21 dots per person are refused."""
    from cocreate_kit.store import StoreError

    control = WorkshopControl(store, workshop.workshop.id)
    for dots in (0, 21, True):
        with pytest.raises(StoreError):
            control.start_vote(MAP, dots)


def test_a_vote_on_one_area_keeps_the_ballot_and_tally_to_that_area(store, workshop, ann, bob, notes):
    """Narrowed to the Pains area, the ballot offers only pains notes, the tally counts only
    them, and the store refuses a dot on another area's note whatever a page sends."""
    gain = store.add_entry(
        workshop.workshop.id, bob.id, MAP, {"group": "shop-owner", "area": "gains", "text": "More visitors"}
    )
    WorkshopControl(store, workshop.workshop.id).start_vote(MAP, 3, only={"area": "pains"})
    vote = ballot(store, ann)
    assert {n.entry_id for n in notes} == {t.entry_id for t in vote.targets()}
    assert gain.entry_id not in {entry.entry_id for entry, _count in tally(store, workshop.workshop.id)}
    live = LiveWorkshop(store, workshop.workshop.id)
    with pytest.raises(NotOnBallotError):
        store.add_entry(
            workshop.workshop.id,
            ann.id,
            vote_exercise(live.vote()),
            {"target": gain.entry_id},
            max_per_participant=3,
        )


def test_a_vote_can_be_narrowed_only_to_an_area_part_or_topic(store, workshop):
    """Anything else in the narrowing is refused with a message, not stored."""
    control = WorkshopControl(store, workshop.workshop.id)
    with pytest.raises(StoreError, match="one area, part or topic"):
        control.start_vote(MAP, 3, only={"participant_id": "x"})
    assert control.vote() is None


def test_a_dot_redraws_the_dots_not_the_ballot(store, workshop, ann, notes):
    """Placing a dot updates the counts on the same rows: a long ballot is not rebuilt per click."""
    WorkshopControl(store, workshop.workshop.id).start_vote(MAP, 3)
    panel = VotePanel(ballot(store, ann), UI)
    rows = panel.rows.children
    panel.plus[notes[1].entry_id].click()
    assert rows == panel.rows.children
    assert "●" in panel.mine[notes[1].entry_id].value and "●" not in panel.mine[notes[0].entry_id].value
