"""The presenter view for the projector, driven without a browser."""

from __future__ import annotations

import itertools
import re

import ipywidgets as widgets
import pytest

from cocreate_kit.apps.presenter import PresenterView, presenter_page
from cocreate_kit.forms.voting import DotVote
from cocreate_kit.live.facilitation import WorkshopControl
from cocreate_kit.live.workshop import LiveWorkshop

MAP = "ideation/empathy-map"


def note(store, who, text, area="pains"):
    return store.add_entry(who.workshop_id, who.id, MAP, {"group": "shop-owner", "area": area, "text": text})


def _walk(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from _walk(child)


def test_the_projector_shows_notes_big_and_nothing_to_operate(store, workshop, ann):
    """Notes of the exercise the room is on appear as they are written; the page holds no button,
    picker or text box (the controls stay on the facilitator's board)."""
    view = PresenterView(store, workshop.workshop.id)
    note(store, ann, "Parking is hard <b>!</b>")
    view.tick()
    assert "Parking is hard &lt;b&gt;!&lt;/b&gt;" in view.board.value
    assert "Empathy map" in view.heading.value and "Entries: 1 · People: 1" in view.heading.value
    inputs = [
        w for w in _walk(view.widget) if isinstance(w, (widgets.Button, widgets.Dropdown, widgets.Text))
    ]
    assert [] == inputs


def test_a_private_round_stays_off_the_projector_until_revealed(store, workshop, ann):
    """The projector is the room: a private round's notes appear only when the facilitator reveals."""
    control = WorkshopControl(store, workshop.workshop.id)
    control.set_private(MAP, True)
    note(store, ann, "My own worry")
    view = PresenterView(store, workshop.workshop.id)
    assert "My own worry" not in view.board.value and "Private round" in view.board.value
    control.reveal(MAP)
    view.tick()
    assert "My own worry" in view.board.value


def test_it_follows_the_room_and_shows_the_ranking_after_the_vote(store, workshop, ann, bob):
    """Brought to another exercise, the projector follows; a closed vote shows its ranking."""
    control = WorkshopControl(store, workshop.workshop.id)
    first, second = note(store, ann, "Delivery"), note(store, bob, "Opening hours")
    view = PresenterView(store, workshop.workshop.id)
    control.start_vote(MAP, 3)
    view.tick()
    assert "Voting is open: 0 dots" in view.ranking.value
    for target in (second, second, first):
        DotVote(LiveWorkshop(store, workshop.workshop.id, viewer=ann.id), ann).place(target.entry_id)
    control.close_vote()
    view.tick()
    ranking = view.ranking.value
    assert ranking.index("Opening hours") < ranking.index("Delivery")
    control.bring_everyone("preparation/task-plan")
    view.tick()
    assert "Task plan" in view.heading.value and "Opening hours" not in view.board.value


def test_the_projector_needs_the_facilitator_key(store, workshop):
    """Without the key: a refusal message, no workshop content."""
    page = presenter_page(store, {"workshop": workshop.workshop.id, "key": "wrong"}, auto_refresh=False)
    assert "facilitator" in page.value.lower() and workshop.workshop.title not in page.value


@pytest.mark.parametrize(
    "plan, section, payload",
    [
        ("business-hubs", MAP, {"group": "shop-owner", "area": "pains", "text": "Queues"}),
        ("small-commerce", "evaluation/swot", {"area": "strengths", "text": "Loyal regulars"}),
        ("idea-call", "ideas/ideas", {"category": "", "text": "A loyalty card"}),
    ],
)
def test_the_projectors_headings_never_skip_a_level(store, plan, section, payload):
    """Under the projector's h1, every kind's live board starts at h2 (a screen reader's outline
    of the page has no gap from h1 to h3); the facilitator's board keeps h3 under its h2."""
    created = store.create_workshop("Outline", plan=plan)
    who, _ = store.join(created.workshop.id, created.join_code, "Ann")
    store.add_entry(created.workshop.id, who.id, section, payload)
    WorkshopControl(store, created.workshop.id).bring_everyone(section)
    view = PresenterView(store, created.workshop.id)
    page = view.heading.value + view.ranking.value + view.board.value
    levels = [int(level) for level in re.findall(r"<h([1-6])\b", page)]
    assert levels[0] == 1 and len(levels) > 1, page
    assert all(later <= earlier + 1 for earlier, later in itertools.pairwise(levels)), levels
