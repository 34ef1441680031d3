"""Closing widgets a form no longer shows.

A page's kernel lives as long as the page, and every widget stays registered in it (and in the
browser) until it is closed, ``close()`` not including its children, layout or style. Forms that
rebuild a list (notes, value-map items) close the rows they replace, so a long workshop does not
pile up thousands of dead widgets in each person's kernel.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

import ipywidgets as widgets

__all__ = ["CLOSE_LATER_SECONDS", "close_tree", "close_trees_later"]

# Long enough for a busy phone to draw the page that replaced them first.
CLOSE_LATER_SECONDS = 3.0


def close_tree(widget: widgets.Widget) -> None:
    """Close a widget, everything under it, and its layout and style."""
    for child in getattr(widget, "children", ()):
        close_tree(child)
    for part in ("layout", "style"):
        attached = getattr(widget, part, None)
        if isinstance(attached, widgets.Widget):
            attached.close()
    widget.close()


def close_trees_later(trees: Sequence[widgets.Widget], delay: float = CLOSE_LATER_SECONDS) -> None:
    """Close these trees once the page has had time to draw what replaced them: their close
    messages then do not queue in the browser before the new page's. At once where no event loop
    runs (tests and scripts)."""

    def close_all() -> None:
        for tree in trees:
            close_tree(tree)

    try:
        asyncio.get_running_loop().call_later(delay, close_all)
    except RuntimeError:  # no running loop
        close_all()
