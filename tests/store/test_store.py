"""The workshop store: secrets hashed, entries append-only, live cursor, two writers at once."""

from __future__ import annotations

import multiprocessing
import sqlite3

import pytest
from sqlalchemy import select

from cocreate_kit.store import (
    AccessDeniedError,
    ConflictError,
    SchemaTooNewError,
    Store,
    StoreError,
    UnknownEntryError,
    UnknownWorkshopError,
)
from cocreate_kit.store import schema as t

from ..backends import only_sqlite

EXERCISE = "ideation/empathy-map"


def note(text, area="thinks"):
    return {"group": "shop-owner", "area": area, "text": text}


def test_secrets_are_stored_only_as_hashes(store, workshop, db_url):
    """Neither the facilitator key nor a participant token appears in the database file."""
    only_sqlite(db_url, "reads the database file")
    _participant, token = store.join(workshop.workshop.id, workshop.join_code, "Ann")
    raw = open(db_url.removeprefix("sqlite:///"), "rb").read()
    wal = db_url.removeprefix("sqlite:///") + "-wal"
    raw += open(wal, "rb").read() if __import__("os").path.exists(wal) else b""
    assert workshop.facilitator_key.encode() not in raw
    assert token.encode() not in raw


def test_facilitator_key_checks(store, workshop):
    """Only the exact key opens the board; wrong, empty and other workshops' keys do not."""
    other = store.create_workshop("Other")
    wid = workshop.workshop.id
    assert store.check_facilitator_key(wid, workshop.facilitator_key)
    assert not store.check_facilitator_key(wid, workshop.facilitator_key + "x")
    assert not store.check_facilitator_key(wid, "")
    assert not store.check_facilitator_key(wid, None)
    assert not store.check_facilitator_key(wid, other.facilitator_key)
    assert not store.check_facilitator_key("nope", workshop.facilitator_key)


def test_join_needs_the_right_code_and_token_finds_participant(store, workshop):
    """A wrong join code is refused; the personal token brings back the same participant."""
    wid = workshop.workshop.id
    with pytest.raises(AccessDeniedError):
        store.join(wid, "WRONG1", "Eve")
    participant, token = store.join(wid, workshop.join_code.lower(), "  Ann  ")
    assert "Ann" == participant.display_name
    assert participant == store.participant_by_token(wid, token)
    with pytest.raises(AccessDeniedError):
        store.participant_by_token(wid, token[:-1])
    with pytest.raises(AccessDeniedError):
        store.participant_by_token(store.create_workshop("Other").workshop.id, token)


def test_anonymous_participant_has_no_name(store, workshop):
    """Joining with no name (or only spaces) makes an anonymous participant."""
    participant, _ = store.join(workshop.workshop.id, workshop.join_code, "   ")
    assert participant.anonymous


def test_unknown_workshop_is_a_clear_error(store):
    """Asking for a workshop that does not exist names the problem."""
    with pytest.raises(UnknownWorkshopError, match="no workshop"):
        store.get_workshop("does-not-exist")
    with pytest.raises(UnknownWorkshopError):
        store.workshop_by_join_code("ZZZZZZ")


def test_edit_adds_a_revision_and_delete_a_tombstone(store, workshop, ann):
    """History keeps every version: edit → revision 2, delete → revision 3 marked deleted."""
    wid = workshop.workshop.id
    first = store.add_entry(wid, ann.id, EXERCISE, note("first"))
    second = store.revise_entry(first.entry_id, ann.id, note("second"), base_revision=1)
    store.delete_entry(first.entry_id, ann.id, base_revision=second.revision)
    history = store.history(first.entry_id)
    assert [(1, "first", False), (2, "second", False), (3, "second", True)] == [
        (e.revision, e.payload["text"], e.deleted) for e in history
    ]
    assert [] == store.entries(wid)


def test_stale_edit_is_refused_not_overwritten(store, workshop, ann):
    """Editing from an old revision raises ConflictError and keeps the newer text."""
    wid = workshop.workshop.id
    entry = store.add_entry(wid, ann.id, EXERCISE, note("v1"))
    store.revise_entry(entry.entry_id, ann.id, note("v2 from phone"), base_revision=1)
    with pytest.raises(ConflictError):
        store.revise_entry(entry.entry_id, ann.id, note("v2 from laptop"), base_revision=1)
    assert ["v2 from phone"] == [e.payload["text"] for e in store.entries(wid)]


