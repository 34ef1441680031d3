"""Taking a delete back on the participant page: "Undo" right after it, "Deleted notes" later."""

from __future__ import annotations

from cocreate_kit.apps.deleted import UNDO_SECONDS

from .test_live_controls import participant_page


def _notes(page) -> list[str]:
    return [row.note.text for row in page.form.panels["feels"].rows]


def _add(page, text: str) -> None:
    page.form.panels["feels"].draft.value = text
    page.form.panels["feels"].add_button.click()


def test_undo_right_after_a_delete_brings_the_note_back(store, workshop):
    """Deleting a note offers "Undo" (naming the note, as text) at the next poll; clicking it
    puts the note back on the form as it was, and the store's history holds the delete and the
    restore."""
    page = participant_page(store, workshop, "Ann")
    page.nav.value = "ideation/empathy-map"
    page.form.persona.value = "shop-owner"
    _add(page, "Worried about <script>x</script> fees")
    row = page.form.panels["feels"].rows[0]
    row.delete_button.click()
    assert [] == _notes(page)
    page.follower.tick()
    deleted = page.deleted
    assert "" == deleted.undo_bar.layout.display
    assert "&lt;script&gt;" in deleted.undo_text.value and "<script>" not in deleted.undo_text.value
    deleted.undo_button.click()
    assert ["Worried about <script>x</script> fees"] == _notes(page)
    assert "none" == deleted.undo_bar.layout.display
    history = store.history(row.note.entry_id)
    assert [False, True, False] == [e.deleted for e in history]


def test_undo_goes_after_a_while_and_the_deleted_list_restores_later(store, workshop):
    """ "Undo" goes once its seconds are up; "Deleted notes (N)" on the section lists each
    deleted note with "Restore", newest first, until it is restored."""
    page = participant_page(store, workshop, "Ann")
    page.nav.value = "ideation/empathy-map"
    page.form.persona.value = "shop-owner"
    for text in ("First thought", "Second thought"):
        _add(page, text)
    for row in list(page.form.panels["feels"].rows):
        row.delete_button.click()
    page.follower.tick()
    deleted = page.deleted
    deleted.after_poll(now=deleted._offered_at + UNDO_SECONDS + 1)
    assert "none" == deleted.undo_bar.layout.display
    assert "Deleted notes (2)" == deleted.toggle.description and "" == deleted.toggle.layout.display
    deleted.toggle.click()
    listed = [row.children[0].value for row in deleted.list_box.children]
    assert ["Second thought" in listed[0], "First thought" in listed[1]] == [True, True], listed
    deleted.list_box.children[-1].children[1].click()  # restore the older one
    assert ["First thought"] == _notes(page)
    assert "Deleted notes (1)" == deleted.toggle.description and 1 == len(deleted.list_box.children)
