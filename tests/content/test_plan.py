"""Plans as data: the shipped files load, and a malformed file names the file and the bad field."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from cocreate_kit.content.plan import (
    PLANS_DIR,
    PlanError,
    available_languages,
    available_plans,
    load_personas,
    load_plan,
    load_plan_file,
    load_ui,
)

PACKAGE = Path(__file__).resolve().parents[2] / "cocreate_kit"


def test_business_hubs_plan_has_the_four_stages_in_order():
    """The business-hubs plan runs Ideation, Preparation, Implementation, Evaluation & Closing."""
    plan = load_plan("business-hubs", "en")
    assert ["ideation", "preparation", "implementation", "evaluation"] == [s.id for s in plan.stages]
    assert "Evaluation & Closing" == plan.stage("evaluation").title


def test_every_stage_has_exercise_questions_and_checklist():
    """Each stage carries at least one exercise, reflective questions and checklist items."""
    for stage in load_plan("business-hubs", "en").stages:
        assert stage.exercises and stage.questions and stage.checklist, stage.id


def test_stage_exercise_kinds_follow_the_action_plan():
    """Ideation maps empathy (a canvas about people) and value, Preparation plans,
    Implementation monitors, Evaluation grades."""
    plan = load_plan("business-hubs", "en")
    kinds = {stage.id: [e.kind for e in stage.exercises] for stage in plan.stages}
    assert ["canvas", "value-map"] == kinds["ideation"]
    assert plan.exercise("ideation/empathy-map").canvas.personas
    assert ["task-plan"] == kinds["preparation"]
    assert ["progress-monitor"] == kinds["implementation"]
    assert ["evaluation-grid"] == kinds["evaluation"]


def test_every_empathy_map_has_the_seven_areas_around_its_persona():
    """In every plan and language the map has thinks, feels, hears, says, does, plus pains and
    gains, the persona in the middle of the grid, and its pains counted as pains."""
    for plan_id, lang in available_plans():
        plan = load_plan(plan_id, lang)
        if not plan.persona_ids():
            continue
        canvas = plan.exercise("ideation/empathy-map").canvas
        areas = ["thinks", "feels", "hears", "says", "does", "pains", "gains"]
        assert areas == [a.id for a in canvas.in_reading_order()], (plan_id, lang)
        assert (2, 3) == (canvas.persona_cell.row, canvas.persona_cell.column), (plan_id, lang)
        assert ("pains",) == canvas.pains, (plan_id, lang)


def test_personas_for_each_side_and_the_shops_customers():
    """There is a shop owner (commerce), a digital firm (digital) and customers of the shop."""
    personas = {(p.id, p.sector) for p in load_personas("en")}
    assert {("shop-owner", "commerce"), ("digital-firm", "digital")} <= personas
    assert sum(sector == "customer" for _id, sector in personas) >= 1


def test_each_plan_maps_whom_its_empathy_prompts_are_about():
    """The shop plan maps its customers (no digital firm asked about "your customers"); the hub
    plan maps both sides; every persona a plan names exists in its language."""
    from cocreate_kit.content.plan import plan_personas

    for lang in available_languages():
        shop = {p.sector for p in plan_personas(load_plan("small-commerce", lang))}
        assert shop == {"customer"}
        hub = {p.sector for p in plan_personas(load_plan("business-hubs", lang))}
        assert hub == {"commerce", "digital"}
        for plan_id, plan_lang in available_plans():
            if plan_lang == lang:
                plan = load_plan(plan_id, lang)
                assert len(plan_personas(plan)) == len(plan.persona_ids())


def test_every_plan_has_resources_and_every_link_is_https():
    """Each plan points to public pages to learn more, on its stages, and only by https."""
    for plan_id, lang in available_plans():
        plan = load_plan(plan_id, lang)
        found = plan.resources()
        assert found, plan_id
        assert any(stage.resources for stage in plan.stages), plan_id
        assert all(r.url.startswith("https://") and " " not in r.url for _where, r in found)


def test_available_plans_lists_the_shipped_files():
    """The plan registry finds business-hubs in English."""
    assert ("business-hubs", "en") in available_plans()


def _write(tmp_path, data) -> Path:
    path = tmp_path / "broken.en.yaml"
    path.write_text(yaml.safe_dump(data))
    return path


def _shipped() -> dict:
    return yaml.safe_load((PLANS_DIR / "business-hubs.en.yaml").read_text(encoding="utf-8"))


def test_missing_field_names_file_and_path(tmp_path):
    """A stage without a title fails at load naming the file and stages.1.title."""
    data = _shipped()
    del data["stages"][1]["title"]
    path = _write(tmp_path, data)
    with pytest.raises(PlanError) as caught:
        load_plan_file(path)
    assert str(path) in str(caught.value)
    assert "stages.1.title" in str(caught.value)


def test_unknown_exercise_kind_is_refused(tmp_path):
    """A typo in an exercise kind is caught with its path."""
    data = _shipped()
    data["stages"][0]["exercises"][0]["kind"] = "empathy-mop"
    with pytest.raises(PlanError, match=r"stages\.0\.exercises\.0\.kind"):
        load_plan_file(_write(tmp_path, data))


def test_unexpected_field_is_refused(tmp_path):
    """An unknown key (a misspelt field) is an error, not silently ignored."""
    data = _shipped()
    data["stages"][2]["questoins"] = []
    with pytest.raises(PlanError, match=r"stages\.2\.questoins"):
        load_plan_file(_write(tmp_path, data))


def test_duplicate_ids_are_refused(tmp_path):
    """Two checklist items with one id would mix up answers: refused."""
    data = _shipped()
    data["stages"][0]["checklist"][1]["id"] = data["stages"][0]["checklist"][0]["id"]
    with pytest.raises(PlanError, match="duplicate id"):
        load_plan_file(_write(tmp_path, data))


def test_invalid_yaml_is_a_plan_error(tmp_path):
    """A file that is not YAML at all fails with the file named."""
    path = tmp_path / "bad.en.yaml"
    path.write_text("stages: [unclosed")
    with pytest.raises(PlanError, match="not valid YAML"):
        load_plan_file(path)


def test_unknown_plan_or_language_is_a_plan_error():
    """Asking for a plan that does not ship says which file is missing."""
    with pytest.raises(PlanError, match="file not found"):
        load_plan("no-such-plan", "en")


def test_every_ui_key_used_in_the_code_exists():
    """Each ui["..."] key the package reads is defined in ui.en.yaml (no KeyError on a page)."""
    ui = load_ui("en")
    used = set()
    for source in PACKAGE.rglob("*.py"):
        text = source.read_text(encoding="utf-8")
        used |= set(re.findall(r"""ui\[["']([a-z_]+)["']\]""", text))
        used |= set(re.findall(r"""InputError\(["']([a-z_]+)["']""", text))
    assert used, "the scan found no keys at all"
    assert set() == used - set(ui)


@pytest.mark.parametrize(
    "plan_id, canvases",
    [
        ("small-commerce", {"ideation": ["customer-journey"], "evaluation": ["swot"]}),
        ("small-digital", {"preparation": ["business-model"], "evaluation": ["swot"]}),
    ],
)
def test_side_plans_follow_the_same_four_stages(plan_id, canvases):
    """The shop's and the digital firm's plans have the four stages, a brief, a scorecard and a
    grid, and their canvases where the action plan uses them: the shop's customer journey while
    ideas form, the digital firm's business model while preparing, a SWOT of the collaboration
    at the end."""
    plan = load_plan(plan_id, "en")
    assert ["ideation", "preparation", "implementation", "evaluation"] == [s.id for s in plan.stages]
    kinds = [e.kind for s in plan.stages for e in s.exercises if e.kind != "canvas"]
    assert plan.exercise("ideation/empathy-map").canvas.personas  # the map of people comes first
    assert [
        "brief",
        "partner-scorecard",
        "task-plan",
        "progress-monitor",
        "evaluation-grid",
    ] == kinds
    found = {
        s.id: [e.id for e in s.exercises if e.kind == "canvas" and not e.canvas.personas] for s in plan.stages
    }
    assert canvases == {stage: ids for stage, ids in found.items() if ids}


def test_shop_scorecard_has_the_partner_search_criteria():
    """A shop rates candidate partners on peers' recommendations, sector cases, values and fit."""
    scorecard = load_plan("small-commerce", "en").exercise("preparation/partner-scorecard")
    assert ["peers", "sector", "values", "fit"] == [a.id for a in scorecard.aspects]


def test_scale_outside_rated_exercises_is_refused(tmp_path):
    """Only rated exercises may carry a scale: a scale on a task plan is a content error."""
    data = _shipped()
    data["stages"][1]["exercises"][0]["scale"] = ["low", "high"]
    with pytest.raises(PlanError, match=r"stages\.1\.exercises\.0"):
        load_plan_file(_write(tmp_path, data))
