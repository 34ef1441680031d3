"""Run the Voila server that serves the participant page and the facilitator board.

Voila runs as a child process with the kit's settings; the kernels it starts find the
store through ``COCREATE_DB``. Ctrl-C stops Voila and its kernels.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Sequence
from urllib.parse import urlencode

from ..content import compiled as compiled_content
from ..content.plan import PlanError, compile_content
from ..content.resources import apps_dir
from ..models import Workshop
from ..settings import CocreateSettings, current_settings, default
from ..store.engine import absolute_db_url
from .hub_login import HUB_USER_HEADER
from .join_throttle import CLIENT_HEADER, JOINS_DIR_ENV
from .network import link_host
from .offline_template import TEMPLATE_NAME, write_offline_template
from .page_presence import AWAY_DIR_ENV
from .port import port_holder, port_taken_message
from .report_files import REPORTS_DIR_ENV
from .voila_lifeline import LAUNCHER_ENV
from .warmth import ROOM_POOL_ENV, WARM_DIR_ENV, count_warm

__all__ = [
    "KERNEL_MB",
    "KERNEL_STARTUP",
    "VOILA_PY_CONFIG",
    "base_url",
    "facilitator_link",
    "link_lines",
    "network_lines",
    "participant_link",
    "presenter_link",
    "programme_lines",
    "ready_line",
    "room_lines",
    "serve",
    "tree_memory",
    "url_prefix",
    "voila_command",
    "voila_config",
    "wait_until_ready",
    "wait_while_warming",
    "write_kernel_profile",
    "write_voila_config",
]

# Every participant page is its own kernel. Voila keeps a pool of preheated kernels per
# notebook, each already past its imports and waiting for a page request; a whole room
# scanning the QR code in the same minute is served from that pool. The pool is sized for the
# room (participant page) and kept at one for the board and the join screen. Refills wait
# (the refill_after setting): refilling at once would start a kernel per arrival in the middle
# of the burst, competing for the same cores as the people joining (measured: 26 s median
# instead of 0.2 s); a latecomer after the burst waits about that long plus a kernel start.
# Then they preheat one at a time (page_kernels.py): twenty at once, landing on the Join
# presses, held one page in twenty 5-14 s before its workspace appeared.
# A page closed (or a phone locked) for closed_after seconds loses its kernel (checked every
# idle_check_every, see page_kernels.py). The settings live in cocreate_kit/settings.py.
# Lab extensions a page loads and never uses: code highlighting (no page shows code). JupyterLab's
# widget manager looks like a second copy beside Voila's widgets-manager8, but it brings the widget
# views: denied, no form appears (tried).
UNUSED_EXTENSIONS = ("jupyterlab_pygments",)
KERNEL_MB = 65  # resident memory of one joined participant kernel, measured (make bench-room: 64-65 MB)


def voila_config(
    room: int = default("room"),
    away_dir: str = "",
    closed_after: float = default("closed_after"),
    refill_after: float = default("refill_after"),
    trusted_proxies: tuple[str, ...] = (),
) -> dict:
    """Voila's settings for a room of ``room`` participants (written to the voila.json it reads)."""
    return {
        "ClientAddressIdentityProvider": {"trusted_proxies": list(trusted_proxies)},
        "VoilaConfiguration": {
            "multi_kernel_manager_class": "cocreate_kit.server.page_kernels.PageKernelManager",
            # The page's client address (join throttle) and, under JupyterHub, its hub user.
            "http_header_envs": [CLIENT_HEADER, HUB_USER_HEADER],
            "extension_denylist": list(UNUSED_EXTENSIONS),
        },
        "Voila": {
            "identity_provider_class": "cocreate_kit.server.client_address.ClientAddressIdentityProvider"
        },
        "PageKernelManager": {"away_dir": away_dir, "closed_page_seconds": closed_after},
        "VoilaKernelManager": {
            "kernel_pools_config": {
                "default": {"pool_size": 1},
                # The room's kernels say so: its refills take turns (page_kernels.py).
                "participant.ipynb": {
                    "pool_size": max(room, 1),
                    "kernel_env_variables": {ROOM_POOL_ENV: "1"},
                },
            },
            "fill_delay": refill_after,
        },
        # Unix sockets between server and kernels: many kernels starting at once cannot race
        # for the same TCP port (a known jupyter_client race that left one page with an error).
        "KernelManager": {"transport": "ipc"},
    }


def url_prefix(path: str | None) -> str:
    """A server path prefix as Voila wants it: "/" or "/services/cocreate/"."""
    parts = [p for p in (path or "").split("/") if p]
    return "/" + "".join(f"{p}/" for p in parts)


