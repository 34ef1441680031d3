"""The canvas form driven without a browser: values set, buttons clicked, store checked. Most
tests use the empathy map, the canvas about people (a persona picked first); the last ones a
canvas without personas."""

from __future__ import annotations

import pytest

from cocreate_kit.content.plan import load_plan, load_ui, plan_personas
from cocreate_kit.forms.canvas import CanvasForm
from cocreate_kit.forms.stickies import StickyNotes
from cocreate_kit.validation import MAX_TEXT_CHARS

EXERCISE = "ideation/empathy-map"


@pytest.fixture
def form(store, ann):
    plan = load_plan("business-hubs", "en")
    exercise = plan.exercise(EXERCISE)
    personas = plan_personas(plan, exercise)
    areas = exercise.canvas.in_reading_order()
    model = StickyNotes(store, ann, EXERCISE, [p.id for p in personas], [a.id for a in areas])
    return CanvasForm(model, areas, load_ui("en"), personas)


def stored_texts(store, participant):
    return [e.payload["text"] for e in store.entries(participant.workshop_id, participant_id=participant.id)]


def add(form, area, text):
    panel = form.panels[area]
    panel.draft.value = text
    panel.add_button.click()


def test_areas_are_the_empathy_maps_areas_and_wait_for_a_persona(form):
    """The form has one panel per area, in reading order (thinks, feels, hears, says, does,
    pains, gains); they stay hidden until a persona is picked."""
    assert "none" == form.canvas.layout.display
    assert ["thinks", "feels", "hears", "says", "does", "pains", "gains"] == list(form.panels)


def test_note_is_saved_on_add_and_says_saved(form, store, ann):
    """Clicking Add stores the note at once, clears the box and shows 'Saved'."""
    form.persona.value = "shop-owner"
    add(form, "pains", "No time to learn new tools")
    assert ["No time to learn new tools"] == stored_texts(store, ann)
    assert "" == form.panels["pains"].draft.value
    assert ("Saved", False) == (form.status.text, form.status.is_error)
    assert ["No time to learn new tools"] == [row.note.text for row in form.panels["pains"].rows]


def test_persona_must_be_picked_first(form, store, ann):
    """Without a persona nothing is stored and the message says to pick one."""
    add(form, "thinks", "x")
    assert [] == stored_texts(store, ann)
    assert form.status.is_error and "persona" in form.status.text


def test_empty_note_is_refused_with_a_message(form, store, ann):
    """A blank note is refused and the status line says it is empty."""
    form.persona.value = "shop-owner"
    add(form, "thinks", "   ")
    assert [] == stored_texts(store, ann)
    assert form.status.is_error and "empty" in form.status.text


def test_too_long_note_is_refused_naming_the_limit(form, store, ann):
    """A note over the limit is refused; the message names the limit and the draft is kept."""
    form.persona.value = "shop-owner"
    add(form, "thinks", "x" * (MAX_TEXT_CHARS + 1))
    assert [] == stored_texts(store, ann)
    assert str(MAX_TEXT_CHARS) in form.status.text
    assert MAX_TEXT_CHARS + 1 == len(form.panels["thinks"].draft.value)


def test_html_is_kept_as_text_and_shown_escaped(form, store, ann):
    """Markup typed into a note is stored verbatim and rendered escaped in the participant's list."""
    form.persona.value = "digital-firm"
    payload = "<img src=x onerror=alert(1)>"
    add(form, "says", payload)
    assert [payload] == stored_texts(store, ann)
    shown = form.panels["says"].rows[0].text.value
    assert "&lt;img src=x onerror=alert(1)&gt;" in shown and "<img" not in shown


def test_edit_and_delete_own_note_keep_history(form, store, ann):
    """Edit then delete through the buttons: the list follows, the store keeps all revisions."""
    form.persona.value = "shop-owner"
    add(form, "gains", "More visitors")
    row = form.panels["gains"].rows[0]
    row.edit_button.click()
    row.editor.value = "More visitors on Sundays"
    row.save_button.click()
    assert ["More visitors on Sundays"] == stored_texts(store, ann)
    form.panels["gains"].rows[0].delete_button.click()
    assert [] == stored_texts(store, ann)
    assert [] == form.panels["gains"].rows
    history = store.history(row.note.entry_id)
    assert ["More visitors", "More visitors on Sundays", "More visitors on Sundays"] == [
        e.payload["text"] for e in history
    ]


