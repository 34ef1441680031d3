"""Dot voting: each participant places up to N dots on the entries of one exercise and can take
them back; the tally is live and stays with the workshop (dots are entries, so nothing is lost).

The facilitator opens and closes a vote (``WorkshopControl.start_vote``); the cap of N dots is
enforced by the store in the same transaction as the insert. What a ballot offers and how the
dots are tallied is decided by the page's :class:`~cocreate_kit.live.workshop.LiveWorkshop`.
"""

from __future__ import annotations

import html
from collections import Counter

import ipywidgets as widgets

from ..live.describe import told_apart
from ..live.workshop import LiveWorkshop
from ..models import Entry, Participant
from ..store import LimitReachedError, NotOnBallotError
from ..validation import InputError
from ..visibility import vote_exercise
from .closing import close_tree
from .status import StatusLine

__all__ = ["DotVote", "VotePanel"]


class DotVote:
    """One participant's dots in the workshop's current vote, read from the page's live state."""

    def __init__(self, live: LiveWorkshop, participant: Participant):
        self.live, self.store, self.participant = live, live.store, participant

    @property
    def vote(self) -> dict:
        return self.live.vote() or {}

    @property
    def budget(self) -> int:
        return int(self.vote.get("dots", 0))

    def targets(self) -> list[Entry]:
        return self.live.ballot(self.vote) if self.vote else []

    def my_dots(self) -> list[Entry]:
        return self.live.dots(self.vote, mine=True) if self.vote else []

    def place(self, target_id) -> Entry:
        self.live.poll()  # act on the newest state: a vote closed a moment ago takes no dot
        if not self.vote.get("open"):
            raise InputError("error_vote_closed")
        if target_id not in {t.entry_id for t in self.targets()}:
            raise InputError("error_unknown_item")
        try:
            placed = self.store.add_entry(
                self.participant.workshop_id,
                self.participant.id,
                vote_exercise(self.vote),
                {"target": target_id},
                max_per_participant=self.budget,
            )
        except LimitReachedError:
            raise InputError("error_no_dots_left", dots=self.budget) from None
        except NotOnBallotError:  # closed or hidden a moment ago: the store has the last word
            self.live.poll()
            raise InputError(
                "error_vote_closed" if not self.vote.get("open") else "error_unknown_item"
            ) from None
        self.live.poll()
        return placed

    def take_back(self, target_id) -> None:
        self.live.poll()
        if not self.vote.get("open"):
            raise InputError("error_vote_closed")
        mine = [d for d in self.my_dots() if d.payload.get("target") == target_id]
        if not mine:
            raise InputError("error_unknown_item")
        try:
            self.store.delete_entry(mine[-1].entry_id, self.participant.id, mine[-1].revision)
        except NotOnBallotError:
            raise InputError("error_vote_closed") from None
        self.live.poll()


class VotePanel:
    """The participant's ballot: every entry with + and − buttons, and the dots left."""

    def __init__(self, model: DotVote, ui: dict[str, str], plan=None):
        self.model, self.ui, self.plan = model, ui, plan  # the plan names entries by their kind
        self.status = StatusLine(ui)
        self.left = widgets.HTML()
        self.rows = widgets.VBox()
        self.plus: dict[str, widgets.Button] = {}
        self.minus: dict[str, widgets.Button] = {}
        self.mine: dict[str, widgets.HTML] = {}  # each entry's own dots, beside its buttons
        # The entries on the ballot now, (id, revision); a dot changes labels, not rows.
        self._targets: tuple[tuple[str, int], ...] | None = None
        self._dots: tuple[tuple[str | None, int], ...] | None = None  # my dots per target
        self.widget = widgets.VBox([self.left, self.rows, self.status.widget])
        self.widget.add_class("cck-vote")
        self.refresh()

    def place(self, target_id: str) -> None:
        self.status.run(self.model.place, target_id)
        self.refresh()

    def take_back(self, target_id: str) -> None:
        self.status.run(self.model.take_back, target_id)
        self.refresh()

    def refresh(self) -> None:
        """Redraw what changed: the rows when the ballot's entries changed, else only the dots
        (a click on a ballot of 60 notes updates two labels, not 300 widgets)."""
        ui = self.ui
        mine = Counter(d.payload.get("target") for d in self.model.my_dots())
        targets = self.model.targets()
        shown = tuple((t.entry_id, t.revision) for t in targets)
        if shown != self._targets:
            self._targets, self._dots = shown, None
            self._build_rows(targets)
        if tuple(sorted(mine.items())) == self._dots:
            return
        self._dots = tuple(sorted(mine.items()))
        left = self.model.budget - sum(mine.values())
        self.left.value = (
            f"<p class='cck-dots-left'><b>{html.escape(ui['vote_left'].format(left=left))}</b></p>"
        )
        for target_id, plus in self.plus.items():
            count = mine[target_id]
            self.mine[
                target_id
            ].value = f"<span class='cck-my-dots' aria-label='{count}'>{'●' * count}</span>"
            plus.disabled = left <= 0
            self.minus[target_id].disabled = count == 0

    def _build_rows(self, targets: list[Entry]) -> None:
        ui = self.ui
        replaced = self.rows.children
        rows, self.plus, self.minus, self.mine = [], {}, {}, {}
        for target in targets:
            plus = widgets.Button(
                description="+", tooltip=ui["vote_place"], layout=widgets.Layout(width="44px")
            )
            minus = widgets.Button(
                description="−", tooltip=ui["vote_take_back"], layout=widgets.Layout(width="44px")
            )
            plus.on_click(lambda _b, t=target.entry_id: self.place(t))
            minus.on_click(lambda _b, t=target.entry_id: self.take_back(t))
            self.plus[target.entry_id], self.minus[target.entry_id] = plus, minus
            self.mine[target.entry_id] = widgets.HTML()
            # Two notes that say the same are told apart by who wrote them and where they sit.
            words = told_apart(target, self.plan, ui, self.model.live.name(target.participant_id))
            label = widgets.HTML(f"<span class='cck-vote-item'>{html.escape(words)}</span>")
            row = widgets.HBox(
                [minus, plus, self.mine[target.entry_id], label], layout=widgets.Layout(align_items="center")
            )
            rows.append(row)
        self.rows.children = rows
        for row in replaced:
            close_tree(row)
        # Disabled flags and dots go out after the buttons are on the page (refresh): set in the
        # same breath as their creation, the browser sometimes applied them before the button
        # existed there.
