"""Is anyone looking at this page? Told by the server, read by the page's kernel.

The server knows when a page's last connection closed (a phone locked, a tab closed); the
page's kernel does not. ``cocreate serve`` names a folder in ``COCREATE_AWAY_DIR`` where the
server leaves a marker named after a kernel while its page has no connection, and removes it
when the page reconnects. A kernel whose marker is there skips its ticks: it neither reports
its participant as present nor spends the room's CPU redrawing a page nobody sees; the first
tick after the page comes back catches up on everything at once. The server stops that kernel
when its page stays away (:mod:`cocreate_kit.server.page_kernels`).

Kernel side and server side share this module; it imports nothing heavy.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

__all__ = ["AWAY_DIR_ENV", "mark_away", "page_open"]

AWAY_DIR_ENV = "COCREATE_AWAY_DIR"


def page_open() -> bool:
    """False while this kernel's page has no connection (always True outside ``cocreate serve``)."""
    folder, kernel_id = os.environ.get(AWAY_DIR_ENV), os.environ.get("VOILA_KERNEL_ID")
    if not folder or not kernel_id:
        return True
    return not os.path.exists(os.path.join(folder, kernel_id))


def mark_away(folder: str, kernel_id: str, away: bool) -> None:
    """Leave or remove the marker (a failure only delays presence; it never stops the server)."""
    if not folder or not kernel_id or os.sep in kernel_id:
        return
    marker = Path(folder) / kernel_id
    with contextlib.suppress(OSError):
        if away:
            marker.touch()
        else:
            marker.unlink(missing_ok=True)
