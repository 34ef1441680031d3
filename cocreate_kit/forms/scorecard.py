"""The partner scorecard: candidate partners rated on weighted criteria, ranked by total.

The plan names the standard criteria (recommended by peers, cases in our sector, shared
values, personal fit); the facilitator can add more (``cocreate add-criterion``).
"""

from __future__ import annotations

import html

import ipywidgets as widgets

from ..content.plan import Area, Exercise
from ..kinds.base import sub_ref
from ..kinds.scorecard import DEFAULT_WEIGHT, criteria_ref, scorecard_criteria, weighted_total
from ..models import Entry, Participant
from ..store import Store
from ..validation import InputError, clean_text
from .answers import KeyedAnswers
from .records import Records
from .status import StatusLine

__all__ = ["MAX_WEIGHT", "PartnerScorecard", "ScorecardForm", "open_view"]

MAX_WEIGHT = 5


def validate_candidate(fields: dict) -> dict:
    scores = fields.get("scores", {})
    if not isinstance(scores, dict):
        raise InputError("error_rating", max=MAX_WEIGHT)
    return {
        "name": clean_text(fields.get("name"), limit=120, empty="error_empty_candidate"),
        "note": clean_text(fields.get("note"), limit=500, required=False),
        "scores": dict(scores),
    }


def _whole_number_in(value, low: int, high: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high


class PartnerScorecard:
    def __init__(self, store: Store, participant: Participant, exercise_ref: str, exercise: Exercise):
        self.store, self.participant = store, participant
        self.exercise_ref, self.exercise = exercise_ref, exercise
        self.candidates = Records(store, participant, exercise_ref, validate_candidate)
        self.weights = KeyedAnswers(
            store, participant, sub_ref(exercise_ref, "weights"), [c.id for c in self.criteria()]
        )

    def criteria(self) -> list[Area]:
        extra = self.store.entries(self.participant.workshop_id, exercise=criteria_ref(self.exercise_ref))
        return scorecard_criteria(self.exercise.aspects, extra)

    def add_candidate(self, name, note="") -> Entry:
        return self.candidates.add(name=name, note=note, scores={})

    def score(self, candidate: Entry, criterion_id, value) -> Entry:
        if criterion_id not in {c.id for c in self.criteria()}:
            raise InputError("error_unknown_item")
        if not _whole_number_in(value, 1, len(self.exercise.scale)):
            raise InputError("error_rating", max=len(self.exercise.scale))
        scores = {**candidate.payload["scores"], criterion_id: value}
        return self.candidates.edit(candidate, **{**candidate.payload, "scores": scores})

    def set_weight(self, criterion_id, weight) -> Entry:
        if not _whole_number_in(weight, 0, MAX_WEIGHT):
            raise InputError("error_weight", max=MAX_WEIGHT)
        return self.weights.save(criterion_id, {"weight": weight})

    def weight(self, criterion_id: str) -> int:
        return self.weights.get(criterion_id).get("weight", DEFAULT_WEIGHT)

    def ranking(self) -> list[tuple[Entry, float | None]]:
        """Candidates with their weighted average score (on the plan's scale), best first;
        ``None`` for a candidate with no weighted score yet (listed last)."""
        ranked = []
        for candidate in self.candidates.mine():
            known = {c.id for c in self.criteria()}
            scores = {k: v for k, v in candidate.payload["scores"].items() if k in known}
            ranked.append((candidate, weighted_total(scores, {k: self.weight(k) for k in scores})))
        return sorted(ranked, key=lambda pair: (pair[1] is None, -(pair[1] or 0)))


class ScorecardForm:
    def __init__(self, model: PartnerScorecard, ui: dict[str, str]):
        self.model, self.ui = model, ui
        self.status = StatusLine(ui)
        self.weight_pickers = {}
        weight_rows = []
        for criterion in model.criteria():
            picker = widgets.Dropdown(
                options=list(range(MAX_WEIGHT + 1)),
                value=model.weight(criterion.id),
                description=criterion.label,
                style={"description_width": "initial"},
            )
            picker.observe(lambda change, c=criterion.id: self.set_weight(c, change["new"]), names="value")
            self.weight_pickers[criterion.id] = picker
            weight_rows.append(picker)
        self.name = widgets.Text(
            description=ui["scorecard_candidate"],
            continuous_update=False,
            style={"description_width": "initial"},
        )
        self.add_button = widgets.Button(description=ui["scorecard_add"], button_style="primary", icon="plus")
        self.add_button.on_click(lambda _b: self.add())
        self.candidate_box = widgets.VBox()
        self.ranking = widgets.HTML()
        self.score_pickers: dict[tuple[str, str], widgets.ToggleButtons] = {}
        self.widget = widgets.VBox(
            [
                widgets.HTML(f"<h4>{html.escape(ui['scorecard_weights'])}</h4>"),
                *weight_rows,
                widgets.HTML(f"<h4>{html.escape(ui['scorecard_candidates'])}</h4>"),
                self.name,
                self.add_button,
                self.candidate_box,
                self.status.widget,
                self.ranking,
            ]
        )
        self.widget.add_class("cck-scorecard")
        self.refresh()

    def add(self) -> None:
        if self.status.run(self.model.add_candidate, self.name.value) is not None:
            self.name.value = ""
        self.refresh()

    def set_weight(self, criterion_id, weight) -> None:
        self.status.run(self.model.set_weight, criterion_id, weight)
        self._show_ranking()

    def score(self, candidate: Entry, criterion_id: str, value) -> None:
        self.status.run(self.model.score, candidate, criterion_id, value)
        self.refresh()

    def refresh(self) -> None:
        scale = [(label, n) for n, label in enumerate(self.model.exercise.scale, start=1)]
        self.score_pickers = {}
        cards = []
        for candidate in self.model.candidates.mine():
            rows = [widgets.HTML(f"<b>{html.escape(candidate.payload['name'])}</b>")]
            for criterion in self.model.criteria():
                picker = widgets.ToggleButtons(
                    options=scale,
                    value=candidate.payload["scores"].get(criterion.id),
                    description=criterion.label,
                    style={"button_width": "auto", "description_width": "initial"},
                )
                picker.observe(
                    lambda ch, e=candidate, c=criterion.id: self.score(e, c, ch["new"]), names="value"
                )
                self.score_pickers[(candidate.entry_id, criterion.id)] = picker
                rows.append(picker)
            card = widgets.VBox(rows)
            card.add_class("cck-task-row")
            cards.append(card)
        self.candidate_box.children = cards
        self._show_ranking()

    def _show_ranking(self) -> None:
        rows = "".join(self._ranking_row(c, total) for c, total in self.model.ranking())
        title = html.escape(self.ui["scorecard_ranking"])
        self.ranking.value = f"<h4>{title}</h4><ol>{rows}</ol>" if rows else ""

    def _ranking_row(self, candidate: Entry, total: float | None) -> str:
        shown = self.ui["scorecard_unrated"] if total is None else f"{total:.2f}"
        return f"<li>{html.escape(candidate.payload['name'])}: <b>{html.escape(shown)}</b></li>"


def open_view(page, place):
    """The partner scorecard section of a participant page."""
    return ScorecardForm(PartnerScorecard(page.store, page.participant, place.ref, place.exercise), page.ui)
