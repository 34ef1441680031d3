"""The live state every page reads: it follows the store incrementally, with one query per idle
tick, and applies moderation, private rounds and votes once for every view."""

from __future__ import annotations

import pytest
from sqlalchemy import event

from cocreate_kit.live.facilitation import WorkshopControl
from cocreate_kit.live.moderation import Moderation
from cocreate_kit.live.workshop import LiveWorkshop
from cocreate_kit.visibility import vote_exercise

MAP = "ideation/empathy-map"


@pytest.fixture
def db_url(any_db_url):
    return any_db_url  # the live state must behave the same on every backend


def note(store, who, text, area="pains"):
    return store.add_entry(who.workshop_id, who.id, MAP, {"group": "shop-owner", "area": area, "text": text})


def texts(entries):
    return [e.payload["text"] for e in entries]


class StatementCounter:
    """Counts the SQL queries an engine runs while active (transaction markers aside)."""

    def __init__(self, engine):
        self.engine, self.count = engine, 0

    def _count(self, _conn, _cursor, statement, *_args):
        if not statement.lstrip().upper().startswith("BEGIN"):
            self.count += 1

    def __enter__(self):
        event.listen(self.engine, "before_cursor_execute", self._count)
        return self

    def __exit__(self, *_exc):
        event.remove(self.engine, "before_cursor_execute", self._count)


def test_poll_follows_adds_edits_and_deletes_in_first_written_order(store, workshop, ann, bob):
    """New notes appear, an edit changes a note in place (no reshuffle) and a delete removes it."""
    live = LiveWorkshop(store, workshop.workshop.id)
    first, _second = note(store, ann, "No time"), note(store, bob, "Fees")
    changes = live.poll()
    assert {MAP} == set(changes.exercises) and ["No time", "Fees"] == texts(live.visible(MAP))
    store.revise_entry(first.entry_id, ann.id, {**first.payload, "text": "No time at all"}, 1)
    live.poll()
    assert ["No time at all", "Fees"] == texts(live.visible(MAP))
    store.delete_entry(first.entry_id, ann.id, 2)
    live.poll()
    assert ["Fees"] == texts(live.visible(MAP))


def test_a_new_view_starts_from_the_current_state(store, workshop, ann):
    """A page opened late sees the current entries at once, without replaying history."""
    entry = note(store, ann, "v1")
    store.revise_entry(entry.entry_id, ann.id, {**entry.payload, "text": "v2"}, 1)
    note(store, ann, "gone")
    gone = store.entries(workshop.workshop.id, exercise=MAP)[-1]
    store.delete_entry(gone.entry_id, ann.id, 1)
    live = LiveWorkshop(store, workshop.workshop.id)
    assert ["v2"] == texts(live.visible(MAP)) and not live.poll()


def test_replaying_a_revision_twice_changes_nothing(store, workshop, ann):
    """The first poll may bring revisions the snapshot already had: applying them again is harmless."""
    entry = note(store, ann, "v1")
    live = LiveWorkshop(store, workshop.workshop.id)
    live.cursor = 0  # as if the snapshot and the first poll overlapped completely
    assert not live.poll()
    assert [entry.entry_id] == [e.entry_id for e in live.visible(MAP)]


def test_an_idle_tick_is_one_statement_whatever_the_workshop_size(store, workshop, ann):
    """Polling with nothing new runs exactly one SQL query, with 5 or 300 revisions stored."""
    counts = []
    for batch in (5, 295):
        for i in range(batch):
            note(store, ann, f"note {i}")
        live = LiveWorkshop(store, workshop.workshop.id)
        with StatementCounter(store.engine) as counter:
            assert not live.poll()
        counts.append(counter.count)
    assert [1, 1] == counts


def test_a_hidden_note_leaves_every_view_at_once(store, workshop, ann, bob):
    """Hidden: gone from the shared list, the ballot and the tally; the moderation list still has it."""
    rude, kind = note(store, ann, "Something rude"), note(store, ann, "Kind words")
    control = WorkshopControl(store, workshop.workshop.id)
    vote = control.start_vote(MAP, 3)
    participant, board = (
        LiveWorkshop(store, workshop.workshop.id, viewer=bob.id),
        LiveWorkshop(store, workshop.workshop.id),
    )
    store.add_entry(bob.workshop_id, bob.id, vote_exercise(vote), {"target": rude.entry_id})
    Moderation(store, workshop.workshop.id).hide(rude)
    assert participant.poll().moderation and board.poll().moderation
    assert ["Kind words"] == texts(participant.visible(MAP)) == texts(participant.ballot(vote))
    assert [("Kind words", 0)] == [(e.payload["text"], n) for e, n in board.tally(vote)]
    assert {rude.entry_id, kind.entry_id} == {e.entry_id for e in board.all_entries(MAP)}


