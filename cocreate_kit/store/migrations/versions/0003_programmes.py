"""Schema 3: programmes of collaborations, workshops that belong to one, and carried entries.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24

A collaboration (one shop with one digital firm) holds its workshops over time; an entry carried
into a later workshop records where it came from, so its history stays traceable.
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "programmes",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("facilitator_key_hash", sa.String(64), nullable=False),
        sa.Column("created_at", sa.String(40), nullable=False),
    )
    op.create_table(
        "collaborations",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("programme_id", sa.String(32), sa.ForeignKey("programmes.id"), nullable=False, index=True),
        sa.Column("shop", sa.String(120), nullable=False),
        sa.Column("digital_firm", sa.String(120), nullable=False),
        sa.Column("contact", sa.String(120), nullable=False),
        sa.Column("created_at", sa.String(40), nullable=False),
    )
    if op.get_bind().dialect.name == "sqlite":
        # SQLite takes a REFERENCES clause on a new nullable column, but Alembic would copy the
        # table (batch mode) to add it, which trips the foreign keys other tables hold on it.
        op.execute(
            "ALTER TABLE workshops ADD COLUMN collaboration_id VARCHAR(32) REFERENCES collaborations (id)"
        )
    else:
        op.add_column(
            "workshops",
            sa.Column("collaboration_id", sa.String(32), sa.ForeignKey("collaborations.id"), nullable=True),
        )
    op.add_column("workshops", sa.Column("session", sa.String(16), nullable=True))
    op.create_index("ix_workshops_collaboration_id", "workshops", ["collaboration_id"])
    op.create_table(
        "entry_origins",
        sa.Column("entry_id", sa.String(32), primary_key=True),
        sa.Column("workshop_id", sa.String(32), sa.ForeignKey("workshops.id"), nullable=False, index=True),
        sa.Column("origin_entry_id", sa.String(32), nullable=False, index=True, unique=True),
        sa.Column("origin_workshop_id", sa.String(32), sa.ForeignKey("workshops.id"), nullable=False),
        sa.Column("carried_at", sa.String(40), nullable=False),
    )
