"""Closing widgets a form no longer shows.

A page's kernel lives as long as the page, and every widget stays registered in it (and in the
browser) until it is closed, ``close()`` not including its children, layout or style. Forms that
rebuild a list (notes, value-map items) close the rows they replace, so a long workshop does not
pile up thousands of dead widgets in each person's kernel.
"""

from __future__ import annotations

import ipywidgets as widgets

__all__ = ["close_tree"]


def close_tree(widget: widgets.Widget) -> None:
    """Close a widget, everything under it, and its layout and style."""
    for child in getattr(widget, "children", ()):
        close_tree(child)
    for part in ("layout", "style"):
        attached = getattr(widget, part, None)
        if isinstance(attached, widgets.Widget):
            attached.close()
    widget.close()
