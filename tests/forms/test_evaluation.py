"""The evaluation grid driven without a browser: ratings on the plan's scale, goals, actions."""

from __future__ import annotations

import pytest

from cocreate_kit.content.plan import load_plan, load_ui
from cocreate_kit.forms.evaluation import EvaluationForm, EvaluationGrid
from cocreate_kit.validation import InputError

UI = load_ui("en")
REF = "evaluation/evaluation-grid"
EXERCISE = load_plan("business-hubs", "en").exercise(REF)


@pytest.fixture
def form(store, ann):
    return EvaluationForm(EvaluationGrid(store, ann, REF, EXERCISE), UI)


def test_grid_rates_the_seven_aspects_of_the_plan(form):
    """There is one rating row per aspect: initiatives ... improvement areas."""
    assert [
        "initiatives",
        "collaboration",
        "engagement",
        "digital-transformation",
        "performance-metrics",
        "feedback",
        "improvement-areas",
    ] == list(form.ratings)


def test_rating_and_note_are_saved_and_come_back(form, store, ann):
    """A rating with a note is stored and shown again on a new form."""
    buttons, note = form.ratings["engagement"]
    buttons.value = 4
    note.value = "Most shops came to every session"
    assert {"rating": 4, "note": "Most shops came to every session"} == form.model.ratings.get("engagement")
    again = EvaluationForm(EvaluationGrid(store, ann, REF, EXERCISE), UI)
    assert 4 == again.ratings["engagement"][0].value


def test_ratings_outside_the_scale_are_refused(form):
    """0, 6, True and text are not ratings on a five-step scale; the message names the range."""
    for bad in (0, 6, True, "5"):
        with pytest.raises(InputError) as caught:
            form.model.rate("feedback", bad, "")
        assert "Choose a rating from 1 to 5." == caught.value.message(UI)
    assert {} == form.model.ratings.answers()


def test_goals_with_result_and_reason(form):
    """A goal marked partly reached with its reason is stored and listed."""
    form.goal.value, form.goal_result.value, form.goal_reason.value = (
        "Ten shops online",
        "partly",
        "Six so far",
    )
    form.add_goal.click()
    [goal] = form.model.goals.mine()
    assert {
        "kind": "goal",
        "goal": "Ten shops online",
        "result": "partly",
        "reason": "Six so far",
    } == goal.payload
    assert "Partly reached" in form.goals_list.value


def test_actions_are_listed_by_impact(form):
    """Improvement actions show highest impact first, whatever order they were added in."""
    for action, priority in [
        ("Newsletter", "low"),
        ("Monthly check-ins", "high"),
        ("Buddy system", "medium"),
    ]:
        form.action.value, form.priority.value = action, priority
        form.add_action.click()
    assert ["Monthly check-ins", "Buddy system", "Newsletter"] == [
        a.payload["action"] for a in form.model.actions_by_priority()
    ]


def test_forged_goal_result_is_refused(form):
    """A result the dropdown does not offer is refused with a message."""
    with pytest.raises(InputError):
        form.model.goals.add(goal="x", result="mostly", reason="")
