"""Moderation: hide, merge and fix are recorded, nothing is destroyed, boards and exports follow."""

from __future__ import annotations

import json

from cocreate_kit.apps.facilitator import FacilitatorBoard
from cocreate_kit.live.moderation import MODERATION_EXERCISE, Moderation
from cocreate_kit.report.export import exercise_tables
from cocreate_kit.store import dumps_export, export_workshop

MAP = "ideation/empathy-map"


def note(store, who, text, area="pains"):
    return store.add_entry(who.workshop_id, who.id, MAP, {"group": "shop-owner", "area": area, "text": text})


def test_hidden_note_leaves_the_board_but_stays_in_the_export(store, workshop, ann):
    """Hiding removes a note from the board; the JSON export still has it and the log marks it."""
    rude = note(store, ann, "Something rude")
    note(store, ann, "Parking is hard")
    board = FacilitatorBoard(store, workshop.workshop.id)
    board.moderation_panel.note.value = rude.entry_id
    board.moderation_panel.hide.click()
    board.refresh()
    assert "Something rude" not in board.board.value and "Parking is hard" in board.board.value
    exported = json.loads(dumps_export(export_workshop(store, workshop.workshop.id)))
    texts = [r["payload"].get("text") for r in exported["revisions"]]
    assert "Something rude" in texts
    [log] = [r for r in exported["revisions"] if r["exercise"] == MODERATION_EXERCISE]
    assert {"action": "hide", "target": rude.entry_id} == {k: log["payload"][k] for k in ("action", "target")}
    assert log["participant_id"] is None and log["created_at"]
    columns, rows = exercise_tables(store, workshop.workshop.id)[MAP]
    marks = {row[columns.index("text")]: row[columns.index("moderation")] for row in rows}
    assert "hidden" == marks["Something rude"] and "" == marks["Parking is hard"]


def test_showing_again_undoes_a_hide(store, workshop, ann):
    """'Show again' brings a hidden note back; both actions stay in the log."""
    entry = note(store, ann, "Borderline")
    moderation = Moderation(store, workshop.workshop.id)
    moderation.hide(entry)
    moderation.hide(entry, hidden=False)
    assert moderation.state().visible(entry.entry_id)
    assert ["hide", "unhide"] == [a.payload["action"] for a in moderation.log()]


def test_merge_counts_duplicates_on_one_note(store, workshop, ann, bob):
    """Merging two duplicates into a note shows it once with ×3; the duplicates are kept, marked."""
    keep = note(store, ann, "No parking")
    dup1, dup2 = note(store, bob, "no parking!"), note(store, bob, "Parking impossible")
    board = FacilitatorBoard(store, workshop.workshop.id)
    panel = board.moderation_panel
    panel.note.value = keep.entry_id
    panel.duplicates.value = (dup1.entry_id, dup2.entry_id)
    panel.merge.click()
    board.refresh()
    assert "No parking <span class='cck-count'>×3</span>" in board.board.value
    assert "no parking!" not in board.board.value
    assert 3 == len(store.entries(workshop.workshop.id, exercise=MAP))


def test_typo_fix_is_a_revision_that_keeps_the_owner(store, workshop, ann):
    """Fixing a typo adds a revision still owned by the participant; the log holds before and after."""
    entry = note(store, ann, "Custmers want delivery")
    board = FacilitatorBoard(store, workshop.workshop.id)
    panel = board.moderation_panel
    panel.note.value = entry.entry_id
    assert "Custmers want delivery" == panel.text.value
    panel.text.value = "Customers want delivery"
    panel.fix.click()
    history = store.history(entry.entry_id)
    assert ["Custmers want delivery", "Customers want delivery"] == [h.payload["text"] for h in history]
    assert [ann.id, ann.id] == [h.participant_id for h in history]
    [log] = Moderation(store, workshop.workshop.id).log()
    assert ("Custmers want delivery", "Customers want delivery") == (
        log.payload["before"]["text"],
        log.payload["after"]["text"],
    )
    store.revise_entry(entry.entry_id, ann.id, {**history[-1].payload, "text": "Mine again"}, 2)


