"""Scorecard arithmetic shared by the participant form, the board and the report (no widgets,
no SQL)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from .plan import Area

__all__ = ["DEFAULT_WEIGHT", "RankedCandidate", "scorecard_criteria", "scorecard_ranking", "weighted_total"]

DEFAULT_WEIGHT = 1


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
    weight_of = defaultdict(dict)
    for weight in weights:
        weight_of[weight.participant_id][weight.payload["key"]] = weight.payload["weight"]
    totals, given = defaultdict(list), defaultdict(lambda: defaultdict(list))
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
    ``facilitation.criteria_exercise``) that the plan does not already have."""
    known = {aspect.id for aspect in aspects}
    extra = [Area(id=e.payload["key"], label=e.payload["label"], prompt=e.payload["label"]) for e in added]
    return list(aspects) + [area for area in extra if area.id not in known]
