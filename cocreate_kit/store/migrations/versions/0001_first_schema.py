"""Schema 1: workshops, participants, append-only revisions, presence.

Revision ID: 0001
Revises:
Create Date: 2026-11-24

Frozen copy of the tables as schema 1 made them (never import the live table definitions
into a migration: they move on). A database that already has them is stamped, not touched.
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "cocreate_meta",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("value", sa.String(255), nullable=False),
    )
    op.create_table(
        "workshops",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("plan", sa.String(64), nullable=False),
        sa.Column("lang", sa.String(8), nullable=False),
        sa.Column("join_code", sa.String(16), nullable=False, unique=True),
        sa.Column("facilitator_key_hash", sa.String(64), nullable=False),
        sa.Column("created_at", sa.String(40), nullable=False),
    )
    op.create_table(
        "participants",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("workshop_id", sa.String(32), sa.ForeignKey("workshops.id"), nullable=False, index=True),
        sa.Column("display_name", sa.String(80), nullable=True),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("created_at", sa.String(40), nullable=False),
    )
    op.create_table(
        "revisions",
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("workshop_id", sa.String(32), sa.ForeignKey("workshops.id"), nullable=False),
        sa.Column("entry_id", sa.String(32), nullable=False),
        sa.Column("revision", sa.Integer, nullable=False),
        sa.Column("participant_id", sa.String(32), sa.ForeignKey("participants.id"), nullable=True),
        sa.Column("exercise", sa.String(120), nullable=False),
        sa.Column("payload", sa.Text, nullable=False),
        sa.Column("deleted", sa.Boolean, nullable=False),
        sa.Column("created_at", sa.String(40), nullable=False),
        sa.UniqueConstraint("entry_id", "revision", name="uq_revision_per_entry"),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_revisions_workshop_seq", "revisions", ["workshop_id", "seq"])
    op.create_index("ix_revisions_entry", "revisions", ["entry_id"])
    op.create_table(
        "presence",
        sa.Column("participant_id", sa.String(32), sa.ForeignKey("participants.id"), primary_key=True),
        sa.Column("workshop_id", sa.String(32), sa.ForeignKey("workshops.id"), nullable=False, index=True),
        sa.Column("last_seen", sa.String(40), nullable=False),
    )
