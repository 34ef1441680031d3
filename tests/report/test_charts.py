"""The report's canvases: however many notes, every line stays inside its box, circle or ring."""

from __future__ import annotations

import base64
import random
import struct
from datetime import date

import pytest
from matplotlib.patches import Circle, Ellipse, Rectangle

from cocreate_kit.content.plan import load_plan
from cocreate_kit.report import charts

WORDS = "shop online customers time money website photos orders weekend market delivery trust".split()


def notes(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return [" ".join(rng.choice(WORDS) for _ in range(rng.randint(2, 30))) for _ in range(count)]


def corners(box):
    return [(box.x0, box.y0), (box.x0, box.y1), (box.x1, box.y0), (box.x1, box.y1)]


def assert_texts_stay_in_their_shapes(fig):
    """Each text whose anchor lies in a rectangle or circle has its four corners in it too,
    and no two texts overlap."""
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    ax = fig.axes[0]
    shapes = [p for p in ax.patches if isinstance(p, (Rectangle, Circle, Ellipse))]
    checked = 0
    for text in ax.texts:
        if not text.get_text():
            continue
        anchor = ax.transData.transform(text.get_position())
        home = [shape for shape in shapes if shape.contains_point(anchor)]
        assert home, f"{text.get_text()[:40]!r} is in no box"
        extent = text.get_window_extent(renderer)
        assert all(home[0].contains_point(corner, radius=1.0) for corner in corners(extent)), (
            f"{text.get_text()[:60]!r} runs out of its box"
        )
        checked += 1
    extents = [(t.get_text(), t.get_window_extent(renderer)) for t in ax.texts if t.get_text()]
    for i, (text, extent) in enumerate(extents):
        for other, other_extent in extents[i + 1 :]:
            assert not extent.overlaps(other_extent), f"{text[:30]!r} overlaps {other[:30]!r}"
    return checked


@pytest.mark.parametrize("count", [0, 3, 40, 400])
def test_empathy_map_notes_never_leave_their_area(count):
    """The empathy map drawn from its canvas declaration, from an empty map to 400 long notes per
    area: no line crosses its area's border, and a long persona title stays in the ring in the
    middle (the picture shows what fits and "(+N)"; the text list below has them all)."""
    canvas = load_plan("business-hubs", "en").exercise("ideation/empathy-map").canvas
    grid = [(a.id, a.label, a.row, a.column, a.rows, a.columns, a.colour) for a in canvas.areas]
    who = "Marta Lindqvist (Owner of a small bookshop with a coffee corner and a long title)"
    cell = canvas.persona_cell
    figure = charts.canvas_figure(
        who,
        canvas.columns,
        canvas.rows(),
        grid,
        {area[0]: notes(count, i) for i, area in enumerate(grid)},
        (cell.row, cell.column, cell.rows, cell.columns, who),
    )
    assert assert_texts_stay_in_their_shapes(figure) == (2 if count else 1) * len(grid) + 1


@pytest.mark.parametrize("count", [0, 2, 30, 300])
def test_value_canvas_items_never_cross_the_square_or_the_circle(count):
    """Items of the value map stay in the square, the customer profile's inside the circle."""
    parts = ["products", "relievers", "creators", "gains", "pains", "jobs"]
    figure = charts.value_figure(
        {part: part.capitalize() for part in parts}, {part: notes(count, i) for i, part in enumerate(parts)}
    )
    assert assert_texts_stay_in_their_shapes(figure) == (2 if count else 1) * len(parts)


def test_the_canvas_says_how_many_more_notes_there_are():
    """What does not fit is counted, so the picture never silently drops notes."""
    shown = charts._notes_text(notes(50, 1), width=40, lines=13)
    lines = shown.splitlines()
    assert len(lines) <= 13
    listed = sum(line.startswith("• ") for line in lines)
    assert lines[-1] == f"(+{50 - listed})"


def png_size(uri: str) -> tuple[int, int]:
    data = base64.b64decode(uri.split(",", 1)[1])
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


A4_WIDTH_MM, A4_HEIGHT_MM = 182, 263  # the report's printable area (A4 less its margins)


def test_a_long_task_plan_is_drawn_in_pictures_that_each_fit_a_page():
    """150 tasks give 8 timeline pictures of at most 20 rows; each, printed at the page's full
    width, is shorter than the page (one tall picture used to run over the page number)."""
    status = {"todo": "To do", "doing": "Doing", "done": "Done", "today": "Today"}
    tasks = [(f"Task {i} " + " ".join(WORDS), date(2027, 1 + i % 12, 1 + i % 28), "todo") for i in range(150)]
    pictures = charts.task_timeline("Timeline", tasks, status)
    assert len(pictures) == 8
    for picture in pictures:
        width, height = png_size(picture)
        assert height / width * A4_WIDTH_MM < A4_HEIGHT_MM

    check_ins = [(f"Task {i % 45}", f"2027-01-{1 + i % 28:02d}T10:00:00", i % 3 > 0) for i in range(200)]
    labels = {"yes": "Yes", "no": "No", "title": "On track?"}
    progress = charts.progress_chart("Progress", check_ins, labels)
    assert len(progress) == 3
    for picture in progress:
        width, height = png_size(picture)
        assert height / width * A4_WIDTH_MM < A4_HEIGHT_MM


def test_two_tasks_with_one_name_stay_two_rows_and_pictures_are_numbered():
    """Rows are counted, not merged by name, and several pictures are titled "(1/3)" ..."""
    pages = charts._pages([("Call the printer", n) for n in range(45)], "Timeline")
    assert [title for title, _rows in pages] == ["Timeline (1/3)", "Timeline (2/3)", "Timeline (3/3)"]
    assert sum(len(rows) for _title, rows in pages) == 45
    assert charts._pages([("One", 1)], "Timeline") == [("Timeline", [("One", 1)])]


def test_a_time_axis_writes_its_days_in_the_reports_language():
    """A Dutch timeline's ticks read "1 mrt 2027", never matplotlib's English month names; ticks
    hours apart carry their time so no two read alike."""
    from datetime import datetime

    for first, last, expect in (
        (datetime(2027, 1, 1), datetime(2027, 6, 1), "mrt 2027"),
        (datetime(2027, 1, 1, 9), datetime(2027, 1, 1, 15), "1 jan 2027 12:00"),
    ):
        fig, ax = charts._subplots((6, 4))
        ax.plot([first, last], [0, 1])
        charts._day_axis(ax, "nl")
        fig.canvas.draw()
        ticks = [t.get_text().replace("\u00a0", " ") for t in ax.get_xticklabels()]
        assert any(expect in t for t in ticks), ticks
        assert len(set(ticks)) == len(ticks) and not any("Mar" in t or "Jan" in t for t in ticks)


def test_drawing_a_chart_leaves_the_notebooks_matplotlib_backend_alone():
    """Importing the charts and drawing one does not switch matplotlib's backend (a notebook's
    inline or widget backend stays) and leaves no pyplot figure open behind it."""
    import subprocess
    import sys

    script = (
        "import matplotlib; matplotlib.use('svg')\n"
        "import matplotlib.pyplot as plt\n"
        "from cocreate_kit.report import charts\n"
        "uri = charts.evaluation_radar('Radar', ['a', 'b', 'c'], [1, 2, 3], 5)\n"
        "assert uri.startswith('data:image/png;base64,'), uri[:40]\n"
        "print(matplotlib.get_backend(), len(plt.get_fignums()))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert "svg 0" == done.stdout.strip()


def test_the_checklist_chart_counts_answers_in_whole_numbers():
    """Two answers in one stage: the count axis reads 0, 1, 2, never 0.25 or 1.75 (a decimal
    point that a French, German or Dutch reader would also read as foreign)."""
    labels = {"done": "Fait", "na": "N/A", "open": "À faire", "axis": "réponses"}
    fig = charts.checklist_figure("Liste", ["Idéation", "Préparation"], [{}, {"done": 1, "open": 1}], labels)
    fig.canvas.draw()
    ticks = [t.get_text().replace("\u2212", "-") for t in fig.axes[0].get_xticklabels() if t.get_text()]
    assert ticks and all(t.isdigit() for t in ticks), ticks
