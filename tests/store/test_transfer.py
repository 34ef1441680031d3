"""JSON export/import: lossless, deterministic, refuses what it cannot read."""

from __future__ import annotations

import pytest

from cocreate_kit.store import (
    ImportFormatError,
    Store,
    StoreError,
    dumps_export,
    export_workshop,
    import_workshop,
)

EXERCISE = "ideation/empathy-map"


def test_round_trip_is_byte_identical_and_keeps_history(store, workshop, ann, bob, tmp_path):
    """Export → import into another database → export gives the same bytes, tombstones included."""
    wid = workshop.workshop.id
    entry = store.add_entry(wid, ann.id, EXERCISE, {"group": "g", "area": "a", "text": "<script>x</script>"})
    store.revise_entry(entry.entry_id, ann.id, {"group": "g", "area": "a", "text": "edited ✓"}, 1)
    gone = store.add_entry(wid, bob.id, EXERCISE, {"group": "g", "area": "a", "text": "gone"})
    store.delete_entry(gone.entry_id, bob.id, 1)
    first = dumps_export(export_workshop(store, wid))

    other = Store(f"sqlite:///{tmp_path / 'other.db'}")
    other.create_workshop("Already here")  # the target database is not empty
    import_workshop(other, export_workshop(store, wid))
    assert first == dumps_export(export_workshop(other, wid))
    assert [False, False] == [e.deleted for e in other.history(entry.entry_id)]
    assert [False, True] == [e.deleted for e in other.history(gone.entry_id)]
    assert ["edited ✓"] == [e.payload["text"] for e in other.entries(wid)]


def test_imported_participants_keep_their_links(store, workshop, tmp_path):
    """A participant's personal token still works after the workshop moves to another database."""
    participant, token = store.join(workshop.workshop.id, workshop.join_code, "Ann")
    other = Store(f"sqlite:///{tmp_path / 'other.db'}")
    import_workshop(other, export_workshop(store, workshop.workshop.id))
    assert participant == other.participant_by_token(workshop.workshop.id, token)


def test_importing_twice_is_refused(store, workshop):
    """The same workshop cannot be imported into a store that has it already."""
    data = export_workshop(store, workshop.workshop.id)
    with pytest.raises(StoreError, match="already in this store"):
        import_workshop(store, data)


@pytest.mark.parametrize(
    "data",
    [[], {"format": "something-else"}, {"format": "cocreate-kit/workshop", "format_version": 99}],
)
def test_foreign_files_are_refused(store, data):
    """Anything that is not a cocreate-kit export gets ImportFormatError, and nothing is written."""
    with pytest.raises(ImportFormatError):
        import_workshop(store, data)
    assert [] == store.list_workshops()


def test_truncated_export_writes_nothing(store, workshop, tmp_path):
    """An export with a broken revision is refused whole: no half-imported workshop."""
    data = export_workshop(store, workshop.workshop.id)
    data["revisions"] = [{"entry_id": "x"}]
    other = Store(f"sqlite:///{tmp_path / 'other.db'}")
    with pytest.raises(ImportFormatError):
        import_workshop(other, data)
    assert [] == other.list_workshops()
