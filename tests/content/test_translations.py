"""Every language has exactly the same content keys, so a Dutch workshop never hits a gap."""

from __future__ import annotations

import re

import pytest
import yaml

from cocreate_kit.apps.participant import ParticipantApp
from cocreate_kit.content.check import content_shape
from cocreate_kit.content.plan import PLANS_DIR, available_plans, load_ui


def content_files():
    names = {path.name.split(".")[0] for path in PLANS_DIR.iterdir() if path.suffix == ".yaml"}
    return sorted(names)


@pytest.mark.parametrize("name", content_files())
def test_english_and_dutch_have_the_same_shape(name):
    """Plan, personas and UI files: same keys, ids, kinds and number of items in en and nl."""
    english = yaml.safe_load((PLANS_DIR / f"{name}.en.yaml").read_text(encoding="utf-8"))
    dutch = yaml.safe_load((PLANS_DIR / f"{name}.nl.yaml").read_text(encoding="utf-8"))
    assert content_shape(english) == content_shape(dutch)


def test_ui_placeholders_match_between_languages():
    """A {placeholder} in an English message exists in its Dutch version too (no KeyError at run time)."""
    english, dutch = load_ui("en"), load_ui("nl")
    for key, text in english.items():
        assert set(re.findall(r"{\w+}", text)) == set(re.findall(r"{\w+}", dutch[key])), key


def test_every_plan_ships_in_both_languages():
    """Each plan that exists in English exists in Dutch."""
    plans = available_plans()
    assert {p for p, lang in plans if lang == "en"} == {p for p, lang in plans if lang == "nl"}


def test_a_dutch_workshop_speaks_dutch_to_participants(store):
    """Join page, greeting, navigation, form buttons and messages are Dutch for a --lang nl workshop."""
    created = store.create_workshop("Winkelstraat online", lang="nl")
    app = ParticipantApp(store, {"workshop": created.workshop.id, "code": created.join_code})
    assert ("Deelnamecode", "Je naam", "Meedoen") == (
        app.code_input.description,
        app.name_input.description,
        app.join_button.description,
    )
    app.name_input.value = "An"
    app.join_button.click()
    labels = [label for label, _key in app.nav.options]
    assert "1. Empathiekaart van de mensen die je helpt" == labels[0]
    assert "4. Checklist" == labels[-1]
    form = app.form
    assert "Notitie toevoegen" == form.panels["thinks"].add_button.description
    form.persona.value = "shop-owner"
    form.panels["thinks"].add_button.click()
    assert "De notitie is leeg. Schrijf eerst iets." == form.status.text
