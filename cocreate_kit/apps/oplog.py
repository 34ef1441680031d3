"""The operator's log: what goes wrong inside a page's kernel, written to the terminal that runs
``cocreate serve`` (the kernel process's own stderr), never into the page.

In a kernel, ``sys.stderr`` is redirected into the notebook's output, so a plain logging call
would either vanish or reach a participant's page; ``sys.__stderr__`` is the process's real one,
which Voila's kernels share with the server's terminal.
"""

from __future__ import annotations

import logging
import sys

__all__ = ["NAME", "operator_log"]

NAME = "cocreate_kit.operator"


def operator_log() -> logging.Logger:
    """The kit's operator logger, with its terminal handler attached on first use."""
    logger = logging.getLogger(NAME)
    if not logger.handlers:
        handler = logging.StreamHandler(sys.__stderr__ or sys.stderr)
        handler.setFormatter(
            logging.Formatter("[cocreate-kit %(asctime)s %(levelname)s] %(message)s", "%H:%M:%S")
        )
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
        logger.propagate = False
    return logger
