"""Real-browser fixtures: the real `cocreate` server on a free port and Debian's chromium.

Browser tests skip (with the reason) only where no chromium exists; CI sets
COCREATE_REQUIRE_BROWSER=1, which turns that skip into a failure.
"""

from __future__ import annotations

import os
import queue
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from cocreate_kit.models import Workshop
from cocreate_kit.server.voila import facilitator_link, participant_link, presenter_link
from cocreate_kit.store import Store

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
START_TIMEOUT = 120
# How long a browser test waits for a live update (a 1 s tick) before it fails: generous, so that
# tests hold on a busy machine; how fast updates really are is measured by `make bench-room`.
LIVE_WAIT = 15_000
TEST_ROOM = 6  # preheated participant pages per test server: enough for a test's participants


def pytest_collection_modifyitems(config, items):
    if CHROMIUM:
        return
    if os.environ.get("COCREATE_REQUIRE_BROWSER"):
        raise pytest.UsageError("COCREATE_REQUIRE_BROWSER is set but no chromium is on the PATH")
    skip = pytest.mark.skip(reason="no chromium on the PATH (apt-get install -y chromium)")
    for item in items:
        if "e2e" in str(item.fspath):
            item.add_marker(skip)


def _ephemeral_ports() -> range:
    try:
        low, high = Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split()
        return range(int(low), int(high) + 1)
    except (OSError, ValueError):
        return range(32768, 61000)  # Linux's default


def free_port() -> int:
    """A port a test server can listen on, outside the system's ephemeral range.

    A port the system handed out (bind to port 0) is one it may also hand to any outgoing
    connection on the machine once the test server is gone: a loaded CI run saw a killed server's
    port held by another program's connection, so "the port is free again" failed for a reason
    that had nothing to do with the kit. Ports below the ephemeral range are only ever taken on
    purpose."""
    ephemeral = _ephemeral_ports()
    candidates = [p for p in range(20000, 32768) if p not in ephemeral]
    for port in random.sample(candidates, 50):
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))  # no SO_REUSEADDR: a lingering socket counts
            except OSError:
                continue
            return port
    raise RuntimeError("no free port below the ephemeral range")


LINK_LINE = r"^(Participants|Facilitator|Presenter|Workshop|Press Ctrl-C|Room ready)"


@dataclass
class RunningServer:
    process: subprocess.Popen
    lines: list[str] = field(default_factory=list)  # the lines the tests read links from
    pending: queue.Queue | None = None  # everything else the server prints, as it comes
    printed: list[str] = field(default_factory=list)

    def output(self) -> str:
        """Everything the server (Voila and its kernels included) has printed so far."""
        while self.pending is not None and not self.pending.empty():
            self.printed.append(self.pending.get_nowait())
        return "".join(self.printed)

    def link(self, label: str) -> str:
        for line in self.lines:
            if line.startswith(f"{label}: "):
                return line.split(": ", 1)[1].strip()
        raise AssertionError(f"no {label!r} line in {self.lines}")


def start_cocreate(
    args: list[str],
    cwd: Path,
    until: str = "Room ready",
    command: list[str] | None = None,
    env: dict[str, str] | None = None,
    stdin=None,
) -> RunningServer:
    """Run `cocreate ARGS` and wait until it printed a line starting with ``until`` (by default
    the room is warm: every preheated participant page waits for a person). ``command`` runs
    another installation's `cocreate` (default: this checkout's)."""
    process = subprocess.Popen(
        [*(command or [sys.executable, "-m", "cocreate_kit.cli"]), *args],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
        stdin=stdin,
    )
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in process.stdout], daemon=True).start()
    server = RunningServer(process, pending=lines)
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        try:
            line = lines.get(timeout=1).rstrip("\n")
        except queue.Empty:
            if process.poll() is not None:
                break
            continue
        server.printed.append(line + "\n")
        if re.match(LINK_LINE, line):
            server.lines.append(line)
        if line.startswith(until):
            return server
    stop_cocreate(server)
    raise AssertionError(f"cocreate did not start: {server.lines}")


def run_folder(server: RunningServer) -> str:
    """The folder `cocreate serve` made for this run (Voila's config, warm, away and join marks)."""
    import psutil

    cli = psutil.Process(server.process.pid)
    voila = next(p for p in cli.children() if "voila" in " ".join(p.cmdline()))
    return next(a.split("=", 1)[1] for a in voila.cmdline() if a.startswith("--Voila.config_file_paths="))


def stop_cocreate(server: RunningServer) -> int:
    if server.process.poll() is None:
        server.process.send_signal(signal.SIGTERM)
        try:
            server.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.process.kill()
    return server.process.wait()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def new_page(browser):
    """Open a page in its own browser context (its own cookies: one person each); records dialogs."""
    contexts = []

    def open_page(width=1280, height=900):
        context = browser.new_context(viewport={"width": width, "height": height})
        contexts.append(context)
        page = context.new_page()
        page.dialogs = []
        page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
        page.set_default_timeout(60_000)
        return page

    yield open_page
    for context in contexts:
        context.close()


def screenshot(page, name: str) -> None:
    """Save a screenshot when COCREATE_SCREENSHOTS names a folder (for people to look at)."""
    folder = os.environ.get("COCREATE_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


@pytest.fixture(scope="session")
def live_server(tmp_path_factory):
    """One `cocreate serve --new-key` for every browser test module that only needs a workshop of
    its own: starting a server and preheating its room took 10-20 s per module."""
    folder = tmp_path_factory.mktemp("live")
    url = f"sqlite:///{folder / 'live.db'}"
    created = Store(url).create_workshop("Main street goes online")
    server = start_cocreate(
        ["--db", url, "serve", "--port", str(free_port()), "--workshop", created.workshop.id, "--new-key"]
        # Tests join one by one, never in a burst: refill the pool at once. --verbose: every log
        # line, for the no-secrets test.
        + ["--room", str(TEST_ROOM), "--refill-after", "1", "--verbose"]
        # As behind a hub's proxy: a test may say which address a page comes from.
        + ["--trusted-proxy", "127.0.0.1"],
        cwd=folder,
    )
    yield server, url
    assert 0 == stop_cocreate(server)


@dataclass
class ServedWorkshop:
    """A test module's own workshop on the shared server: its links, and the server's output."""

    server: RunningServer
    workshop: Workshop
    key: str

    @property
    def process(self) -> subprocess.Popen:
        return self.server.process

    def output(self) -> str:
        return self.server.output()

    def link(self, label: str) -> str:
        base = self.server.link("Participants").split("/participant.ipynb")[0]
        if label == "Participants":
            return participant_link(base, self.workshop)
        make = {"Facilitator": facilitator_link, "Presenter": presenter_link}[label]
        return make(base, self.workshop, self.key)


@pytest.fixture(scope="module")
def live(live_server):
    """A fresh workshop of this test module's own on the shared server: what one module steers
    (locks, timers, focus, an ended session) never reaches another's."""
    server, url = live_server
    store = Store(url)
    created = store.create_workshop("Main street goes online")
    yield ServedWorkshop(server, created.workshop, created.facilitator_key), store, created
