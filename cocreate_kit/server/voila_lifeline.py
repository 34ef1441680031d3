"""Voila ends with the `cocreate` process that started it, even when that one was killed -9.

Voila runs in a session of its own (so that stopping it can stop its whole group), which also
means closing the terminal or killing `cocreate` left it serving, with every kernel, on the
port the next `cocreate serve` wanted. Voila's config (``voila.py``, written per run) starts this
watch: once Voila's parent is no longer the `cocreate` process named in ``LAUNCHER_ENV``, Voila
stops itself as on Ctrl-C (its kernels, which watch Voila the same way, follow) and, should
that hang, exits after the ``launcher_grace`` setting's seconds.
"""

from __future__ import annotations

import logging
import os
import signal
import threading
import time

from ..settings import current_settings

__all__ = ["CHECK_SECONDS", "LAUNCHER_ENV", "stop_with_launcher"]

LAUNCHER_ENV = "COCREATE_LAUNCHER_PID"  # set by `cocreate serve` for the Voila it starts
CHECK_SECONDS = 1.0

_started = False


def stop_with_launcher(check_seconds: float = CHECK_SECONDS) -> bool:
    """Start the watch in this (Voila's) process, once; False when no `cocreate` launched it."""
    global _started
    launcher = os.environ.get(LAUNCHER_ENV, "")
    if _started or not launcher.isdigit():
        return False
    launcher_pid, grace = int(launcher), current_settings().launcher_grace
    if os.getppid() != launcher_pid:  # the launcher died before Voila got this far
        os._exit(1)

    def watch() -> None:
        while os.getppid() == launcher_pid:
            time.sleep(check_seconds)
        logging.getLogger("cocreate").warning("cocreate (pid %s) is gone; the server stops", launcher_pid)
        os.kill(os.getpid(), signal.SIGTERM)  # Voila's own shutdown: it stops its kernels
        time.sleep(grace)
        os._exit(1)

    threading.Thread(target=watch, name="cocreate-voila-lifeline", daemon=True).start()
    _started = True
    return True
