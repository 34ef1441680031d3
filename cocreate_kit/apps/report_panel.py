"""'Report' on the board: the workshop's HTML, PDF and XLSX, built while the session goes on and
downloaded from the page.

The build runs as a process of its own (``report/bundle.py``), watched from a thread: the board
keeps its live updates while a big workshop's PDF is laid out. Its lines move the progress bar;
the files land in this server's run folder, and the links point at the server's download
handler (``server/report_files.py``), which asks for the facilitator key again.
"""

from __future__ import annotations

import html
import os
import subprocess
import sys
import tempfile
import threading
from urllib.parse import urlencode

import ipywidgets as widgets

from ..report.bundle import BUNDLE_FILES
from ..server.report_files import REPORTS_DIR_ENV

__all__ = ["ReportPanel"]

# From the board's page (<base>voila/render/facilitator.ipynb) to the download handler.
DOWNLOADS = "../../cocreate/reports"


class ReportPanel:
    def __init__(self, workshop_id: str, key: str | None, ui: dict[str, str], db_url: str):
        self.workshop_id, self.key, self.ui, self.db_url = workshop_id, key, ui, db_url
        self.build = widgets.Button(
            description=ui["board_report_build"], icon="file-text-o", layout=widgets.Layout(width="auto")
        )
        self.build.on_click(lambda _b: self.start())
        self.progress = widgets.IntProgress(
            value=0,
            min=0,
            max=len(BUNDLE_FILES),
            description=ui["board_report_progress"],
            layout=widgets.Layout(display="none"),
        )
        self.message = widgets.HTML()
        self.links = widgets.HTML()
        self.widget = widgets.VBox([self.build, self.progress, self.message, self.links])
        self.widget.add_class("cck-report-panel")
        self.thread: threading.Thread | None = None
        folder = os.environ.get(REPORTS_DIR_ENV) or tempfile.mkdtemp(prefix="cocreate-reports-")
        self.folder = os.path.join(folder, workshop_id)

    def start(self) -> None:
        """Build the report in the background; a second click while it runs does nothing."""
        if self.thread is not None and self.thread.is_alive():
            return
        self.build.disabled = True
        self.progress.value, self.progress.layout.display = 0, ""
        self.links.value = ""
        self.message.value = f"<p role='status'>{html.escape(self.ui['board_report_building'])}</p>"
        self.thread = threading.Thread(target=self._run, name="cocreate-board-report", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        command = [sys.executable, "-m", "cocreate_kit.report.bundle", self.workshop_id, self.folder]
        env = dict(os.environ, COCREATE_DB=self.db_url)
        failed = ""
        try:
            with subprocess.Popen(command, env=env, stdout=subprocess.PIPE, text=True) as process:
                assert process.stdout is not None
                for line in process.stdout:
                    if line.startswith("done "):
                        self.progress.value = min(self.progress.value + 1, len(BUNDLE_FILES))
                    elif line.startswith("failed:"):
                        failed = line.removeprefix("failed:").strip()
            if process.returncode != 0 and not failed:
                failed = self.ui["board_report_see_terminal"]
        except OSError as problem:
            failed = str(problem)
        self.build.disabled = False
        if failed:
            self.progress.layout.display = "none"
            text = self.ui["board_report_failed"].format(reason=failed)
            self.message.value = f"<p class='cck-error' role='alert'>{html.escape(text)}</p>"
            return
        self.message.value = f"<p role='status'>{html.escape(self.ui['board_report_ready'])}</p>"
        self.links.value = self._links_html()

    def _links_html(self) -> str:
        query = "?" + urlencode({"key": self.key}) if self.key else ""
        labels = dict(
            zip(BUNDLE_FILES, ("board_report_html", "board_report_pdf", "board_report_xlsx"), strict=True)
        )
        items = "".join(
            f"<li><a href='{html.escape(f'{DOWNLOADS}/{self.workshop_id}/{name}{query}', quote=True)}' "
            f"download='{html.escape(f'{self.workshop_id}-{name}', quote=True)}'>"
            f"{html.escape(self.ui[labels[name]])}</a></li>"
            for name in BUNDLE_FILES
        )
        return f"<ul class='cck-downloads'>{items}</ul>"

    def wait(self, timeout: float | None = None) -> None:
        """For scripts and tests: until the build now running has finished."""
        if self.thread is not None:
            self.thread.join(timeout)
