"""Exercise notebooks on one laptop: Run All again continues the notebook's workshop."""

from __future__ import annotations

import pytest

from cocreate_kit.apps.local import local_exercise


def test_running_the_notebook_again_continues_its_workshop(store, capsys):
    """The second Run All finds the same workshop and participant, with what was typed before,
    and says which workshop it is; another exercise gets a workshop of its own."""
    first = local_exercise("preparation/questions", store=store)
    first.boxes["q1"].value = "A call every Friday"
    said = capsys.readouterr().out
    again = local_exercise("preparation/questions", store=store)
    assert {"q1": {"answer": "A call every Friday"}} == again.model.answers()
    assert said == capsys.readouterr().out
    workshop_id = said.split()[1].rstrip(":")
    assert [workshop_id] == [w.id for w in store.list_workshops()]
    assert 1 == len(store.participants(workshop_id))

    local_exercise("preparation/checklist", store=store)
    assert 2 == len(store.list_workshops())


def test_new_starts_afresh_and_an_id_picks_a_workshop(store, capsys):
    """workshop='new' leaves the old one alone and starts an empty one; an id reopens that one."""
    old = local_exercise("preparation/questions", store=store)
    old.boxes["q1"].value = "Kept"
    old_id = capsys.readouterr().out.split()[1].rstrip(":")
    fresh = local_exercise("preparation/questions", store=store, workshop="new")
    assert {} == fresh.model.answers()
    back = local_exercise("preparation/questions", store=store, workshop=old_id)
    assert {"q1": {"answer": "Kept"}} == back.model.answers()


def test_a_section_the_plan_lacks_is_named_with_the_choices(store):
    """A typo in the section says which sections the plan has."""
    with pytest.raises(KeyError, match="choose one of"):
        local_exercise("ideation/no-such-thing", store=store)