def test_participants_cannot_touch_each_others_entries(store, workshop, ann, bob):
    """Bob can neither edit nor delete Ann's note."""
    entry = store.add_entry(workshop.workshop.id, ann.id, EXERCISE, note("Ann's idea"))
    with pytest.raises(AccessDeniedError):
        store.revise_entry(entry.entry_id, bob.id, note("hijack"), base_revision=1)
    with pytest.raises(AccessDeniedError):
        store.delete_entry(entry.entry_id, bob.id, base_revision=1)
    assert ["Ann's idea"] == [e.payload["text"] for e in store.entries(workshop.workshop.id)]


def test_deleted_entry_cannot_be_edited(store, workshop, ann):
    """After a delete, an edit of the old revision says the entry is gone."""
    entry = store.add_entry(workshop.workshop.id, ann.id, EXERCISE, note("x"))
    store.delete_entry(entry.entry_id, ann.id, 1)
    with pytest.raises(UnknownEntryError):
        store.revise_entry(entry.entry_id, ann.id, note("y"), 2)


def test_changes_since_returns_only_newer_writes_in_order(store, workshop, ann, bob):
    """A live view that remembers the last seq gets exactly the later writes, oldest first."""
    wid = workshop.workshop.id
    a = store.add_entry(wid, ann.id, EXERCISE, note("a"))
    cursor = store.latest_seq(wid)
    b = store.add_entry(wid, bob.id, EXERCISE, note("b"))
    store.delete_entry(a.entry_id, ann.id, 1)
    changes = store.changes_since(wid, cursor)
    assert [(b.entry_id, False), (a.entry_id, True)] == [(c.entry_id, c.deleted) for c in changes]
    assert changes[0].seq < changes[1].seq
    assert [] == store.changes_since(wid, store.latest_seq(wid))


def test_changes_are_scoped_to_one_workshop(store, workshop, ann):
    """Writes in another workshop never show up in this workshop's changes."""
    other = store.create_workshop("Other")
    someone, _ = store.join(other.workshop.id, other.join_code, "Zed")
    store.add_entry(other.workshop.id, someone.id, EXERCISE, note("elsewhere"))
    assert [] == store.changes_since(workshop.workshop.id, 0)


def test_entry_for_a_foreign_participant_is_refused(store, workshop):
    """A participant of another workshop cannot write into this one."""
    other = store.create_workshop("Other")
    stranger, _ = store.join(other.workshop.id, other.join_code, "Zed")
    with pytest.raises(AccessDeniedError):
        store.add_entry(workshop.workshop.id, stranger.id, EXERCISE, note("x"))


def test_payload_must_be_plain_data(store, workshop, ann):
    """Content that is not JSON-able is refused before anything is written."""
    with pytest.raises(StoreError):
        store.add_entry(workshop.workshop.id, ann.id, EXERCISE, {"text": object()})
    with pytest.raises(StoreError):
        store.add_entry(workshop.workshop.id, ann.id, EXERCISE, ["not", "a", "mapping"])
    assert 0 == store.latest_seq(workshop.workshop.id)


def test_sqlite_runs_in_wal_mode_with_busy_timeout(store, db_url):
    """The SQLite file is in WAL mode and connections wait instead of failing when busy."""
    only_sqlite(db_url, "SQLite settings")
    with store.engine.connect() as conn:
        assert "wal" == conn.exec_driver_sql("PRAGMA journal_mode").scalar()
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000


def test_schema_version_is_recorded(store):
    """A new database records the schema version of this kit."""
    assert t.SCHEMA_VERSION == store.schema_version()


def test_newer_database_is_refused_with_a_clear_message(db_url):
    """A database from a newer kit raises SchemaTooNewError saying to upgrade."""
    store = Store(db_url)
    with store.engine.begin() as conn:
        conn.execute(t.meta.update().where(t.meta.c.key == "schema_version").values(value="99"))
    store.engine.dispose()
    with pytest.raises(SchemaTooNewError, match="newer cocreate-kit.*Upgrade"):
        Store(db_url)


def _write_many(url, workshop_id, participant_id, label, count):
    store = Store(url)
    for i in range(count):
        store.add_entry(workshop_id, participant_id, EXERCISE, note(f"{label}-{i}"))


