"""Matplotlib pictures for the report, returned as PNG data URIs.

Every chart has a title and a legend or labels, and stays readable in greyscale (hatching and
markers, not colour alone). Every chart draws its text literally (mathtext off, tick labels
included), so a participant's "$" stays a "$" and ``save $$ now`` cannot break a report.
"""

from __future__ import annotations

import base64
import functools
import io
import logging
import textwrap
from datetime import date
from typing import Any, cast

import matplotlib
from matplotlib.axis import Axis
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Circle, Ellipse, Rectangle
from matplotlib.ticker import MaxNLocator

from ..kinds.tasks import on_timeline

__all__ = [
    "canvas_figure",
    "canvas_picture",
    "checklist_chart",
    "evaluation_radar",
    "figure_uri",
    "progress_chart",
    "ranking_chart",
    "rating_grid",
    "rating_grids",
    "row_label",
    "stacked_bars",
    "state_bars",
    "task_timeline",
    "value_canvas",
    "value_figure",
]

HATCHES = {"done": "", "na": "..", "open": "//", "todo": "//", "doing": "xx"}
GREYS = {"done": "#2b2b2b", "na": "#bdbdbd", "open": "#ffffff", "todo": "#ffffff", "doing": "#8c8c8c"}


# Emoji and symbols that phones type, drawn from a fallback font when the set-up installed one
# (.ci/run and the README install Debian's fonts-symbola); without it they print as boxes.
FALLBACK_FONTS = ("Symbola", "Noto Sans Symbols 2")


@functools.cache
def _font_families() -> list[str]:
    from matplotlib import font_manager

    # A fallback font has no bold: matplotlib says so on every bold title, into the report notebook.
    logging.getLogger("matplotlib.font_manager").setLevel(logging.ERROR)

    installed = {font.name for font in font_manager.fontManager.ttflist}
    return ["DejaVu Sans", *(name for name in FALLBACK_FONTS if name in installed)]


def literal_text(chart):
    """Run a chart with mathtext off for every text it creates, tick labels made at draw time
    included (``parse_math`` is read when each text is made, so the whole chart runs inside),
    and with the fallback fonts for emoji."""

    @functools.wraps(chart)
    def drawn(*args, **kwargs):
        with matplotlib.rc_context({"text.parse_math": False, "font.family": _font_families()}):
            return chart(*args, **kwargs)

    return drawn


def _subplots(figsize: tuple[float, float], subplot_kw: dict | None = None) -> tuple[Figure, Any]:
    """A figure of its own, drawn by Agg, without pyplot: the backend a notebook (or its user)
    chose is left alone, and no figure stays registered after it has been saved."""
    fig = Figure(figsize=figsize)
    FigureCanvasAgg(fig)
    return fig, fig.subplots(subplot_kw=subplot_kw)


def figure_uri(fig) -> str:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=110, bbox_inches="tight")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def _notes_text(notes: list[str], width: int, lines: int) -> str:
    """As many notes as fit in ``lines`` lines of ``width`` characters (each note at most two
    lines), then "(+N)": the picture is a summary, every note is listed as text below it."""
    shown: list[str] = []
    for count, note in enumerate(notes):
        note_lines = textwrap.wrap(
            # a long word is cut into pieces first, so a note of one long word shows its start
            "• " + textwrap.shorten(" ".join(textwrap.wrap(note, width - 2)), width * 2 - 4, placeholder="…"),
            width=width,
            subsequent_indent="  ",
        )
        left_after = len(notes) - count - 1
        if len(shown) + len(note_lines) + (1 if left_after else 0) > lines:
            shown.append(f"(+{len(notes) - count})")
            break
        shown += note_lines
    return "\n".join(shown)


def canvas_picture(
    title: str,
    columns: int,
    rows: int,
    grid: list[tuple],
    notes: dict[str, list[str]],
    centre: tuple | None = None,
) -> str:
    """Any canvas on its grid: ``grid`` holds (id, label, row, column, rows, columns, colour) per
    area; each area's first notes fit inside its box (the report lists them all). ``centre``:
    (row, column, rows, columns, text), whom a canvas about people maps, drawn in a ring."""
    return figure_uri(canvas_figure(title, columns, rows, grid, notes, centre))


