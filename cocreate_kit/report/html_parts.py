"""The HTML pieces every report page is made of: an escaped table and a picture. Participant
text in a table is always escaped (``to_html(escape=True)``)."""

from __future__ import annotations

import html

import pandas as pd

__all__ = ["figure_html", "table_html"]


def table_html(frame: pd.DataFrame) -> str:
    return frame.to_html(index=False, escape=True, border=0, classes="cck-table", na_rep="")


def figure_html(uri: str, alt: str, *, rows: bool = False) -> str:
    """A picture; ``rows``: a chart of labelled rows, which a phone scrolls sideways at a
    readable size instead of shrinking its labels to specks."""
    kind = " class='cck-rows'" if rows else ""
    return f"<figure{kind}><img src='{uri}' alt='{html.escape(alt, quote=True)}'></figure>"