def test_two_processes_writing_at_once_lose_nothing(store, db_url, workshop, ann, bob):
    """Two participants' kernels adding 60 notes each at the same time: all 120 are stored."""
    wid = workshop.workshop.id
    ctx = multiprocessing.get_context("spawn")
    procs = [
        ctx.Process(target=_write_many, args=(db_url, wid, ann.id, "ann", 60)),
        ctx.Process(target=_write_many, args=(db_url, wid, bob.id, "bob", 60)),
    ]
    for proc in procs:
        proc.start()
    for proc in procs:
        proc.join(120)
        assert 0 == proc.exitcode
    texts = sorted(e.payload["text"] for e in store.entries(wid))
    assert sorted([f"ann-{i}" for i in range(60)] + [f"bob-{i}" for i in range(60)]) == texts
    seqs = [c.seq for c in store.changes_since(wid, 0)]
    assert sorted(set(seqs)) == seqs


def test_a_reader_following_changes_misses_none_while_many_write(store, db_url, workshop, ann, bob):
    """Four processes write at once while a board follows ``changes_since(last seen)``: it sees
    every revision exactly once (a revision never becomes visible after a higher one)."""
    wid = workshop.workshop.id
    ctx = multiprocessing.get_context("spawn")
    procs = [
        ctx.Process(target=_write_many, args=(db_url, wid, person.id, f"{person.id}-{n}", 40))
        for n in range(2)
        for person in (ann, bob)
    ]
    for proc in procs:
        proc.start()
    seen, last = [], 0
    while any(proc.is_alive() for proc in procs) or len(seen) < 160:
        for change in store.changes_since(wid, last):
            seen.append(change.seq)
            last = max(last, change.seq)
        if not any(proc.is_alive() for proc in procs) and len(store.changes_since(wid, last)) == 0:
            break
    for proc in procs:
        proc.join(120)
        assert 0 == proc.exitcode
    assert sorted(seen) == [c.seq for c in store.changes_since(wid, 0)] and len(seen) == 160


def test_acknowledged_entry_survives_a_new_connection(db_url, workshop, ann):
    """Once add_entry returns, the note is on disk: a fresh sqlite3 connection sees it."""
    only_sqlite(db_url, "opens the file with sqlite3")
    Store(db_url).add_entry(workshop.workshop.id, ann.id, EXERCISE, note("durable"))
    conn = sqlite3.connect(db_url.removeprefix("sqlite:///"))
    rows = conn.execute("select payload from revisions").fetchall()
    assert any("durable" in row[0] for row in rows)


def test_entries_keep_first_written_order_after_edits(store, workshop, ann):
    """Editing an old note does not move it to the end of the list."""
    wid = workshop.workshop.id
    a = store.add_entry(wid, ann.id, EXERCISE, note("a"))
    store.add_entry(wid, ann.id, EXERCISE, note("b"))
    store.revise_entry(a.entry_id, ann.id, note("a2"), 1)
    assert ["a2", "b"] == [e.payload["text"] for e in store.entries(wid)]


def test_workshop_title_is_required(store):
    """An empty title is refused with a message."""
    with pytest.raises(StoreError, match="title"):
        store.create_workshop("  ")


def test_reset_key_replaces_the_old_one(store, workshop):
    """After a reset only the new key opens the board."""
    new_key = store.reset_facilitator_key(workshop.workshop.id)
    assert store.check_facilitator_key(workshop.workshop.id, new_key)
    assert not store.check_facilitator_key(workshop.workshop.id, workshop.facilitator_key)


def test_revisions_table_has_one_row_per_write(store, workshop, ann):
    """Nothing is updated in place: three writes are three rows."""
    entry = store.add_entry(workshop.workshop.id, ann.id, EXERCISE, note("a"))
    store.revise_entry(entry.entry_id, ann.id, note("b"), 1)
    store.delete_entry(entry.entry_id, ann.id, 2)
    with store.engine.connect() as conn:
        assert 3 == len(conn.execute(select(t.revisions)).all())


def test_a_database_of_another_program_is_refused_and_left_unchanged(tmp_path, db_url):
    """Opening someone else's SQLite file says so and adds no table to it."""
    only_sqlite(db_url, "a foreign SQLite file")
    path = tmp_path / "accounts.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, amount REAL)")
        conn.execute("INSERT INTO invoices (amount) VALUES (12.5)")
    before = path.read_bytes()
    with pytest.raises(StoreError, match="not a cocreate-kit store"):
        Store(f"sqlite:///{path}")
    assert before == path.read_bytes()
    with sqlite3.connect(path) as conn:
        assert [("invoices",)] == conn.execute("SELECT name FROM sqlite_master WHERE type='table'").fetchall()