@literal_text
def canvas_figure(
    title: str,
    columns: int,
    rows: int,
    grid: list[tuple],
    notes: dict[str, list[str]],
    centre: tuple | None = None,
):
    fig, ax = _subplots(figsize=(10, min(3.2 * rows + 0.6, 12)))
    fig.subplots_adjust(left=0.01, right=0.99, bottom=0.01, top=0.93)
    ax.set_xlim(0, columns)
    ax.set_ylim(0, rows)
    ax.axis("off")
    ax.set_title(title, fontsize=14, fontweight="bold")
    cell_chars = 100 / columns  # about how many characters a one-cell-wide line holds
    for area_id, label, row, column, height, width, colour in grid:
        x, y = column - 1, rows - (row - 1) - height
        ax.add_patch(
            Rectangle(
                (x + 0.02, y + 0.02),
                width - 0.04,
                height - 0.04,
                fill=colour is not None,
                facecolor=colour or "none",
                edgecolor="black",
                linewidth=1.2,
            )
        )
        found = notes.get(area_id, [])
        top = y + height - 0.06
        # The label wraps to its box (bold letters are wider than the notes' letters).
        heading = textwrap.wrap(f"{label} ({len(found)})", width=max(8, int(cell_chars * width * 0.75)))
        ax.text(x + 0.06, top, "\n".join(heading), fontsize=10, fontweight="bold", va="top", parse_math=False)
        lines = max(2, int(9 * height) - 1 - len(heading))
        text = _notes_text(found, width=max(12, int(cell_chars * width)), lines=lines)
        ax.text(x + 0.06, top - 0.07 - 0.1 * len(heading), text, fontsize=8.5, va="top", parse_math=False)
    if centre is not None:
        row, column, height, width, who = centre
        x, y = column - 1 + width / 2, rows - (row - 1) - height / 2
        ax.add_patch(Ellipse((x, y), width * 0.8, height * 0.8, fill=False, linewidth=1.5))
        ax.text(
            x,
            y,
            textwrap.fill(textwrap.shorten(who, 56, placeholder="…"), int(8 * width)),
            ha="center",
            va="center",
            fontsize=9,
            parse_math=False,
        )
    return fig


def value_canvas(labels: dict[str, str], items: dict[str, list[str]]) -> str:
    """Value map square on the left, customer profile circle on the right."""
    return figure_uri(value_figure(labels, items))


@literal_text
def value_figure(labels: dict[str, str], items: dict[str, list[str]]):
    """The value canvas as a figure: each part's items fit inside the square or the circle."""
    fig, ax = _subplots(figsize=(10, 5))
    fig.subplots_adjust(left=0.01, right=0.99, bottom=0.02, top=0.98)
    ax.set_xlim(0, 2.2)
    ax.set_ylim(0, 1)
    ax.set_aspect("equal")  # the profile is a circle, not an ellipse
    ax.axis("off")
    ax.add_patch(Rectangle((0.02, 0.02), 0.96, 0.96, fill=False, linewidth=1.5))
    ax.add_patch(Circle((1.7, 0.5), 0.48, fill=False, linewidth=1.5))
    # The circle's parts sit in the square inscribed in it, so no line crosses the curve.
    square = [("products", 0.05, 0.95), ("relievers", 0.05, 0.63), ("creators", 0.05, 0.31)]
    circle = [("gains", 1.37, 0.83), ("pains", 1.37, 0.6), ("jobs", 1.37, 0.37)]
    for part, x, y, width, lines in [(*p, 46, 7) for p in square] + [(*p, 34, 4) for p in circle]:
        ax.text(x, y, labels[part], fontsize=11, fontweight="bold", va="top", parse_math=False)
        ax.text(
            x,
            y - 0.05,
            _notes_text(items.get(part, []), width=width, lines=lines),
            fontsize=9,
            va="top",
            parse_math=False,
        )
    return fig


@literal_text
def checklist_chart(
    title: str, stages: list[str], counts: list[dict[str, int]], labels: dict[str, str]
) -> str:
    """Stacked horizontal bars per stage: done, not applicable, open; rows are positions."""
    return figure_uri(checklist_figure(title, stages, counts, labels))


def checklist_figure(title: str, stages: list[str], counts: list[dict[str, int]], labels: dict[str, str]):
    fig, ax = _subplots(figsize=(8, 0.6 * len(stages) + 1.5))
    labels_of_rows, positions = [row_label(s, 30, 2) for s in stages], list(range(len(stages)))
    left = [0] * len(positions)
    for state in ("done", "na", "open"):
        values = [c.get(state, 0) for c in counts]
        ax.barh(
            positions,
            values,
            left=left,
            color=GREYS[state],
            hatch=HATCHES[state],
            edgecolor="black",
            label=labels[state],
        )
        left = [a + b for a, b in zip(left, values, strict=True)]
    ax.set_yticks(positions, labels_of_rows)
    ax.invert_yaxis()
    _whole_numbers(ax.xaxis)  # it counts answers: "0.25 answers" read as nonsense
    ax.set_title(title)
    ax.set_xlabel(labels.get("axis", ""))
    ax.legend(loc="lower right")
    return fig


