"""The value map driven without a browser: items in six parts, links, unaddressed pains and gains."""

from __future__ import annotations

import pytest

from cocreate_kit.content.plan import load_ui
from cocreate_kit.forms.value_map import ValueMap, ValueMapForm
from cocreate_kit.validation import InputError

UI = load_ui("en")
REF = "ideation/value-map"


@pytest.fixture
def form(store, ann):
    return ValueMapForm(ValueMap(store, ann, REF), UI)


def add(form, part, text):
    form.drafts[part].value = text
    form.add_buttons[part].click()
    return next(e for e in form.model.items(part) if e.payload["text"] == text)


def test_items_are_added_to_their_part(form):
    """Each of the six parts keeps its own items, in the order added."""
    add(form, "jobs", "Sell books beyond the shop's walls")
    add(form, "pains", "No time for a webshop")
    add(form, "products", "Click-and-collect page")
    assert ["Sell books beyond the shop's walls"] == [e.payload["text"] for e in form.model.items("jobs")]
    assert ["Click-and-collect page"] == [e.payload["text"] for e in form.model.items("products")]
    assert "Saved" == form.status.text


def test_linking_relievers_and_creators_updates_what_is_unaddressed(form):
    """A pain stays listed as unaddressed until a reliever is linked to it; the same for gains."""
    no_time = add(form, "pains", "No time for a webshop")
    fees = add(form, "pains", "Afraid of monthly fees")
    more_sales = add(form, "gains", "Orders on Sundays")
    reliever = add(form, "relievers", "The studio runs the shop for a fixed yearly price")
    assert {"No time for a webshop", "Afraid of monthly fees"} == {
        e.payload["text"] for e in form.model.unaddressed()["pains"]
    }
    form.link_pickers[reliever.entry_id].value = (no_time.entry_id, fees.entry_id)
    assert [] == form.model.unaddressed()["pains"]
    assert [more_sales.entry_id] == [e.entry_id for e in form.model.unaddressed()["gains"]]
    assert "Orders on Sundays" in form.unaddressed.value
    creator = add(form, "creators", "Pick-up lockers open all weekend")
    form.link_pickers[creator.entry_id].value = (more_sales.entry_id,)
    assert "Gains nothing creates yet:</b> none" in form.unaddressed.value


def test_deleted_pain_no_longer_counts(form):
    """Deleting a pain removes it from the unaddressed list and from the pickers."""
    pain = add(form, "pains", "Website is outdated")
    form.delete(pain)
    assert [] == form.model.unaddressed()["pains"]


def test_links_must_point_to_the_right_part(form):
    """A reliever cannot be linked to a gain or to an id the page made up."""
    gain = add(form, "gains", "More regulars")
    reliever = add(form, "relievers", "Loyalty card in the app")
    with pytest.raises(InputError):
        form.model.link(reliever, [gain.entry_id])
    with pytest.raises(InputError):
        form.model.link(reliever, ["forged-id"])
    job = add(form, "jobs", "Keep regulars coming")
    with pytest.raises(InputError):
        form.model.link(job, [])


def test_participant_text_is_escaped_in_the_map(form):
    """Markup typed as an item is shown as text in the list and in the unaddressed summary."""
    add(form, "pains", "<b>bold</b><script>x</script>")
    assert "&lt;script&gt;" in form.unaddressed.value and "<script>" not in form.unaddressed.value
    shown = form.lists["pains"].children[0].children[0].value
    assert "&lt;b&gt;bold&lt;/b&gt;" in shown
