"""The server's kernels do not outlive it, however it ends."""

from __future__ import annotations

import contextlib
import ctypes
import os
import re
import signal
import time

import psutil
import pytest

from cocreate_kit.store import Store

from .conftest import free_port, screenshot, start_cocreate, stop_cocreate
from .pages import eventually, join

PR_SET_CHILD_SUBREAPER = 36


@contextlib.contextmanager
def subreaper():
    """Make this process adopt orphans, as a container's init or a desktop session does. That is
    where orphaned kernels used to survive: ipykernel's own watchdog waits for a parent of PID 1."""
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0:
        pytest.skip("this system cannot make a process a subreaper (Linux only)")
    try:
        yield
    finally:
        libc.prctl(PR_SET_CHILD_SUBREAPER, 0, 0, 0, 0)


def test_kernels_stop_when_the_server_is_killed_dash_nine(tmp_path):
    """`kill -9` on the server (no chance to clean up) leaves no page kernel running for long:
    each one notices its server is gone and stops (before, up to 10 stayed, holding memory)."""
    with subreaper():
        _kill_the_server_and_watch_its_kernels(tmp_path)


def _kill_the_server_and_watch_its_kernels(tmp_path):
    url = f"sqlite:///{tmp_path / 'k.db'}"
    created = Store(url).create_workshop("Crash")
    server = start_cocreate(
        ["--db", url, "serve", "--port", str(free_port()), "--workshop", created.workshop.id, "--room", "1"],
        cwd=tmp_path,
        until="Press Ctrl-C",  # Voila answers; its kernels are still starting
    )
    cli = psutil.Process(server.process.pid)

    # Kill as soon as the four preheated kernels (participant, board, presenter, join screen) are
    # started, not when they are warm: a kernel that has not run any page code yet must stop too
    # (each kernel starts its lifeline at startup, from the run's IPython profile).
    def started_kernels():
        return [p for p in cli.children(recursive=True) if "ipykernel" in " ".join(p.cmdline())]

    assert eventually(lambda: len(started_kernels()) >= 4, 60)
    everything = cli.children(recursive=True)
    kernels = [p for p in everything if "ipykernel" in " ".join(p.cmdline())]
    try:
        assert len(kernels) >= 4
        for process in [cli, *everything]:
            if process not in kernels:
                os.kill(process.pid, signal.SIGKILL)
        assert eventually(lambda: not any(k.is_running() and k.status() != "zombie" for k in kernels), 30)
    finally:
        for kernel in kernels:
            if kernel.is_running() and kernel.status() != "zombie":
                kernel.kill()
            with contextlib.suppress(ChildProcessError):
                os.waitpid(kernel.pid, os.WNOHANG)  # adopted: reap them
        server.process.wait()


@pytest.mark.parametrize("how", ["kill -9", "terminal closed"])
def test_voila_and_its_kernels_end_with_the_cocreate_process(tmp_path, how):
    """Killing only `cocreate serve` with -9, or closing its terminal (SIGHUP), leaves neither
    Voila nor a kernel running for long (before, 8 of 9 processes were still alive), and the
    port is free for the next server."""
    from cocreate_kit.server.port import port_holder

    with subreaper():
        url = f"sqlite:///{tmp_path / 'k.db'}"
        created = Store(url).create_workshop("Gone")
        port = free_port()
        server = start_cocreate(
            ["--db", url, "serve", "--port", str(port), "--workshop", created.workshop.id, "--room", "1"],
            cwd=tmp_path,
        )
        cli = psutil.Process(server.process.pid)
        children = cli.children(recursive=True)
        assert any("voila" in " ".join(p.cmdline()) for p in children)
        try:
            os.kill(cli.pid, signal.SIGKILL if how == "kill -9" else signal.SIGHUP)
            server.process.wait(timeout=60)

            def all_gone():
                for child in children:
                    with contextlib.suppress(ChildProcessError):
                        os.waitpid(child.pid, os.WNOHANG)  # adopted by this test: reap them
                return not any(c.is_running() and c.status() != "zombie" for c in children)

            assert eventually(all_gone, 60), [c.cmdline()[:3] for c in children if c.is_running()]
            # Free for the next server: at once, or once the kernel has closed what is left of
            # the killed server's connections (a loaded CI run once saw the port held a moment
            # after every process had ended, by no process that psutil could name).
            assert eventually(lambda: port_holder("127.0.0.1", port) is None, 60), (
                port_holder("127.0.0.1", port),
                _sockets_on(port),
                [c.cmdline()[:3] for c in psutil.Process().children(recursive=True)],
            )
        finally:
            for child in children:
                with contextlib.suppress(psutil.Error):
                    child.kill()


def _sockets_on(port: int) -> list[tuple]:
    """Every TCP socket on ``port`` that the system lists, for the message when the port stays
    taken (a socket only bound, not listening or connected, is not listed anywhere)."""
    return [
        (c.status, c.pid, c.laddr, c.raddr)
        for c in psutil.net_connections("tcp")
        if c.laddr and c.laddr.port == port
    ]


# The server looks for closed pages every second instead of every 15 (a setting, through the
# environment as an operator would set it): the tests wait for the kernel, not for the check.
QUICK_CHECKS = {**os.environ, "COCREATE_IDLE_CHECK_EVERY": "1"}


