"""Every language has exactly the same content keys, so a Dutch workshop never hits a gap."""

from __future__ import annotations

import re

import pytest
import yaml

from cocreate_kit.apps.participant import ParticipantApp
from cocreate_kit.content.check import content_shape
from cocreate_kit.content.plan import PLANS_DIR, available_languages, available_plans, load_ui


def content_files():
    names = {path.name.split(".")[0] for path in PLANS_DIR.iterdir() if path.suffix == ".yaml"}
    return sorted(names)


TRANSLATIONS = [lang for lang in available_languages() if lang != "en"]


def test_the_kit_ships_dutch_french_and_german():
    """The languages a hub in the Benelux and Luxembourg works in are installed."""
    assert {"nl", "fr", "de"} <= set(TRANSLATIONS)


@pytest.mark.parametrize("lang", TRANSLATIONS)
@pytest.mark.parametrize("name", content_files())
def test_every_translation_has_the_english_shape(name, lang):
    """Plan, personas and UI files: same keys, ids, kinds and number of items as in English."""
    english = yaml.safe_load((PLANS_DIR / f"{name}.en.yaml").read_text(encoding="utf-8"))
    translated = yaml.safe_load((PLANS_DIR / f"{name}.{lang}.yaml").read_text(encoding="utf-8"))
    assert content_shape(english) == content_shape(translated)


@pytest.mark.parametrize("lang", TRANSLATIONS)
def test_ui_placeholders_match_between_languages(lang):
    """A {placeholder} in an English message exists in its translation too (no KeyError at run time)."""
    english, translated = load_ui("en"), load_ui(lang)
    for key, text in english.items():
        assert set(re.findall(r"{\w+}", text)) == set(re.findall(r"{\w+}", translated[key])), key


@pytest.mark.parametrize("lang", TRANSLATIONS)
def test_every_plan_ships_in_every_language(lang):
    """Each plan that exists in English exists in every translation."""
    plans = available_plans()
    assert {p for p, plan_lang in plans if plan_lang == "en"} == {
        p for p, plan_lang in plans if plan_lang == lang
    }


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


@pytest.mark.parametrize("lang", ["fr", "de"])
def test_a_french_or_german_workshop_speaks_its_language_to_participants(store, lang):
    """Join form, menu, a note added and its confirmation come in the workshop's language (the
    words of ui.<lang>.yaml and the plan's titles), and none of them is the English word."""
    from cocreate_kit.content.plan import load_plan

    ui, english = load_ui(lang), load_ui("en")
    plan = load_plan("business-hubs", lang)
    created = store.create_workshop("Atelier / Werkstatt", lang=lang)
    app = ParticipantApp(store, {"workshop": created.workshop.id, "code": created.join_code})
    shown = (app.code_input.description, app.name_input.description, app.join_button.description)
    assert shown == (ui["join_code_label"], ui["name_label"], ui["join_button"])
    assert shown != (english["join_code_label"], english["name_label"], english["join_button"])
    app.name_input.value = "Lea"
    app.join_button.click()
    labels = [label for label, _key in app.nav.options]
    assert labels[0] == f"1. {plan.stages[0].exercises[0].title}"
    form = app.form
    form.persona.value = "shop-owner"
    form.panels["thinks"].draft.value = "Une vitrine en ligne / Ein Schaufenster online"
    form.panels["thinks"].add_button.click()
    assert form.status.text == ui["saved"] != english["saved"]
    [entry] = store.entries(created.workshop.id)
    assert entry.payload["text"] == "Une vitrine en ligne / Ein Schaufenster online"