def test_merged_duplicates_count_once_on_the_kept_note(store, workshop, ann, bob):
    """After a merge the duplicate disappears and the kept note carries the group size."""
    keep, duplicate = note(store, ann, "Parking"), note(store, bob, "parking!")
    Moderation(store, workshop.workshop.id).merge(keep, [duplicate])
    live = LiveWorkshop(store, workshop.workshop.id)
    [notes] = live.placed(MAP).values()
    assert [("Parking", 2)] == [(n.text, n.group) for n in notes]


def test_private_round_shows_each_person_only_their_own_until_revealed(store, workshop, ann, bob):
    """In a private round Bob sees only his notes (and votes only on them); the facilitator sees all;
    after the reveal everyone sees everything."""
    control = WorkshopControl(store, workshop.workshop.id)
    control.set_private(MAP, True)
    note(store, ann, "Ann's secret"), note(store, bob, "Bob's own")
    bobs, board = LiveWorkshop(store, workshop.workshop.id, bob.id), LiveWorkshop(store, workshop.workshop.id)
    assert ["Bob's own"] == texts(bobs.visible(MAP))
    assert ["Ann's secret", "Bob's own"] == texts(board.visible(MAP))
    control.reveal(MAP)
    assert "visibility:" + MAP in bobs.poll().settings
    assert ["Ann's secret", "Bob's own"] == texts(bobs.visible(MAP))


def test_private_round_covers_sub_exercises(store, workshop, ann, bob):
    """A private evaluation grid also keeps its goals private."""
    WorkshopControl(store, workshop.workshop.id).set_private("evaluation/evaluation-grid", True)
    store.add_entry(ann.workshop_id, ann.id, "evaluation/evaluation-grid/goals", {"goal": "Ann's goal"})
    assert [] == LiveWorkshop(store, workshop.workshop.id, bob.id).visible("evaluation/evaluation-grid/goals")


def test_closed_vote_offers_no_ballot_but_keeps_its_tally(store, workshop, ann, bob):
    """Once closed, a ballot is empty; the ranking stays for the board and the report."""
    target = note(store, ann, "Fees")
    control = WorkshopControl(store, workshop.workshop.id)
    vote = control.start_vote(MAP, 2)
    store.add_entry(bob.workshop_id, bob.id, vote_exercise(vote), {"target": target.entry_id})
    control.close_vote()
    live = LiveWorkshop(store, workshop.workshop.id, bob.id)
    assert [] == live.ballot(live.vote())
    assert [("Fees", 1)] == [(e.payload["text"], n) for e, n in live.tally(live.vote())]


def test_people_who_join_later_are_named(store, workshop):
    """A note by someone who joined after the view opened comes with their name."""
    live = LiveWorkshop(store, workshop.workshop.id)
    cleo, _ = store.join(workshop.workshop.id, workshop.join_code, "Cleo")
    note(store, cleo, "Hello")
    assert live.poll().people and "Cleo" == live.name(live.visible(MAP)[0].participant_id)


def test_changes_of_a_click_reach_the_next_redraw(store, workshop, ann):
    """A poll made by a click on the way is not lost to the page's next redraw."""
    live = LiveWorkshop(store, workshop.workshop.id)
    note(store, ann, "x")
    live.poll()  # e.g. the ballot catching up before placing a dot
    assert {MAP} == set(live.take_changes().exercises) and not live.take_changes()


@pytest.mark.parametrize("viewer", ["ann", None])
def test_unknown_exercise_shows_nothing(store, workshop, ann, viewer):
    """Asking for an exercise the page never offered (None, a forged name) shows no entries."""
    note(store, ann, "x")
    live = LiveWorkshop(store, workshop.workshop.id, ann.id if viewer else None)
    assert [] == live.visible(None) == live.visible("nope/nope")
