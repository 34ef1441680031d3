"""JSON export/import: lossless, deterministic, refuses what it cannot read."""

from __future__ import annotations

import json

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


def _changed(data, path, value):
    """A deep copy of an export with one field replaced (``path`` like ``workshop.title``)."""
    import copy

    changed = copy.deepcopy(data)
    *parents, last = path.split(".")
    target = changed
    for part in parents:
        target = target[int(part)] if part.isdigit() else target[part]
    target[int(last) if last.isdigit() else last] = value
    return changed


@pytest.mark.parametrize(
    "path, value, where",
    [
        ("revisions.0.deleted", "false", "revisions.0.deleted"),
        ("workshop.created_at", "yesterday", "workshop.created_at"),
        ("workshop.join_code", "abc123", "workshop.join_code"),
        ("workshop.title", 12345, "workshop.title"),
        ("workshop.title", "x" * 1_000_000, "workshop.title"),
        ("workshop.title", "bell\u0007", "workshop.title"),
        ("participants.0.display_name", "NUL\u0000", "participants.0.display_name"),
        ("revisions.0.revision", 2, "not numbered"),
        ("revisions.0.participant_id", "nobody", "unknown participant"),
        ("revisions.0.payload", "not an object", "revisions.0.payload"),
        ("revisions.0.payload.text", "a NUL\u0000 in a note", "in text: holds control characters"),
        ("revisions.0.payload.text", "x" * 1_000_000, "1,000,000 characters long (at most 2,000)"),
        ("revisions.0.payload.tags", ["ok", "bell\u0007"], "in tags.1: holds control characters"),
    ],
)
def test_an_import_is_checked_whole_before_anything_is_written(
    store, workshop, ann, tmp_path, path, value, where
):
    """A wrong type, a non-date, a lower-case code, a huge or numeric title, control characters
    (in a note too, at any depth), a note longer than any form takes, or broken revision
    numbering: refused with the field named, and the target store is unchanged."""
    store.add_entry(workshop.workshop.id, ann.id, EXERCISE, {"group": "g", "area": "a", "text": "hello"})
    data = _changed(export_workshop(store, workshop.workshop.id), path, value)
    other = Store(f"sqlite:///{tmp_path / 'other.db'}")
    with pytest.raises(ImportFormatError, match="nothing was imported") as caught:
        import_workshop(other, data)
    assert where in str(caught.value)
    assert [] == other.list_workshops()


def test_an_import_never_takes_over_another_workshops_entries(store, workshop, ann, tmp_path):
    """A forged export reusing the id of someone's note in another workshop is refused; her note
    stays hers and she can still edit it."""
    victim = store.add_entry(
        workshop.workshop.id, ann.id, EXERCISE, {"group": "g", "area": "a", "text": "mine"}
    )
    attacker = Store(f"sqlite:///{tmp_path / 'attacker.db'}")
    made = attacker.create_workshop("Forged")
    mallory, _ = attacker.join(made.workshop.id, made.join_code, "Mallory")
    forged = attacker.add_entry(
        made.workshop.id, mallory.id, EXERCISE, {"group": "g", "area": "a", "text": "x"}
    )
    data = export_workshop(attacker, made.workshop.id)
    for rev in data["revisions"]:
        if rev["entry_id"] == forged.entry_id:
            rev["entry_id"] = victim.entry_id
    with pytest.raises(StoreError, match="already in this store"):
        import_workshop(store, data)
    assert ["mine"] == [e.payload["text"] for e in store.entries(workshop.workshop.id)]
    store.revise_entry(victim.entry_id, ann.id, {"group": "g", "area": "a", "text": "still mine"}, 1)
    assert made.workshop.id not in {w.id for w in store.list_workshops()}


def test_an_import_with_a_plan_this_kit_lacks_is_refused(store, workshop, tmp_path):
    """Given the kit's plans, an export naming an unknown plan is refused before writing."""
    data = _changed(export_workshop(store, workshop.workshop.id), "workshop.plan", "no-such-plan")
    other = Store(f"sqlite:///{tmp_path / 'other.db'}")
    with pytest.raises(ImportFormatError, match="no-such-plan"):
        import_workshop(other, data, known_plans={("business-hubs", "en")})
    assert [] == other.list_workshops()