def test_a_page_away_too_long_stops_its_kernel_and_says_reload_when_back(tmp_path, new_page):
    """A phone that loses its connection (locked, out of the Wi-Fi) is no longer reported present
    (so "present now" drops it) and its kernel stops after --closed-after; when the phone is back,
    the page says it stopped, and its reload button brings the person back as themselves (the
    address bar holds their personal link after joining), not to a second join."""
    url = f"sqlite:///{tmp_path / 'away.db'}"
    created = Store(url).create_workshop("Away")
    workshop_id = created.workshop.id
    server = start_cocreate(
        ["--db", url, "serve", "--port", str(free_port()), "--workshop", workshop_id]
        # The reload takes a new kernel: refill the pool at once, not after the room's burst.
        + ["--room", "1", "--closed-after", "5", "--refill-after", "1"],
        cwd=tmp_path,
        env=QUICK_CHECKS,
    )
    store = Store(url)
    away = {"now": False}
    open_sockets = []

    def kernel_socket(route):
        if away["now"]:
            route.close()  # no network: every reconnect attempt fails
            return
        open_sockets.append((route, route.connect_to_server()))

    try:
        page = new_page(390, 800)
        page.route_web_socket(re.compile(r"/api/kernels/[^/?]+/channels"), kernel_socket)
        join(page, server.link("Participants"), "Ada")
        page.wait_for_url(re.compile(r"token="))
        ada = store.participants(workshop_id)[0]
        assert eventually(lambda: ada.id in store.present(workshop_id), 30)
        kernel_id = page.evaluate(
            "JSON.parse(document.getElementById('jupyter-config-data').textContent).kernelId"
        )
        assert _kernel_running(kernel_id)

        away["now"] = True
        for page_side, server_side in open_sockets:
            server_side.close()
            page_side.close()
        gone_at = time.monotonic()
        assert eventually(lambda: not _kernel_running(kernel_id), 90)
        # Not "present now" on the board: nothing said "still here" for this phone since a moment
        # after it went (a tick already under way may land); the board's window does the rest.
        since_then = time.monotonic() - gone_at - 2
        assert since_then > 0, "the kernel stopped before the first tick could have shown otherwise"
        assert ada.id not in store.present(workshop_id, within_seconds=since_then)

        away["now"] = False  # the phone is back
        page.get_by_role("alert").filter(has_text="This page stopped").wait_for()
        screenshot(page, "phone-page-stopped")
        page.get_by_role("button", name="Reload the page").click()
        page.locator(".cck-greeting").filter(has_text="Welcome, Ada").wait_for()
        assert [ada.id] == [p.id for p in store.participants(workshop_id)]
    finally:
        assert 0 == stop_cocreate(server)


def _kernel_running(kernel_id: str) -> bool:
    for process in psutil.process_iter(["cmdline"]):
        if kernel_id in " ".join(process.info["cmdline"] or []) and process.status() != "zombie":
            return True
    return False


def test_a_page_request_that_never_connects_gives_its_kernel_back(tmp_path):
    """A page fetched but never opened in a browser (a link preview, a script) takes a kernel
    from the pool; with no page connecting within --closed-after that kernel stops (before, it
    was held for the idle cull's 15 minutes)."""
    import urllib.request

    url = f"sqlite:///{tmp_path / 'preview.db'}"
    created = Store(url).create_workshop("Preview")
    server = start_cocreate(
        ["--db", url, "serve", "--port", str(free_port()), "--workshop", created.workshop.id]
        + ["--room", "1", "--closed-after", "5", "--refill-after", "0"],
        cwd=tmp_path,
        env=QUICK_CHECKS,
    )
    try:
        cli = psutil.Process(server.process.pid)

        def kernels() -> set[int]:
            running = set()
            for process in cli.children(recursive=True):
                with contextlib.suppress(psutil.Error):  # one that just ended (a zombie) is not running
                    if process.status() != "zombie" and "ipykernel" in " ".join(process.cmdline()):
                        running.add(process.pid)
            return running

        pooled = kernels()
        with urllib.request.urlopen(server.link("Participants"), timeout=120) as response:
            assert 200 == response.status
            response.read()  # the whole page, as a link preview reads it; no websocket
        # The request took a pooled kernel and the pool refills at once (--refill-after 0): a new
        # kernel appears; then the one taken, never connected, stops and none other does.
        assert eventually(lambda: kernels() - pooled, 60)
        assert eventually(lambda: len(pooled - kernels()) == 1, 90), (pooled, kernels())
        assert len(kernels()) == len(pooled)
    finally:
        stop_cocreate(server)


def test_ending_every_session_stops_the_rooms_preheated_pages_and_reopening_refills_them(tmp_path):
    """When the one workshop a server serves ends its session, nobody can join: the room's
    preheated participant kernels stop (the terminal says so); reopening it preheats them again."""
    from cocreate_kit.live.facilitation import WorkshopControl

    url = f"sqlite:///{tmp_path / 'end.db'}"
    created = Store(url).create_workshop("Ending")
    server = start_cocreate(
        ["--db", url, "serve", "--port", str(free_port()), "--workshop", created.workshop.id]
        + ["--room", "2"],
        cwd=tmp_path,
        env=QUICK_CHECKS,
    )
    try:
        cli = psutil.Process(server.process.pid)

        def kernels() -> int:
            found = 0
            for process in cli.children(recursive=True):
                with contextlib.suppress(psutil.Error):
                    if process.status() != "zombie" and "ipykernel" in " ".join(process.cmdline()):
                        found += 1
            return found

        warm = kernels()  # the room's 2, the board's, the presenter's and the join screen's
        control = WorkshopControl(Store(url), created.workshop.id)
        control.end_session()
        assert eventually(lambda: kernels() == warm - 2, 60), (warm, kernels())
        assert eventually(lambda: "preheated participant pages stopped" in server.output(), 30)
        control.reopen_session()
        assert eventually(lambda: kernels() == warm, 90), (warm, kernels())
    finally:
        assert 0 == stop_cocreate(server)
