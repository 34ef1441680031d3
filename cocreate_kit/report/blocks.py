"""A kind's blocks (``cocreate_kit.kinds.blocks``) as report HTML: tables through pandas'
escaping ``to_html``, pictures drawn by ``charts`` as data URIs, every other string escaped."""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

import pandas as pd

from ..kinds.base import Words
from ..kinds.blocks import Answers, Areas, Figure, Heading, Line, NotDone, Notes, Table
from . import charts
from .html_parts import figure_html, table_html

__all__ = ["render_blocks"]

esc = html.escape
STYLES = {"": "", "empty": " class='cck-empty'", "open": " class='cck-open'"}


def render_blocks(blocks: list, words: Words, not_done: list[str]) -> str:
    """The blocks as HTML; what nobody did goes to ``not_done`` (one line under the cover)."""
    parts = []
    for block in blocks:
        if isinstance(block, NotDone):
            not_done.append(block.title)
        else:
            parts.append(_DRAW[type(block)](block, words))
    return "".join(parts)


def _heading(block: Heading, words: Words) -> str:
    return f"<h{block.level}>{esc(block.text)}</h{block.level}>"


def _line(block: Line, words: Words) -> str:
    lead = f"<b>{esc(block.lead)}</b> " if block.lead else ""
    return f"<p{STYLES[block.style]}>{lead}{esc(block.text)}</p>"


def _table(block: Table, words: Words) -> str:
    return table_html(pd.DataFrame(block.rows, columns=block.columns), words.plan.lang)


def _answers(block: Answers, words: Words) -> str:
    numbers = block.numbers or [None] * len(block.items)
    items = []
    for number, (question, given) in zip(numbers, block.items, strict=True):
        listed = "".join(
            f"<li><span class='cck-who'>{esc(who)}:</span> {esc(text)}</li>" for who, text in given
        )
        value = f" value='{number}'" if number is not None else ""
        items.append(f"<li{value}><p class='cck-q'>{esc(question)}</p><ul>{listed}</ul></li>")
    tag = "ol" if block.numbers else "ul"
    return f"<{tag} class='cck-answers'>{''.join(items)}</{tag}>"


def _notes(block: Notes, words: Words) -> str:
    items = "".join(
        f"<li><b>{esc(label)}</b><ul>{''.join(f'<li>{esc(text)}</li>' for text in texts)}</ul></li>"
        for label, texts in block.groups
    )
    return f"<ul class='cck-notes'>{items}</ul>" if items else ""


def _areas(block: Areas, words: Words) -> str:
    return _notes(Notes([(label, texts) for label, texts in block.areas if texts]), words)


def _figure(block: Figure, words: Words) -> str:
    drawn = getattr(charts, block.chart)(*block.args, **block.options)
    if isinstance(drawn, str):
        return figure_html(drawn, block.alt)
    return "".join(figure_html(uri, block.alt, rows=True) for uri in drawn)  # a picture per page of rows


# Each drawer takes its own block type; Any, since a dict cannot pair each key with its value's type.
_DRAW: dict[type, Callable[[Any, Words], str]] = {
    Heading: _heading,
    Line: _line,
    Table: _table,
    Answers: _answers,
    Notes: _notes,
    Areas: _areas,
    Figure: _figure,
}
