"""Checks on values that arrive from a page: the page can send anything, so Python decides."""

from __future__ import annotations

import unicodedata

MAX_TEXT_CHARS = 2000

__all__ = ["MAX_TEXT_CHARS", "InputError", "clean_text"]


class InputError(ValueError):
    """A value a participant can fix; carries a UI-text key so the message is translated."""

    def __init__(self, key: str, **params):
        super().__init__(key)
        self.key = key
        self.params = params

    def message(self, ui: dict[str, str]) -> str:
        return ui[self.key].format(**self.params)


def clean_text(
    value, *, limit: int = MAX_TEXT_CHARS, required: bool = True, empty: str = "error_empty"
) -> str:
    """Trimmed text, or InputError: not text, empty, too long, or carrying control characters."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise InputError("error_not_text")
    text = value.strip()
    if required and not text:
        raise InputError(empty)  # the message names what is empty: a note, a task, a goal...
    if len(text) > limit:
        raise InputError("error_too_long", limit=limit, length=len(text))
    # Newlines and tabs are fine in a note; NUL and other control bytes break exports and PostgreSQL.
    if any(unicodedata.category(ch) == "Cc" and ch not in "\n\t" for ch in text):
        raise InputError("error_control_chars")
    return text
