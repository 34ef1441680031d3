"""Matplotlib pictures for the report, returned as PNG data URIs.

Every chart has a title and a legend or labels, and stays readable in greyscale (hatching and
markers, not colour alone). Every chart draws its text literally (mathtext off, tick labels
included), so a participant's "$" stays a "$" and ``save $$ now`` cannot break a report.
"""

from __future__ import annotations

import base64
import functools
import io
import textwrap
from datetime import date

import matplotlib

matplotlib.use("Agg")  # no display: reports render on servers and in CI

import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.patches import Circle, Rectangle  # noqa: E402

__all__ = [
    "checklist_chart",
    "empathy_canvas",
    "evaluation_radar",
    "figure_uri",
    "progress_chart",
    "ranking_chart",
    "task_timeline",
    "value_canvas",
]

HATCHES = {"done": "", "na": "..", "open": "//", "todo": "//", "doing": "xx"}
GREYS = {"done": "#2b2b2b", "na": "#bdbdbd", "open": "#ffffff", "todo": "#ffffff", "doing": "#8c8c8c"}


def literal_text(chart):
    """Run a chart with mathtext off for every text it creates, tick labels made at draw time
    included (``parse_math`` is read when each text is made, so the whole chart runs inside)."""

    @functools.wraps(chart)
    def drawn(*args, **kwargs):
        with matplotlib.rc_context({"text.parse_math": False}):
            return chart(*args, **kwargs)

    return drawn


def figure_uri(fig) -> str:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=110, bbox_inches="tight")
    plt.close(fig)
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def _notes_text(notes: list[str], width: int, limit: int) -> str:
    shown = ["• " + textwrap.shorten(n, width=width * 2, placeholder="…") for n in notes[:limit]]
    wrapped = [textwrap.fill(line, width=width, subsequent_indent="  ") for line in shown]
    if len(notes) > limit:
        wrapped.append(f"(+{len(notes) - limit})")
    return "\n".join(wrapped)


@literal_text
def empathy_canvas(title: str, areas: list[tuple[str, str]], notes: dict[str, list[str]]) -> str:
    """The classic canvas: five behaviour areas around the persona, pains and gains below."""
    fig, ax = plt.subplots(figsize=(10, 7.5))
    ax.set_xlim(0, 3)
    ax.set_ylim(0, 3)
    ax.axis("off")
    ax.set_title(title, fontsize=14, fontweight="bold")
    slots, widths = _canvas_slots(len(areas))
    for (area_id, label), (x, y), w in zip(areas, slots, widths, strict=True):
        ax.add_patch(Rectangle((x + 0.02, y + 0.02), w - 0.04, 0.96, fill=False, linewidth=1.2))
        ax.text(
            x + 0.06,
            y + 0.93,
            f"{label} ({len(notes.get(area_id, []))})",
            fontsize=10,
            fontweight="bold",
            va="top",
            parse_math=False,
        )
        ax.text(
            x + 0.06,
            y + 0.8,
            _notes_text(notes.get(area_id, []), width=int(30 * w), limit=6),
            fontsize=7.5,
            va="top",
            parse_math=False,
        )
    ax.add_patch(Circle((1.5, 1.5), 0.3, fill=False, linewidth=1.5))
    ax.text(1.5, 1.5, textwrap.fill(title, 14), ha="center", va="center", fontsize=8, parse_math=False)
    return figure_uri(fig)


