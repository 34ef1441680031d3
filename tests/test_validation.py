"""Text checks shared by every form."""

from __future__ import annotations

import pytest

from cocreate_kit.content.plan import load_ui
from cocreate_kit.validation import InputError, clean_text


def test_clean_text_trims_and_keeps_newlines():
    """Surrounding space goes, inner newlines and tabs stay."""
    assert "line one\n\tline two" == clean_text("  line one\n\tline two  ")


@pytest.mark.parametrize(
    ("value", "key"),
    [("", "error_empty"), (None, "error_empty"), (42, "error_not_text"), ("a\x07b", "error_control_chars")],
)
def test_clean_text_refuses(value, key):
    """Empty, non-text and control characters each get their own message key."""
    with pytest.raises(InputError) as caught:
        clean_text(value)
    assert key == caught.value.key


def test_too_long_message_names_the_limit():
    """The English message for a long text says how long it was and the limit."""
    with pytest.raises(InputError) as caught:
        clean_text("x" * 11, limit=10)
    assert "That is 11 characters; this box holds at most 10. Please shorten it." == caught.value.message(
        load_ui("en")
    )


def test_every_form_keeps_hostile_text_verbatim_or_refuses_it_with_a_message(store, workshop):
    """The shared corpus through the forms' own models: what can be stored comes back exactly as
    typed (a value-map note, a task's name, owner and outcome); control characters get a message
    and nothing is stored."""
    from cocreate_kit.forms.records import Records
    from cocreate_kit.forms.task_plan import validate_task
    from cocreate_kit.forms.value_map import ValueMap
    from tests.hostile import REFUSED, STORABLE

    ann, _ = store.join(workshop.workshop.id, workshop.join_code, "Ann")
    value_map = ValueMap(store, ann, "ideation/value-map")
    tasks = Records(store, ann, "preparation/task-plan", validate_task)
    for text in STORABLE:
        value_map.add("pains", text)
        tasks.add(task=text, owner=text[:80], deadline="", outcome=text, status="todo")
    stored = store.entries(workshop.workshop.id)
    assert sorted(STORABLE) == sorted(e.payload["text"] for e in stored if e.exercise == "ideation/value-map")
    assert sorted(STORABLE) == sorted(
        e.payload["task"] for e in stored if e.exercise == "preparation/task-plan"
    )
    for text in REFUSED:
        with pytest.raises(InputError) as caught:
            value_map.add("pains", text)
        assert "control characters" in caught.value.message(load_ui("en"))
        with pytest.raises(InputError):
            tasks.add(task=text, owner="", deadline="", outcome="", status="todo")
    assert len(stored) == len(store.entries(workshop.workshop.id))


def test_an_empty_field_message_names_what_is_being_filled():
    """An empty task, candidate, idea, goal or value-map item each says what it is, not "note"."""
    from cocreate_kit.forms.evaluation import validate_action, validate_goal
    from cocreate_kit.forms.ideas import idea_validator
    from cocreate_kit.forms.scorecard import validate_candidate
    from cocreate_kit.forms.task_plan import validate_task

    ui = load_ui("en")
    cases = [
        (lambda: validate_task({"task": " ", "status": "todo"}), "The task has no name"),
        (lambda: validate_candidate({"name": ""}), "The candidate has no name"),
        (lambda: idea_validator([])({"text": ""}), "The idea is empty"),
        (lambda: validate_goal({"goal": "", "result": "achieved"}), "The goal is empty"),
        (lambda: validate_action({"action": "", "priority": "high"}), "The action is empty"),
    ]
    for attempt, expected in cases:
        with pytest.raises(InputError) as caught:
            attempt()
        assert caught.value.message(ui).startswith(expected)
