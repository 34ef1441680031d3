"""The empathy map: notes about a persona, placed in the plan's areas (thinks, feels, says,
does, pains, gains)."""

from __future__ import annotations

from typing import cast

from ..content.plan import Exercise, Plan
from ..models import Entry
from ..validation import InputError
from .base import Kind, Place, Reader, Words
from .blocks import Block, Figure, Heading, Line, Notes

__all__ = ["EmpathyMap", "notes_by_area"]


def notes_by_area(areas: list[tuple[str, str]], notes: dict[str, list[str]]) -> Notes:
    """Every note as text under its area's label (areas without notes left out)."""
    return Notes([(label, notes[area_id]) for area_id, label in areas if notes.get(area_id)])


class EmpathyMap(Kind):
    name = "empathy-map"
    view = "cocreate_kit.forms.empathy_map:open_view"
    board_view = "cocreate_kit.apps.boards:empathy_board"
    vote_field = "area"
    report_order = 20

    def check(self, exercise: Exercise, plan: Plan) -> list[str]:
        problems = super().check(exercise, plan)
        if not (plan.empathy_areas and plan.personas):
            problems.append("a plan with an empathy map needs empathy_areas and personas")
        return problems

    def entry_problem(self, payload: dict, place: Place, plan: Plan) -> InputError | None:
        return self.note_problem(payload, "area", set(plan.area_ids()))

    def about(self, entry: Entry, place: Place, words: Words) -> str:
        payload = entry.payload
        area = next(
            (a.label for a in words.plan.empathy_areas if a.id == payload.get("area")),
            str(payload.get("area")),
        )
        group = payload.get("group")
        persona = words.personas.get(group) if group is not None else None
        return f"{persona.name} · {area}" if persona else area

    def vote_parts(self, place: Place, words: Words) -> list[tuple[str, dict]]:
        return [(area.label, {"area": area.id}) for area in words.plan.empathy_areas]

    def pain_of(self, entry: Entry) -> str | None:
        return entry.payload.get("text", "") if entry.payload.get("area") == "pains" else None

    def report(self, places: list[Place], read: Reader, words: Words) -> list[Block]:
        """A canvas per persona with notes (and every note as text); the personas nobody mapped
        in one line."""
        areas = [(a.id, a.label) for a in words.plan.empathy_areas]
        blocks: list[Block] = []
        for place in places:
            entries = read.visible(place.ref)
            blocks.append(Heading(place.title))
            unmapped = []
            for persona in words.personas.values():
                notes: dict[str, list[str]] = {}
                for entry in entries:
                    if entry.payload.get("group") == persona.id:
                        # The form stores both as text; an imported note lacking one keeps its None, as
                        # always (cast: notes_by_area and the renderers take text).
                        area, text = entry.payload.get("area"), entry.payload.get("text")
                        notes.setdefault(cast(str, area), []).append(cast(str, text))
                title = f"{persona.name} ({persona.role})"
                if not notes:  # no empty canvas
                    unmapped.append(title)
                    continue
                blocks += [
                    Figure("empathy_canvas", (title, areas, notes), title),
                    notes_by_area(areas, notes),
                ]
            if unmapped:
                blocks.append(Line(words.ui["report_not_mapped"].format(names="; ".join(unmapped)), "empty"))
        return blocks
