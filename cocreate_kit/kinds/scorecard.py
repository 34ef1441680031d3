"""The partner scorecard: candidate digital partners rated on weighted criteria (the plan's and
those the room adds), ranked by their weighted score.

The arithmetic lives here once: the participant's form, the board and the report rank alike.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ..content.plan import Area
from .base import Place, Reader, Words, sub_ref
from .blocks import Block, Figure, Heading, NotDone, Table
from .evaluation import RatedKind

__all__ = [
    "AVERAGE_PLACES",
    "DEFAULT_WEIGHT",
    "PartnerScorecard",
    "RankedCandidate",
    "SCORE_PLACES",
    "criteria_ref",
    "scorecard_criteria",
    "scorecard_ranking",
    "weighted_total",
]

DEFAULT_WEIGHT = 1
SCORE_PLACES, AVERAGE_PLACES = 2, 1  # a weighted score; one criterion's average score


def criteria_ref(exercise_ref: str) -> str:
    """Where a scorecard's added criteria are stored."""
    return sub_ref(exercise_ref, "criteria")


def weighted_total(scores: dict[str, int], weights: dict[str, int]) -> float | None:
    """Weighted average of the scored criteria (unset weights count 1); None when nothing counts."""
    pairs = [(weights.get(key, DEFAULT_WEIGHT), score) for key, score in scores.items()]
    total_weight = sum(w for w, _s in pairs)
    return round(sum(w * s for w, s in pairs) / total_weight, 2) if total_weight else None


@dataclass(frozen=True)
class RankedCandidate:
    name: str
    score: float  # the average of each rater's weighted total
    raters: int
    by_criterion: dict[str, float]  # criterion id -> average score given


def scorecard_ranking(candidates, weights) -> list[RankedCandidate]:
    """Candidates ranked by their weighted score, averaged over the people who rated them. Each
    rater's scores count with that rater's own weights (joined by participant id, so anonymous
    people never share weights). The one ranking the board and the report both show."""
    weight_of: defaultdict[str | None, dict[str, int]] = defaultdict(dict)  # participant -> key -> weight
    for weight in weights:
        weight_of[weight.participant_id][weight.payload["key"]] = weight.payload["weight"]
    totals: defaultdict[str, list[float]] = defaultdict(list)  # candidate -> each rater's total
    given: defaultdict[str, defaultdict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for candidate in candidates:
        scores = candidate.payload.get("scores", {}) or {}
        total = weighted_total(scores, weight_of[candidate.participant_id])
        if total is None:
            continue
        name = candidate.payload["name"]
        totals[name].append(total)
        for key, score in scores.items():
            given[name][key].append(score)
    ranked = [
        RankedCandidate(
            name,
            round(sum(values) / len(values), 2),
            len(values),
            {key: round(sum(s) / len(s), 2) for key, s in given[name].items()},
        )
        for name, values in totals.items()
    ]
    return sorted(ranked, key=lambda c: -c.score)


def scorecard_criteria(aspects, added) -> list[Area]:
    """A scorecard's criteria: the plan's, then those the room added (entries of
    ``criteria_ref``) that the plan does not already have."""
    known = {aspect.id for aspect in aspects}
    extra = [Area(id=e.payload["key"], label=e.payload["label"], prompt=e.payload["label"]) for e in added]
    return list(aspects) + [area for area in extra if area.id not in known]


class PartnerScorecard(RatedKind):
    name = "partner-scorecard"
    view = "cocreate_kit.forms.scorecard:open_view"
    says_fields = ("name", "label")
    sub_lists = ("weights", "criteria")
    settings = ("weights", "criteria")  # each person's weights and the room's added criteria
    report_order = 70

    def ranking(self, place: Place, read: Reader) -> list[RankedCandidate]:
        return scorecard_ranking(read.visible(place.ref), read.every(sub_ref(place.ref, "weights")))

    def overview(self, place: Place, read: Reader, words: Words) -> list[Block]:
        ui = words.ui
        rows = [
            [c.name, words.number(c.score, SCORE_PLACES), str(c.raters)] for c in self.ranking(place, read)
        ]
        return [Table([ui["scorecard_candidates"], ui["scorecard_ranking"], ui["overview_raters"]], rows)]

    def report(self, places: list[Place], read: Reader, words: Words) -> list[Block]:
        """Candidates ranked by their weighted score, averaged over the people who rated them,
        with each criterion's average."""
        ui = words.ui
        blocks: list[Block] = []
        for place in places:
            ranked, candidates = self.ranking(place, read), read.visible(place.ref)
            if not candidates or place.exercise is None:
                blocks.append(NotDone(place.title))
                continue
            title = ui["scorecard_ranking"]
            scores = (title, [c.name for c in ranked], [c.score for c in ranked], title)
            # no chart of nothing when nobody scored yet
            chart = [Figure("ranking_chart", scores, title, {"scale": (1, 5)})] if ranked else []
            criteria = scorecard_criteria(place.exercise.aspects, read.visible(criteria_ref(place.ref)))
            columns = [ui["scorecard_candidates"], ui["scorecard_ranking"], ui["overview_raters"]]
            rows = [
                [c.name, words.number(c.score, SCORE_PLACES), c.raters]
                + [
                    words.number(c.by_criterion[area.id], AVERAGE_PLACES) if area.id in c.by_criterion else ""
                    for area in criteria
                ]
                for c in ranked
            ]
            # Candidates nobody scored yet are listed too, last, as not rated (never silently dropped).
            rated = {c.name for c in ranked}
            unrated = dict.fromkeys(
                str(e.payload.get("name")) for e in candidates if e.payload.get("name") not in rated
            )
            rows += [[name, ui["report_not_rated"], 0] + [""] * len(criteria) for name in unrated]
            blocks += [Heading(place.title), *chart, Table(columns + [area.label for area in criteria], rows)]
        return blocks
