"""Which participant pages are warm: preheated, past their imports, waiting for a person.

Voila says its pool is "filled" once the kernels are started, long before they have run the
page's imports; a room that scans the QR code then waits for the preheating itself (measured:
13.6 s p95 for the join form, against 1.0 s once the pool was really warm). So each preheated
participant kernel leaves a marker file, named after its kernel, in the folder that
``cocreate serve`` names in ``COCREATE_WARM_DIR`` while it waits for a request, and removes it
when a person claims it. The server counts the participant page's markers to say when the room
is ready (the board and the join screen preheat too, but are not the room).
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

__all__ = ["ROOM_POOL_ENV", "WARM_DIR_ENV", "count_warm", "is_warm", "waiting_warm"]

WARM_DIR_ENV = "COCREATE_WARM_DIR"
ROOM_POOL_ENV = "COCREATE_ROOM_POOL"  # "1" in the environment of the room's pooled kernels


@contextlib.contextmanager
def waiting_warm(page: str, kernel_id: str):
    """Mark this kernel of ``page`` warm while the block runs (no-op outside ``cocreate serve``)."""
    folder = os.environ.get(WARM_DIR_ENV)
    marker = Path(folder) / f"{page}.{kernel_id or os.getpid()}" if folder else None
    if marker is not None:
        with contextlib.suppress(OSError):  # a missing marker only delays the ready line
            marker.touch()
    try:
        yield
    finally:
        if marker is not None:
            marker.unlink(missing_ok=True)


def count_warm(folder: str | os.PathLike[str], page: str = "participant") -> int:
    """How many kernels of ``page`` are warm right now."""
    try:
        return sum(1 for entry in os.scandir(folder) if entry.name.startswith(f"{page}."))
    except OSError:
        return 0


def is_warm(folder: str | os.PathLike[str], kernel_id: str, page: str = "participant") -> bool:
    """Is this kernel of ``page`` warm right now (its marker, as ``waiting_warm`` names it)?"""
    return (Path(folder) / f"{page}.{kernel_id}").exists()
