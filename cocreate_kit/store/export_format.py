"""The JSON export format, as pydantic models: an import is checked whole before anything is
written (types, lengths, ids, dates, that revisions belong to the file's own participants).

Imported lazily by ``transfer.import_workshop``: page kernels never load pydantic for it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    StrictStr,
    ValidationError,
    model_validator,
)

from ..validation import text_problem
from .errors import ImportFormatError

__all__ = [
    "ExportFile",
    "ExportedCollaboration",
    "ExportedOrigin",
    "ExportedParticipant",
    "ExportedProgramme",
    "ExportedRevision",
    "ExportedWorkshop",
    "Hash",
    "Id",
    "Line",
    "Timestamp",
    "validate_export",
]

Id = Annotated[StrictStr, Field(pattern=r"^[A-Za-z0-9_-]{1,32}$")]
Hash = Annotated[StrictStr, Field(pattern=r"^[0-9a-f]{16,64}$")]


def _timestamp(value: str) -> str:
    datetime.fromisoformat(value)  # ValueError: pydantic reports it with the field's path
    return value


def _no_control_chars(value: str) -> str:
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in value):
        raise ValueError("holds control characters")
    return value


Timestamp = Annotated[StrictStr, Field(max_length=40), AfterValidator(_timestamp)]
Line = Annotated[StrictStr, AfterValidator(_no_control_chars)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ExportedWorkshop(_Strict):
    id: Id
    title: Annotated[Line, Field(min_length=1, max_length=200)]
    plan: Annotated[StrictStr, Field(pattern=r"^[a-z0-9][a-z0-9-]{0,63}$")]
    lang: Annotated[StrictStr, Field(pattern=r"^[a-z]{2}$")]
    join_code: Annotated[StrictStr, Field(pattern=r"^[A-Z0-9]{4,16}$")]
    facilitator_key_hash: Hash
    created_at: Timestamp


class ExportedParticipant(_Strict):
    id: Id
    display_name: Annotated[Line, Field(min_length=1, max_length=80)] | None
    token_hash: Hash
    created_at: Timestamp


def _typed_text(payload: dict) -> dict:
    if problem := text_problem(payload):  # the forms' rules: no NUL, nothing longer than a form takes
        raise ValueError(f"an entry's text {problem}")
    return payload


class ExportedRevision(_Strict):
    entry_id: Id
    revision: Annotated[StrictInt, Field(ge=1)]
    participant_id: Id | None
    exercise: Annotated[StrictStr, Field(min_length=1, max_length=120)]
    payload: Annotated[dict, AfterValidator(_typed_text)]
    deleted: StrictBool
    created_at: Timestamp


class ExportedProgramme(_Strict):
    id: Id
    title: Annotated[Line, Field(min_length=1, max_length=200)]
    created_at: Timestamp


class ExportedCollaboration(_Strict):
    """Format version 2: the collaboration a workshop is a session of."""

    id: Id
    programme: ExportedProgramme
    shop: Annotated[Line, Field(min_length=1, max_length=120)]
    digital_firm: Annotated[Line, Field(min_length=1, max_length=120)]
    contact: Annotated[Line, Field(min_length=1, max_length=120)]
    created_at: Timestamp
    session: Literal["ideation", "preparation", "check-in", "evaluation"]


class ExportedOrigin(_Strict):
    """Format version 2: a carried entry and the entry (of an earlier session) it continues."""

    entry_id: Id
    origin_entry_id: Id
    origin_workshop_id: Id
    carried_at: Timestamp


class ExportFile(_Strict):
    format: Literal["cocreate-kit/workshop"]
    format_version: Literal[1, 2]
    workshop: ExportedWorkshop
    participants: list[ExportedParticipant]
    revisions: list[ExportedRevision]
    collaboration: ExportedCollaboration | None = None
    origins: list[ExportedOrigin] = []

    @model_validator(mode="after")
    def _consistent(self) -> ExportFile:
        entries = {rev.entry_id for rev in self.revisions}
        for origin in self.origins:
            if origin.entry_id not in entries:
                raise ValueError(f"origin of {origin.entry_id!r} names an entry the file does not hold")
        if self.origins and self.collaboration is None:
            raise ValueError("carried entries (origins) belong to a collaboration's session")
        people = {p.id for p in self.participants}
        if len(people) != len(self.participants):
            raise ValueError("a participant id appears twice")
        latest: dict[str, int] = {}
        for rev in self.revisions:
            if rev.participant_id is not None and rev.participant_id not in people:
                raise ValueError(f"revision of {rev.entry_id!r} names an unknown participant")
            if rev.revision != latest.get(rev.entry_id, 0) + 1:
                raise ValueError(f"revisions of {rev.entry_id!r} are not numbered 1, 2, 3... in order")
            latest[rev.entry_id] = rev.revision
        return self


def validate_export(data) -> ExportFile:
    """The export, checked whole; ImportFormatError naming every problem's place otherwise."""
    try:
        return ExportFile.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(part) for part in err['loc']) or '(top level)'}: {err['msg']}"
            for err in exc.errors()[:5]
        )
        raise ImportFormatError(f"The export does not check out, nothing was imported: {problems}") from None
