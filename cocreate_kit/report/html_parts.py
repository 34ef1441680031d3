"""The HTML pieces every report page is made of: an escaped table and a picture. Participant
text in a table is always escaped (``to_html(escape=True)``)."""

from __future__ import annotations

import html
import re

import pandas as pd

__all__ = ["figure_html", "table_html"]


# A cell that holds only an ISO date, as to_html writes it (the text is digits and hyphens, so
# marking it cannot let anything else through).
_DATE_CELL = re.compile(r"<td>(\d{4}-\d{2}-\d{2})</td>")


def table_html(frame: pd.DataFrame) -> str:
    """The table with every cell escaped; date cells marked so they never break on paper."""
    table = frame.to_html(index=False, escape=True, border=0, classes="cck-table", na_rep="")
    return _DATE_CELL.sub(r"<td class='cck-date'>\1</td>", table)


def figure_html(uri: str, alt: str, *, rows: bool = False) -> str:
    """A picture; ``rows``: a chart of labelled rows, which a phone scrolls sideways at a
    readable size instead of shrinking its labels to specks."""
    kind = " class='cck-rows'" if rows else ""
    return f"<figure{kind}><img src='{uri}' alt='{html.escape(alt, quote=True)}'></figure>"
