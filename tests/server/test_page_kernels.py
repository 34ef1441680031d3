"""The kit's kernel manager refills the room's pool one kernel at a time: a refill starts only
once the one before it waits warm for a person (or has stopped), so a room's worth of refills
never lands on the server at once; the first fill, before anyone connected, starts together,
and the board's pool never waits behind the room's."""

from __future__ import annotations

import asyncio
import os

from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager

from cocreate_kit.server.page_kernels import PageKernelManager
from cocreate_kit.server.warmth import ROOM_POOL_ENV, WARM_DIR_ENV
from tests.loops import run_on_own_loop

PREHEAT = {**os.environ, "VOILA_PREHEAT": "True", ROOM_POOL_ENV: "1"}  # the room's pool
BOARD = {**os.environ, "VOILA_PREHEAT": "True"}  # a one-kernel pool (board, presenter, join screen)


class StartsRecorded(AsyncMappingKernelManager):
    """Below the kit's manager (in the method order): notes each kernel start as it happens."""

    events: list[str]

    async def start_kernel(self, *args, **kwargs):
        self.events.append("kernel started")
        return await super().start_kernel(*args, **kwargs)


class RecordingManager(PageKernelManager, StartsRecorded):
    pass


def test_a_refill_starts_only_once_the_refill_before_it_is_warm(tmp_path, monkeypatch):
    """After a page connected, two refills asked for together: the second kernel starts only
    after the first one said it was warm (its marker in the warm folder)."""
    monkeypatch.setenv(WARM_DIR_ENV, str(tmp_path))

    async def refill_twice():
        manager = RecordingManager()
        manager.events = []
        manager._connected_once.add("a page that took a kernel")
        first = await manager.start_kernel(kernel_name="python3", env=PREHEAT)
        second = asyncio.create_task(manager.start_kernel(kernel_name="python3", env=PREHEAT))
        try:
            await asyncio.sleep(0)  # the second refill runs up to its turn (or, started at once, starts)
            manager.events.append("first warm")
            (tmp_path / f"participant.{first}").touch()
            await asyncio.wait_for(second, 120)
            return manager.events
        finally:
            await manager.shutdown_all(now=True)

    assert ["kernel started", "first warm", "kernel started"] == run_on_own_loop(refill_twice, 240)


def test_a_refill_that_stops_before_it_is_warm_lets_the_next_one_start(tmp_path, monkeypatch):
    """A refill kernel that stops while preheating (it crashed, or the server shut it down) does
    not hold the pool back: the next refill starts without any marker."""
    monkeypatch.setenv(WARM_DIR_ENV, str(tmp_path))

    async def refill_after_a_stop():
        manager = PageKernelManager()
        manager._connected_once.add("a page that took a kernel")
        first = await manager.start_kernel(kernel_name="python3", env=PREHEAT)
        second_task = asyncio.create_task(manager.start_kernel(kernel_name="python3", env=PREHEAT))
        try:
            await manager.shutdown_kernel(first, now=True)
            second = await asyncio.wait_for(second_task, 120)
            return second in manager and not any(tmp_path.iterdir())
        finally:
            await manager.shutdown_all(now=True)

    assert run_on_own_loop(refill_after_a_stop, 240)


def test_the_first_fill_starts_every_kernel_at_once(tmp_path, monkeypatch):
    """Before any page connected (the server preheating the room), pooled kernels start together:
    both start with no kernel ever saying it is warm."""
    monkeypatch.setenv(WARM_DIR_ENV, str(tmp_path))

    async def fill():
        manager = PageKernelManager()
        try:
            started = await asyncio.wait_for(
                asyncio.gather(*(manager.start_kernel(kernel_name="python3", env=PREHEAT) for _ in range(2))),
                120,
            )
            return len(set(started)), manager._refill_turn
        finally:
            await manager.shutdown_all(now=True)

    assert (2, None) == run_on_own_loop(fill, 240)


def test_the_boards_refill_does_not_wait_behind_the_rooms(tmp_path, monkeypatch):
    """While a room refill holds the turn (not warm yet), the board's pooled kernel starts."""
    monkeypatch.setenv(WARM_DIR_ENV, str(tmp_path))

    async def board_while_the_room_refills():
        manager = PageKernelManager()
        manager._connected_once.add("a page that took a kernel")
        await manager.start_kernel(kernel_name="python3", env=PREHEAT)
        try:
            assert manager._refill_turn is not None and manager._refill_turn.locked()
            board = await asyncio.wait_for(manager.start_kernel(kernel_name="python3", env=BOARD), 120)
            return board in manager and manager._refill_turn.locked()
        finally:
            await manager.shutdown_all(now=True)

    assert run_on_own_loop(board_while_the_room_refills, 240)


def test_refills_still_queued_when_the_server_stops_start_no_kernel(tmp_path, monkeypatch):
    """The server stops while one room refill preheats and another waits for its turn: the
    waiting one ends with an error instead of starting a kernel that nobody will use."""
    monkeypatch.setenv(WARM_DIR_ENV, str(tmp_path))

    async def stop_with_a_refill_queued():
        manager = PageKernelManager()
        manager._connected_once.add("a page that took a kernel")
        await manager.start_kernel(kernel_name="python3", env=PREHEAT)
        queued = asyncio.create_task(manager.start_kernel(kernel_name="python3", env=PREHEAT))
        await asyncio.sleep(0)  # the second refill waits for its turn
        await manager.shutdown_all(now=True)
        outcome = (await asyncio.gather(queued, return_exceptions=True))[0]
        try:
            return type(outcome).__name__, manager.list_kernel_ids()
        finally:
            await manager.shutdown_all(now=True)

    assert ("RuntimeError", []) == run_on_own_loop(stop_with_a_refill_queued, 240)