def test_stale_edit_from_a_second_window_is_refused(form, store, ann):
    """Two windows of the same participant: the older one's edit is refused, nothing overwritten."""
    form.persona.value = "shop-owner"
    add(form, "feels", "Curious")
    stale_row = form.panels["feels"].rows[0]
    form.model.edit(stale_row.note, "Curious but wary")  # the other window saved first
    stale_row.edit_button.click()
    stale_row.editor.value = "Overwrite?"
    stale_row.save_button.click()
    assert form.status.is_error
    assert ["Curious but wary"] == stored_texts(store, ann)
    assert ["Curious but wary"] == [r.note.text for r in form.panels["feels"].rows]


def test_switching_persona_shows_that_personas_notes(form, store, ann):
    """Notes are kept per persona: each persona shows only its own notes."""
    form.persona.value = "shop-owner"
    add(form, "does", "Posts on Facebook")
    form.persona.value = "digital-firm"
    assert [] == form.panels["does"].rows
    form.persona.value = "shop-owner"
    assert ["Posts on Facebook"] == [r.note.text for r in form.panels["does"].rows]


def test_values_the_page_should_never_send_are_refused(form, store, ann):
    """A forged persona, area or non-text value from the page is refused, nothing stored."""
    from cocreate_kit.validation import InputError

    with pytest.raises(InputError):
        form.model.add("not-a-persona", "thinks", "x")
    with pytest.raises(InputError):
        form.model.add("shop-owner", "nowhere", "x")
    with pytest.raises(InputError):
        form.model.add("shop-owner", "thinks", {"text": "x"})
    with pytest.raises(InputError):
        form.model.add("shop-owner", "thinks", "bad\x00byte")
    assert [] == stored_texts(store, ann)


def test_persona_card_shows_the_picked_persona(form):
    """Picking a persona shows its name and goals before the canvas."""
    persona = next(iter(form.personas.values()))
    form.persona.value = persona.id
    assert persona.name in form.persona_card.value
    assert "flex" == form.canvas.layout.display


def test_the_message_shows_in_the_area_and_redraws_do_not_pile_up_widgets(form):
    """'Saved' appears in the area where the note was added; redrawing the canvas again and
    again keeps the same number of live widgets (the kernel lives as long as the page)."""
    from ipywidgets.widgets.widget import _instances

    form.persona.value = "shop-owner"
    for n in range(3):
        add(form, "pains", f"Pain {n}")
    assert "Saved" in form.status.slots["pains"].value and "" == form.status.widget.value
    before = len(_instances)
    for _ in range(5):
        form.refresh()
        form.persona.value = "digital-firm"
        form.persona.value = "shop-owner"
    assert before == len(_instances)


def test_a_canvas_without_personas_shows_its_areas_at_once_and_stores_no_group(store, ann):
    """The SWOT grid has no persona picker: its four areas show at once, each heading tinted
    with its area's colour on the grid, and a note is stored with its area and no persona."""
    plan = load_plan("small-commerce", "en")
    ref = next(ref for ref, e in plan.exercises_of_kind("canvas") if not e.canvas.personas and "swot" in ref)
    areas = plan.exercise(ref).canvas.in_reading_order()
    form = CanvasForm(StickyNotes(store, ann, ref, [], [a.id for a in areas]), areas, load_ui("en"))
    assert form.persona is None and "flex" == form.canvas.layout.display
    assert [a.id for a in areas] == list(form.panels)
    assert areas[0].colour and f"background: {areas[0].colour}" in form.panels[areas[0].id].heading.value
    add(form, areas[0].id, "We answer within a day")
    [entry] = store.entries(ann.workshop_id, exercise=ref)
    assert {"area": areas[0].id, "text": "We answer within a day"} == entry.payload