def test_a_collaborations_sessions_travel_with_their_collaboration_and_origins(store, db_url, tmp_path):
    """Sessions of a collaboration export as format 2 (collaboration, programme, origins);
    imported oldest first into an empty store they export byte-identically, the carried task's
    lineage still leads back, and the programme asks for a new key. A check-in imported alone
    says which carried entries lost their link."""
    from cocreate_kit.live.followup import CollaborationThread, start_workshop
    from cocreate_kit.store.programmes import add_collaboration, check_programme_key, create_programme

    made = create_programme(store, "Cohort")
    pair = add_collaboration(store, made.programme.id, "Bakery $5", "Pixel & Co", "ann@hub.example")
    prep, _ = start_workshop(store, pair.id, "Plan", "preparation")
    store.add_entry(prep.workshop.id, None, "preparation/task-plan", {"task": "Photos", "status": "doing"})
    check_in, _ = start_workshop(store, pair.id, "March", "check-in")
    files = [dumps_export(export_workshop(store, w.workshop.id)) for w in (prep, check_in)]
    assert 2 == json.loads(files[1])["format_version"] and 1 == len(json.loads(files[1])["origins"])

    elsewhere = Store(f"sqlite:///{tmp_path / 'elsewhere.db'}")
    notes: list[str] = []
    for text in files:
        import_workshop(elsewhere, json.loads(text), notes=notes)
    assert files == [dumps_export(export_workshop(elsewhere, w.workshop.id)) for w in (prep, check_in)]
    carried = elsewhere.entries(check_in.workshop.id)[0]
    thread = CollaborationThread(elsewhere, pair.id)
    assert "Plan" == thread.created_in(carried.entry_id).title
    assert ["new-key"] == [n.split("`cocreate programme ")[1].split()[0] for n in notes]
    assert not check_programme_key(elsewhere, made.programme.id, made.facilitator_key)

    alone = Store(f"sqlite:///{tmp_path / 'alone.db'}")
    notes = []
    import_workshop(alone, json.loads(files[1]), notes=notes)
    assert any("1 carried entry keep no link" in n for n in notes)
    assert "check-in" == alone.get_workshop(check_in.workshop.id).session


def _import(url, text, ready, out):
    store = Store(url)
    ready.wait(60)  # every process has its store open: the imports start at once
    try:
        import_workshop(store, json.loads(text))
        out.put("imported")
    except StoreError as error:
        out.put(str(error))


def test_sessions_of_one_programme_imported_at_once_all_land(db_url, tmp_path):
    """Four exports of one programme (two sessions of one collaboration, two other
    collaborations) imported into an empty store at the same moment, one process each: every
    import lands, and the programme and each collaboration are added once."""
    import multiprocessing

    from cocreate_kit.live.followup import start_workshop
    from cocreate_kit.store.programmes import (
        add_collaboration,
        collaborations,
        create_programme,
        list_programmes,
    )

    source = Store(f"sqlite:///{tmp_path / 'source.db'}")
    cohort = create_programme(source, "Cohort $5").programme
    pairs = [add_collaboration(source, cohort.id, f"Shop {n}", "Pixel & Co", "ann") for n in range(3)]
    sessions = [start_workshop(source, pair.id, "Plan", "preparation")[0] for pair in pairs]
    sessions.append(start_workshop(source, pairs[0].id, "March", "check-in")[0])
    files = [dumps_export(export_workshop(source, s.workshop.id)) for s in sessions]

    ctx = multiprocessing.get_context("spawn")
    out, ready = ctx.Queue(), ctx.Barrier(len(files))
    procs = [ctx.Process(target=_import, args=(db_url, text, ready, out)) for text in files]
    for proc in procs:
        proc.start()
    for proc in procs:
        proc.join(180)
        assert 0 == proc.exitcode
    assert ["imported"] * len(files) == [out.get(timeout=5) for _ in files]
    target = Store(db_url)
    assert [cohort.id] == [p.id for p in list_programmes(target)]
    assert sorted(p.id for p in pairs) == sorted(c.id for c in collaborations(target))
    assert sorted(s.workshop.id for s in sessions) == sorted(w.id for w in target.list_workshops())