def test_participants_never_see_hidden_notes(store, workshop, ann, bob):
    """A hidden note disappears from other participants' shared list too."""
    from cocreate_kit.apps.participant import ParticipantApp

    hidden = note(store, bob, "Hide me")
    Moderation(store, workshop.workshop.id).hide(hidden)
    page = ParticipantApp(store, {"workshop": workshop.workshop.id, "code": workshop.join_code})
    page.name_input.value = "Cy"
    page.join_button.click()
    assert "Hide me" not in page.follower.shared.value


def test_look_alike_notes_show_their_author_and_place_and_merge_says_what_to_pick(store, workshop, ann, bob):
    """Two identical notes read apart in the pickers (author, persona, area); Merge with nothing
    picked, or with no duplicates, says what to pick instead of failing."""
    first, second = note(store, ann, "No parking"), note(store, bob, "No parking", area="says")
    board = FacilitatorBoard(store, workshop.workshop.id)
    panel = board.moderation_panel
    labels = dict((value, label) for label, value in panel.note.options)
    assert "No parking — Ann (Marta Lindqvist · Pains)" == labels[first.entry_id]
    assert (
        "No parking — anonymous (Marta Lindqvist · Says)" == labels[second.entry_id]
    )  # Bob joined anonymously
    panel.merge.click()
    assert "Pick the note to act on first" in panel.status.text
    panel.note.value = first.entry_id
    panel.merge.click()
    assert "Pick the duplicates to merge" in panel.status.text
    assert [] == store.entries(workshop.workshop.id, exercise=MODERATION_EXERCISE)


def test_un_merge_gives_each_duplicate_its_own_place_again(store, workshop, ann, bob):
    """'Un-merge' on a merged note puts its duplicates back on the board on their own; the merge
    and the un-merge are both in the log, and with nothing merged it says so."""
    keep = note(store, ann, "No parking")
    dup = note(store, bob, "no parking!")
    board = FacilitatorBoard(store, workshop.workshop.id)
    panel = board.moderation_panel
    panel.note.value = keep.entry_id
    panel.duplicates.value = (dup.entry_id,)
    panel.merge.click()
    board.refresh()
    assert "no parking!" not in board.board.value
    panel.note.value = keep.entry_id
    panel.unmerge.click()
    board.refresh()
    assert "no parking!" in board.board.value and "×2" not in board.board.value
    moderation = Moderation(store, workshop.workshop.id)
    assert ["merge", "unmerge"] == [a.payload["action"] for a in moderation.log()]
    panel.note.value = keep.entry_id
    panel.unmerge.click()
    assert "Nothing is merged" in panel.status.text


def test_the_facilitator_restores_a_note_its_author_deleted_for_that_author(store, workshop, ann):
    """A note its author deleted is offered under 'Deleted by their author'; 'Restore' brings it
    back on the board, still the author's (they can edit it again), and the log records it."""
    gone = note(store, ann, "Delivery is slow")
    store.delete_entry(gone.entry_id, ann.id, gone.revision)
    board = FacilitatorBoard(store, workshop.workshop.id)
    panel = board.moderation_panel
    panel.restore.click()
    assert "Pick a deleted note first" in panel.status.text
    assert [gone.entry_id] == [value for _label, value in panel.deleted.options]
    panel.deleted.value = gone.entry_id
    panel.restore.click()
    board.refresh()
    assert "Delivery is slow" in board.board.value and [] == list(panel.deleted.options)
    back = store.latest(gone.entry_id)
    assert (ann.id, False) == (back.participant_id, back.deleted)
    store.revise_entry(
        gone.entry_id, ann.id, {**back.payload, "text": "Delivery is slow in winter"}, back.revision
    )
    log = Moderation(store, workshop.workshop.id).log()
    assert [("restore", gone.entry_id)] == [(a.payload["action"], a.payload["target"]) for a in log]
