"""A page's kernel keeps its own log to the server's terminal, never to the page.

In a kernel, ``sys.stderr`` is a stream to the browser. A logger with no handler of its own
(ipykernel's comm manager) ends in Python's last-resort handler, which writes to whatever
``sys.stderr`` is when it fires: a forged widget-open message made the kernel send its whole
traceback, with install paths, to the participant's page. At kernel start the last resort (and
any handler pointed at the page's streams) writes to the process's real stderr instead, the
terminal of `cocreate serve`, and Python's warnings take the same way.
"""

from __future__ import annotations

import logging
import sys

__all__ = ["keep_log_off_the_page"]


def keep_log_off_the_page() -> None:
    """Send this kernel's log and warnings to the real stderr, not to the page."""
    terminal = logging.StreamHandler(sys.__stderr__)
    terminal.setLevel(logging.WARNING)
    logging.lastResort = terminal
    logging.captureWarnings(True)  # warnings.warn(...) through the log, so to the terminal too
    page_streams = {id(sys.stdout), id(sys.stderr)} - {id(sys.__stdout__), id(sys.__stderr__)}
    named = (found for found in logging.root.manager.loggerDict.values() if isinstance(found, logging.Logger))
    for logger in (logging.getLogger(), *named):
        for handler in logger.handlers:
            if isinstance(handler, logging.StreamHandler) and id(handler.stream) in page_streams:
                handler.setStream(sys.__stderr__)
