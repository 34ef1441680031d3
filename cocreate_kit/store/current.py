"""The ``current_entries`` table: each entry's latest revision, kept beside the append-only history.

Every revision insert updates it in the same transaction, so it can never disagree with the
history; ``rebuild`` derives it from the history (after an import, or when an older database is
upgraded). Reads of current state go here and cost what the answer costs, not what the whole
workshop's history costs.
"""

from __future__ import annotations

from sqlalchemy import and_, delete, func, insert, select

from . import schema as t

__all__ = ["count_current", "latest_row", "rebuild", "record", "select_current"]

_COPIED = ("workshop_id", "exercise", "participant_id", "revision", "seq", "payload", "deleted", "created_at")


def record(conn, row: dict) -> None:
    """Make ``row`` (a revision just inserted, with its ``seq``) the entry's current state."""
    values = {key: row[key] for key in _COPIED}
    updated = conn.execute(
        t.current_entries.update().where(t.current_entries.c.entry_id == row["entry_id"]).values(**values)
    ).rowcount
    if not updated:
        conn.execute(
            t.current_entries.insert().values(entry_id=row["entry_id"], first_seq=row["seq"], **values)
        )


def rebuild(conn, workshop_id: str | None = None) -> None:
    """Derive the current state from the revisions (of one workshop, or of every workshop)."""
    rev = t.revisions.c
    scope = [] if workshop_id is None else [rev.workshop_id == workshop_id]
    conn.execute(
        delete(t.current_entries).where(
            *([] if workshop_id is None else [t.current_entries.c.workshop_id == workshop_id])
        )
    )
    spans = (
        select(rev.entry_id, func.max(rev.seq).label("last"), func.min(rev.seq).label("first"))
        .where(*scope)
        .group_by(rev.entry_id)
        .subquery()
    )
    latest = select(
        rev.entry_id, *(getattr(rev, key) for key in _COPIED), spans.c.first.label("first_seq")
    ).join(spans, and_(rev.entry_id == spans.c.entry_id, rev.seq == spans.c.last))
    conn.execute(
        insert(t.current_entries).from_select(["entry_id", *_COPIED, "first_seq"], latest),
    )


def select_current(
    workshop_id: str,
    exercise: str | None = None,
    participant_id: str | None = None,
    include_deleted: bool = False,
):
    """Current entries of a workshop (optionally one exercise / one participant), oldest first."""
    cur = t.current_entries.c
    query = select(t.current_entries).where(cur.workshop_id == workshop_id)
    if exercise is not None:
        query = query.where(cur.exercise == exercise)
    if participant_id is not None:
        query = query.where(cur.participant_id == participant_id)
    if not include_deleted:
        query = query.where(cur.deleted.is_(False))
    return query.order_by(cur.first_seq)


def count_current(workshop_id: str, exercise: str, participant_id: str | None):
    # None counts the facilitator's own entries (SQLAlchemy compares ``== None`` as IS NULL).
    cur = t.current_entries.c
    return select(func.count()).where(
        cur.workshop_id == workshop_id,
        cur.exercise == exercise,
        cur.participant_id == participant_id,
        cur.deleted.is_(False),
    )


def latest_row(conn, entry_id: str):
    """The newest revision of one entry (tombstone included), or None; one primary-key read."""
    return (
        conn.execute(select(t.current_entries).where(t.current_entries.c.entry_id == entry_id))
        .mappings()
        .first()
    )
