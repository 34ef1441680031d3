"""The HTML report read on a phone."""

from __future__ import annotations

from cocreate_kit.report.build import render_html

from ..report.conftest import fill_every_exercise
from .conftest import screenshot


def test_the_report_is_never_wider_than_a_phone(store, tmp_path, new_page):
    """At 390 px the page does not scroll sideways: wide tables (tasks, check-ins, traceability)
    scroll inside their own box, and every table is still on the page."""
    created = store.create_workshop("On the phone")
    fill_every_exercise(store, created.workshop.id, created.join_code)
    report = render_html(created.workshop.id, tmp_path, store.url)
    page = new_page(width=390, height=844)
    page.goto(report.as_uri())
    page.locator("h2").filter(has_text="Task plan").wait_for()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert page.locator("table").count() >= 5
    screenshot(page, "report-390")


def test_on_a_phone_the_timeline_keeps_legible_labels(store, tmp_path, new_page):
    """The deadline and check-in charts are not shrunk to the screen (labels of 3 px): they
    keep a readable width and scroll sideways in their own box; the page stays phone-wide."""
    created = store.create_workshop("Timeline on the phone")
    fill_every_exercise(store, created.workshop.id, created.join_code)
    report = render_html(created.workshop.id, tmp_path, store.url)
    page = new_page(width=390, height=844)
    page.goto(report.as_uri())
    charts = page.locator("figure.cck-rows img")
    charts.first.wait_for()
    assert charts.count() >= 2  # the timeline and the progress chart
    for i in range(charts.count()):
        box = charts.nth(i).bounding_box()
        assert box["width"] >= 600
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    charts.first.scroll_into_view_if_needed()
    screenshot(page, "report-390-timeline")
