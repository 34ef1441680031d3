"""The store itself refuses a dot that is not on the voter's ballot, whatever page sent it
(a stale button, a forged message): closed votes, hidden or merged notes, private notes."""

from __future__ import annotations

import pytest

from cocreate_kit.live.facilitation import WorkshopControl
from cocreate_kit.live.moderation import Moderation
from cocreate_kit.store import NotOnBallotError
from cocreate_kit.visibility import vote_exercise

SECTION = "ideation/empathy-map"


@pytest.fixture
def room(store):
    created = store.create_workshop("Ballots")
    wid = created.workshop.id
    ann, _ = store.join(wid, created.join_code, "Ann")
    bob, _ = store.join(wid, created.join_code, "Bob")
    notes = {
        name: store.add_entry(wid, ann.id, SECTION, {"group": "shop-owner", "area": "says", "text": name})
        for name in ("kept", "hidden", "duplicate")
    }
    return store, WorkshopControl(store, wid), wid, ann, bob, notes


def dot(store, wid, who, vote, target):
    return store.add_entry(wid, who.id, vote_exercise(vote), {"target": target.entry_id})


def test_no_dot_once_the_vote_is_closed_and_none_taken_back(room):
    """A stale ballot after "Close vote": placing or taking back a dot is refused; the tally stays."""
    store, control, wid, ann, bob, notes = room
    vote = control.start_vote(SECTION, 3)
    placed = dot(store, wid, bob, vote, notes["kept"])
    control.close_vote()
    with pytest.raises(NotOnBallotError, match="closed"):
        dot(store, wid, bob, vote, notes["kept"])
    with pytest.raises(NotOnBallotError, match="closed"):
        store.delete_entry(placed.entry_id, bob.id, placed.revision)
    assert [placed.entry_id] == [d.entry_id for d in store.entries(wid, exercise=vote_exercise(vote))]
    newer = control.start_vote(SECTION, 3)  # a later vote does not reopen the old one
    with pytest.raises(NotOnBallotError, match="closed"):
        dot(store, wid, bob, vote, notes["kept"])
    dot(store, wid, bob, newer, notes["kept"])


def test_hidden_and_merged_notes_take_no_dots(room):
    """What the facilitator hid or merged away is off every ballot, in the store too."""
    store, control, wid, ann, bob, notes = room
    moderation = Moderation(store, wid)
    moderation.hide(notes["hidden"])
    moderation.merge(notes["kept"], [notes["duplicate"]])
    vote = control.start_vote(SECTION, 3)
    for name in ("hidden", "duplicate"):
        with pytest.raises(NotOnBallotError, match="not on the ballot"):
            dot(store, wid, bob, vote, notes[name])
    dot(store, wid, bob, vote, notes["kept"])
    moderation.hide(notes["hidden"], hidden=False)
    dot(store, wid, bob, vote, notes["hidden"])


def test_in_a_private_round_only_your_own_notes_until_revealed(room):
    """Bob cannot vote on Ann's note while the round is private; Ann can; after the reveal, Bob can."""
    store, control, wid, ann, bob, notes = room
    control.set_private(SECTION, True)
    vote = control.start_vote(SECTION, 3)
    with pytest.raises(NotOnBallotError):
        dot(store, wid, bob, vote, notes["kept"])
    dot(store, wid, ann, vote, notes["kept"])
    control.reveal(SECTION)
    dot(store, wid, bob, vote, notes["kept"])


def test_only_entries_of_the_voted_section_and_no_more_dots_than_given(room):
    """A target from elsewhere (or made up) is refused; the vote's own dot budget holds even when a
    caller does not pass one."""
    store, control, wid, ann, bob, notes = room
    other = store.add_entry(wid, ann.id, "ideation/value-map", {"part": "pains", "text": "elsewhere"})
    vote = control.start_vote(SECTION, 2)
    with pytest.raises(NotOnBallotError):
        dot(store, wid, bob, vote, other)
    with pytest.raises(NotOnBallotError):
        store.add_entry(wid, bob.id, vote_exercise(vote), {"target": "made-up"})
    dot(store, wid, bob, vote, notes["kept"])
    dot(store, wid, bob, vote, notes["kept"])
    with pytest.raises(Exception, match="At most 2"):
        dot(store, wid, bob, vote, notes["kept"])
