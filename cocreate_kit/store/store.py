"""The workshop store: the one place every page, the board and the reports meet.

Writes are one short transaction each. Entries are append-only revisions, so an edit or a
delete never destroys what was there, and ``changes_since(seq)`` lets a live view ask for
just what is new.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from dataclasses import fields
from datetime import datetime, timedelta, timezone

from sqlalchemy import Engine, func, inspect, select, text
from sqlalchemy.exc import DBAPIError, IntegrityError

from ..models import SESSIONS, Entry, NewWorkshop, Participant, Workshop
from ..visibility import VOTE_PREFIX, is_internal
from . import current
from . import schema as t
from .control import (
    MODERATION_EXERCISE,
    SESSION_KEY,
    EndedError,
    control_entry_id,
    is_ended,
    latest_payload,
    require_open,
    require_unlocked,
    require_votable,
    require_vote_open,
)
from .engine import WRITE_OPTION, describe_open_error, enable_wal, make_engine, resolve_url
from .errors import (
    AccessDeniedError,
    ConflictError,
    LimitReachedError,
    SchemaTooNewError,
    StoreError,
    UnknownEntryError,
    UnknownProgrammeError,
    UnknownWorkshopError,
)
from .names import clean_name
from .writers import SqliteWriterQueue, take_workshop_turn

__all__ = [
    "JOIN_CODE_ALPHABET",
    "JOIN_CODE_LENGTH",
    "MIGRATION_LOCK_KEY",
    "Store",
    "dump_payload",
    "hash_secret",
    "new_id",
    "record_of",
    "utc_now",
    "workshop_of",
]

# No 0/O or 1/I/L: join codes are read off a projector and typed on phones.
JOIN_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
JOIN_CODE_LENGTH = 6
# PostgreSQL advisory lock held while a database is migrated (any constant the kit owns).
MIGRATION_LOCK_KEY = 7263_0001


def utc_now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


def hash_secret(secret: str) -> str:
    # Tokens are long random strings, so a plain SHA-256 is enough (no dictionary to guard against).
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def new_id() -> str:
    return secrets.token_hex(8)


def dump_payload(payload: dict) -> str:
    if not isinstance(payload, dict):
        raise StoreError("an entry's content must be a mapping of fields")
    try:
        return json.dumps(payload, sort_keys=True, ensure_ascii=False, allow_nan=False)
    except (TypeError, ValueError) as exc:
        raise StoreError(f"an entry's content must be plain text, numbers and lists: {exc}") from None


class Store:
    """A workshop store on any SQLAlchemy URL (SQLite file by default)."""

    def __init__(self, url: str | None = None, *, engine: Engine | None = None):
        self.url = resolve_url(url)
        self.engine = engine or make_engine(self.url)
        self._writer = self.engine.execution_options(**{WRITE_OPTION: True})
        try:
            self._prepare_schema()
        except DBAPIError as error:  # no server, a folder, random bytes: one line, not a traceback
            raise StoreError(describe_open_error(self.url, error)) from None

    # -- schema ---------------------------------------------------------------------------

    def _prepare_schema(self) -> None:
        tables = inspect(self.engine).get_table_names()
        if tables and t.meta.name not in tables:
            raise StoreError(
                f"{self.engine.url.render_as_string(hide_password=True)} already holds other tables "
                f"({', '.join(sorted(tables)[:5])}) and is not a cocreate-kit store; it was left "
                "unchanged. Give an empty or new database."
            )
        enable_wal(self.engine)
        found = self.schema_version() if tables else 0
        if found > t.SCHEMA_VERSION:
            raise SchemaTooNewError(
                f"This database was written by a newer cocreate-kit (schema {found}); this kit "
                f"reads schema {t.SCHEMA_VERSION} at most. Upgrade cocreate-kit to open it."
            )
        if found == t.SCHEMA_VERSION:
            return
        with self.write() as conn:
            # Many kernels may open a new or old database at once: one migrates, the others
            # find it done (SQLite's write lock already serialises; PostgreSQL needs a lock).
            if conn.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK_KEY})
            found = _schema_version(conn) if inspect(conn).has_table(t.meta.name) else 0
            if found != t.SCHEMA_VERSION:
                from .migrate import upgrade  # Alembic only where a database needs it: pages stay light

                upgrade(conn, found)

    def schema_version(self) -> int:
        with self.engine.connect() as conn:
            return _schema_version(conn)

    def write(self):
        """One short write transaction (BEGIN IMMEDIATE on SQLite, serialised on PostgreSQL), as
        a context manager yielding its connection: the store's own tables, written in one go
        (programmes and imports use it beside the store's methods)."""
        return _WriteTransaction(self._writer)

    # -- workshops ------------------------------------------------------------------------

    def create_workshop(
        self,
        title: str,
        plan: str = "business-hubs",
        lang: str = "en",
        collaboration_id: str | None = None,
        session: str | None = None,
    ) -> NewWorkshop:
        """A new workshop; ``collaboration_id`` makes it one session (``SESSIONS``) of a collaboration."""
        title = clean_name(title, "A workshop title", 200)
        if collaboration_id is not None:
            with self.engine.connect() as conn:
                found = conn.execute(
                    select(t.collaborations.c.id).where(t.collaborations.c.id == collaboration_id)
                ).first()
            if found is None:
                raise UnknownProgrammeError(f"There is no collaboration {collaboration_id!r} in this store.")
            if session not in SESSIONS:
                raise StoreError(f"A collaboration's workshop is one of: {', '.join(SESSIONS)}.")
        elif session is not None:
            raise StoreError("Only a workshop of a collaboration has a session kind.")
        key = secrets.token_urlsafe(24)
        for _attempt in range(20):
            code = "".join(secrets.choice(JOIN_CODE_ALPHABET) for _ in range(JOIN_CODE_LENGTH))
            row = dict(
                id=new_id(),
                title=title,
                plan=plan,
                lang=lang,
                join_code=code,
                facilitator_key_hash=hash_secret(key),
                created_at=utc_now(),
                collaboration_id=collaboration_id,
                session=session,
            )
            try:
                with self.write() as conn:
                    conn.execute(t.workshops.insert().values(**row))
            except IntegrityError:
                continue  # join code already taken: draw another
            return NewWorkshop(workshop=workshop_of(row), join_code=code, facilitator_key=key)
        raise StoreError("Could not find a free join code; try again.")

    def list_workshops(self) -> list[Workshop]:
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(t.workshops).order_by(t.workshops.c.created_at, t.workshops.c.id)
            ).mappings()
            return [workshop_of(row) for row in rows]

    def get_workshop(self, workshop_id: str) -> Workshop:
        with self.engine.connect() as conn:
            row = conn.execute(select(t.workshops).where(t.workshops.c.id == workshop_id)).mappings().first()
        if row is None:
            raise UnknownWorkshopError(f"There is no workshop {workshop_id!r} in this store.")
        return workshop_of(row)

    def workshop_by_join_code(self, join_code: str) -> Workshop:
        code = (join_code or "").strip().upper()
        with self.engine.connect() as conn:
            row = conn.execute(select(t.workshops).where(t.workshops.c.join_code == code)).mappings().first()
        if row is None:
            raise UnknownWorkshopError("No workshop has that join code.")
        return workshop_of(row)

    def check_facilitator_key(self, workshop_id: str, key: str | None) -> bool:
        with self.engine.connect() as conn:
            stored = conn.execute(
                select(t.workshops.c.facilitator_key_hash).where(t.workshops.c.id == workshop_id)
            ).scalar_one_or_none()
        # Hash even when the workshop is unknown so both paths take the same time.
        given = hash_secret(key or "")
        return stored is not None and bool(key) and hmac.compare_digest(stored, given)

    def reset_facilitator_key(self, workshop_id: str) -> str:
        """Issue a new facilitator key (the old one stops working); used after an import."""
        self.get_workshop(workshop_id)
        key = secrets.token_urlsafe(24)
        with self.write() as conn:
            conn.execute(
                t.workshops.update()
                .where(t.workshops.c.id == workshop_id)
                .values(facilitator_key_hash=hash_secret(key))
            )
        return key

    # -- participants ---------------------------------------------------------------------

    def join(self, workshop_id: str, join_code: str, display_name: str | None) -> tuple[Participant, str]:
        """Add a participant; returns them and their personal token (shown once, stored hashed)."""
        workshop = self.get_workshop(workshop_id)
        given = (join_code or "").strip().upper()
        if not hmac.compare_digest(workshop.join_code.encode(), given.encode()):
            raise AccessDeniedError("That join code does not match this workshop.")
        name = clean_name(display_name, "A display name", 80, required=False)
        token = secrets.token_urlsafe(24)
        row = dict(
            id=new_id(),
            workshop_id=workshop_id,
            display_name=name,
            token_hash=hash_secret(token),
            created_at=utc_now(),
        )
        with self.write() as conn:
            if is_ended(latest_payload(conn, control_entry_id(workshop_id, SESSION_KEY))):
                raise EndedError("This session has ended and takes no new participants.")
            conn.execute(t.participants.insert().values(**row))
        return _participant(row), token

    def ended(self, workshop_id: str) -> bool:
        """Has the facilitator ended this workshop's session (read-only until reopened)?"""
        with self.engine.connect() as conn:
            return is_ended(latest_payload(conn, control_entry_id(workshop_id, SESSION_KEY)))

    def participant_by_token(self, workshop_id: str, token: str | None) -> Participant:
        if not token:
            raise AccessDeniedError("This personal link is not valid for this workshop.")
        wanted = hash_secret(token)
        with self.engine.connect() as conn:
            row = (
                conn.execute(
                    select(t.participants).where(
                        t.participants.c.workshop_id == workshop_id,
                        t.participants.c.token_hash == wanted,
                    )
                )
                .mappings()
                .first()
            )
        if row is None or not hmac.compare_digest(row["token_hash"], wanted):
            raise AccessDeniedError("This personal link is not valid for this workshop.")
        return _participant(row)

    def participants(self, workshop_id: str) -> list[Participant]:
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(t.participants)
                .where(t.participants.c.workshop_id == workshop_id)
                .order_by(t.participants.c.created_at, t.participants.c.id)
            ).mappings()
            return [_participant(row) for row in rows]

    # -- entries --------------------------------------------------------------------------

    def add_entry(
        self,
        workshop_id: str,
        participant_id: str | None,
        exercise: str,
        payload: dict,
        entry_id: str | None = None,
        max_per_participant: int | None = None,
    ) -> Entry:
        """A new entry (``entry_id`` only for facilitator settings with a fixed id).

        ``max_per_participant`` caps how many current entries one participant may hold in this
        exercise (a vote's dots); the count and the insert share one transaction, so two
        windows of the same participant cannot both slip past the cap.
        """
        if not exercise:
            raise StoreError("An entry must name its exercise.")
        body = dump_payload(payload)
        with self.write() as conn:
            take_workshop_turn(conn, workshop_id)  # the cap's count and the insert are one step
            self._require_participant(conn, workshop_id, participant_id)
            require_open(conn, workshop_id, exercise)
            dot = participant_id is not None and exercise.startswith(VOTE_PREFIX)
            # A dot's vote is read once, by require_votable (open, on the ballot, budget).
            self._require_unlocked(conn, workshop_id, participant_id, exercise, check_vote=not dot)
            if dot and participant_id is not None:  # a dot always has its voter; this tells mypy
                budget = require_votable(conn, workshop_id, participant_id, exercise, payload)
                max_per_participant = min(budget, max_per_participant or budget)
            if max_per_participant is not None:
                held = conn.execute(current.count_current(workshop_id, exercise, participant_id)).scalar()
                if held >= max_per_participant:
                    raise LimitReachedError(f"At most {max_per_participant} per participant here.")
            return self.insert_revision(
                conn, workshop_id, entry_id or new_id(), 1, participant_id, exercise, body, deleted=False
            )

    def revise_entry(
        self, entry_id: str, participant_id: str | None, payload: dict, base_revision: int
    ) -> Entry:
        """Store a new revision; refuses if someone else's entry or if it changed meanwhile."""
        body = dump_payload(payload)
        with self.write() as conn:
            found = self._latest_for_update(conn, entry_id, participant_id, base_revision)
            return self.insert_revision(
                conn,
                found.workshop_id,
                entry_id,
                found.revision + 1,
                participant_id,
                found.exercise,
                body,
                deleted=False,
            )

    def delete_entry(self, entry_id: str, participant_id: str | None, base_revision: int) -> Entry:
        """Add a tombstone revision: the entry disappears, its history stays."""
        with self.write() as conn:
            found = self._latest_for_update(conn, entry_id, participant_id, base_revision)
            return self.insert_revision(
                conn,
                found.workshop_id,
                entry_id,
                found.revision + 1,
                participant_id,
                found.exercise,
                dump_payload(found.payload),
                deleted=True,
            )

    def moderate(self, entry_id: str, payload: dict, base_revision: int, log: dict) -> Entry:
        """The facilitator corrects an entry: a new revision that keeps its owner, and a record in
        the ``_moderation`` log (what before, what after), in one transaction."""
        body = dump_payload(payload)
        with self.write() as conn:
            row = current.latest_row(conn, entry_id)
            if row is None or row["deleted"]:
                raise UnknownEntryError("That entry does not exist (any more).")
            take_workshop_turn(conn, row["workshop_id"])
            row = current.latest_row(conn, entry_id)
            now = _entry(row)
            require_open(conn, now.workshop_id, now.exercise)
            if now.revision != base_revision:
                raise ConflictError("This entry was changed meanwhile; reload it and try again.")
            record = {**log, "target": entry_id, "before": now.payload, "after": payload}
            self.insert_revision(
                conn, now.workshop_id, new_id(), 1, None, MODERATION_EXERCISE, dump_payload(record), False
            )
            return self.insert_revision(
                conn,
                now.workshop_id,
                entry_id,
                now.revision + 1,
                now.participant_id,
                now.exercise,
                body,
                deleted=False,
            )

    def entries(
        self, workshop_id: str, exercise: str | None = None, participant_id: str | None = None
    ) -> list[Entry]:
        """Current state: the latest revision of every entry that is not deleted, in the order
        the entries were first written (so edits do not reshuffle a board)."""
        query = current.select_current(workshop_id, exercise, participant_id)
        with self.engine.connect() as conn:
            return [_entry(row) for row in conn.execute(query).mappings()]

    def deleted_entries(
        self, workshop_id: str, participant_id: str | None, exercise: str | None = None, anyone: bool = False
    ) -> list[Entry]:
        """A participant's entries whose latest revision is a delete, each as it read when deleted
        (a tombstone keeps the last payload), oldest first: what they can restore. ``anyone``:
        every author's (the facilitator's moderation panel)."""
        who = None if anyone else participant_id
        query = current.select_current(workshop_id, exercise, who, include_deleted=True)
        with self.engine.connect() as conn:
            rows = conn.execute(query).mappings()
            return [
                _entry(row)
                for row in rows
                if row["deleted"] and (anyone or row["participant_id"] == participant_id)
            ]

    def restore_entry(
        self, entry_id: str, participant_id: str | None, base_revision: int, log: dict | None = None
    ) -> Entry:
        """Undo a delete: a new revision saying what the entry said when it was deleted. The same
        rules as an edit (one's own entry, not changed meanwhile, not locked, session not ended).
        With ``log`` the facilitator restores anyone's entry for its author, recorded in the
        ``_moderation`` log in the same transaction."""
        with self.write() as conn:
            row = current.latest_row(conn, entry_id)
            if row is None or not row["deleted"]:
                raise UnknownEntryError("That entry is not deleted (any more).")
            take_workshop_turn(conn, row["workshop_id"])
            found = _entry(current.latest_row(conn, entry_id))
            if is_internal(found.exercise):  # a dot goes back through the vote's budget
                raise StoreError("Only notes, answers and records can be restored; place a dot again.")
            if log is None and found.participant_id != participant_id:
                raise AccessDeniedError("You can only change your own entries.")
            if found.revision != base_revision or not found.deleted:
                raise ConflictError("This entry was changed meanwhile; reload it and try again.")
            require_open(conn, found.workshop_id, found.exercise)
            if log is None:
                self._require_unlocked(conn, found.workshop_id, participant_id, found.exercise)
            else:
                record = {**log, "target": entry_id, "before": found.payload}
                self.insert_revision(
                    conn,
                    found.workshop_id,
                    new_id(),
                    1,
                    None,
                    MODERATION_EXERCISE,
                    dump_payload(record),
                    False,
                )
            return self.insert_revision(
                conn,
                found.workshop_id,
                entry_id,
                found.revision + 1,
                found.participant_id,
                found.exercise,
                dump_payload(found.payload),
                deleted=False,
            )

    def snapshot(self, workshop_id: str) -> tuple[int, list[Entry]]:
        """``(cursor, entries)``: every current entry of the workshop and the sequence number to
        poll ``changes_since`` from. The cursor is read first, so a write landing between the two
        reads shows up in both; live views apply revisions idempotently."""
        with self.engine.connect() as conn:
            cursor = _max_seq(conn, workshop_id)
            rows = conn.execute(current.select_current(workshop_id)).mappings().all()
        return cursor, [_entry(row) for row in rows]

    def latest(self, entry_id: str) -> Entry | None:
        """The newest revision of one entry (tombstone included), or None."""
        with self.engine.connect() as conn:
            row = current.latest_row(conn, entry_id)
        return _entry(row) if row is not None else None

    # -- presence -------------------------------------------------------------------------

    def touch(self, participant: Participant) -> None:
        """Note that this participant has a page open now."""
        now = utc_now()
        with self.write() as conn:
            updated = conn.execute(
                t.presence.update().where(t.presence.c.participant_id == participant.id).values(last_seen=now)
            ).rowcount
            if not updated:
                conn.execute(
                    t.presence.insert().values(
                        participant_id=participant.id, workshop_id=participant.workshop_id, last_seen=now
                    )
                )

    def present(self, workshop_id: str, within_seconds: int = 30) -> set[str]:
        """Ids of participants whose page was open within the last ``within_seconds``."""
        since = (datetime.now(timezone.utc) - timedelta(seconds=within_seconds)).isoformat(
            timespec="milliseconds"
        )
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(t.presence.c.participant_id).where(
                    t.presence.c.workshop_id == workshop_id, t.presence.c.last_seen >= since
                )
            )
            return {row.participant_id for row in rows}

    def history(self, entry_id: str) -> list[Entry]:
        """Every revision of one entry, oldest first (tombstone included)."""
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(t.revisions).where(t.revisions.c.entry_id == entry_id).order_by(t.revisions.c.seq)
            ).mappings()
            found = [_entry(row) for row in rows]
        if not found:
            raise UnknownEntryError("That entry does not exist.")
        return found

    def changes_since(self, workshop_id: str, seq: int = 0, exercise: str | None = None) -> list[Entry]:
        """Every revision written after ``seq`` in this workshop (or one exercise), in write order."""
        query = select(t.revisions).where(t.revisions.c.workshop_id == workshop_id, t.revisions.c.seq > seq)
        if exercise is not None:
            query = query.where(t.revisions.c.exercise == exercise)
        with self.engine.connect() as conn:
            rows = conn.execute(query.order_by(t.revisions.c.seq)).mappings()
            return [_entry(row) for row in rows]

    def latest_seq(self, workshop_id: str) -> int:
        with self.engine.connect() as conn:
            return _max_seq(conn, workshop_id)

    # -- helpers --------------------------------------------------------------------------

    def _require_participant(self, conn, workshop_id: str, participant_id: str | None) -> None:
        if conn.execute(select(t.workshops.c.id).where(t.workshops.c.id == workshop_id)).first() is None:
            raise UnknownWorkshopError(f"There is no workshop {workshop_id!r} in this store.")
        if participant_id is None:
            return
        found = conn.execute(
            select(t.participants.c.id).where(
                t.participants.c.id == participant_id, t.participants.c.workshop_id == workshop_id
            )
        ).first()
        if found is None:
            raise AccessDeniedError("That participant is not part of this workshop.")

    def _latest_for_update(
        self, conn, entry_id: str, participant_id: str | None, base_revision: int
    ) -> Entry:
        row = current.latest_row(conn, entry_id)
        if row is None or row["deleted"]:
            raise UnknownEntryError("That entry does not exist (any more).")
        take_workshop_turn(conn, row["workshop_id"])
        row = current.latest_row(conn, entry_id)  # as it is now that this writer has its turn
        found = _entry(row)
        if found.participant_id != participant_id:
            raise AccessDeniedError("You can only change your own entries.")
        if found.revision != base_revision:
            raise ConflictError("This entry was changed meanwhile; reload it and try again.")
        require_open(conn, found.workshop_id, found.exercise)
        self._require_unlocked(conn, found.workshop_id, participant_id, found.exercise)
        return found

    def _require_unlocked(
        self, conn, workshop_id: str, participant_id: str | None, exercise: str, check_vote: bool = True
    ) -> None:
        # Participants' writes only: the facilitator (participant None) may always write.
        if participant_id is not None and not is_internal(exercise):
            require_unlocked(conn, workshop_id, exercise)
        if check_vote and participant_id is not None and exercise.startswith(VOTE_PREFIX):
            require_vote_open(conn, workshop_id, exercise)

    def insert_revision(self, conn, workshop_id, entry_id, revision, participant_id, exercise, body, deleted):
        """Append one revision (``body``: the payload as ``dump_payload`` wrote it) inside a
        ``write()`` transaction, keeping the current-entries table in step; returns the entry."""
        take_workshop_turn(conn, workshop_id)  # held until commit: seq order = visibility order
        row = dict(
            workshop_id=workshop_id,
            entry_id=entry_id,
            revision=revision,
            participant_id=participant_id,
            exercise=exercise,
            payload=body,
            deleted=deleted,
            created_at=utc_now(),
        )
        try:
            seq = conn.execute(t.revisions.insert().values(**row)).inserted_primary_key[0]
        except IntegrityError:
            raise ConflictError("This entry was changed meanwhile; reload it and try again.") from None
        row = {**row, "seq": seq}
        current.record(conn, row)
        return _entry(row)