def voila_command(
    host: str, port: int, config_dir: str | None = None, verbose: bool = False, prefix: str = "/"
) -> list[str]:
    settings = current_settings()
    command = [
        sys.executable,
        "-m",
        "cocreate_kit.server.voila_app",  # Voila, serving compressed (see voila_app.py)
        str(apps_dir()),
        "--no-browser",
        f"--port={port}",
        "--Voila.port_retries=0",  # a taken port is an error (see port.py), never another port
        f"--Voila.ip={host}",
        "--theme=light",
        f"--template={TEMPLATE_NAME}",
        "--strip_sources=True",
        "--show_tracebacks=False",
        "--preheat_kernel=True",
        f"--MappingKernelManager.cull_idle_timeout={round(settings.idle_kernel_after)}",
        f"--MappingKernelManager.cull_interval={round(settings.idle_check_every)}",
        "--MappingKernelManager.cull_connected=False",
        # Quiet unless asked: Voila's per-page lines and its "not trusted" warnings would scroll
        # the kit's links away. Errors still show, and so does the kit's own operator log.
        f"--Voila.log_level={'INFO' if verbose else 'ERROR'}",
    ]
    if config_dir is not None:
        command.append(f"--Voila.config_file_paths={config_dir}")
    if prefix != "/":  # behind a proxy that forwards the path as it is (JupyterHub services)
        command.append(f"--Voila.base_url={prefix}")
    return command


def write_voila_config(
    room: int,
    closed_after: float = default("closed_after"),
    refill_after: float = default("refill_after"),
    trusted_proxies: tuple[str, ...] = (),
) -> str:
    """A folder holding the voila.json and voila.py for this run (the kit's settings, nobody else's),
    and the folders where kernels say they are warm and where the server says a page is away."""
    folder = tempfile.mkdtemp(prefix="cocreate-voila-")
    for name in ("warm", "away", "joins", "reports"):
        os.mkdir(os.path.join(folder, name))
    write_kernel_profile(folder)
    settings = voila_config(room, os.path.join(folder, "away"), closed_after, refill_after, trusted_proxies)
    with open(os.path.join(folder, "voila.json"), "w", encoding="utf-8") as handle:
        json.dump(settings, handle, indent=2)
    with open(os.path.join(folder, "voila.py"), "w", encoding="utf-8") as handle:
        handle.write(VOILA_PY_CONFIG)
    return folder


# Every kernel this server starts runs this before anything else, pooled ones included: a kernel
# whose server is killed before Voila sent it any page code still stops (see apps/lifeline.py),
# and its log goes to the terminal, never to the page (apps/kernel_log.py).
KERNEL_STARTUP = (
    "c.IPKernelApp.exec_lines = [\n"
    "    'from cocreate_kit.apps.lifeline import exit_with_server as _lifeline',\n"
    "    '_lifeline()',\n"
    "    'del _lifeline',\n"
    "    'from cocreate_kit.apps.kernel_log import keep_log_off_the_page as _quiet',\n"
    "    '_quiet()',\n"
    "    'del _quiet',\n"
    "]\n"
    # What the process writes to its own stderr (the log, moved there) stays in the terminal.
    "c.IPKernelApp.capture_fd_output = False\n"
)


def write_kernel_profile(folder: str) -> str:
    """An IPython directory for this run's kernels (IPYTHONDIR), holding only the kit's startup."""
    profile = os.path.join(folder, "ipython", "profile_default")
    os.makedirs(profile)
    with open(os.path.join(profile, "ipython_kernel_config.py"), "w", encoding="utf-8") as handle:
        handle.write(KERNEL_STARTUP)
    return os.path.dirname(profile)


# Page addresses carry personal tokens and facilitator keys. Voila logs requests with Tornado's
# default, which prints the whole address: Jupyter Server's request logger scrubs "token", "key"
# and "code" values instead, and the kit's log-record factory scrubs every other message that
# quotes an address (a 404's reason, say). Callables need a Python config file.
VOILA_PY_CONFIG = """\
from jupyter_server.log import log_request

from cocreate_kit.server.redact import install_log_redaction
from cocreate_kit.server.voila_lifeline import stop_with_launcher

install_log_redaction()
stop_with_launcher()
c.Voila.tornado_settings = {"log_function": log_request}
"""


def room_lines(room: int, refill_after: float = default("refill_after")) -> list[str]:
    pool = max(room, 1)
    return [
        f"Room: preheating {_pages(pool)} (+1 board, +1 presenter view, +1 join screen), about "
        f"{(pool + 3) * KERNEL_MB / 1024:.1f} GB of memory; the pool refills {refill_after:g} s "
        "after people join. Size it with --room N. Wait for 'Room ready' before showing the QR code.",
    ]


def _pages(count: int) -> str:
    return f"{count} participant page{'' if count == 1 else 's'}"


