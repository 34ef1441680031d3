"""Programmes and collaborations: the hub's cohort, each shop–digital pair, and their workshops.

A programme holds collaborations; a collaboration holds workshops over time (each still joinable
by its own code). Entries carried from one workshop into the next are recorded in
``entry_origins``, written in the same transaction as the carried entry.
"""

from __future__ import annotations

import hmac
import secrets

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from ..models import Collaboration, Entry, NewProgramme, Programme, Workshop
from . import schema as t
from .errors import StoreError, UnknownProgrammeError
from .names import clean_name
from .store import Store, dump_payload, hash_secret, new_id, record_of, utc_now, workshop_of
from .writers import take_workshop_turn

__all__ = [
    "UnknownProgrammeError",
    "Carry",
    "add_collaboration",
    "carry_entries",
    "check_programme_key",
    "collaboration_workshops",
    "collaborations",
    "create_programme",
    "discard_empty_workshop",
    "get_collaboration",
    "get_programme",
    "list_programmes",
    "origins",
    "reset_programme_key",
]


def create_programme(store: Store, title: str) -> NewProgramme:
    title = clean_name(title, "A programme title", 200)
    key = secrets.token_urlsafe(24)
    row = dict(id=new_id(), title=title, facilitator_key_hash=hash_secret(key), created_at=utc_now())
    with store.write() as conn:
        conn.execute(t.programmes.insert().values(**row))
    return NewProgramme(programme=record_of(Programme, row), facilitator_key=key)


def list_programmes(store: Store) -> list[Programme]:
    with store.engine.connect() as conn:
        rows = conn.execute(select(t.programmes).order_by(t.programmes.c.created_at, t.programmes.c.id))
        return [record_of(Programme, row) for row in rows.mappings()]


def get_programme(store: Store, programme_id: str) -> Programme:
    with store.engine.connect() as conn:
        row = conn.execute(select(t.programmes).where(t.programmes.c.id == programme_id)).mappings().first()
    if row is None:
        raise UnknownProgrammeError(f"There is no programme {programme_id!r} in this store.")
    return record_of(Programme, row)


def check_programme_key(store: Store, programme_id: str, key: str | None) -> bool:
    with store.engine.connect() as conn:
        stored = conn.execute(
            select(t.programmes.c.facilitator_key_hash).where(t.programmes.c.id == programme_id)
        ).scalar_one_or_none()
    given = hash_secret(key or "")  # hashed even for an unknown programme: same time either way
    return stored is not None and bool(key) and hmac.compare_digest(stored, given)


def reset_programme_key(store: Store, programme_id: str) -> str:
    """A new programme key (the old one stops working), for a key that was lost or shared."""
    get_programme(store, programme_id)
    key = secrets.token_urlsafe(24)
    with store.write() as conn:
        conn.execute(
            t.programmes.update()
            .where(t.programmes.c.id == programme_id)
            .values(facilitator_key_hash=hash_secret(key))
        )
    return key


def add_collaboration(
    store: Store, programme_id: str, shop: str, digital_firm: str, contact: str
) -> Collaboration:
    """A new collaboration of ``shop`` with ``digital_firm``; ``contact`` is its point of contact."""
    get_programme(store, programme_id)
    row = dict(
        id=new_id(),
        programme_id=programme_id,
        shop=clean_name(shop, "The shop's name", 120),
        digital_firm=clean_name(digital_firm, "The digital firm's name", 120),
        contact=clean_name(contact, "The point of contact", 120),
        created_at=utc_now(),
    )
    with store.write() as conn:
        conn.execute(t.collaborations.insert().values(**row))
    return record_of(Collaboration, row)


def collaborations(store: Store, programme_id: str | None = None) -> list[Collaboration]:
    query = select(t.collaborations).order_by(t.collaborations.c.created_at, t.collaborations.c.id)
    if programme_id is not None:
        get_programme(store, programme_id)
        query = query.where(t.collaborations.c.programme_id == programme_id)
    with store.engine.connect() as conn:
        return [record_of(Collaboration, row) for row in conn.execute(query).mappings()]


def get_collaboration(store: Store, collaboration_id: str) -> Collaboration:
    with store.engine.connect() as conn:
        row = (
            conn.execute(select(t.collaborations).where(t.collaborations.c.id == collaboration_id))
            .mappings()
            .first()
        )
    if row is None:
        raise UnknownProgrammeError(f"There is no collaboration {collaboration_id!r} in this store.")
    return record_of(Collaboration, row)