class _WriteTransaction:
    """Context manager for one write transaction. On a SQLite file, writers queue for the file
    first (see ``writers``); on PostgreSQL, revision writers take turns per workshop
    (``take_workshop_turn``, called where a workshop's revisions are written)."""

    def __init__(self, engine: Engine):
        self._engine = engine
        self._cm = None
        self._queue = None
        database = engine.url.database
        if engine.dialect.name == "sqlite" and database not in (None, "", ":memory:"):
            self._queue = SqliteWriterQueue.for_file(database)

    def __enter__(self):
        if self._queue is not None:
            self._queue.__enter__()
        try:
            self._cm = self._engine.begin()
            return self._cm.__enter__()
        except BaseException:
            if self._queue is not None:
                self._queue.__exit__(None, None, None)
            raise

    def __exit__(self, *exc):
        try:
            return self._cm.__exit__(*exc)
        finally:
            if self._queue is not None:
                self._queue.__exit__(None, None, None)


def _schema_version(conn) -> int:
    value = conn.execute(select(t.meta.c.value).where(t.meta.c.key == "schema_version")).scalar_one_or_none()
    return int(value) if value is not None else 0


def _max_seq(conn, workshop_id: str) -> int:
    """The newest sequence number written in this workshop (0 before any write)."""
    value = conn.execute(
        select(func.max(t.revisions.c.seq)).where(t.revisions.c.workshop_id == workshop_id)
    ).scalar_one_or_none()
    return value or 0


def record_of(cls, row):
    """Build a plain record from a row with the same column names as its fields."""
    return cls(**{f.name: row[f.name] for f in fields(cls)})


def workshop_of(row) -> Workshop:
    return record_of(Workshop, row)


def _participant(row) -> Participant:
    return record_of(Participant, row)


def _entry(row) -> Entry:
    return Entry(
        entry_id=row["entry_id"],
        workshop_id=row["workshop_id"],
        participant_id=row["participant_id"],
        exercise=row["exercise"],
        payload=json.loads(row["payload"]),
        revision=row["revision"],
        deleted=bool(row["deleted"]),
        seq=row["seq"],
        created_at=row["created_at"],
    )
