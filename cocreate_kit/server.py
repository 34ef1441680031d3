"""Run the Voila server that serves the participant page and the facilitator board.

Voila runs as a child process with the kit's settings; the kernels it starts find the
store through ``COCREATE_DB``. Ctrl-C stops Voila and its kernels.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from urllib.parse import urlencode

from sqlalchemy.engine import make_url

from .models import Workshop
from .paths import apps_dir

# Every participant page is its own kernel. A small preheated pool makes the first page of
# each participant appear fast; culling stops kernels of pages that were closed.
POOL_SIZE = 2
CULL_IDLE_SECONDS = 15 * 60
CULL_INTERVAL_SECONDS = 60
READY_TIMEOUT_SECONDS = 90


def voila_command(host: str, port: int, pool_size: int = POOL_SIZE) -> list[str]:
    return [
        sys.executable,
        "-m",
        "voila",
        str(apps_dir()),
        "--no-browser",
        f"--port={port}",
        f"--Voila.ip={host}",
        "--theme=light",
        "--strip_sources=True",
        "--show_tracebacks=False",
        f"--preheat_kernel={pool_size > 0}",
        f"--pool_size={max(pool_size, 0)}",
        f"--MappingKernelManager.cull_idle_timeout={CULL_IDLE_SECONDS}",
        f"--MappingKernelManager.cull_interval={CULL_INTERVAL_SECONDS}",
        "--MappingKernelManager.cull_connected=False",
    ]


def absolute_db_url(url: str) -> str:
    """Kernels run in the notebooks' folder, so a relative SQLite path is made absolute first."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        if not os.path.isabs(parsed.database):
            return parsed.set(database=os.path.abspath(parsed.database)).render_as_string(hide_password=False)
    return url


def public_host(host: str) -> str:
    if host in ("0.0.0.0", "::", ""):
        try:
            return socket.gethostbyname(socket.gethostname())
        except OSError:
            return "127.0.0.1"
    return host


def base_url(host: str, port: int) -> str:
    return f"http://{public_host(host)}:{port}/voila/render"


def participant_link(base: str, workshop: Workshop) -> str:
    return f"{base}/participant.ipynb?" + urlencode({"workshop": workshop.id, "code": workshop.join_code})


def facilitator_link(base: str, workshop: Workshop, key: str | None) -> str:
    return f"{base}/facilitator.ipynb?" + urlencode({"workshop": workshop.id, "key": key or "KEY"})


def link_lines(base: str, workshops: list[Workshop], keys: dict[str, str]) -> list[str]:
    lines = []
    for workshop in workshops:
        lines.append(f"Workshop: {workshop.title} ({workshop.id})   Join code: {workshop.join_code}")
        lines.append(f"Participants: {participant_link(base, workshop)}")
        lines.append(f"Facilitator: {facilitator_link(base, workshop, keys.get(workshop.id))}")
        if workshop.id not in keys:
            lines.append(
                "  (replace KEY by the facilitator key from `cocreate new`, or serve with --new-key)"
            )
    if not workshops:
        lines.append('No workshops yet: create one with `cocreate new "Title"`.')
    return lines


def wait_until_ready(url: str, process: subprocess.Popen, timeout: float = READY_TIMEOUT_SECONDS) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return False
        try:
            with urllib.request.urlopen(url, timeout=2):
                return True
        except OSError:
            time.sleep(0.3)
    return False


def serve(db_url: str, host: str, port: int, workshops: list[Workshop], keys: dict[str, str]) -> int:
    """Start Voila, print the links once it answers, and run until Ctrl-C. Returns an exit code."""
    env = dict(os.environ, COCREATE_DB=absolute_db_url(db_url), COCREATE_BASE_URL=base_url(host, port))
    signal.signal(signal.SIGTERM, _interrupt)  # `kill` stops the kernels too, like Ctrl-C
    process = subprocess.Popen(voila_command(host, port), env=env, start_new_session=True)
    try:
        if not wait_until_ready(f"http://127.0.0.1:{port}/", process):
            print("The Voila server did not start; see the messages above.", file=sys.stderr, flush=True)
            return 1
        for line in link_lines(base_url(host, port), workshops, keys):
            print(line, flush=True)
        print("Press Ctrl-C to stop.", flush=True)
        return process.wait()
    except KeyboardInterrupt:
        print("\nStopping the server…", flush=True)
        return 0
    finally:
        _stop(process)


def _interrupt(_signum, _frame):
    raise KeyboardInterrupt


def _stop(process: subprocess.Popen) -> None:
    """Stop Voila and every kernel it started (they share its process group)."""
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    except ProcessLookupError:
        pass
