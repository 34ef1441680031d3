"""Table definitions and the schema version written into every database."""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

__all__ = [
    "SCHEMA_VERSION",
    "VERSION_TABLE",
    "collaborations",
    "current_entries",
    "entry_origins",
    "meta",
    "metadata",
    "participants",
    "presence",
    "programmes",
    "revisions",
    "workshops",
]

# Bump when the tables change, with an Alembic migration of the same number (``migrations/``);
# an older kit refuses a newer database instead of corrupting it.
# 2: ``current_entries`` (an older kit would write revisions without keeping it up to date).
# 3: programmes, collaborations, a workshop's collaboration and session, carried entries.
SCHEMA_VERSION = 3
# Alembic's own bookkeeping table, named so it cannot clash with a table of another program.
VERSION_TABLE = "cocreate_alembic_version"

metadata = MetaData()

meta = Table(
    "cocreate_meta",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", String(255), nullable=False),
)

# A hub's programme (cohort): it holds collaborations, and has its own facilitator key.
programmes = Table(
    "programmes",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("title", String(200), nullable=False),
    Column("facilitator_key_hash", String(64), nullable=False),
    Column("created_at", String(40), nullable=False),
)

# One small shop working with one small digital firm; its workshops follow it over months.
collaborations = Table(
    "collaborations",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("programme_id", String(32), ForeignKey("programmes.id"), nullable=False, index=True),
    Column("shop", String(120), nullable=False),
    Column("digital_firm", String(120), nullable=False),
    Column("contact", String(120), nullable=False),
    Column("created_at", String(40), nullable=False),
)

workshops = Table(
    "workshops",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("title", String(200), nullable=False),
    Column("plan", String(64), nullable=False),
    Column("lang", String(8), nullable=False),
    Column("join_code", String(16), nullable=False, unique=True),
    Column("facilitator_key_hash", String(64), nullable=False),
    Column("created_at", String(40), nullable=False),
    # Set when the workshop is one session of a collaboration (ideation, check-in, ...).
    Column("collaboration_id", String(32), ForeignKey("collaborations.id"), nullable=True, index=True),
    Column("session", String(16), nullable=True),
)

participants = Table(
    "participants",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("workshop_id", String(32), ForeignKey("workshops.id"), nullable=False, index=True),
    Column("display_name", String(80), nullable=True),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("created_at", String(40), nullable=False),
)

# Append-only: an edit adds a revision, a delete adds a tombstone revision.
# ``seq`` is the store-wide write counter that live views poll with.
revisions = Table(
    "revisions",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("workshop_id", String(32), ForeignKey("workshops.id"), nullable=False),
    Column("entry_id", String(32), nullable=False),
    Column("revision", Integer, nullable=False),
    Column("participant_id", String(32), ForeignKey("participants.id"), nullable=True),
    Column("exercise", String(120), nullable=False),
    Column("payload", Text, nullable=False),
    Column("deleted", Boolean, nullable=False, default=False),
    Column("created_at", String(40), nullable=False),
    UniqueConstraint("entry_id", "revision", name="uq_revision_per_entry"),
    Index("ix_revisions_workshop_seq", "workshop_id", "seq"),
    Index("ix_revisions_entry", "entry_id"),
    sqlite_autoincrement=True,
)

# The latest revision of every entry (tombstones included), kept in the same transaction as each
# revision insert: reading a workshop's current state never groups its whole history, and a
# live view's first read is one indexed query. ``first_seq`` orders entries by when they were
# first written, so edits do not reshuffle a board.
current_entries = Table(
    "current_entries",
    metadata,
    Column("entry_id", String(32), primary_key=True),
    Column("workshop_id", String(32), ForeignKey("workshops.id"), nullable=False),
    Column("exercise", String(120), nullable=False),
    Column("participant_id", String(32), ForeignKey("participants.id"), nullable=True),
    Column("revision", Integer, nullable=False),
    Column("seq", Integer, nullable=False),
    Column("first_seq", Integer, nullable=False),
    Column("payload", Text, nullable=False),
    Column("deleted", Boolean, nullable=False),
    Column("created_at", String(40), nullable=False),
    Index("ix_current_workshop_exercise", "workshop_id", "exercise", "first_seq"),
)

# Who has a page open: each participant kernel refreshes its row every few seconds.
# A missing table is created on open, so older databases gain it without a migration.
presence = Table(
    "presence",
    metadata,
    Column("participant_id", String(32), ForeignKey("participants.id"), primary_key=True),
    Column("workshop_id", String(32), ForeignKey("workshops.id"), nullable=False, index=True),
    Column("last_seen", String(40), nullable=False),
)

# An entry carried into a later workshop of the same collaboration (an open task, a value-map
# item, a goal) points at the entry it continues; following the chain leads back to the workshop
# where the item was first written.
entry_origins = Table(
    "entry_origins",
    metadata,
    Column("entry_id", String(32), primary_key=True),
    Column("workshop_id", String(32), ForeignKey("workshops.id"), nullable=False, index=True),
    # Unique: an entry is continued once, even when two sessions are started at the same moment.
    Column("origin_entry_id", String(32), nullable=False, index=True, unique=True),
    Column("origin_workshop_id", String(32), ForeignKey("workshops.id"), nullable=False),
    Column("carried_at", String(40), nullable=False),
)
