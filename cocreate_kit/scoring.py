"""Scorecard arithmetic shared by the participant form and the report (no widgets, no SQL)."""

from __future__ import annotations

__all__ = ["DEFAULT_WEIGHT", "weighted_total"]

DEFAULT_WEIGHT = 1


def weighted_total(scores: dict[str, int], weights: dict[str, int]) -> float | None:
    """Weighted average of the scored criteria (unset weights count 1); None when nothing counts."""
    pairs = [(weights.get(key, DEFAULT_WEIGHT), score) for key, score in scores.items()]
    total_weight = sum(w for w, _s in pairs)
    return round(sum(w * s for w, s in pairs) / total_weight, 2) if total_weight else None
