"""Plain records shared by the store, the forms and the reports (no widgets, no SQL)."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = [
    "NOTEBOOK_MARK",
    "SESSIONS",
    "Collaboration",
    "Entry",
    "NewProgramme",
    "NewWorkshop",
    "Participant",
    "Programme",
    "Workshop",
]

# The kinds of workshop a collaboration holds over time, in the order of the action plan.
SESSIONS = ("ideation", "preparation", "check-in", "evaluation")


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
    collaboration_id: str | None = None  # set when this is one session of a collaboration
    session: str | None = None  # one of SESSIONS


@dataclass(frozen=True)
class Programme:
    """A hub's programme (cohort) of collaborations."""

    id: str
    title: str
    created_at: str


@dataclass(frozen=True)
class NewProgramme:
    """A freshly created programme with its facilitator key, shown only once."""

    programme: Programme
    facilitator_key: str


@dataclass(frozen=True)
class Collaboration:
    """One small shop working with one small digital firm, with its point of contact."""

    id: str
    programme_id: str
    shop: str
    digital_firm: str
    contact: str
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
