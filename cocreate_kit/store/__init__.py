"""The workshop store: SQLAlchemy Core tables with append-only entry revisions."""

from .control import CONTROL_EXERCISE, EndedError, LockedError
from .engine import DEFAULT_URL, ENV_VAR, resolve_url
from .errors import (
    AccessDeniedError,
    ConflictError,
    ImportFormatError,
    LimitReachedError,
    NotOnBallotError,
    SchemaTooNewError,
    StoreError,
    UnknownEntryError,
    UnknownWorkshopError,
)
from .schema import SCHEMA_VERSION
from .store import Store
from .transfer import dumps_export, export_workshop, import_workshop

__all__ = [
    "CONTROL_EXERCISE",
    "EndedError",
    "LockedError",
    "DEFAULT_URL",
    "ENV_VAR",
    "SCHEMA_VERSION",
    "AccessDeniedError",
    "ConflictError",
    "ImportFormatError",
    "LimitReachedError",
    "NotOnBallotError",
    "SchemaTooNewError",
    "Store",
    "StoreError",
    "UnknownEntryError",
    "UnknownWorkshopError",
    "dumps_export",
    "export_workshop",
    "import_workshop",
    "resolve_url",
]
