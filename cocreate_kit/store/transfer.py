"""Lossless JSON export and import of one workshop (history included).

The file is deterministic (sorted keys, revisions in write order, no store-local sequence
numbers), so exporting an imported workshop gives back the very same bytes.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from ..models import Workshop
from . import current
from . import schema as t
from .errors import ImportFormatError, StoreError
from .store import Store, dump_payload
from .writers import take_turn, take_workshop_turn

__all__ = ["FORMAT", "FORMAT_VERSION", "dumps_export", "export_workshop", "import_workshop"]

FORMAT = "cocreate-kit/workshop"
# 1: a workshop on its own. 2: a session of a collaboration (its collaboration and programme,
# and the origins of entries carried from earlier sessions). A standalone workshop is still
# written as version 1, so its file stays what older kits read.
FORMAT_VERSION = 2

_WORKSHOP_FIELDS = ("id", "title", "plan", "lang", "join_code", "facilitator_key_hash", "created_at")
_PARTICIPANT_FIELDS = ("id", "display_name", "token_hash", "created_at")
_REVISION_FIELDS = ("entry_id", "revision", "participant_id", "exercise", "payload", "deleted", "created_at")


def export_workshop(store: Store, workshop_id: str) -> dict:
    """Everything about one workshop as plain data (secrets only as their hashes)."""
    store.get_workshop(workshop_id)  # clear error for an unknown id
    with store.engine.connect() as conn:
        workshop = conn.execute(select(t.workshops).where(t.workshops.c.id == workshop_id)).mappings().one()
        people = conn.execute(
            select(t.participants)
            .where(t.participants.c.workshop_id == workshop_id)
            .order_by(t.participants.c.created_at, t.participants.c.id)
        ).mappings()
        participants = [{k: row[k] for k in _PARTICIPANT_FIELDS} for row in people]
        revs = conn.execute(
            select(t.revisions).where(t.revisions.c.workshop_id == workshop_id).order_by(t.revisions.c.seq)
        ).mappings()
        revisions = [
            {
                **{k: row[k] for k in _REVISION_FIELDS},
                "payload": json.loads(row["payload"]),
                "deleted": bool(row["deleted"]),
            }
            for row in revs
        ]
    data = {
        "format": FORMAT,
        "format_version": 1,
        "workshop": {k: workshop[k] for k in _WORKSHOP_FIELDS},
        "participants": participants,
        "revisions": revisions,
    }
    if workshop["collaboration_id"] is not None:
        data.update(format_version=2, **_collaboration_part(store, workshop))
    return data


def _collaboration_part(store: Store, workshop) -> dict:
    """The collaboration, its programme, and the origins of carried entries (format version 2)."""
    with store.engine.connect() as conn:
        pair = (
            conn.execute(
                select(t.collaborations).where(t.collaborations.c.id == workshop["collaboration_id"])
            )
            .mappings()
            .one()
        )
        programme = (
            conn.execute(select(t.programmes).where(t.programmes.c.id == pair["programme_id"]))
            .mappings()
            .one()
        )
        o = t.entry_origins.c
        origins = conn.execute(
            select(o.entry_id, o.origin_entry_id, o.origin_workshop_id, o.carried_at)
            .where(o.workshop_id == workshop["id"])
            .order_by(o.entry_id)
        ).mappings()
        carried = [dict(row) for row in origins]
    return {
        "collaboration": {
            **{k: pair[k] for k in ("id", "shop", "digital_firm", "contact", "created_at")},
            "programme": {k: programme[k] for k in ("id", "title", "created_at")},
            "session": workshop["session"],
        },
        "origins": carried,
    }


def dumps_export(data: dict) -> str:
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def import_workshop(
    store: Store,
    data: dict,
    known_plans: set[tuple[str, str]] | None = None,
    notes: list[str] | None = None,
    entry_problem: Callable[[str, str, str, dict], str | None] | None = None,
) -> Workshop:
    """Load an export into this store in one transaction, after checking the whole file
    (``export_format``); refuses a workshop, participant or entry id the store already has, and,
    given ``known_plans``, a plan this kit does not ship.

    A session of a collaboration (format 2) joins its collaboration, made from the file if the
    store lacks it; a carried entry keeps its origin when the session it came from is in the
    store (import a collaboration's sessions oldest first). ``notes`` gets a line for whatever
    the store could not take. ``entry_problem(plan, lang, exercise, fields)`` says what the
    exercise's form would refuse in an entry (the kinds' rules, ``kinds.entry_problem``): one
    such entry and nothing of the file is stored."""
    from .export_format import validate_export  # pydantic: only where a file is imported

    _check_format(data)
    checked = validate_export(data)
    workshop = checked.workshop
    if known_plans is not None and (workshop.plan, workshop.lang) not in known_plans:
        raise ImportFormatError(
            f"The export uses plan {workshop.plan!r} in {workshop.lang!r}, which this kit lacks."
        )
    if entry_problem is not None:
        for rev in checked.revisions:
            problem = (
                None
                if rev.deleted
                else entry_problem(workshop.plan, workshop.lang, rev.exercise, rev.payload)
            )
            if problem:
                raise ImportFormatError(
                    f"The export does not check out, nothing was imported: entry {rev.entry_id!r} "
                    f"(revision {rev.revision}, {rev.exercise}): {problem}"
                )
    entry_ids = {rev.entry_id for rev in checked.revisions}
    try:
        with store.write() as conn:
            take_workshop_turn(conn, workshop.id)
            if checked.collaboration is not None:
                # Two sessions of one collaboration imported at once must not both find its
                # programme and collaboration missing and both add them; a session being
                # started there waits too (followup.start_workshop takes the same turn).
                take_turn(conn, "programme", checked.collaboration.programme.id)
                take_turn(conn, "collaboration", checked.collaboration.id)
            _refuse_taken_ids(conn, workshop.id, {p.id for p in checked.participants}, entry_ids)
            joined = {}
            if checked.collaboration is not None:
                joined = _join_collaboration(conn, checked.collaboration, notes)
            conn.execute(t.workshops.insert().values(**workshop.model_dump(), **joined))
            for person in checked.participants:
                conn.execute(t.participants.insert().values(workshop_id=workshop.id, **person.model_dump()))
            for rev in checked.revisions:
                values = rev.model_dump()
                values["payload"] = dump_payload(rev.payload)
                conn.execute(t.revisions.insert().values(workshop_id=workshop.id, **values))
            current.rebuild(conn, workshop.id)
            _restore_origins(conn, workshop.id, checked.origins, notes)
    except IntegrityError:
        raise StoreError(
            f"Workshop {workshop.id!r} (or its join code) is already in this store; "
            "import it into another database."
        ) from None
    return store.get_workshop(workshop.id)


def _join_collaboration(conn, pair, notes) -> dict:
    """The workshop's collaboration columns; its programme and collaboration rows are made from
    the file when the store lacks them (the programme then has a key nobody knows)."""
    import secrets

    from .store import hash_secret

    programme = pair.programme
    if conn.execute(select(t.programmes.c.id).where(t.programmes.c.id == programme.id)).first() is None:
        conn.execute(
            t.programmes.insert().values(
                **programme.model_dump(), facilitator_key_hash=hash_secret(secrets.token_urlsafe(24))
            )
        )
        if notes is not None:
            notes.append(
                f"Programme {programme.id} ({programme.title}) was added; give it a key with "
                f"`cocreate programme new-key {programme.id}`."
            )
    if conn.execute(select(t.collaborations.c.id).where(t.collaborations.c.id == pair.id)).first() is None:
        row = pair.model_dump(exclude={"programme", "session"})
        conn.execute(t.collaborations.insert().values(**row, programme_id=programme.id))
    return {"collaboration_id": pair.id, "session": pair.session}


def _restore_origins(conn, workshop_id: str, origins, notes) -> None:
    o = t.entry_origins.c
    kept = 0
    for origin in origins:
        present = conn.execute(
            select(t.workshops.c.id).where(t.workshops.c.id == origin.origin_workshop_id)
        ).first()
        taken = conn.execute(select(o.entry_id).where(o.origin_entry_id == origin.origin_entry_id)).first()
        if present is None or taken is not None:
            continue
        conn.execute(t.entry_origins.insert().values(workshop_id=workshop_id, **origin.model_dump()))
        kept += 1
    if notes is not None and kept < len(origins):
        notes.append(
            f"{len(origins) - kept} carried entr{'y' if len(origins) - kept == 1 else 'ies'} keep no link to "
            "where they came from: that session is not in this store (import a collaboration's sessions "
            "oldest first)."
        )


def _refuse_taken_ids(conn, workshop_id: str, participant_ids: set[str], entry_ids: set[str]) -> None:
    """An import never merges into what the store holds: another workshop's note must not be
    taken over by an entry of the same id."""
    if conn.execute(select(t.workshops.c.id).where(t.workshops.c.id == workshop_id)).first():
        raise StoreError(
            f"Workshop {workshop_id!r} is already in this store; import it into another database."
        )
    for column, ids, what in (
        (t.participants.c.id, participant_ids, "participant"),
        (t.revisions.c.entry_id, entry_ids, "entry"),
    ):
        for chunk in _chunks(sorted(ids), 500):
            taken = conn.execute(select(column).where(column.in_(chunk)).limit(1)).first()
            if taken:
                raise StoreError(
                    f"The export's {what} {taken[0]!r} is already in this store (another workshop); "
                    "nothing was imported. Import it into another database."
                )


def _chunks(items: list, size: int):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _check_format(data) -> None:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ImportFormatError("This is not a cocreate-kit workshop export (JSON from `cocreate export`).")
    version = data.get("format_version")
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise ImportFormatError(
            f"This export has format version {version!r}; this kit reads version {FORMAT_VERSION} at most."
        )
    for key in ("workshop", "participants", "revisions"):
        if key not in data:
            raise ImportFormatError(f"The export has no {key!r} section.")
