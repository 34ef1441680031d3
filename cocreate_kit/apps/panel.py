"""One part of a live page that fails alone: an error in it shows in it (with the store's own
message when the store refused), is written to the operator's terminal, and leaves the other
parts updating."""

from __future__ import annotations

import html

import ipywidgets as widgets

from ..store import StoreError
from .oplog import operator_log

__all__ = ["Panel"]


class Panel:
    def __init__(self, name: str, ui: dict[str, str]):
        self.name, self.ui = name, ui
        self.error = widgets.HTML()
        self.error.add_class("cck-status")
        self.failed: str | None = None  # the message on show, while the panel is failing

    def wrap(self, content: widgets.Widget) -> widgets.Widget:
        return widgets.VBox([self.error, content])

    def run(self, draw, *args) -> bool:
        """Draw the panel; True if it worked. A failure is shown and logged once, not every tick."""
        try:
            draw(*args)
        except Exception as exc:
            message = str(exc) if isinstance(exc, StoreError) else self.ui["board_panel_failed"]
            if message != self.failed:
                operator_log().exception("board panel %r failed", self.name)
                self.failed = message
                self.error.value = f"<div class='cck-error' role='alert'>{html.escape(message)}</div>"
            return False
        if self.failed is not None:
            self.failed = None
            self.error.value = ""
        return True