def collaboration_workshops(store: Store, collaboration_id: str) -> list[Workshop]:
    """The collaboration's workshops, oldest first."""
    get_collaboration(store, collaboration_id)
    w = t.workshops.c
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(t.workshops).where(w.collaboration_id == collaboration_id).order_by(w.created_at, w.id)
        ).mappings()
        return [workshop_of(row) for row in rows]


class Carry:
    """One entry to carry: ``origin`` (the entry it continues) into ``exercise`` with ``payload``."""

    __slots__ = ("origin", "exercise", "payload", "entry_id")

    def __init__(self, origin: Entry, exercise: str, payload: dict, entry_id: str | None = None):
        self.origin, self.exercise, self.payload = origin, exercise, payload
        self.entry_id = entry_id or new_id()  # chosen up front so carried links can point at it


def carry_entries(store: Store, workshop_id: str, carries: list[Carry]) -> list[str]:
    """Write every carried entry (the facilitator's, participant None) into ``workshop_id`` with
    its origin, in one transaction: a new workshop starts with all of them or none.

    An entry is continued at most once (a unique origin): when another session of the same
    collaboration was started at the same moment and carried some of them first, those are
    left out here, and links to them are dropped. Returns the ids written."""
    workshop = store.get_workshop(workshop_id)
    if any(carry.origin.workshop_id == workshop_id for carry in carries):
        raise StoreError("An entry is carried into another workshop, not into its own.")
    for _attempt in range(3):
        try:
            with store.write() as conn:
                take_workshop_turn(conn, workshop_id)
                fresh = _not_yet_carried(conn, carries)
                skipped = {carry.entry_id for carry in carries} - {carry.entry_id for carry in fresh}
                now = utc_now()
                for carry in fresh:
                    payload = _without_links_to(carry.payload, skipped)
                    store.insert_revision(
                        conn,
                        workshop_id,
                        carry.entry_id,
                        1,
                        None,
                        carry.exercise,
                        dump_payload(payload),
                        False,
                    )
                    conn.execute(
                        t.entry_origins.insert().values(
                            entry_id=carry.entry_id,
                            workshop_id=workshop.id,
                            origin_entry_id=carry.origin.entry_id,
                            origin_workshop_id=carry.origin.workshop_id,
                            carried_at=now,
                        )
                    )
            return [carry.entry_id for carry in fresh]
        except IntegrityError:
            continue  # PostgreSQL: the other session committed first; read what it took, again
    raise StoreError("Another session of this collaboration is being started; try again.")


def _not_yet_carried(conn, carries: list[Carry]) -> list[Carry]:
    taken: set[str] = set()
    o = t.entry_origins.c
    wanted = sorted({carry.origin.entry_id for carry in carries})
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        taken |= {
            row[0] for row in conn.execute(select(o.origin_entry_id).where(o.origin_entry_id.in_(chunk)))
        }
    return [carry for carry in carries if carry.origin.entry_id not in taken]


def _without_links_to(payload: dict, skipped: set[str]) -> dict:
    """A carried entry's pointers (value-map ``links``, a task's ``reliever``) without the
    copies that were not written (another session took their originals first)."""
    cleaned = dict(payload)
    if isinstance(cleaned.get("links"), list):
        cleaned["links"] = [i for i in cleaned["links"] if i not in skipped]
    if cleaned.get("reliever") in skipped:
        cleaned["reliever"] = ""
    return cleaned


def discard_empty_workshop(store: Store, workshop_id: str) -> bool:
    """Remove a workshop nobody has joined or written in (a session whose carrying failed), so a
    retry does not leave an empty session behind. True if it was removed."""
    with store.write() as conn:
        take_workshop_turn(conn, workshop_id)
        used = (
            conn.execute(
                select(t.revisions.c.seq).where(t.revisions.c.workshop_id == workshop_id).limit(1)
            ).first()
            or conn.execute(
                select(t.participants.c.id).where(t.participants.c.workshop_id == workshop_id).limit(1)
            ).first()
        )
        if used:
            return False
        conn.execute(t.workshops.delete().where(t.workshops.c.id == workshop_id))
        return True


def origins(store: Store, workshop_ids: list[str]) -> dict[str, tuple[str, str]]:
    """``{entry id: (origin entry id, origin workshop id)}`` for entries carried into these workshops."""
    if not workshop_ids:
        return {}
    o = t.entry_origins.c
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(o.entry_id, o.origin_entry_id, o.origin_workshop_id).where(o.workshop_id.in_(workshop_ids))
        )
        return {row.entry_id: (row.origin_entry_id, row.origin_workshop_id) for row in rows}
