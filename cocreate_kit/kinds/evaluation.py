"""The evaluation grid: each aspect rated on the plan's scale with a note, the strategic goals
marked reached / partly / not, and the improvement actions by priority."""

from __future__ import annotations

from collections import Counter

from ..content.plan import Exercise, Plan
from ..models import Entry
from .base import Kind, Place, Reader, Words, sub_ref
from .blocks import Answers, Block, Figure, Heading, NotDone, Table

__all__ = ["GOAL_RESULTS", "PRIORITIES", "EvaluationGrid", "RatedKind"]

GOAL_RESULTS = ("achieved", "partly", "not")  # their words: UI texts goal_<result>
PRIORITIES = ("high", "medium", "low")  # their words: UI texts priority_<priority>


class RatedKind(Kind):
    """A kind whose entries rate the exercise's aspects on its scale."""

    uses = frozenset({"aspects", "scale"})

    def check(self, exercise: Exercise, plan: Plan) -> list[str]:
        """A rated exercise needs what it rates and a scale of at least two steps."""
        problems = super().check(exercise, plan)
        if not exercise.aspects or len(exercise.scale) < 2:
            problems.append(f"a {self.name} exercise needs aspects and a scale of at least two steps")
        return problems


def aspect_label(place: Place, key) -> str | None:
    exercise = place.exercise
    return next((a.label for a in (exercise.aspects if exercise else ()) if a.id == key), None)


class EvaluationGrid(RatedKind):
    name = "evaluation-grid"
    view = "cocreate_kit.forms.evaluation:open_view"
    says_fields = ("goal", "action")
    sub_lists = ("goals", "actions")
    report_order = 100
    rates_collaboration = True
    # The improvement plan an evaluation ends with is where the next cycle starts.
    carried = {
        "goals": ("evaluation-grid", "goal(s)"),
        "actions": ("improvement-actions", "improvement action(s)"),
    }
    carry_order = 30

    def describe(self, entry: Entry, place: Place, words: Words) -> str:
        payload = entry.payload
        if place.part or "rating" not in payload:
            return super().describe(entry, place, words)
        about = aspect_label(place, payload.get("key")) or str(payload.get("key"))
        return f"{about}: {payload['rating']}" + (f" ({payload['note']})" if payload.get("note") else "")

    def about(self, entry: Entry, place: Place, words: Words) -> str:
        key = entry.payload.get("key")
        return (aspect_label(place, key) or str(key)) if isinstance(key, str) else ""

    def overview(self, place: Place, read: Reader, words: Words) -> list[Block]:
        """Each aspect's ratings as a distribution over the plan's scale, with the average."""
        ui, exercise = words.ui, place.exercise
        if exercise is None:
            return []
        ratings: dict = {}
        for entry in read.visible(place.ref):
            if "rating" in entry.payload:
                ratings.setdefault(entry.payload["key"], Counter())[entry.payload["rating"]] += 1
        rows = []
        for aspect in exercise.aspects:
            counts = ratings.get(aspect.id, Counter())
            total = sum(counts.values())
            average = words.number(sum(k * v for k, v in counts.items()) / total, 1) if total else "—"
            spread = " · ".join(
                f"{label}: {'■' * counts[n]}{counts[n]}" for n, label in enumerate(exercise.scale, 1)
            )
            rows.append([aspect.label, spread, average])
        return [Table([ui["overview_aspect"], ui["overview_ratings"], ui["overview_average"]], rows)]

    def _rating_notes(self, exercise: Exercise, ratings: list[Entry], read: Reader, ui) -> list[Block]:
        """Every note given with a rating, under its aspect, with the rating and who gave it:
        the radar shows averages, the notes say why."""
        items = []
        for aspect in exercise.aspects:
            given = sorted(
                (e for e in ratings if e.payload.get("key") == aspect.id and e.payload.get("note")),
                key=lambda e: -e.payload["rating"],
            )
            voices = [
                (read.name(e.participant_id, ui), f"{self._scale_label(exercise, e)} — {e.payload['note']}")
                for e in given
            ]
            if voices:
                items.append((aspect.label, voices))
        return [Heading(ui["report_rating_notes"], 3), Answers(items)] if items else []

    @staticmethod
    def _scale_label(exercise: Exercise, entry: Entry) -> str:
        rating = entry.payload.get("rating")
        scale = exercise.scale
        label = scale[rating - 1] if isinstance(rating, int) and 1 <= rating <= len(scale) else "?"
        return f"{label} ({rating}/{len(scale)})"

    def report(self, places: list[Place], read: Reader, words: Words) -> list[Block]:
        """The aspects' average ratings as a radar, the goals with their result and reason, and
        the improvement actions by priority."""
        ui = words.ui
        blocks: list[Block] = []
        for place in places:
            exercise = place.exercise
            ratings = [e for e in read.visible(place.ref) if "rating" in e.payload]
            goals, actions = (
                read.visible(sub_ref(place.ref, "goals")),
                read.visible(sub_ref(place.ref, "actions")),
            )
            if exercise is None or not (read.visible(place.ref) or goals or actions):
                blocks.append(NotDone(place.title))
                continue
            blocks.append(Heading(place.title))
            if ratings:
                given: dict = {}
                for entry in ratings:
                    given.setdefault(entry.payload.get("key"), []).append(entry.payload["rating"])
                scores = [
                    float(sum(given[a.id]) / len(given[a.id])) if a.id in given else 0.0
                    for a in exercise.aspects
                ]
                labels = [a.label for a in exercise.aspects]
                blocks.append(
                    Figure(
                        "evaluation_radar", (place.title, labels, scores, len(exercise.scale)), place.title
                    )
                )
                blocks += self._rating_notes(exercise, ratings, read, ui)
            if goals:
                columns = [
                    ui[k] for k in ("evaluation_goal", "evaluation_result", "evaluation_reason", "report_who")
                ]
                rows = [
                    [
                        g.payload.get("goal"),
                        ui[f"goal_{g.payload.get('result')}"],
                        g.payload.get("reason"),
                        read.name(g.participant_id, ui),
                    ]
                    for g in goals
                ]
                blocks += [Heading(ui["evaluation_goals"], 3), Table(columns, rows)]
            if actions:
                ordered = sorted(
                    actions,
                    key=lambda a: (
                        PRIORITIES.index(a.payload.get("priority"))
                        if a.payload.get("priority") in PRIORITIES
                        else len(PRIORITIES)
                    ),
                )
                rows = [
                    [a.payload.get("action"), ui[f"priority_{a.payload.get('priority')}"]] for a in ordered
                ]
                blocks += [
                    Heading(ui["evaluation_actions"], 3),
                    Table([ui["evaluation_action"], ui["evaluation_priority"]], rows),
                ]
        return blocks
