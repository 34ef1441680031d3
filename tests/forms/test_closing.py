"""Widgets a page no longer shows are closed with everything under them; on a live page (an
event loop running) that waits until the page has had time to draw what replaced them."""

from __future__ import annotations

import asyncio
import threading

import ipywidgets as widgets

from cocreate_kit.forms.closing import close_tree, close_trees_later
from tests.loops import run_on_own_loop


def form():
    text = widgets.Text(description="Name")
    return widgets.VBox([widgets.HTML("<h2>Join</h2>"), text]), text


def closed(widget) -> bool:
    return widget.comm is None


def test_a_closed_tree_leaves_no_widget_layout_or_style_open():
    """The box, its children and their layouts and styles are all closed."""
    box, text = form()
    parts = [box, *box.children, text.layout, text.style, box.layout]
    close_tree(box)
    assert all(closed(part) for part in parts)


def test_on_a_live_page_the_old_form_closes_after_the_delay_and_at_once_without_a_loop():
    """With an event loop the form is still open right after the call and closed once the delay
    has passed; in a script (no loop) it is closed at once."""

    async def live():
        box, text = form()
        close_trees_later([box], delay=0.05)
        still_open = not closed(text)
        for _ in range(200):  # wait for the condition, not for a fixed time
            if closed(text):
                break
            await asyncio.sleep(0.05)
        return still_open, closed(box) and closed(text)

    assert (True, True) == run_on_own_loop(live, 60)
    outcome: list = []

    def script():  # a thread runs no event loop, like a script
        box, text = form()
        close_trees_later([box])
        outcome.append(closed(box) and closed(text))

    runner = threading.Thread(target=script)
    runner.start()
    runner.join(60)
    assert [True] == outcome
