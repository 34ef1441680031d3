"""Checks for the one-line names the store keeps (titles, display names, shops, contacts)."""

from __future__ import annotations

import unicodedata
from typing import Literal, overload

from .errors import StoreError

__all__ = ["clean_name"]


@overload
def clean_name(value, what: str, limit: int, required: Literal[True] = True) -> str: ...
@overload
def clean_name(value, what: str, limit: int, required: bool) -> str | None: ...


def clean_name(value, what: str, limit: int, required: bool = True) -> str | None:
    """``value`` stripped, or a StoreError naming ``what`` when it is empty (and ``required``),
    longer than ``limit``, or holds control characters (NUL, BEL, newlines garble boards and
    exports, and PostgreSQL refuses NUL). An empty optional name is None."""
    text = value.strip() if isinstance(value, str) else ""
    if not text:
        if required:
            raise StoreError(f"{what} cannot be empty.")
        return None
    if len(text) > limit:
        raise StoreError(f"{what} can be at most {limit} characters.")
    if any(unicodedata.category(ch) == "Cc" for ch in text):
        raise StoreError(f"{what} cannot hold control characters.")
    return text
