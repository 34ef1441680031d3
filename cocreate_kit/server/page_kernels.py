"""Server side: stop the kernel of a page that was closed, soon, without an unsafe endpoint.

Every open page holds a kernel (about 70-120 MB). Voila's own "shut down on close" call fails
Jupyter Server's XSRF check (voila#1458) and its idle cull never fires for a live page, whose
ticks count as activity. So the kit's kernel manager watches each kernel's websocket
connections, which the server counts anyway: when a page that was connected has had none for
``closed_page_seconds``, its kernel is stopped on the next cull round, and so is the kernel of
a page request that never connected at all within that time (a link preview, a script, a
phone that gave up): those used to hold a kernel for the 15 minutes of the idle cull. Pooled
kernels (never connected, waiting for a person) are left alone; Voila's manager does not even
offer them.
While a page is away its kernel is told so (:mod:`cocreate_kit.server.page_presence`) and pauses.

Runs in the Voila process only (``VoilaConfiguration.multi_kernel_manager_class``).
"""

from __future__ import annotations

import time

from jupyter_core.utils import ensure_async
from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from traitlets import Float, Unicode

from ..settings import default
from .page_presence import mark_away

__all__ = ["PageKernelManager"]


class PageKernelManager(AsyncMappingKernelManager):
    closed_page_seconds = Float(
        default("closed_after"),
        config=True,
        help="Stop a page's kernel once the page has had no connection for this long.",
    )
    away_dir = Unicode("", config=True, help="Where to tell kernels that their page has no connection.")

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._connected_once: set[str] = set()
        self._away_since: dict[str, float] = {}
        self._unconnected_since: dict[str, float] = {}  # handed to a page request, no page yet

    def notify_connect(self, kernel_id):
        super().notify_connect(kernel_id)
        self._connected_once.add(kernel_id)
        self._unconnected_since.pop(kernel_id, None)
        if self._away_since.pop(kernel_id, None) is not None:
            mark_away(self.away_dir, kernel_id, False)

    def notify_disconnect(self, kernel_id):
        super().notify_disconnect(kernel_id)
        if kernel_id in self._connected_once and self._kernel_connections.get(kernel_id, 0) <= 0:
            self._away_since[kernel_id] = time.monotonic()
            mark_away(self.away_dir, kernel_id, True)

    def page_closed_for(self, kernel_id: str) -> float:
        """Seconds since the page of this kernel lost its last connection (0 while connected)."""
        since = self._away_since.get(kernel_id)
        return 0.0 if since is None else time.monotonic() - since

    async def cull_kernel_if_idle(self, kernel_id):
        # Offered here only once a page request took it from the pool (Voila keeps pooled ones
        # back), so the first round that sees it unconnected starts its clock.
        if kernel_id not in self._connected_once:
            since = self._unconnected_since.setdefault(kernel_id, time.monotonic())
            if time.monotonic() - since >= self.closed_page_seconds:
                self.log.info("Stopping kernel %s: no page connected to it.", kernel_id)
                await ensure_async(self.shutdown_kernel(kernel_id))
                return
        away = self.page_closed_for(kernel_id)
        if away >= self.closed_page_seconds:
            self.log.info("Stopping kernel %s: its page was closed %.0f s ago.", kernel_id, away)
            await ensure_async(self.shutdown_kernel(kernel_id))
            return
        await ensure_async(super().cull_kernel_if_idle(kernel_id))

    async def shutdown_kernel(self, kernel_id, now=False, restart=False):
        self._connected_once.discard(kernel_id)
        self._away_since.pop(kernel_id, None)
        self._unconnected_since.pop(kernel_id, None)
        mark_away(self.away_dir, kernel_id, False)
        return await ensure_async(super().shutdown_kernel(kernel_id, now=now, restart=restart))
