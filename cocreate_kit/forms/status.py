"""The visible status line every form has, and the one place where errors become messages."""

from __future__ import annotations

import html
import logging

import ipywidgets as widgets

from ..store import AccessDeniedError, ConflictError, LockedError, StoreError, UnknownEntryError
from .validation import InputError

log = logging.getLogger(__name__)

_STORE_ERROR_KEYS = {
    LockedError: "error_locked",
    ConflictError: "error_conflict",
    UnknownEntryError: "error_gone",
    AccessDeniedError: "error_not_yours",
}


def message_for(exc: Exception, ui: dict[str, str]) -> str:
    """The participant-facing message for an error raised by a form action."""
    if isinstance(exc, InputError):
        return exc.message(ui)
    for kind, key in _STORE_ERROR_KEYS.items():
        if isinstance(exc, kind):
            return ui[key]
    if not isinstance(exc, StoreError):
        log.exception("unexpected error in a form action", exc_info=exc)
    return ui["error_generic"]


class StatusLine:
    """A polite live region: 'Saved' after an action, or what to fix."""

    def __init__(self, ui: dict[str, str]):
        self.ui = ui
        self.pending: dict[str, tuple] = {}  # saves refused by a lock, kept until it lifts
        self.widget = widgets.HTML(value="")
        self.widget.add_class("cck-status")
        self.text = ""
        self.is_error = False

    def ok(self, text: str) -> None:
        self._show(text, error=False)

    def error(self, text: str) -> None:
        self._show(text, error=True)

    def clear(self) -> None:
        self._show("", error=False)

    def _show(self, text: str, *, error: bool) -> None:
        self.text, self.is_error = text, error
        css = "cck-error" if error else "cck-ok"
        role = "alert" if error else "status"
        self.widget.value = f'<div class="{css}" role="{role}" aria-live="polite">{html.escape(text)}</div>'

    def run(self, action, *args, success: str | None = None, draft: str | None = None):
        """Run a form action; show ``success`` or the error's message. Returns the action's result.

        An action named by ``draft`` (e.g. the answer to one question) that a lock refuses is
        kept, not dropped: the text stays in its box and ``retry_pending`` saves it once the
        facilitator reopens the exercise (the store itself keeps refusing while it is locked)."""
        try:
            result = action(*args)
        except LockedError:
            if draft is None:
                self.error(self.ui["error_locked"])
            else:
                self.pending[draft] = (action, args, success)
                self.error(self.ui["locked_draft_kept"])
            return None
        except Exception as exc:  # every failure becomes a message, never a traceback in the page
            self.error(message_for(exc, self.ui))
            return None
        if draft is not None:
            self.pending.pop(draft, None)
        self.ok(success if success is not None else self.ui["saved"])
        return result

    def retry_pending(self) -> None:
        """Save what a lock kept back, newest text of each box (called when the lock lifts)."""
        for draft, (action, args, success) in list(self.pending.items()):
            self.pending.pop(draft, None)
            self.run(action, *args, success=success, draft=draft)
