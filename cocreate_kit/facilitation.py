"""What a facilitator changes in a running workshop (no widgets): extra scorecard criteria."""

from __future__ import annotations

import re

from .models import Entry
from .store import Store, StoreError

__all__ = ["add_criterion", "criteria_exercise"]


def criteria_exercise(exercise_ref: str) -> str:
    """Where a scorecard's extra criteria are stored."""
    return f"{exercise_ref}/criteria"


def add_criterion(store: Store, workshop_id: str, exercise_ref: str, label: str) -> Entry:
    """A facilitator's extra criterion for every participant's scorecard of this exercise."""
    text = label.strip() if isinstance(label, str) else ""
    if not text or len(text) > 120:
        raise StoreError("A criterion needs a name of at most 120 characters.")
    slug = "extra-" + (re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40] or "criterion")
    return store.add_entry(workshop_id, None, criteria_exercise(exercise_ref), {"key": slug, "label": text})