# Deadlines the timeline draws; others (an imported 0001-01-01 or 9999-12-31) are left off, since
# one of them would squeeze every other task into a dot or push the axis past year 9999. The
# report says how many were left off; its table lists them all.


ROWS_PER_PICTURE = 20  # a picture of 20 rows stays within an A4 page at full width


def _pages(rows: list, title: str) -> list[tuple[str, list]]:
    """Rows in pictures of at most ROWS_PER_PICTURE, titled "title (2/5)" when there are several."""
    chunks = [rows[i : i + ROWS_PER_PICTURE] for i in range(0, len(rows), ROWS_PER_PICTURE)]
    if len(chunks) == 1:
        return [(title, chunks[0])]
    return [(f"{title} ({n}/{len(chunks)})", chunk) for n, chunk in enumerate(chunks, start=1)]


def row_label(text: str, width: int = 34, lines: int = 3) -> str:
    """A row's label on at most ``lines`` lines of ``width`` characters: long words are broken,
    not dropped, so a note that is one long word still shows its start (the table beside, or the
    list below, has it whole)."""
    wrapped = textwrap.wrap(
        " ".join(str(text).split()), width, break_long_words=True, max_lines=lines, placeholder=" …"
    )
    return "\n".join(wrapped) or "—"


def _row_labels(ax, names: list[str]) -> None:
    """One row per name, top to bottom, a long name wrapped (the table beside has it whole);
    rows are positions, not categories, so two tasks with one name stay two rows."""
    ax.set_yticks(range(len(names)), [row_label(n, 40, 2) for n in names])
    ax.set_ylim(len(names) - 0.5, -0.5)


def task_timeline(title: str, tasks: list[tuple[str, date, str]], labels: dict[str, str]) -> list[str]:
    """Each task at its deadline, marker and fill by status, soonest first; one picture per
    ROWS_PER_PICTURE tasks, all on the same dates so they read as one chart."""
    tasks = sorted((task for task in tasks if on_timeline(task[1])), key=lambda task: task[1])
    days = [deadline for _name, deadline, _status in tasks] + [date.today()]
    span = (min(days), max(days))
    return [figure_uri(_timeline_figure(part, rows, labels, span)) for part, rows in _pages(tasks, title)]


@literal_text
def _timeline_figure(title, tasks, labels, span):
    from datetime import timedelta

    fig, ax = _subplots(figsize=(9, 0.45 * len(tasks) + 1.5))
    markers = {"todo": "o", "doing": "s", "done": "D"}
    for status in ("todo", "doing", "done"):
        points = [(deadline, row) for row, (_name, deadline, s) in enumerate(tasks) if s == status]
        if points:
            ax.scatter(
                [p[0] for p in points],
                [p[1] for p in points],
                marker=markers[status],
                s=80,
                facecolor=GREYS[status],
                edgecolor="black",
                label=labels[status],
                zorder=3,
            )
    _row_labels(ax, [name for name, _deadline, _status in tasks])
    margin = max(timedelta(days=3), (span[1] - span[0]) / 20)
    ax.set_xlim(span[0] - margin, span[1] + margin)
    ax.axvline(date.today(), linestyle="--", color="black", linewidth=1, label=labels["today"])
    ax.set_title(title)
    ax.grid(axis="x", linestyle=":")
    ax.legend(loc="best")
    _day_axis(ax, labels.get("lang", "en"))
    fig.autofmt_xdate()
    return fig


def _day_axis(ax, lang: str) -> None:
    """The time axis's days as the report's language writes them ("15 jan 2027"), not as
    matplotlib's English month names."""
    import matplotlib.dates as mdates
    from matplotlib.ticker import FuncFormatter

    from ..kinds.base import local_date

    def said(x, _pos):
        moment = mdates.num2date(x).replace(tzinfo=None)
        low, high = ax.get_xlim()
        # within a few days the ticks are hours apart: each needs its time, or they all read alike
        return local_date(moment if high - low < 3 else moment.date(), lang)

    ax.xaxis.set_major_locator(mdates.AutoDateLocator(maxticks=8))
    ax.xaxis.set_major_formatter(FuncFormatter(said))


