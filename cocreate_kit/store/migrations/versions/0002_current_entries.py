"""Schema 2: ``current_entries``, each entry's latest revision, derived from the history.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    # Schema-1 kits created the presence table on open, after the fact: some databases lack it.
    if not sa.inspect(bind).has_table("presence"):
        op.create_table(
            "presence",
            sa.Column("participant_id", sa.String(32), sa.ForeignKey("participants.id"), primary_key=True),
            sa.Column(
                "workshop_id", sa.String(32), sa.ForeignKey("workshops.id"), nullable=False, index=True
            ),
            sa.Column("last_seen", sa.String(40), nullable=False),
        )
    op.create_table(
        "current_entries",
        sa.Column("entry_id", sa.String(32), primary_key=True),
        sa.Column("workshop_id", sa.String(32), sa.ForeignKey("workshops.id"), nullable=False),
        sa.Column("exercise", sa.String(120), nullable=False),
        sa.Column("participant_id", sa.String(32), sa.ForeignKey("participants.id"), nullable=True),
        sa.Column("revision", sa.Integer, nullable=False),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("first_seq", sa.Integer, nullable=False),
        sa.Column("payload", sa.Text, nullable=False),
        sa.Column("deleted", sa.Boolean, nullable=False),
        sa.Column("created_at", sa.String(40), nullable=False),
    )
    op.create_index(
        "ix_current_workshop_exercise", "current_entries", ["workshop_id", "exercise", "first_seq"]
    )
    # The latest revision of every entry; ``first_seq`` keeps the order entries were first written.
    op.execute(
        """
        INSERT INTO current_entries
            (entry_id, workshop_id, exercise, participant_id, revision, seq, first_seq,
             payload, deleted, created_at)
        SELECT r.entry_id, r.workshop_id, r.exercise, r.participant_id, r.revision, r.seq,
               spans.first_seq, r.payload, r.deleted, r.created_at
        FROM revisions r
        JOIN (SELECT entry_id, MAX(seq) AS last_seq, MIN(seq) AS first_seq
              FROM revisions GROUP BY entry_id) spans
          ON r.entry_id = spans.entry_id AND r.seq = spans.last_seq
        """
    )
