"""Plain records shared by the store, the forms and the reports (no widgets, no SQL)."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["NOTEBOOK_MARK", "Entry", "NewWorkshop", "Participant", "Workshop"]


# Output metadata key by which a notebook records the workshop it filled (apps.local writes it,
# the report's nbconvert exporter reads it).
NOTEBOOK_MARK = "cocreate"


@dataclass(frozen=True)
class Workshop:
    id: str
    title: str
    plan: str
    lang: str
    join_code: str
    created_at: str


@dataclass(frozen=True)
class NewWorkshop:
    """A freshly created workshop with the two secrets that are shown only once."""

    workshop: Workshop
    join_code: str
    facilitator_key: str


@dataclass(frozen=True)
class Participant:
    id: str
    workshop_id: str
    display_name: str | None  # None: the participant chose to stay anonymous
    created_at: str

    @property
    def anonymous(self) -> bool:
        return self.display_name is None


@dataclass(frozen=True)
class Entry:
    """One revision of one entry; the latest revision is the entry's current state."""

    entry_id: str
    workshop_id: str
    participant_id: str | None
    exercise: str
    payload: dict = field(hash=False)
    revision: int
    deleted: bool
    seq: int
    created_at: str
