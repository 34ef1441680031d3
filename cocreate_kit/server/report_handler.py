"""The download handler for the board's report files (see ``report_files.py``); it runs in the
Voila server, added through the kit's identity provider."""

from __future__ import annotations

import os

from jupyter_server.base.handlers import JupyterHandler
from tornado import web

from .hub_login import HUB_USER_HEADER
from .report_files import FILES, report_path

__all__ = ["ReportFileHandler", "report_handlers"]


class ReportFileHandler(JupyterHandler):
    async def get(self, workshop_id: str, name: str) -> None:
        path = report_path(workshop_id, name)
        if path is None:
            raise web.HTTPError(404)
        if not self._may_read(workshop_id):
            raise web.HTTPError(403)
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
        from .server_store import server_store

        try:
            return server_store().check_facilitator_key(workshop_id, self.get_argument("key", None))
        except Exception:  # an unreachable store refuses, it never lets in
            self.log.exception("report download: the store could not check the key")
            return False


def report_handlers(prefix: str) -> list:
    from jupyter_server.utils import url_path_join

    return [(url_path_join(prefix, r"cocreate/reports/([^/]+)/([^/]+)"), ReportFileHandler)]
