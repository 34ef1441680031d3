"""A canvas is content: its areas, their place on a grid and whether notes can be voted on are
declared in a plan file, checked when the file is read, and every canvas gets the same form,
board overview, vote parts, report section and export words."""

from __future__ import annotations

import copy
import html

import pytest
import yaml

from cocreate_kit.apps.participant import ParticipantApp
from cocreate_kit.content.check import check_folder
from cocreate_kit.content.plan import PLANS_DIR, PlanError, load_plan, load_plan_file, load_ui
from cocreate_kit.live.describe import about
from cocreate_kit.live.facilitation import WorkshopControl, vote_parts
from cocreate_kit.report.build import report_sections

UI = load_ui("en")


def _plan_with_swot():
    data = yaml.safe_load((PLANS_DIR / "small-commerce.en.yaml").read_text(encoding="utf-8"))
    stage = next(s for s in data["stages"] if s["id"] == "evaluation")
    index = next(i for i, e in enumerate(stage["exercises"]) if e["id"] == "swot")
    return data, stage["exercises"][index]["canvas"], data["stages"].index(stage), index


def _refused(tmp_path, data) -> str:
    path = tmp_path / "small-commerce.en.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(PlanError) as refused:
        load_plan_file(path)
    return str(refused.value)


@pytest.mark.parametrize(
    "change, said",
    [
        (
            lambda c: c["areas"][1].update(column=1),
            "areas 'strengths' and 'weaknesses' both take row 1, column 1",
        ),
        (lambda c: c["areas"].pop(), "no area covers row 2, column 2 of the grid"),
        (lambda c: c["areas"][1].update(columns=2), "area 'weaknesses' runs past column 2"),
        (lambda c: c["areas"][1].update(id="strengths"), "duplicate id 'strengths' in areas"),
        (lambda c: c["areas"][0].update(colour="red; background: url(x)"), "must be written #rrggbb"),
        (lambda c: c["areas"][0].update(shape="round"), "shape"),
    ],
)
def test_a_broken_canvas_is_refused_with_its_path_and_what_is_wrong(tmp_path, change, said):
    """Overlapping cells, a missing cell, an area past the grid, an area id used twice, a colour
    that is not a colour and an unknown field each fail with the canvas's path named."""
    data, canvas, stage, exercise = _plan_with_swot()
    change(canvas)
    message = _refused(tmp_path, data)
    assert f"stages.{stage}.exercises.{exercise}.canvas" in message and said in message


def test_a_canvas_kind_needs_a_canvas_and_other_kinds_have_none(tmp_path):
    """``kind: canvas`` without areas, or areas on a task plan, are content errors."""
    data, _canvas, stage, exercise = _plan_with_swot()
    without = copy.deepcopy(data)
    del without["stages"][stage]["exercises"][exercise]["canvas"]
    assert "a canvas exercise needs canvas:" in _refused(tmp_path, without)
    misplaced = copy.deepcopy(data)
    task_plan = next(e for s in misplaced["stages"] for e in s["exercises"] if e["kind"] == "task-plan")
    task_plan["canvas"] = data["stages"][stage]["exercises"][exercise]["canvas"]
    assert "a task-plan exercise has no canvas" in _refused(tmp_path, misplaced)


def test_plans_check_finds_a_translation_whose_canvas_differs(tmp_path):
    """A Dutch canvas with a label missing, or with two areas swapped on the grid, is a
    `file: path: what` line."""
    original = yaml.safe_load((PLANS_DIR / "small-commerce.nl.yaml").read_text(encoding="utf-8"))
    for change, said in (
        (lambda areas: areas[0].pop("label"), "canvas.areas.0.label: Field required"),
        (
            lambda areas: (areas[0].update(column=2), areas[1].update(column=1)),
            "canvas.areas.0.column: 2 here",
        ),
    ):
        data = copy.deepcopy(original)
        change(
            next(e for s in data["stages"] for e in s["exercises"] if e["id"] == "swot")["canvas"]["areas"]
        )
        path = tmp_path / "small-commerce.nl.yaml"
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        problems = check_folder(tmp_path)
        assert any(said in p for p in problems), problems
        assert all(p.startswith("small-commerce.nl.yaml: ") for p in problems)


@pytest.mark.parametrize(
    "plan_id, ref, area, label",
    [
        ("small-commerce", "evaluation/swot", "strengths", "Strengths"),
        ("small-commerce", "ideation/customer-journey", "buy-pains", "Buy: pains"),
        ("small-digital", "preparation/business-model", "value", "Value proposition"),
    ],
)
def test_every_shipped_canvas_works_the_same_way(store, plan_id, ref, area, label):
    """A SWOT, a customer journey and a business model canvas: a participant adds a note in an
    area through the canvas form; the vote can be narrowed to that area; the board's overview,
    the report and the export's "about" name the area."""
    created = store.create_workshop("Canvas day", plan=plan_id)
    app = ParticipantApp(store, {"workshop": created.workshop.id, "code": created.join_code})
    app.name_input.value = "Ann"
    app.join_button.click()
    app.nav.value = ref
    form = app.built_forms()[-1]
    panel = form.panels[area]
    panel.draft.value = "=cmd|' /C calc'!A0 and $5 <b>x</b>"
    panel.add_button.click()
    [note] = store.entries(created.workshop.id, exercise=ref)
    assert {"area": area, "text": "=cmd|' /C calc'!A0 and $5 <b>x</b>"} == note.payload
    plan = load_plan(plan_id, "en")
    parts = dict(vote_parts(plan, ref, UI))
    assert {"area": area} == parts[label]
    vote = WorkshopControl(store, created.workshop.id).start_vote(ref, 2, {"area": area})
    assert {"area": area} == vote["only"]
    assert label == about(note, plan, UI)
    report = "".join(report_sections(created.workshop.id, store=store))
    section = report.split(f"<h2>{html.escape(plan.exercise(ref).title)}</h2>", 1)[1].split("<h2>", 1)[0]
    assert "data:image/png;base64," in section and "$5 &lt;b&gt;x&lt;/b&gt;" in section
    assert f"<b>{label}</b>" in section


def test_a_vote_cannot_be_narrowed_to_an_area_the_canvas_does_not_have(store):
    """Only the canvas's own areas can narrow its vote."""
    created = store.create_workshop("Canvas day", plan="small-commerce")
    with pytest.raises(Exception, match="narrowed"):
        WorkshopControl(store, created.workshop.id).start_vote("evaluation/swot", 2, {"area": "pains"})
