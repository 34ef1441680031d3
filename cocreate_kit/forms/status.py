"""The visible status line every form has, and the one place where errors become messages."""

from __future__ import annotations

import html
import logging

import ipywidgets as widgets

from ..store import AccessDeniedError, ConflictError, EndedError, LockedError, StoreError, UnknownEntryError
from ..validation import InputError

__all__ = ["StatusLine", "log", "message_for"]

log = logging.getLogger(__name__)

_STORE_ERROR_KEYS = {
    LockedError: "error_locked",
    EndedError: "error_ended",
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
    """A polite live region: 'Saved' after an action, or what to fix.

    On a phone a form's one status line is often off-screen from the box that was changed, so a
    form can give each box (a question, a checklist row, a canvas area) a ``slot`` of its own
    under it: an action run ``near`` that key shows its message there, next to what changed.
    ``text`` and ``is_error`` always hold the latest message, wherever it is shown."""

    def __init__(self, ui: dict[str, str]):
        self.ui = ui
        self.pending: dict[str, tuple] = {}  # saves refused by a lock, kept until it lifts
        self.widget = widgets.HTML(value="")
        self.widget.add_class("cck-status")
        self.text = ""
        self.is_error = False
        self.slots: dict[str, widgets.HTML] = {}
        self._shown_in: widgets.HTML = self.widget

    def slot(self, key: str) -> widgets.HTML:
        """The place for messages about ``key``, to put right under its box."""
        if key not in self.slots:
            self.slots[key] = widgets.HTML(value="")
            self.slots[key].add_class("cck-status")
        return self.slots[key]

    def ok(self, text: str, near: str | None = None) -> None:
        self._show(text, error=False, near=near)

    def error(self, text: str, near: str | None = None) -> None:
        self._show(text, error=True, near=near)

    def clear(self) -> None:
        self._show("", error=False)

    def _show(self, text: str, *, error: bool, near: str | None = None) -> None:
        self.text, self.is_error = text, error
        target = self.slots.get(near, self.widget) if near is not None else self.widget
        if self._shown_in is not target:
            self._shown_in.value = ""  # one message at a time: the last one, where it belongs
        self._shown_in = target
        if not text:
            target.value = ""
            return
        css = "cck-error" if error else "cck-ok"
        role = "alert" if error else "status"
        target.value = f'<div class="{css}" role="{role}" aria-live="polite">{html.escape(text)}</div>'

    def run(
        self,
        action,
        *args,
        success: str | None = None,
        draft: str | None = None,
        near: str | None = None,
    ):
        """Run a form action; show ``success`` or the error's message (in the slot of ``near``,
        which defaults to ``draft``). Returns the action's result.

        An action named by ``draft`` (e.g. the answer to one question) that a lock refuses is
        kept, not dropped: the text stays in its box and ``retry_pending`` saves it once the
        facilitator reopens the exercise (the store itself keeps refusing while it is locked)."""
        near = near if near is not None else draft
        try:
            result = action(*args)
        except LockedError:
            if draft is None:
                self.error(self.ui["error_locked"], near)
            else:
                self.pending[draft] = (action, args, success, near)
                self.error(self.ui["locked_draft_kept"], near)
            return None
        except Exception as exc:  # every failure becomes a message, never a traceback in the page
            self.error(message_for(exc, self.ui), near)
            return None
        if draft is not None:
            self.pending.pop(draft, None)
        self.ok(success if success is not None else self.ui["saved"], near)
        return result

    def retry_pending(self) -> None:
        """Save what a lock kept back, newest text of each box (called when the lock lifts)."""
        for draft, (action, args, success, near) in list(self.pending.items()):
            self.pending.pop(draft, None)
            self.run(action, *args, success=success, draft=draft, near=near)
