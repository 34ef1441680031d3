"""Hostile participant text through every chart and the whole report: it draws, and it stays text.

The texts come from the shared corpus (tests/files/hostile-inputs.json)."""

from __future__ import annotations

import html
from datetime import date

from cocreate_kit.forms.records import Records
from cocreate_kit.forms.task_plan import validate_task
from cocreate_kit.report import charts
from cocreate_kit.report.build import render_html
from tests.hostile import STORABLE, TEXTS

MATH = "save $$ now / Launch the $\\foo$ page"  # mathtext would raise ParseException on these
STATUS = {"todo": "To do", "doing": "Doing", "done": "Done", "today": "today"}


def is_png(uri: str) -> bool:
    return uri.startswith("data:image/png;base64,") and len(uri) > 1000


def test_every_chart_draws_any_participant_text():
    """Titles, labels, tick labels and notes holding any corpus text (dollar signs included) draw
    as plain text instead of failing the whole report."""
    grid = [(f"a{i}", text[:30], 1 + i // 3, 1 + i % 3, 1, 1, None) for i, text in enumerate(TEXTS[:9])]
    notes = {area[0]: TEXTS for area in grid}
    assert is_png(charts.canvas_picture(MATH, 3, 4, grid + [("last", MATH, 4, 1, 1, 3, "#fbe9e7")], notes))
    assert is_png(charts.canvas_picture(MATH, 3, 3, grid, notes, (2, 2, 1, 1, MATH)))
    parts = ("products", "relievers", "creators", "gains", "pains", "jobs")
    assert is_png(charts.value_canvas({p: MATH for p in parts}, {p: TEXTS for p in parts}))
    counts = [{"done": 1, "na": 1, "open": 1}] * len(TEXTS)
    assert is_png(charts.checklist_chart(MATH, TEXTS, counts, {"done": MATH, "na": MATH, "open": MATH}))
    tasks = [(text, date(2027, 1, 1 + i % 28), "todo") for i, text in enumerate(TEXTS)]
    assert all(map(is_png, charts.task_timeline(MATH, tasks, STATUS)))
    rows = [(text, "2027-01-01T10:00:00", i % 2 == 0) for i, text in enumerate(TEXTS)]
    assert all(map(is_png, charts.progress_chart(MATH, rows, {"yes": MATH, "no": MATH, "title": MATH})))
    assert is_png(charts.evaluation_radar(MATH, TEXTS[:6], [1, 2, 3, 4, 5, 3], 5))
    assert all(is_png(uri) for uri in charts.ranking_chart(MATH, TEXTS, [1.0] * len(TEXTS), MATH))
    series = [(state, MATH, [1] * len(TEXTS)) for state in ("done", "late", "off-track", "on-track")]
    assert all(map(is_png, charts.state_bars(MATH, TEXTS, series)))
    assert is_png(
        charts.stacked_bars(MATH, TEXTS[:5], [(s, m, v[:5]) for s, m, v in series], horizontal=False)
    )
    ratings = [[1.5, None, 4.0]] * len(TEXTS)
    assert all(map(is_png, charts.rating_grids(MATH, TEXTS, TEXTS[:3], ratings, 5)))


def test_deadlines_at_the_ends_of_the_calendar_do_not_break_the_timeline():
    """Year 1 and year 9999 (an old import, a slip of the date picker) leave the timeline drawn,
    with the tasks it cannot place counted under it."""
    tasks = [
        ("ancient", date(1, 1, 1), "todo"),
        ("far", date(9999, 12, 31), "done"),
        ("real", date(2027, 3, 1), "doing"),
    ]
    [picture] = charts.task_timeline("Deadlines", tasks, STATUS)
    assert is_png(picture)
    assert [] == charts.task_timeline("Deadlines", tasks[:2], STATUS)  # nothing left to draw


def test_a_report_full_of_hostile_text_builds_and_shows_it_as_text(store, tmp_path):
    """Tasks named with every storable corpus text, plus stored deadlines in years 1 and 9999:
    the report builds, every text appears escaped, nothing a participant typed becomes markup."""
    created = store.create_workshop("Hostile $$ <b>report</b>")
    ann, _ = store.join(created.workshop.id, created.join_code, "Ann")
    tasks = Records(store, ann, "preparation/task-plan", validate_task)
    for i, text in enumerate(STORABLE):
        tasks.add(
            task=text, owner=text[:80], deadline=f"2027-02-{1 + i % 28:02d}", outcome=text, status="todo"
        )
    for deadline in ("0001-01-01", "9999-12-31", "not a date"):  # as an imported file may hold
        payload = {"task": deadline, "owner": "", "deadline": deadline, "outcome": "", "status": "todo"}
        store.add_entry(created.workshop.id, ann.id, "preparation/task-plan", payload | {"reliever": ""})
    page = render_html(created.workshop.id, tmp_path, store.url).read_text(encoding="utf-8")
    for text in STORABLE:
        assert html.escape(text, quote=False)[:60] in page.replace("&#x27;", "'").replace("&quot;", '"')
    assert "<h1>owned</h1>" not in page and "<script>alert" not in page
    assert "Not on the timeline: 2 tasks" in page
