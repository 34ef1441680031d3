"""Exercise kinds are units behind one registry: a package adds a kind (by entry point or by
``register``) and it is on the participant's page, the board's overview, "Everyone's entries"
and the CSV export, with no change to the kit."""

from __future__ import annotations

import pytest
import yaml

from cocreate_kit.apps.overview import render_overview
from cocreate_kit.apps.participant import ParticipantApp
from cocreate_kit.content.plan import (
    PLANS_DIR,
    PlanError,
    forget_loaded_content,
    load_plan,
    load_plan_file,
    load_ui,
)
from cocreate_kit.kinds import ENTRY_POINT_GROUP, KINDS, KindRegistry, UnknownKindError, place_of
from cocreate_kit.live.describe import describe
from cocreate_kit.live.workshop import LiveWorkshop
from cocreate_kit.report.build import report_sections
from cocreate_kit.report.export import entry_table

from .fake_kind import MoodMeter

UI = load_ui("en")


@pytest.fixture
def mood_kind():
    KINDS.register(MoodMeter)
    yield KINDS.get("mood-meter")
    KINDS.unregister("mood-meter")


@pytest.fixture
def mood_plan(tmp_path, monkeypatch, mood_kind):
    """A copy of the hub plan whose first stage ends with a mood meter, as a hub's content folder."""
    data = yaml.safe_load((PLANS_DIR / "business-hubs.en.yaml").read_text(encoding="utf-8"))
    data["id"] = "mood-hub"
    data["stages"][0]["exercises"].append(
        {"id": "mood", "kind": "mood-meter", "title": "How did the week go?", "instructions": "Pick one."}
    )
    (tmp_path / "mood-hub.en.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    monkeypatch.setenv("COCREATE_PLANS", str(tmp_path))
    forget_loaded_content()
    yield load_plan("mood-hub", "en")
    monkeypatch.delenv("COCREATE_PLANS")
    forget_loaded_content()


def test_an_installed_package_offers_a_kind_through_its_entry_point(tmp_path, monkeypatch):
    """A distribution on the path that names a kind under the ``cocreate_kit.kinds`` group is
    found by a registry that does not know the name yet."""
    dist = tmp_path / "cocreate_mood-0.1.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: cocreate-mood\nVersion: 0.1\n")
    (dist / "entry_points.txt").write_text(
        f"[{ENTRY_POINT_GROUP}]\nmood-meter = tests.kinds.fake_kind:MoodMeter\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    registry = KindRegistry()
    assert isinstance(registry.get("mood-meter"), MoodMeter)
    assert "mood-meter" in registry.names()


def test_an_unknown_kind_is_a_clear_refusal_in_the_registry_and_in_a_plan_file(tmp_path):
    """Asking for a kind nobody registered raises UnknownKindError; a plan naming it fails when
    the file is read, with the exercise's path and the kinds that exist."""
    with pytest.raises(UnknownKindError):
        KINDS.get("mood-meter")
    data = yaml.safe_load((PLANS_DIR / "business-hubs.en.yaml").read_text(encoding="utf-8"))
    data["stages"][0]["exercises"][0]["kind"] = "mood-meter"
    path = tmp_path / "business-hubs.en.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(PlanError) as refused:
        load_plan_file(path)
    assert "stages.0.exercises.0.kind: unknown kind 'mood-meter'" in str(refused.value)
    assert "task-plan" in str(refused.value)


def test_a_registered_kind_is_on_the_page_the_board_the_report_and_the_export(store, mood_plan):
    """A participant opens the mood meter (the kind's own view) and saves a mood; the board's
    overview counts it, the report has its section, "Everyone's entries" and the CSV say it in
    words."""
    created = store.create_workshop("Week review", plan="mood-hub")
    app = ParticipantApp(store, {"workshop": created.workshop.id, "code": created.join_code})
    app.name_input.value = "Ann"
    app.join_button.click()
    assert "1. How did the week go?" in [label for label, _key in app.nav.options]
    app.nav.value = "ideation/mood"
    form = app.built_forms()[-1]
    form.pick.value = "stormy"
    form.save.click()

    live = LiveWorkshop(store, created.workshop.id)
    board = render_overview(live, mood_plan, "ideation/mood", UI)
    assert "<td>stormy</td><td>1</td>" in board and "<td>sunny</td><td>0</td>" in board
    report = "".join(report_sections(created.workshop.id, store=store))
    assert "<h2>How did the week go?</h2>" in report and "<td>stormy</td>" in report
    entry = store.entries(created.workshop.id, exercise="ideation/mood")[0]
    assert "stormy" == describe(entry, mood_plan, UI)
    assert "mood-meter" == place_of(mood_plan, "ideation/mood").kind.name
    columns, rows = entry_table(store, created.workshop.id, exercise="ideation/mood")
    row = dict(zip(columns, rows[0], strict=True))
    assert ("stormy", "mood of How did the week go?", "Ann") == (
        row["mood"],
        row["about"],
        row["participant"],
    )


def test_every_exercise_of_the_shipped_plans_has_a_registered_kind_with_a_view():
    """The kit's own plans use only registered kinds, and each opens a participant form."""
    from cocreate_kit.content.plan import available_plans

    for plan_id, lang in available_plans():
        plan = load_plan(plan_id, lang)
        for stage in plan.stages:
            for exercise in stage.exercises:
                place = place_of(plan, f"{stage.id}/{exercise.id}")
                assert place is not None and place.kind.view, (plan_id, exercise.id)
