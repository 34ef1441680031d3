"""A page's kernel ends with the server that started it, even when the server was killed -9.

Voila starts each kernel in a session of its own, so killing the server's process group leaves
its kernels running. ipykernel's own watchdog only notices a parent that became PID 1, but an
orphan is handed to the nearest "subreaper" (a container's init, a desktop session manager), so
on many machines it never fires. The lifeline compares the kernel's parent with the server
that launched it (``JPY_PARENT_PID``, set by jupyter_client) and ends the kernel once they
differ: an orphan stops within seconds instead of holding memory and the store open.
"""

from __future__ import annotations

import os
import threading
import time

from .oplog import operator_log

__all__ = ["CHECK_SECONDS", "exit_with_server"]

CHECK_SECONDS = 2.0
_started = False


def exit_with_server(check_seconds: float = CHECK_SECONDS) -> bool:
    """Start the lifeline for this kernel (once); False where no server launched it (JupyterLab
    has its own, tests run in a plain process)."""
    global _started
    launcher = os.environ.get("JPY_PARENT_PID", "")
    if _started or not launcher.isdigit():
        return False
    server = int(launcher)
    if os.getppid() != server:
        if not _alive(server):  # the server died while this kernel was still starting
            os._exit(0)
        return False  # started through a wrapper: not ours to watch

    def watch() -> None:
        while True:
            time.sleep(check_seconds)
            if os.getppid() != server:
                operator_log().warning("the server (pid %s) is gone; this page's kernel stops", server)
                os._exit(0)

    threading.Thread(target=watch, name="cocreate-lifeline", daemon=True).start()
    _started = True
    return True


def _alive(pid: int) -> bool:
    """Is the process running? A killed server that nobody has reaped yet is a zombie: not alive."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as handle:
            state = handle.read().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return True  # no /proc (not Linux): trust the signal check
    return state not in ("Z", "X")
