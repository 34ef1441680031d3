"""The store of the Voila server process itself (its kernel manager and its report download
handler), opened once for the server's life: each ``Store()`` builds an engine and checks the
schema, which the server's rounds and downloads should not repeat."""

from __future__ import annotations

import functools

from ..store import Store

__all__ = ["server_store"]


@functools.cache
def server_store() -> Store:
    """The server's store ($COCREATE_DB, set by `cocreate serve`)."""
    return Store()