def progress_chart(title: str, rows: list[tuple[str, str, bool]], labels: dict[str, str]) -> list[str]:
    """Check-ins over time, one line per task: filled marker on track, open marker off track;
    one picture per ROWS_PER_PICTURE tasks, all on the same dates."""
    from datetime import datetime

    points = [(task, datetime.fromisoformat(when), ok) for task, when, ok in rows]
    tasks = list(dict.fromkeys(task for task, _when, _ok in points))
    span = (min(p[1] for p in points), max(p[1] for p in points))
    return [
        figure_uri(_progress_figure(part, names, [p for p in points if p[0] in set(names)], labels, span))
        for part, names in _pages(tasks, title)
    ]


@literal_text
def _progress_figure(title, tasks, points, labels, span):
    from datetime import timedelta

    fig, ax = _subplots(figsize=(9, 0.45 * len(tasks) + 1.8))
    row = {name: i for i, name in enumerate(tasks)}
    for name in tasks:
        mine = [when for task, when, _ok in points if task == name]
        ax.plot(mine, [row[name]] * len(mine), color="#777777", linewidth=1, zorder=1)
    for ok, marker, face in ((True, "o", "#2b2b2b"), (False, "X", "#ffffff")):
        shown = [(when, row[task]) for task, when, on in points if on is ok]
        if shown:
            ax.scatter(
                [p[0] for p in shown],
                [p[1] for p in shown],
                marker=marker,
                s=90,
                facecolor=face,
                edgecolor="black",
                zorder=2,
                label=labels["yes" if ok else "no"],
            )
    _row_labels(ax, tasks)
    margin = max(timedelta(hours=1), (span[1] - span[0]) / 20)
    ax.set_xlim(span[0] - margin, span[1] + margin)
    ax.set_title(title)
    ax.grid(axis="x", linestyle=":")
    ax.legend(loc="best", title=labels["title"])
    _day_axis(ax, labels.get("lang", "en"))
    fig.autofmt_xdate()
    return fig


@literal_text
def evaluation_radar(title: str, aspects: list[str], scores: list[float], scale_max: int) -> str:
    import math

    angles = [2 * math.pi * i / len(aspects) for i in range(len(aspects))]
    fig, ax = _subplots(figsize=(7, 7), subplot_kw={"polar": True})
    ax.plot(angles + angles[:1], scores + scores[:1], color="black", linewidth=2, marker="o", label=title)
    ax.fill(angles + angles[:1], scores + scores[:1], color="#999999", alpha=0.35)
    ax.set_xticks(angles)
    ax.set_xticklabels([textwrap.fill(a, 14) for a in aspects], fontsize=9)
    ax.set_ylim(0, scale_max)
    ax.set_yticks(range(1, scale_max + 1))
    ax.set_title(title, pad=24)
    return figure_uri(fig)


@literal_text
def ranking_chart(
    title: str, names: list[str], values: list[float], xlabel: str, scale: tuple[float, float] | None = None
) -> list[str]:
    """Horizontal bars, best first, ROWS_PER_PICTURE to a picture (one page each); ``scale``
    fixes the axis to the rating scale (1-5), so that bars are read against the scale, not
    against each other. Rows are positions: two notes that say the same stay two bars."""
    top = max(values, default=0) or 1
    return [
        _ranking_figure(page_title, chunk, xlabel, scale, top)
        for page_title, chunk in _pages(list(zip(names, values, strict=True)), title)
    ]


def _ranking_figure(title, rows, xlabel, scale, top) -> str:
    labels = [row_label(name) for name, _value in rows]
    height = sum(0.22 * (label.count("\n") + 1) + 0.2 for label in labels) + 1.5
    fig, ax = _subplots(figsize=(8, height))
    ax.barh(
        range(len(rows)), [value for _name, value in rows], color="#7a7a7a", edgecolor="black", hatch="//"
    )
    ax.set_yticks(range(len(rows)), labels)
    ax.set_ylim(len(rows) - 0.5, -0.5)
    if scale is not None:
        ax.set_xlim(0, scale[1])
        ax.set_xticks(range(int(scale[0]), int(scale[1]) + 1))
    else:
        ax.set_xlim(0, top * 1.05)  # every picture of one chart on the same axis
        _whole_numbers(ax.xaxis)
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    return figure_uri(fig)


