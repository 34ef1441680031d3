"""Hand a workshop's report files, built on its board, to the facilitator's browser.

The board's kernel writes them into this run's folder (``COCREATE_REPORTS_DIR/<workshop>/``,
see ``report/bundle.py``); this handler, in the Voila server, serves them at
``<base>cocreate/reports/<workshop>/<file>?key=<facilitator key>``, as a download. Only the
bundle's three names are served, only for a workshop whose facilitator key (or, under
JupyterHub, a logged-in hub user) comes with the request; anything else is a plain 403 or 404
that says nothing about what exists. The key is scrubbed from the log like every ``key``.
"""

from __future__ import annotations

import os
import re

from jupyter_server.base.handlers import JupyterHandler
from tornado import web

from .hub_login import HUB_USER_HEADER

__all__ = ["REPORTS_DIR_ENV", "ReportFileHandler", "report_handlers"]

REPORTS_DIR_ENV = "COCREATE_REPORTS_DIR"
FILES = {
    "report.html": "text/html; charset=utf-8",
    "report.pdf": "application/pdf",
    "workshop.xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")


class ReportFileHandler(JupyterHandler):
    def check_xsrf_cookie(self):  # a GET of a file; nothing changes
        return None

    async def get(self, workshop_id: str, name: str) -> None:
        folder = os.environ.get(REPORTS_DIR_ENV, "")
        if not folder or name not in FILES or not _ID.fullmatch(workshop_id):
            raise web.HTTPError(404)
        if not self._may_read(workshop_id):
            raise web.HTTPError(403)
        path = os.path.join(folder, workshop_id, name)
        if not os.path.isfile(path):
            raise web.HTTPError(404)
        self.set_header("Content-Type", FILES[name])
        self.set_header("Content-Disposition", f'attachment; filename="{workshop_id}-{name}"')
        self.set_header("Cache-Control", "no-store")
        with open(path, "rb") as handle:
            self.write(handle.read())

    def _may_read(self, workshop_id: str) -> bool:
        if self.request.headers.get(HUB_USER_HEADER):  # stamped by the kit for a hub login only
            return True
        from ..store import Store

        try:
            return Store().check_facilitator_key(workshop_id, self.get_argument("key", None))
        except Exception:  # an unreachable store refuses, it never lets in
            self.log.exception("report download: the store could not check the key")
            return False


def report_handlers(prefix: str) -> list:
    from jupyter_server.utils import url_path_join

    return [(url_path_join(prefix, r"cocreate/reports/([^/]+)/([^/]+)"), ReportFileHandler)]
