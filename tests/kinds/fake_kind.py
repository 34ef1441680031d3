"""A small exercise kind as a third-party package would ship it: a mood meter (each person picks
the word for how the shop's week went). Its kind and its view live here, outside the kit."""

from __future__ import annotations

import ipywidgets as widgets

from cocreate_kit.forms.records import Records
from cocreate_kit.kinds import Kind, Table
from cocreate_kit.validation import InputError

MOODS = ("sunny", "cloudy", "stormy")


class MoodMeter(Kind):
    name = "mood-meter"
    view = "tests.kinds.fake_kind:open_view"
    says_fields = ("mood",)

    def about(self, entry, place, words):
        return f"mood of {place.exercise.title}"

    def overview(self, place, read, words):
        entries = read.visible(place.ref)
        return [
            Table(["Mood", "People"], [[m, str(sum(e.payload["mood"] == m for e in entries))] for m in MOODS])
        ]


def validate(fields: dict) -> dict:
    if fields.get("mood") not in MOODS:
        raise InputError("error_unknown_item")
    return {"mood": fields["mood"]}


class MoodForm:
    def __init__(self, model: Records):
        self.model = model
        self.pick = widgets.ToggleButtons(options=list(MOODS), value=None)
        self.save = widgets.Button(description="Save my mood")
        self.save.on_click(lambda _b: self.model.add(mood=self.pick.value))
        self.widget = widgets.VBox([self.pick, self.save])


def open_view(page, place):
    return MoodForm(Records(page.store, page.participant, place.ref, validate))
