"""A page with no connection: the server marks it away, its kernel pauses, and stops later."""

from __future__ import annotations

import asyncio

from cocreate_kit.apps.ticker import Ticker
from cocreate_kit.server.page_kernels import PageKernelManager
from cocreate_kit.server.page_presence import AWAY_DIR_ENV, page_open
from tests.loops import run_on_own_loop


def test_the_server_marks_a_page_away_when_its_last_connection_closes(tmp_path, monkeypatch):
    """Two tabs on one kernel: closing one keeps the page open; closing both marks it away (the
    kernel reads that), and reconnecting clears it. A never-connected kernel is never away."""
    manager = PageKernelManager(away_dir=str(tmp_path))
    manager._kernel_connections.update({"k1": 0, "pooled": 0})
    monkeypatch.setenv(AWAY_DIR_ENV, str(tmp_path))
    monkeypatch.setenv("VOILA_KERNEL_ID", "k1")

    manager.notify_connect("k1")
    manager.notify_connect("k1")
    manager.notify_disconnect("k1")
    assert page_open() and 0 == manager.page_closed_for("k1")
    manager.notify_disconnect("k1")
    assert not page_open() and manager.page_closed_for("k1") > 0
    manager.notify_connect("k1")
    assert page_open() and 0 == manager.page_closed_for("k1")
    assert 0 == manager.page_closed_for("pooled") and [] == list(tmp_path.iterdir())


def test_outside_cocreate_serve_a_page_is_always_open(monkeypatch):
    """JupyterLab, tests and scripts have no server marks: nothing pauses."""
    monkeypatch.delenv(AWAY_DIR_ENV, raising=False)
    assert page_open()


def test_a_page_that_is_away_does_not_tick_and_catches_up_when_back(tmp_path, monkeypatch):
    """While the away mark is there the ticker skips its ticks (no presence, no redraws); once it
    is gone the next tick runs."""
    monkeypatch.setenv(AWAY_DIR_ENV, str(tmp_path))
    monkeypatch.setenv("VOILA_KERNEL_ID", "k1")
    marker = tmp_path / "k1"
    marker.touch()
    ticks = []

    async def run():
        ticker = Ticker(lambda: ticks.append(1), 0.01, "test")
        assert ticker.start()
        for _ in range(3000):  # until five turns of the loop found the page away
            if ticker.skipped >= 5:
                break
            await asyncio.sleep(0.01)
        away = (ticker.skipped >= 5, len(ticks))
        marker.unlink()
        for _ in range(3000):
            if ticks:
                break
            await asyncio.sleep(0.01)
        ticker.stop()
        return away

    assert (True, 0) == run_on_own_loop(run, 30)
    assert ticks