def ready_line(warm: int, seconds: float, memory_bytes: int, again: bool = False) -> str:
    if again:
        return (
            f"Room ready again: {_pages(warm)} warm; the server and its kernels use "
            f"{memory_bytes / 2**30:.1f} GB of memory. The links:"
        )
    return (
        f"Room ready: {_pages(warm)} warm after {seconds:.0f} s; "
        f"the server and its kernels use {memory_bytes / 2**30:.1f} GB of memory. "
        "Press Enter to show the links again."
    )


def tree_memory(pid: int) -> int:
    """Resident memory of a process and all its children (Voila and its kernels), in bytes."""
    import psutil  # a dependency of ipykernel; imported here, where it is needed

    try:
        root = psutil.Process(pid)
        processes = [root, *root.children(recursive=True)]
    except psutil.Error:
        return 0
    total = 0
    for process in processes:
        try:
            total += process.memory_info().rss
        except psutil.Error:  # a kernel that stopped meanwhile
            pass
    return total


WARMING_NOTE_SECONDS = 10  # how often the terminal says how far the room has warmed up


def wait_while_warming(
    process: subprocess.Popen, warm_dir: str, room: int, started: float, links: Sequence[str] = ()
) -> int:
    """Run until Voila exits, keeping the terminal for the facilitator: how many pages are warm
    while the room warms up, 'Room ready' once the whole pool is warm (and the links again each
    time it is ready again after people joined), and the links again whenever Enter is pressed."""
    pool = max(room, 1)
    asked = _links_on_enter()
    ready, been_ready, last_note, last_warm = False, False, time.monotonic(), 0
    while True:
        try:
            return process.wait(timeout=1)
        except subprocess.TimeoutExpired:
            pass
        warm = count_warm(warm_dir)
        if asked.is_set():
            asked.clear()
            _say(*links)
        if not ready and warm >= pool:
            _say(ready_line(warm, time.monotonic() - started, tree_memory(process.pid), again=been_ready))
            if been_ready:  # ready again after people took pages: the links, for latecomers
                _say(*links)
            ready = been_ready = True
        elif ready and warm < pool:
            ready = False
        elif not been_ready and warm != last_warm and time.monotonic() - last_note >= WARMING_NOTE_SECONDS:
            _say(f"Warming up: {_pages(warm)} of {pool} warm; the links above work already.")
            last_note, last_warm = time.monotonic(), warm


def _say(*lines: str) -> None:
    with contextlib.suppress(OSError):  # the terminal may be gone
        for line in lines:
            print(line, flush=True)


def _links_on_enter() -> threading.Event:
    """Set each time the facilitator presses Enter in the terminal (never set without one)."""
    pressed = threading.Event()

    def read() -> None:
        with contextlib.suppress(OSError, ValueError):
            for _line in sys.stdin:
                pressed.set()

    if sys.stdin is not None and not sys.stdin.closed:
        threading.Thread(target=read, name="cocreate-enter", daemon=True).start()
    return pressed


def base_url(host: str, port: int, public_url: str | None = None, prefix: str = "/") -> str:
    """Where the pages are reached from a phone: ``--public-url`` (a proxy or tunnel, with the
    path prefix in it) if given, else this machine's network address and the prefix."""
    if public_url:
        return public_url.rstrip("/") + "/voila/render"
    return f"http://{link_host(host)}:{port}{prefix}voila/render"


def network_lines(host: str, public_url: str | None) -> list[str]:
    """A warning when phones will not reach the printed links."""
    if public_url:
        return []
    if host in ("127.0.0.1", "localhost", "::1"):
        return ["Only this laptop can open these links; for phones on the Wi-Fi, serve with --host 0.0.0.0."]
    if link_host(host).startswith("127."):
        return ["This laptop has no network address: connect it to the room's Wi-Fi, then restart."]
    return []


def participant_link(base: str, workshop: Workshop) -> str:
    return f"{base}/participant.ipynb?" + urlencode({"workshop": workshop.id, "code": workshop.join_code})


def facilitator_link(base: str, workshop: Workshop, key: str | None) -> str:
    return f"{base}/facilitator.ipynb?" + urlencode({"workshop": workshop.id, "key": key or "KEY"})


def presenter_link(base: str, workshop: Workshop, key: str | None) -> str:
    return f"{base}/presenter.ipynb?" + urlencode({"workshop": workshop.id, "key": key or "KEY"})


def link_lines(base: str, workshops: list[Workshop], keys: dict[str, str]) -> list[str]:
    lines = []
    for workshop in workshops:
        lines.append(f"Workshop: {workshop.title} ({workshop.id})   Join code: {workshop.join_code}")
        lines.append(f"Participants: {participant_link(base, workshop)}")
        lines.append(f"Facilitator: {facilitator_link(base, workshop, keys.get(workshop.id))}")
        lines.append(f"Presenter: {presenter_link(base, workshop, keys.get(workshop.id))}")
        if workshop.id not in keys:
            lines.append(
                "  (replace KEY by the facilitator key from `cocreate new`, or serve with --new-key)"
            )
    if not workshops:
        lines.append('No workshops yet: create one with `cocreate new "Title"`.')
    return lines


