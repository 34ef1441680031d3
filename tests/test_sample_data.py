"""The demo workshop that `make demo` loads is a valid export that fits the shipped plan."""

from __future__ import annotations

import json

from cocreate_kit.content.plan import load_plan, plan_personas
from cocreate_kit.content.resources import sample_workshop
from cocreate_kit.store import dumps_export, export_workshop, import_workshop


def test_sample_workshop_imports_and_round_trips(store):
    """The sample imports into a fresh store and exports back to the same bytes."""
    text = sample_workshop().read_text(encoding="utf-8")
    workshop = import_workshop(store, json.loads(text))
    assert text == dumps_export(export_workshop(store, workshop.id))


def test_sample_notes_use_the_plans_personas_and_areas(store):
    """Every sample note sits on a persona the plan maps and a real area, and each has notes."""
    workshop = import_workshop(store, json.loads(sample_workshop().read_text(encoding="utf-8")))
    plan = load_plan(workshop.plan, workshop.lang)
    personas = {p.id for p in plan_personas(plan)}
    areas = {a.id for a in plan.exercise("ideation/empathy-map").canvas.areas}
    entries = store.entries(workshop.id)
    assert len(entries) >= 6
    assert all(e.payload["group"] in personas and e.payload["area"] in areas for e in entries)
    assert personas == {e.payload["group"] for e in entries}
