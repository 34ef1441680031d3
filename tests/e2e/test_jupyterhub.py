"""The kit as a JupyterHub service: the hub starts `cocreate serve` and its proxy routes
/services/cocreate/ to it; people join through the hub's address with no hub account."""

from __future__ import annotations

import contextlib
import os
import queue
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import psutil
import pytest

from cocreate_kit.store import Store

from ..backends import POSTGRES_URL, _drop_kit_tables
from .conftest import LIVE_WAIT, free_port, screenshot
from .pages import add_note, join, pick_persona

pytestmark = pytest.mark.browser

CONFIG = Path(__file__).resolve().parents[2] / "deploy" / "jupyterhub" / "jupyterhub_config.py"
JUPYTERHUB = Path(sys.executable).parent / "jupyterhub"


def hub_missing() -> str | None:
    if not JUPYTERHUB.exists():
        return "jupyterhub is not installed (pip install 'cocreate-kit[test]')"
    if not shutil.which("configurable-http-proxy"):
        return "configurable-http-proxy is not on the PATH (npm install -g configurable-http-proxy)"
    return None


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    """JupyterHub with the kit's config, on a PostgreSQL store when there is one."""
    missing = hub_missing()
    if missing:
        if os.environ.get("COCREATE_REQUIRE_HUB"):
            raise pytest.UsageError(f"COCREATE_REQUIRE_HUB is set but {missing}")
        pytest.skip(missing)
    folder = tmp_path_factory.mktemp("hub")
    if POSTGRES_URL:
        _drop_kit_tables()
    db = POSTGRES_URL or f"sqlite:///{folder / 'hub-store.db'}"
    created = Store(db).create_workshop("A room behind the hub")
    hub_url = f"http://127.0.0.1:{free_port()}"
    env = dict(
        os.environ,
        COCREATE_DB=db,
        COCREATE_HUB_URL=hub_url,
        COCREATE_SERVICE_PORT=str(free_port()),
        COCREATE_ROOM="2",
        COCREATE_REFILL_AFTER="1",  # tests open pages one after another: refill at once
        PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
    )
    process = subprocess.Popen(
        [
            str(JUPYTERHUB),
            "-f",
            str(CONFIG),
            f"--ConfigurableHTTPProxy.api_url=http://127.0.0.1:{free_port()}",
            f"--JupyterHub.hub_port={free_port()}",
        ],
        cwd=folder,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,  # the hub, its proxy, the service and its kernels stop together
    )
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in process.stdout], daemon=True).start()
    seen, ready, running = [], False, False
    deadline = time.monotonic() + 180
    while not (ready and running) and time.monotonic() < deadline and process.poll() is None:
        try:
            line = lines.get(timeout=1)
        except queue.Empty:
            continue
        seen.append(line)
        ready = ready or line.startswith("Room ready")
        running = running or "JupyterHub is now running" in line
    try:
        assert ready and running, "".join(seen[-40:])
        yield hub_url, created
    finally:
        # The hub first, as a hub operator stops it: it stops its proxy and the service itself.
        # Signalling the whole group at once killed the proxy under the hub, whose shutdown
        # then waited on the dead proxy's API for half a minute.
        # It may still wait on its service's shutdown; after 10 s what is left is killed. The
        # hub starts its service in a session of its own, so the group kill misses it: every
        # process the hub started is stopped by name (a leftover server outlived a CI run).
        started = _descendants(process.pid)
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            pass
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)  # whatever the hub left behind
        process.wait()
        for leftover in started:
            with contextlib.suppress(psutil.Error):
                leftover.terminate()  # cocreate serve stops its Voila and kernels on SIGTERM
        _gone, alive = psutil.wait_procs(started, timeout=15)
        for leftover in alive:
            with contextlib.suppress(psutil.Error):
                leftover.kill()
        if POSTGRES_URL:
            _drop_kit_tables()


def test_participants_join_through_the_hub_and_the_board_sees_them(hub, new_page):
    """Through the hub's proxy: a participant joins by code (no hub account) and adds a note,
    and the facilitator board, opened through the same proxy, shows it; the address bar holds the
    person's personal link, through the hub too."""
    hub_url, created = hub
    base = f"{hub_url}/services/cocreate/voila/render"
    page = new_page(width=390, height=844)
    join(page, f"{base}/participant.ipynb?workshop={created.workshop.id}&code={created.join_code}", "Sam")
    page.wait_for_url(re.compile(r"/services/cocreate/voila/render/participant\.ipynb\?.*token="))
    pick_persona(page)
    add_note(page, "Says", "Sent through the hub")
    board = new_page(width=1280, height=900)
    board.goto(f"{base}/facilitator.ipynb?workshop={created.workshop.id}&key={created.facilitator_key}")
    board.locator(".cck-board").get_by_text("Sent through the hub").wait_for(timeout=LIVE_WAIT)
    screenshot(board, "hub-board")


def test_a_facilitator_logged_in_to_the_hub_opens_the_board_without_a_key(hub, new_page):
    """The board link without a key sends a visitor to the hub's login; once logged in, the hub
    lists the kit under Services and the board opens with no key in the address."""
    hub_url, created = hub
    board_link = f"{hub_url}/services/cocreate/voila/render/facilitator.ipynb?workshop={created.workshop.id}"
    page = new_page(width=1280, height=900)
    page.goto(board_link)
    page.wait_for_url("**/hub/login**")
    page.locator("input[name=username]").fill("facilitator")
    page.locator("input[name=password]").fill("any")
    page.locator("input[type=submit], button[type=submit]").first.click()
    page.locator(".cck-controls").wait_for(timeout=LIVE_WAIT)  # back on the board, logged in
    assert "key=" not in page.url
    page.goto(f"{hub_url}/hub/home")
    link = page.locator("a[href*='/services/cocreate']")
    link.first.wait_for(state="attached")
    assert link.count() >= 1


def test_a_forged_hub_user_header_opens_nothing(hub, new_page):
    """A browser that sends the hub-user header itself (no hub login) gets no board."""
    hub_url, created = hub
    page = new_page(width=1280, height=900)
    page.set_extra_http_headers({"X-Cocreate-Hub-User": "facilitator"})
    page.goto(
        f"{hub_url}/services/cocreate/voila/render/facilitator.ipynb?workshop={created.workshop.id}&key=x"
    )
    page.get_by_text("This board needs the facilitator's link").wait_for(timeout=LIVE_WAIT)


def _descendants(pid: int) -> list:
    with contextlib.suppress(psutil.Error):
        return psutil.Process(pid).children(recursive=True)
    return []