def _canvas_slots(count: int) -> tuple[list[tuple[float, float]], list[float]]:
    """Seven areas: the classic layout around the persona; any other number: a 3-wide grid."""
    if count == 7:
        return [(0, 2), (1, 2), (2, 2), (0, 1), (2, 1), (0, 0), (1.5, 0)], [1, 1, 1, 1, 1, 1.5, 1.5]
    slots = [(i % 3, 2 - (i // 3) % 3) for i in range(count)]
    return slots, [1.0] * count


@literal_text
def value_canvas(labels: dict[str, str], items: dict[str, list[str]]) -> str:
    """Value map square on the left, customer profile circle on the right."""
    fig, ax = plt.subplots(figsize=(10, 5))
    ax.set_xlim(0, 2.2)
    ax.set_ylim(0, 1)
    ax.set_aspect("equal")  # the profile is a circle, not an ellipse
    ax.axis("off")
    ax.add_patch(Rectangle((0.02, 0.02), 0.96, 0.96, fill=False, linewidth=1.5))
    ax.add_patch(Circle((1.7, 0.5), 0.48, fill=False, linewidth=1.5))
    square = [("products", 0.05, 0.95), ("relievers", 0.05, 0.62), ("creators", 0.05, 0.30)]
    circle = [("gains", 1.3, 0.9), ("pains", 1.3, 0.6), ("jobs", 1.3, 0.3)]
    for part, x, y in square + circle:
        ax.text(x, y, labels[part], fontsize=10, fontweight="bold", va="top", parse_math=False)
        ax.text(
            x,
            y - 0.06,
            _notes_text(items.get(part, []), width=44, limit=3),
            fontsize=7.5,
            va="top",
            parse_math=False,
        )
    return figure_uri(fig)


@literal_text
def checklist_chart(
    title: str, stages: list[str], counts: list[dict[str, int]], labels: dict[str, str]
) -> str:
    """Stacked horizontal bars per stage: done, not applicable, open."""
    fig, ax = plt.subplots(figsize=(8, 0.6 * len(stages) + 1.5))
    left = [0] * len(stages)
    for state in ("done", "na", "open"):
        values = [c.get(state, 0) for c in counts]
        ax.barh(
            stages,
            values,
            left=left,
            color=GREYS[state],
            hatch=HATCHES[state],
            edgecolor="black",
            label=labels[state],
        )
        left = [a + b for a, b in zip(left, values, strict=True)]
    ax.invert_yaxis()
    ax.set_title(title)
    ax.set_xlabel("items")
    ax.legend(loc="lower right")
    return figure_uri(fig)


# Deadlines the timeline draws; others (an imported 0001-01-01 or 9999-12-31) are left off, since
# one of them would squeeze every other task into a dot or push the axis past year 9999. The
# report says how many were left off; its table lists them all.
TIMELINE_YEARS = (1970, 2200)


def on_timeline(day: date) -> bool:
    return TIMELINE_YEARS[0] <= day.year <= TIMELINE_YEARS[1]


@literal_text
def task_timeline(title: str, tasks: list[tuple[str, date, str]], labels: dict[str, str]) -> str:
    """Each task at its deadline, marker and fill by status."""
    tasks = [task for task in tasks if on_timeline(task[1])]
    fig, ax = plt.subplots(figsize=(9, 0.45 * len(tasks) + 1.5))
    markers = {"todo": "o", "doing": "s", "done": "D"}
    for status in ("todo", "doing", "done"):
        points = [(deadline, name) for name, deadline, s in tasks if s == status]
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
    ax.axvline(date.today(), linestyle="--", color="black", linewidth=1, label=labels["today"])
    ax.set_title(title)
    ax.grid(axis="x", linestyle=":")
    ax.legend(loc="best")
    fig.autofmt_xdate()
    return figure_uri(fig)


@literal_text
def progress_chart(title: str, rows: list[tuple[str, str, bool]], labels: dict[str, str]) -> str:
    """Check-ins over time, one line per task: filled marker on track, open marker off track."""
    from datetime import datetime

    fig, ax = plt.subplots(figsize=(9, 0.45 * len({r[0] for r in rows}) + 1.8))
    tasks = list(dict.fromkeys(r[0] for r in rows))
    for name in tasks:
        points = [(datetime.fromisoformat(when), ok) for task, when, ok in rows if task == name]
        ax.plot([p[0] for p in points], [name] * len(points), color="#777777", linewidth=1, zorder=1)
    for ok, marker, face in ((True, "o", "#2b2b2b"), (False, "X", "#ffffff")):
        points = [(datetime.fromisoformat(when), task) for task, when, on in rows if on is ok]
        if points:
            ax.scatter(
                [p[0] for p in points],
                [p[1] for p in points],
                marker=marker,
                s=90,
                facecolor=face,
                edgecolor="black",
                zorder=2,
                label=labels["yes" if ok else "no"],
            )
    ax.set_yticks(range(len(tasks)), [textwrap.shorten(t, 40, placeholder="…") for t in tasks])
    ax.set_title(title)
    ax.grid(axis="x", linestyle=":")
    ax.legend(loc="best", title=labels["title"])
    fig.autofmt_xdate()
    return figure_uri(fig)


@literal_text
def evaluation_radar(title: str, aspects: list[str], scores: list[float], scale_max: int) -> str:
    import math

    angles = [2 * math.pi * i / len(aspects) for i in range(len(aspects))]
    fig, ax = plt.subplots(figsize=(7, 7), subplot_kw={"polar": True})
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
) -> str:
    """Horizontal bars, best first; ``scale`` fixes the axis to the rating scale (1-5), so that
    bars are read against the scale, not against each other."""
    fig, ax = plt.subplots(figsize=(8, 0.5 * len(names) + 1.5))
    ax.barh(
        [textwrap.shorten(n, 40, placeholder="…") for n in names],
        values,
        color="#7a7a7a",
        edgecolor="black",
        hatch="//",
    )
    ax.invert_yaxis()
    if scale is not None:
        ax.set_xlim(0, scale[1])
        ax.set_xticks(range(int(scale[0]), int(scale[1]) + 1))
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    return figure_uri(fig)
