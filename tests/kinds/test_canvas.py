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
        (lambda c: c.update(pains=["nowhere"]), "pains names 'nowhere', which is not an area"),
        (lambda c: c.update(persona_cell={"row": 3, "column": 1}), "name the canvas's personas too"),
        (
            lambda c: c.update(personas=["shop-owner"], persona_cell={"row": 1, "column": 2}),
            "area 'weaknesses' and the persona_cell both take row 1, column 2",
        ),
    ],
)
def test_a_broken_canvas_is_refused_with_its_path_and_what_is_wrong(tmp_path, change, said):
    """Overlapping cells, a missing cell, an area past the grid, an area id used twice, a colour
    that is not a colour, an unknown field, pains in no area, a persona cell without personas or
    on an area each fail with the canvas's path named."""
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


def _as_written_before_canvases(data: dict) -> dict:
    """A plan as hubs wrote it before the empathy map was a canvas: the map's personas and
    areas at the top of the file, the exercise of kind ``empathy-map``."""
    old = copy.deepcopy(data)
    exercise = old["stages"][0]["exercises"][0]
    canvas = exercise.pop("canvas")
    exercise["kind"] = "empathy-map"
    old["personas"] = canvas["personas"]
    old["empathy_areas"] = [{k: a[k] for k in ("id", "label", "prompt")} for a in canvas["areas"]]
    return old


def test_a_plan_file_written_before_canvases_reads_as_the_same_canvas(tmp_path):
    """A hub's old plan file (plan-level ``personas`` and ``empathy_areas``, kind ``empathy-map``)
    loads unchanged into the canvas the shipped plan declares: same areas in the classic layout,
    the persona in the middle, the same personas and pains."""
    data = yaml.safe_load((PLANS_DIR / "business-hubs.nl.yaml").read_text(encoding="utf-8"))
    path = tmp_path / "business-hubs.nl.yaml"
    path.write_text(yaml.safe_dump(_as_written_before_canvases(data), allow_unicode=True), encoding="utf-8")
    old = load_plan_file(path)
    assert load_plan("business-hubs", "nl") == old
    assert ["canvas", "value-map"] == [e.kind for e in old.stages[0].exercises]


def test_a_canvas_about_people_keeps_one_map_per_persona(store):
    """On the empathy map a participant picks a persona first; the note is stored with it, the
    export's "about" names persona and area, its pains count as pains, and the report draws one
    map per persona mapped (the others named in one line) before the value map."""
    from cocreate_kit.kinds.registry import place_of

    created = store.create_workshop("People day", plan="business-hubs")
    app = ParticipantApp(store, {"workshop": created.workshop.id, "code": created.join_code})
    app.name_input.value = "Ann"
    app.join_button.click()
    ref = "ideation/empathy-map"
    app.nav.value = ref
    form = app.built_forms()[-1]
    assert "none" == form.canvas.layout.display  # nothing to fill before a persona is picked
    form.persona.value = "digital-firm"
    form.panels["pains"].draft.value = "Clients <i>never</i> answer"
    form.panels["pains"].add_button.click()
    [note] = store.entries(created.workshop.id, exercise=ref)
    assert {"group": "digital-firm", "area": "pains", "text": "Clients <i>never</i> answer"} == note.payload
    plan = load_plan("business-hubs", "en")
    assert about(note, plan, UI).endswith(" · Pains")
    place = place_of(plan, ref)
    assert "Clients <i>never</i> answer" == place.kind.pain_of(note, place)
    value_map = "ideation/value-map"
    store.add_entry(created.workshop.id, app.participant.id, value_map, {"part": "jobs", "text": "Sell"})
    report = "".join(report_sections(created.workshop.id, store=store))
    heading = f"<h2>{html.escape(plan.exercise(ref).title)}</h2>"
    section = report.split(heading, 1)[1].split("<h2>", 1)[0]
    assert section.count("data:image/png;base64,") == 1  # Joris's map only
    assert "Clients &lt;i&gt;never&lt;/i&gt; answer" in section
    assert "No notes yet for: Marta Lindqvist" in section
    assert report.index(heading) < report.index(f"<h2>{html.escape(plan.exercise(value_map).title)}</h2>")
