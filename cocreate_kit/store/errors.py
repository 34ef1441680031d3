"""Errors the store raises; each message is written for the person who will read it."""

from __future__ import annotations

__all__ = [
    "AccessDeniedError",
    "ConflictError",
    "ImportFormatError",
    "LimitReachedError",
    "NotOnBallotError",
    "SchemaTooNewError",
    "StoreError",
    "UnknownEntryError",
    "UnknownProgrammeError",
    "UnknownWorkshopError",
]


class StoreError(Exception):
    """Base class: anything the store refuses, with a message fit to show a user."""


class SchemaTooNewError(StoreError):
    """The database was written by a newer kit than this one."""


class UnknownWorkshopError(StoreError):
    """No workshop with that id or join code."""


class AccessDeniedError(StoreError):
    """A token or key does not match (never says which part was wrong)."""


class UnknownEntryError(StoreError):
    """No entry with that id in this workshop."""


class ConflictError(StoreError):
    """The entry changed since the caller read it; nothing was overwritten."""


class ImportFormatError(StoreError):
    """A file given to import is not a cocreate-kit workshop export."""


class LimitReachedError(StoreError):
    """A participant already holds as many entries as the exercise allows (e.g. all their dots)."""


class NotOnBallotError(StoreError):
    """A dot for a closed vote, or for an entry the voter may not see (hidden, merged, private)."""


class UnknownProgrammeError(StoreError):
    """No programme or collaboration with that id in this store."""