def programme_lines(base: str, programmes) -> list[str]:
    """The hub's programme views (the key is shown only by `cocreate programme new`)."""
    lines = [
        f"Programme: {p.title} ({p.id})   View: {base}/programme.ipynb?"
        + urlencode({"programme": p.id, "key": "KEY"})
        for p in programmes
    ]
    if lines:
        lines.append("  (replace KEY by the programme key from `cocreate programme new`)")
    return lines


def wait_until_ready(url: str, process: subprocess.Popen, timeout: float = default("ready_timeout")) -> bool:
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


def serve(
    db_url: str,
    workshops: Sequence[Workshop] = (),
    keys: dict[str, str] | None = None,
    programmes=(),
    settings: CocreateSettings | None = None,
    verbose: bool = False,
) -> int:
    """Start Voila, print the links once it answers, and run until Ctrl-C. Returns an exit code.
    ``settings``: where to listen, the room's size and the rest (this process's by default);
    with ``verbose``, every setting is printed with where it came from, and Voila's own log."""
    keys = keys or {}
    settings = settings or current_settings()
    host, port, public_url, room = settings.host, settings.port, settings.public_url, settings.room
    refill_after = settings.refill_after
    prefix = url_prefix(settings.base_path)
    if verbose:
        print("Settings (cocreate settings lists them with their help):", flush=True)
        for line in settings.describe():
            print(f"  {line}", flush=True)
    holder = port_holder(host, port)
    if holder is not None:  # never move to another port: the links printed would be wrong
        print(port_taken_message(host, port, holder), file=sys.stderr, flush=True)
        return 1
    config_dir = write_voila_config(
        room, settings.closed_after, refill_after, tuple(settings.trusted_proxies)
    )
    warm_dir = os.path.join(config_dir, "warm")
    content_path = os.path.join(config_dir, "content")
    try:
        compiled_content.write(compile_content(), content_path)
    except PlanError as exc:  # a typo in content stops the server here, not in a participant's page
        print(f"Workshop content has an error: {exc}", file=sys.stderr, flush=True)
        shutil.rmtree(config_dir, ignore_errors=True)
        return 1
    jupyter_path = os.pathsep.join(
        p for p in (write_offline_template(config_dir), os.environ.get("JUPYTER_PATH")) if p
    )
    from .page_kernels import SERVED_ENV  # here: the CLI's other commands need no Jupyter Server

    env = dict(os.environ)
    env.update(settings.environment())  # the page kernels read the same settings
    env.update(
        JUPYTER_PATH=jupyter_path,
        COCREATE_DB=absolute_db_url(db_url),
        IPYTHONDIR=os.path.join(config_dir, "ipython"),
        COCREATE_BASE_URL=base_url(host, port, public_url, prefix),
        **{
            WARM_DIR_ENV: warm_dir,
            AWAY_DIR_ENV: os.path.join(config_dir, "away"),
            JOINS_DIR_ENV: os.path.join(config_dir, "joins"),
            REPORTS_DIR_ENV: os.path.join(config_dir, "reports"),  # built on a board, fetched here
            SERVED_ENV: ",".join(w.id for w in workshops),  # all ended: the room's pool stops
            compiled_content.COMPILED_CONTENT_ENV: content_path,
            LAUNCHER_ENV: str(os.getpid()),  # Voila stops itself once this process is gone
        },
    )
    # `kill` stops the kernels too, like Ctrl-C, and so does closing the terminal (SIGHUP).
    signal.signal(signal.SIGTERM, _interrupt)
    signal.signal(signal.SIGHUP, _interrupt)
    started = time.monotonic()
    process = subprocess.Popen(
        voila_command(host, port, config_dir, verbose, prefix), env=env, start_new_session=True
    )
    try:
        if not wait_until_ready(f"http://127.0.0.1:{port}{prefix}", process, settings.ready_timeout):
            print("The Voila server did not start; see the messages above.", file=sys.stderr, flush=True)
            return 1
        base = base_url(host, port, public_url, prefix)
        lines = (
            room_lines(room, refill_after)
            + link_lines(base, list(workshops), keys)
            + programme_lines(base, programmes)
        )
        for line in lines + network_lines(host, public_url):
            print(line, flush=True)
        print("Press Ctrl-C to stop.", flush=True)
        return wait_while_warming(process, warm_dir, room, started, lines)
    except KeyboardInterrupt:
        with contextlib.suppress(OSError):  # the terminal may be gone (SIGHUP)
            print("\nStopping the server…", flush=True)
        return 0
    finally:
        _stop(process)
        shutil.rmtree(config_dir, ignore_errors=True)


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
