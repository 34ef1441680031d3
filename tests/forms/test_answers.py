"""Questions, checklist and brief driven without a browser: set values, check the store."""

from __future__ import annotations

import pytest

from cocreate_kit.content.plan import load_plan, load_ui
from cocreate_kit.forms.answers import KeyedAnswers
from cocreate_kit.forms.brief import BriefForm
from cocreate_kit.forms.checklist import ChecklistForm
from cocreate_kit.forms.reflection import ReflectionForm
from cocreate_kit.kinds.brief import FIELDS as BRIEF_FIELDS
from cocreate_kit.validation import InputError

UI = load_ui("en")
STAGE = load_plan("business-hubs", "en").stage("preparation")


def history(store, participant, exercise):
    return [
        (e.payload.get("key"), e.payload)
        for e in store.changes_since(participant.workshop_id, 0)
        if e.exercise == exercise and e.participant_id == participant.id
    ]


def test_reflection_answer_is_saved_when_the_box_changes(store, ann):
    """Typing an answer (sent when the box loses focus) stores it and says Saved; a change adds a revision."""
    model = KeyedAnswers(store, ann, "preparation/questions", [q.id for q in STAGE.questions])
    form = ReflectionForm(model, list(STAGE.questions), UI)
    form.boxes["q2"].value = "Weekly calls with both sides"
    form.boxes["q2"].value = "Weekly calls with both sides, and one visit a month"
    assert "Saved" == form.status.text
    stored = history(store, ann, "preparation/questions")
    assert ["Weekly calls with both sides", "Weekly calls with both sides, and one visit a month"] == [
        p["answer"] for _k, p in stored
    ]
    assert 1 == len(store.entries(ann.workshop_id, exercise="preparation/questions"))


def test_reflection_answers_come_back_on_a_new_page(store, ann):
    """A second form for the same participant (new device) shows the saved answer."""
    keys = [q.id for q in STAGE.questions]
    ReflectionForm(KeyedAnswers(store, ann, "preparation/questions", keys), list(STAGE.questions), UI).boxes[
        "q1"
    ].value = "Shared chat group"
    again = ReflectionForm(KeyedAnswers(store, ann, "preparation/questions", keys), list(STAGE.questions), UI)
    assert "Shared chat group" == again.boxes["q1"].value


def test_reflection_refuses_overlong_answer_and_keeps_the_text(store, ann):
    """An answer over the limit is refused with the limit named; the box keeps the text to fix."""
    model = KeyedAnswers(store, ann, "preparation/questions", [q.id for q in STAGE.questions])
    form = ReflectionForm(model, list(STAGE.questions), UI)
    form.boxes["q1"].value = "y" * 2001
    assert form.status.is_error and "2000" in form.status.text
    assert 2001 == len(form.boxes["q1"].value)
    assert [] == store.entries(ann.workshop_id, exercise="preparation/questions")


def test_checklist_states_comments_and_progress(store, ann):
    """Marking items done or N/A with a comment is stored, and the progress line counts them."""
    model = KeyedAnswers(store, ann, "preparation/checklist", [c.id for c in STAGE.checklist])
    form = ChecklistForm(model, list(STAGE.checklist), UI)
    assert f"0 of {len(STAGE.checklist)} done" in form.progress.value
    form.rows["c1"].state.value = "done"
    form.rows["c2"].state.value = "na"
    form.rows["c3"].comment.value = "Weekly on Mondays"
    answers = model.answers()
    assert {"state": "done", "comment": ""} == answers["c1"]
    assert {"state": "na", "comment": ""} == answers["c2"]
    assert {"state": "open", "comment": "Weekly on Mondays"} == answers["c3"]
    assert f"1 of {len(STAGE.checklist)} done, 1 not applicable" in form.progress.value


def test_checklist_refuses_a_forged_state(store, ann):
    """A state the buttons do not offer (sent by a tampered page) is refused, nothing stored."""
    model = KeyedAnswers(store, ann, "preparation/checklist", [c.id for c in STAGE.checklist])
    form = ChecklistForm(model, list(STAGE.checklist), UI)
    form.save("c1", "maybe", "")
    assert form.status.is_error and "Open, Done or N/A" in form.status.text
    assert {} == model.answers()


def test_unknown_item_key_is_refused(store, ann):
    """Saving an answer for an id that is not in the plan raises InputError."""
    model = KeyedAnswers(store, ann, "preparation/checklist", ["c1"])
    with pytest.raises(InputError):
        model.save("c99", {"state": "done"})


def test_brief_fields_are_saved_and_reloaded(store, ann):
    """The four brief fields save separately and come back on a new form."""
    form = BriefForm(KeyedAnswers(store, ann, "ideation/brief", list(BRIEF_FIELDS)), UI)
    form.boxes["motivation"].value = "We want customers to order before they visit"
    form.boxes["success"].value = "Ten online orders a week by June"
    again = BriefForm(KeyedAnswers(store, ann, "ideation/brief", list(BRIEF_FIELDS)), UI)
    assert "We want customers to order before they visit" == again.boxes["motivation"].value
    assert "Ten online orders a week by June" == again.boxes["success"].value
    assert "" == again.boxes["objectives"].value


def test_two_windows_saving_the_same_answer_do_not_overwrite_silently(store, ann):
    """The older window's save is refused once; its retry becomes a new revision, history keeps both."""
    keys = [q.id for q in STAGE.questions]
    phone = ReflectionForm(KeyedAnswers(store, ann, "preparation/questions", keys), list(STAGE.questions), UI)
    phone.boxes["q3"].value = "from phone"
    laptop_model = KeyedAnswers(store, ann, "preparation/questions", keys)
    laptop = ReflectionForm(laptop_model, list(STAGE.questions), UI)
    phone.boxes["q3"].value = "from phone, edited"
    laptop.boxes["q3"].value = "from laptop"
    assert laptop.status.is_error and "another window" in laptop.status.text
    laptop.save("q3", "from laptop")
    texts = [p["answer"] for k, p in history(store, ann, "preparation/questions") if k == "q3"]
    assert ["from phone", "from phone, edited", "from laptop"] == texts


def test_saved_shows_under_the_answer_that_changed(store, ann):
    """On a phone the form's end is off-screen: "Saved" (or what to fix) appears right under the
    box that changed, and only there; the next answer's message moves under that one."""
    model = KeyedAnswers(store, ann, "preparation/questions", [q.id for q in STAGE.questions])
    form = ReflectionForm(model, list(STAGE.questions), UI)
    children = list(form.widget.children)
    form.boxes["q3"].value = "A shared folder"
    slot = form.status.slots["q3"]
    assert children.index(slot) == children.index(form.boxes["q3"]) + 1
    assert "Saved" in slot.value and "" == form.status.widget.value
    form.boxes["q1"].value = "x" * 5000
    assert "" == slot.value
    assert "cck-error" in form.status.slots["q1"].value
