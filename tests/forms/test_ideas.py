"""The idea call: customers submit ideas with an optional topic; the shop's board groups them."""

from __future__ import annotations

import pytest

from cocreate_kit.apps.facilitator import FacilitatorBoard
from cocreate_kit.apps.participant import ParticipantApp
from cocreate_kit.content.plan import load_plan
from cocreate_kit.forms.voting import DotVote
from cocreate_kit.live.facilitation import WorkshopControl
from cocreate_kit.live.workshop import LiveWorkshop
from cocreate_kit.validation import InputError


@pytest.fixture
def call(store):
    return store.create_workshop("What should we add?", plan="idea-call")


def customer(store, call, name=None):
    page = ParticipantApp(store, {"workshop": call.workshop.id, "code": call.join_code})
    if name:
        page.name_input.value = name
    else:
        page.anonymous.value = True
    page.join_button.click()
    return page


def test_customer_page_opens_on_the_idea_form_without_questions_or_checklist(store, call):
    """An idea call shows customers only the ideas form: no questions or checklist in their menu."""
    page = customer(store, call)
    assert ["ideas/ideas"] == list(page.sections)
    assert "Submit idea" == page.form.submit.description


def test_submitting_an_idea_with_a_topic(store, call):
    """An idea is stored with its topic; an empty idea is refused; a forged topic is refused."""
    page = customer(store, call, "Lea")
    page.form.text.value = "Open on Sunday mornings"
    page.form.category.value = "Opening hours and pick-up"
    page.form.submit.click()
    [idea] = store.entries(call.workshop.id, exercise="ideas/ideas")
    assert {"text": "Open on Sunday mornings", "category": "Opening hours and pick-up"} == idea.payload
    page.form.submit.click()
    assert page.form.status.is_error and "empty" in page.form.status.text
    with pytest.raises(InputError):
        page.form.model.add(text="x", category="Made-up topic")


def test_board_groups_ideas_by_topic_and_the_poll_ranks_them(store, call):
    """The shop's board shows ideas under their topics; a dot vote on the ideas ranks them."""
    lea, anon = customer(store, call, "Lea"), customer(store, call)
    for page, text, topic in (
        (lea, "Gift wrapping <b>free</b>", "Service"),
        (anon, "Local honey", "Products"),
        (anon, "A loyalty card", ""),
    ):
        page.form.text.value, page.form.category.value = text, topic
        page.form.submit.click()
    board = FacilitatorBoard(store, call.workshop.id)
    html = board.board.value
    assert "Gift wrapping &lt;b&gt;free&lt;/b&gt;" in html.split("Service")[1].split("</div></div>")[0]
    assert "Other ideas" in html and "A loyalty card" in html
    vote = WorkshopControl(store, call.workshop.id).start_vote("ideas/ideas", 2)
    ideas = {e.payload["text"]: e for e in store.entries(call.workshop.id, exercise="ideas/ideas")}
    DotVote(LiveWorkshop(store, call.workshop.id, lea.participant.id), lea.participant).place(
        ideas["Local honey"].entry_id
    )
    DotVote(LiveWorkshop(store, call.workshop.id, anon.participant.id), anon.participant).place(
        ideas["Local honey"].entry_id
    )
    DotVote(LiveWorkshop(store, call.workshop.id, anon.participant.id), anon.participant).place(
        ideas["A loyalty card"].entry_id
    )
    ranking = [(e.payload["text"], n) for e, n in LiveWorkshop(store, call.workshop.id).tally(vote)]
    assert [("Local honey", 2), ("A loyalty card", 1)] == ranking[:2]


def test_idea_call_plan_ships_in_both_languages():
    """The idea-call plan has the same topics count in English and Dutch."""
    assert 5 == len(load_plan("idea-call", "en").exercise("ideas/ideas").categories)
    assert 5 == len(load_plan("idea-call", "nl").exercise("ideas/ideas").categories)
