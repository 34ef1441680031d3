"""Checks on values that arrive from a page: the page can send anything, so Python decides."""

from __future__ import annotations

import unicodedata

MAX_TEXT_CHARS = 2000

__all__ = ["MAX_TEXT_CHARS", "InputError", "clean_text", "text_problem"]


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
    if _has_control_chars(text):
        raise InputError("error_control_chars")
    return text


def _has_control_chars(text: str) -> bool:
    # Newlines and tabs are fine in a note; NUL and other control bytes break exports and PostgreSQL.
    return any(unicodedata.category(ch) == "Cc" and ch not in "\n\t" for ch in text)


def text_problem(value, limit: int = MAX_TEXT_CHARS) -> str | None:
    """What is wrong with any text inside ``value`` (an entry's fields, at any depth) by the
    forms' own rules, in words with where it is; None when all of it could have been typed.
    An imported file is held to this, so it stores nothing a page would have refused."""
    found = _text_problem(value, limit, ())
    if found is None:
        return None
    path, problem = found
    return f"in {'.'.join(path)}: {problem}" if path else problem


def _text_problem(value, limit: int, path: tuple[str, ...]) -> tuple[tuple[str, ...], str] | None:
    if isinstance(value, str):
        if len(value) > limit:
            return path, f"is {len(value):,} characters long (at most {limit:,})"
        if _has_control_chars(value):
            return path, "holds control characters (such as NUL)"
        return None
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, item in items:
        if isinstance(key, str) and _text_problem(key, limit, ()) is not None:
            return path, "has a field name no form writes"
        if found := _text_problem(item, limit, (*path, str(key))):
            return found
    return None