# Task states in roll-ups, darkest for done; hatching keeps them apart in greyscale.
STATE_STYLE = {
    "done": ("#2b2b2b", ""),
    "on-track": ("#bdbdbd", ".."),
    "off-track": ("#8c8c8c", "xx"),
    "late": ("#ffffff", "//"),
}


def state_bars(title: str, names: list[str], series: list[tuple[str, str, list[int]]]) -> list[str]:
    """One horizontal stacked bar per name (a collaboration), ROWS_PER_PICTURE bars per picture,
    all on the same scale so the pictures read as one chart."""
    longest = max((sum(values) for values in zip(*(v for _s, _l, v in series), strict=True)), default=1)
    pictures = []
    for part, rows in _pages(list(range(len(names))), title):
        chunk = [(state, label, [values[i] for i in rows]) for state, label, values in series]
        pictures.append(stacked_bars(part, [names[i] for i in rows], chunk, limit=max(longest, 1)))
    return pictures


def _whole_numbers(axis: Axis) -> None:
    """Ticks on whole numbers only: the axis counts things."""
    # Ticks nobody set come from an AutoLocator, a MaxNLocator; the stubs only say Locator.
    cast(MaxNLocator, axis.get_major_locator()).set_params(integer=True)


@literal_text
def stacked_bars(
    title: str,
    names: list[str],
    series: list[tuple[str, str, list[int]]],
    *,
    horizontal: bool = True,
    limit: int | None = None,
) -> str:
    """Counts per name, stacked: ``series`` is ``(state, label, counts)`` in stacking order
    (states from ``STATE_STYLE``). Horizontal: one bar per collaboration; vertical: one bar per
    session of a collaboration, left to right in time. ``limit`` fixes the count axis."""
    count = max(len(names), 1)
    size = (9, 0.42 * count + 1.6) if horizontal else (max(5.0, 1.1 * count + 2.5), 4.2)
    fig, ax = _subplots(figsize=size)
    shown = [row_label(n, 44, 1) if horizontal else row_label(n, 22, 2) for n in names]
    base = [0] * len(names)
    for state, label, values in series:
        colour, hatch = STATE_STYLE.get(state, ("#999999", ""))
        bar = ax.barh if horizontal else ax.bar
        extra: dict[str, Any] = {"left": base} if horizontal else {"bottom": base}
        bar(range(len(names)), values, color=colour, edgecolor="black", hatch=hatch, label=label, **extra)
        base = [b + v for b, v in zip(base, values, strict=True)]
    if horizontal:
        ax.set_yticks(range(len(names)), shown)
        ax.invert_yaxis()
        _whole_numbers(ax.xaxis)
        if limit is not None:
            ax.set_xlim(0, limit * 1.02)
    else:
        ax.set_xticks(range(len(names)), [textwrap.fill(n, 14) for n in shown], fontsize=8)
        _whole_numbers(ax.yaxis)
    ax.set_title(title)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.08 if horizontal else -0.22), ncol=len(series))
    return figure_uri(fig)


def rating_grids(
    title: str, rows: list[str], columns: list[str], values: list[list], scale_max: int
) -> list[str]:
    """``rating_grid`` in pictures of at most ROWS_PER_PICTURE rows."""
    return [
        rating_grid(part, [rows[i] for i in chunk], columns, [values[i] for i in chunk], scale_max)
        for part, chunk in _pages(list(range(len(rows))), title)
    ]


@literal_text
def rating_grid(title: str, rows: list[str], columns: list[str], values: list[list], scale_max: int) -> str:
    """A table as a picture: one row per collaboration, one column per aspect, each cell its
    mean rating written out (shade is a help, the number is the reading); blank: not rated."""
    import math

    fig, ax = _subplots(figsize=(9, 0.38 * max(len(rows), 1) + 2.2))
    grid = [
        [float("nan") if v is None or (isinstance(v, float) and math.isnan(v)) else v for v in r]
        for r in values
    ]
    ax.imshow(grid, cmap="Greys", vmin=0, vmax=scale_max * 1.6, aspect="auto")
    for y, row in enumerate(grid):
        for x, value in enumerate(row):
            if not math.isnan(value):
                ax.text(x, y, f"{value:.1f}", ha="center", va="center", fontsize=8)
    ax.set_xticks(range(len(columns)), [textwrap.fill(c, 13) for c in columns], fontsize=8)
    ax.xaxis.tick_top()
    ax.set_yticks(range(len(rows)), [row_label(r, 40, 2) for r in rows], fontsize=8)
    ax.set_title(title, pad=36)
    return figure_uri(fig)