def test_an_ended_session_refuses_every_write_but_the_facilitators_controls(store, workshop, ann):
    """Once the facilitator ends the session the store refuses new entries, edits, deletes,
    moderation and joins with one clear message, and nothing is stored; the controls still work,
    so reopening it lets everyone write again, and both acts stay in the history."""
    from cocreate_kit.live.facilitation import WorkshopControl
    from cocreate_kit.store import EndedError
    from cocreate_kit.store.control import SESSION_KEY, control_entry_id

    wid = workshop.workshop.id
    note = store.add_entry(wid, ann.id, "ideation/questions", {"key": "q1", "answer": "Jam"})
    control = WorkshopControl(store, wid)
    control.end_session()
    before = store.latest_seq(wid)
    refused = [
        lambda: store.add_entry(wid, ann.id, "ideation/questions", {"key": "q2", "answer": "More"}),
        lambda: store.revise_entry(note.entry_id, ann.id, {"key": "q1", "answer": "x"}, note.revision),
        lambda: store.delete_entry(note.entry_id, ann.id, note.revision),
        lambda: store.moderate(
            note.entry_id, {"key": "q1", "answer": "y"}, note.revision, {"action": "edit"}
        ),
        lambda: store.join(wid, workshop.join_code, "Late Larry"),
    ]
    for write in refused:
        with pytest.raises(EndedError, match="session has ended"):
            write()
    assert before == store.latest_seq(wid) and ["Ann"] == [p.display_name for p in store.participants(wid)]
    control.bring_everyone("ideation/questions")  # the controls still steer the (ended) room
    control.reopen_session()
    assert not store.ended(wid)
    store.revise_entry(note.entry_id, ann.id, {"key": "q1", "answer": "Jam and honey"}, note.revision)
    states = [e.payload.get("ended") for e in store.history(control_entry_id(wid, SESSION_KEY))]
    assert [True, False] == states


def test_a_deleted_entry_is_restored_by_its_owner_only_under_an_edits_rules(store, workshop, ann, bob):
    """``restore_entry`` brings back what a tombstone keeps, as a new revision, for its owner only;
    a live entry, a stale revision, someone else, a locked exercise or a dot are refused, and
    ``deleted_entries`` lists exactly what can be restored."""
    from cocreate_kit.live.facilitation import WorkshopControl
    from cocreate_kit.store import (
        AccessDeniedError,
        ConflictError,
        LockedError,
        StoreError,
        UnknownEntryError,
    )

    wid = workshop.workshop.id
    note = store.add_entry(wid, ann.id, "ideation/questions", {"key": "q1", "answer": "Jam"})
    with pytest.raises(UnknownEntryError):
        store.restore_entry(note.entry_id, ann.id, note.revision)
    tomb = store.delete_entry(note.entry_id, ann.id, note.revision)
    assert [note.entry_id] == [e.entry_id for e in store.deleted_entries(wid, ann.id)]
    assert [] == store.deleted_entries(wid, bob.id)
    with pytest.raises(AccessDeniedError):
        store.restore_entry(note.entry_id, bob.id, tomb.revision)
    with pytest.raises(ConflictError):
        store.restore_entry(note.entry_id, ann.id, note.revision)
    WorkshopControl(store, wid).set_locked("ideation/questions", True)
    with pytest.raises(LockedError):
        store.restore_entry(note.entry_id, ann.id, tomb.revision)
    WorkshopControl(store, wid).set_locked("ideation/questions", False)
    back = store.restore_entry(note.entry_id, ann.id, tomb.revision)
    assert ({"key": "q1", "answer": "Jam"}, 3, False) == (back.payload, back.revision, back.deleted)
    assert [note.entry_id] == [e.entry_id for e in store.entries(wid, participant_id=ann.id)]
    assert [] == store.deleted_entries(wid, ann.id)
    dot_exercise = "_vote/abc"
    dot = store.add_entry(wid, None, dot_exercise, {"target": note.entry_id})
    gone = store.delete_entry(dot.entry_id, None, dot.revision)
    with pytest.raises(StoreError, match="place a dot again"):
        store.restore_entry(dot.entry_id, None, gone.revision)
