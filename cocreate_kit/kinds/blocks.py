"""The plain data a kind's aggregation gives: headings, lines, tables, answers by question,
notes by area, pictures to draw, and what nobody did.

Board and report render the same blocks (every string escaped where it is drawn), so a figure
is computed once, in its kind. Table cells stay values (numbers, text, None): each renderer
formats them its own way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TypeAlias

__all__ = [
    "Answers",
    "Areas",
    "Block",
    "Figure",
    "Heading",
    "Line",
    "NotDone",
    "Notes",
    "Table",
    "notes_by_area",
]


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 2


@dataclass(frozen=True)
class Line:
    """One paragraph: ``lead`` in bold before ``text``; ``style`` "empty" (a quiet remark) or
    "open" (what is still to do)."""

    text: str
    style: str = ""
    lead: str = ""


@dataclass(frozen=True)
class Table:
    columns: list[str]
    rows: list[list]


@dataclass(frozen=True)
class Answers:
    """Questions in order, each with who answered what: ``[(question, [(who, text)])]``;
    ``numbers`` keeps the plan's numbering when some questions are left out."""

    items: list[tuple[str, list[tuple[str, str]]]]
    numbers: tuple[int, ...] | None = None


@dataclass(frozen=True)
class Areas:
    """Labelled lists side by side (a value map's parts): ``[(label, [text])]``."""

    areas: list[tuple[str, list[str]]] = field(default_factory=list)


@dataclass(frozen=True)
class Notes:
    """Every note as text, by area (a picture shows the first ones): ``[(label, [text])]``,
    only areas with notes."""

    groups: list[tuple[str, list[str]]]


@dataclass(frozen=True)
class Figure:
    """A picture the report draws: ``chart`` names one of its charts, ``args`` what it draws;
    ``alt`` says in words what it shows."""

    chart: str
    args: tuple
    alt: str
    options: dict = field(default_factory=dict)


@dataclass(frozen=True)
class NotDone:
    """An exercise nobody did: named in one line under the report's cover, not as an empty section."""

    title: str


# Any one of them: what a kind's overview and report give, in order.
Block: TypeAlias = Answers | Areas | Figure | Heading | Line | NotDone | Notes | Table


def notes_by_area(areas: list[tuple[str, str]], notes: dict[str, list[str]]) -> Notes:
    """Every note as text under its area's label (``areas``: (id, label) in order; areas
    without notes left out)."""
    return Notes([(label, notes[area_id]) for area_id, label in areas if notes.get(area_id)])
