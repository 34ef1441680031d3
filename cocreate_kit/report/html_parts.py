"""The HTML pieces every report page is made of: an escaped table and a picture. Participant
text in a table is always escaped (``to_html(escape=True)``)."""

from __future__ import annotations

import html
from datetime import date

import pandas as pd

from ..kinds.base import local_date

__all__ = ["PAGE_COLUMNS", "figure_html", "record_html", "table_html"]


# The most columns an A4 portrait page shows side by side at a readable size; a wider table
# (a scorecard with many added criteria) becomes one block per row, so no column is lost.
PAGE_COLUMNS = 8


def table_html(frame: pd.DataFrame, lang: str) -> str:
    """The table with every cell escaped, days and moments in the report's language; wider than
    PAGE_COLUMNS, one block per row instead (``record_html``)."""
    days: set[str] = set()

    def said(cell):
        if not isinstance(cell, date):
            return cell
        days.add(local_date(cell, lang))
        return local_date(cell, lang)

    shown = frame.map(said)
    if len(shown.columns) > PAGE_COLUMNS:
        return "".join(record_html(list(shown.columns), list(row)) for row in shown.itertuples(index=False))
    table = shown.to_html(index=False, escape=True, border=0, classes="cck-table", na_rep="")
    for day in days:  # a date's cell never wraps (a narrow column would break "2027" in two)
        table = table.replace(f"<td>{html.escape(day)}</td>", f"<td class='cck-date'>{html.escape(day)}</td>")
    return table


def record_html(columns: list[str], row: list) -> str:
    """One row of a wide table as a block that never splits: its first cell as the title, then
    each other column as "label: value" in running text (nothing is cut, whatever the width)."""
    title, *rest = ["" if pd.isna(cell) else str(cell) for cell in row]
    fields = " · ".join(
        f"<span class='cck-field'><b>{html.escape(label)}:</b> {html.escape(value)}</span>"
        for label, value in zip(columns[1:], rest, strict=True)
    )
    return (
        f"<div class='cck-record'><p class='cck-record-title'>{html.escape(title)}</p><p>{fields}</p></div>"
    )


def figure_html(uri: str, alt: str, *, rows: bool = False) -> str:
    """A picture; ``rows``: a chart of labelled rows, which a phone scrolls sideways at a
    readable size instead of shrinking its labels to specks."""
    kind = " class='cck-rows'" if rows else ""
    return f"<figure{kind}><img src='{uri}' alt='{html.escape(alt, quote=True)}'></figure>"
