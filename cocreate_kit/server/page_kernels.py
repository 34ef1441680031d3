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
Every kernel starts lean (:mod:`cocreate_kit.server.lean_kernels`).

Refills preheat one kernel at a time. Voila starts a refill for every page taken from the pool,
all of them when ``fill_delay`` has passed: after a room of 20 opened the link, 20 kernels
started together, just when those 20 people pressed Join, and this server's single event loop
spent seconds rendering their pages instead of passing the workspaces on (measured on 2 cores:
one page in twenty waited 5-14 s for its workspace; with no refill, none over 3 s). One refill
at a time is one more process among the room's kernels, and the next starts when the previous
one is warm. The first fill, before anyone connected, still starts the whole pool at once, and
the board's, the presenter view's and the join screen's one-kernel pools refill at once (a
facilitator reloading the board never waits behind the room).

Once every workshop the server was started for has ended its session (the board's "End the
session"), nobody can join any more: the preheated participant pages are stopped, and they are
preheated again when a session is reopened (looked up in the store on each cull round).

Runs in the Voila process only (``VoilaConfiguration.multi_kernel_manager_class``).
"""

from __future__ import annotations

import asyncio
import logging
import os
import time
from typing import Any, cast

from jupyter_core.utils import ensure_async
from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from traitlets import Float, Unicode

from ..settings import default
from .lean_kernels import lean_kernel_env
from .page_presence import mark_away
from .warmth import ROOM_POOL_ENV, WARM_DIR_ENV, is_warm

__all__ = ["ROOM_NOTEBOOK", "SERVED_ENV", "PageKernelManager"]

SERVED_ENV = "COCREATE_SERVED_WORKSHOPS"  # the ids `cocreate serve` printed links for, comma-separated
ROOM_NOTEBOOK = "participant.ipynb"  # the pool sized for the room
REFILL_WARM_WAIT = 60.0  # the longest a refill holds the next one back (a kernel that never warms)


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
        self._room_closed = False
        self._room_size: int | None = None
        self._refill_turn: asyncio.Lock | None = None  # made on the server's loop, when first needed
        self._warming: set[asyncio.Task] = set()  # the refills' "release when warm" watchers
        self._stopping = False

    async def start_kernel(self, *args, **kwargs):
        # Every kernel of this server, pooled or not: optimized, bytecode cached (lean_kernels.py).
        env = kwargs["env"] = lean_kernel_env(kwargs.get("env") or os.environ)
        if env.get(ROOM_POOL_ENV) != "1" or env.get("VOILA_PREHEAT") != "True" or not self._connected_once:
            return await super().start_kernel(*args, **kwargs)  # not the room's pool, or its first fill
        # A refill of the room: wait for the one before to be warm, and hold the next back until this one is.
        turn = self._refill_turn = self._refill_turn or asyncio.Lock()
        await turn.acquire()
        try:
            if self._stopping:  # refills still queued when the server stops start nothing
                raise RuntimeError("The server is stopping: no more kernels are started.")
            kernel_id = await super().start_kernel(*args, **kwargs)
        except BaseException:
            turn.release()
            raise
        watcher = asyncio.create_task(self._release_when_warm(turn, kernel_id))
        self._warming.add(watcher)
        watcher.add_done_callback(self._warming.discard)
        return kernel_id

    async def shutdown_all(self, *args, **kwargs):
        # Voila then awaits its pool's refills one by one: queued ones must not start kernels.
        self._stopping = True
        return await ensure_async(super().shutdown_all(*args, **kwargs))

    async def _release_when_warm(self, turn: asyncio.Lock, kernel_id: str) -> None:
        """Let the next refill start once ``kernel_id`` waits warm for a person (or has stopped,
        or REFILL_WARM_WAIT has passed). Outside `cocreate serve` no kernel says when it is warm:
        the refills are only started one after another."""
        folder = os.environ.get(WARM_DIR_ENV)
        deadline = time.monotonic() + REFILL_WARM_WAIT
        try:
            while folder and kernel_id in self and time.monotonic() < deadline:
                if is_warm(folder, kernel_id):
                    break
                await asyncio.sleep(0.2)
        finally:
            turn.release()

    async def cull_kernels(self):
        await self._follow_the_sessions()
        return await ensure_async(super().cull_kernels())

    async def _follow_the_sessions(self) -> None:
        served = [i for i in os.environ.get(SERVED_ENV, "").split(",") if i]
        pools = getattr(self, "kernel_pools_config", None)  # Voila's pooled manager only
        if not served or pools is None:
            return
        try:
            ended = await asyncio.get_running_loop().run_in_executor(None, self._all_ended, served)
        except Exception:  # a store that does not answer now: look again next round
            self.log.warning("Could not read whether the sessions have ended", exc_info=True)
            return
        if ended == self._room_closed:
            return
        self._room_closed = ended
        room = dict(pools.get(ROOM_NOTEBOOK, {}))
        if ended:
            self._room_size = room.get("pool_size", 1)
            self.kernel_pools_config = {**pools, ROOM_NOTEBOOK: {**room, "pool_size": 0}}
            waiting = [t for t in getattr(self, "_pools", {}).get(ROOM_NOTEBOOK, []) if t.done()]
            for task in waiting:
                await ensure_async(self.shutdown_kernel(task.result()["kernel_id"]))
            logging.getLogger("cocreate").warning(
                "Every session on this server has ended: %d preheated participant pages stopped "
                "(reopening a session preheats them again).",
                len(waiting),
            )
        else:
            self.kernel_pools_config = {**pools, ROOM_NOTEBOOK: {**room, "pool_size": self._room_size or 1}}
            cast(Any, self).fill_if_needed(delay=0, notebook_name=ROOM_NOTEBOOK)  # Voila's pool
            logging.getLogger("cocreate").warning("A session was reopened: the room is preheating again.")

    def _all_ended(self, workshop_ids: list[str]) -> bool:
        """Have all these sessions ended? (The server's one store, not an engine every round.)"""
        from .server_store import server_store  # the store at the first round that needs it

        store = server_store()
        return all(store.ended(workshop_id) for workshop_id in workshop_ids)

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
