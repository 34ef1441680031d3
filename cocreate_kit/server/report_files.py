"""Hand a workshop's report files, built on its board, to the facilitator's browser.

The board's kernel writes them into this run's folder (``COCREATE_REPORTS_DIR/<workshop>/``,
see ``report/bundle.py``); the handler (``report_handler.py``), in the Voila server, serves them at
``<base>cocreate/reports/<workshop>/<file>?key=<facilitator key>``, as a download. Only the
bundle's three names are served, only for a workshop whose facilitator key (or, under
JupyterHub, a logged-in hub user) comes with the request; anything else is a plain 403 or 404
that says nothing about what exists. The key is scrubbed from the log like every ``key``.
"""

from __future__ import annotations

import os
import re

__all__ = ["FILES", "REPORTS_DIR_ENV", "report_path"]

REPORTS_DIR_ENV = "COCREATE_REPORTS_DIR"
FILES = {
    "report.html": "text/html; charset=utf-8",
    "report.pdf": "application/pdf",
    "workshop.xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")


def report_path(workshop_id: str, name: str) -> str | None:
    """Where one of a workshop's report files lies, or None for a name or id not to serve."""
    folder = os.environ.get(REPORTS_DIR_ENV, "")
    if not folder or name not in FILES or not _ID.fullmatch(workshop_id):
        return None
    return os.path.join(folder, workshop_id, name)
