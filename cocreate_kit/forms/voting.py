"""Dot voting: each participant places up to N dots on the entries of one exercise and can take
them back; the tally is live and stays with the workshop (dots are entries, so nothing is lost).

The facilitator opens and closes a vote (``WorkshopControl.start_vote``); the cap of N dots is
enforced by the store in the same transaction as the insert. What a ballot offers and how the
dots are tallied is decided by the page's :class:`~cocreate_kit.live.LiveWorkshop`.
"""

from __future__ import annotations

import html
from collections import Counter

import ipywidgets as widgets

from ..live import LiveWorkshop
from ..models import Entry, Participant
from ..store import LimitReachedError, NotOnBallotError
from ..tally import entry_label, vote_exercise
from .status import StatusLine
from .validation import InputError

__all__ = ["DotVote", "VotePanel", "entry_label"]  # entry_label re-exported from ..tally


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

    def __init__(self, model: DotVote, ui: dict[str, str]):
        self.model, self.ui = model, ui
        self.status = StatusLine(ui)
        self.left = widgets.HTML()
        self.rows = widgets.VBox()
        self.plus: dict[str, widgets.Button] = {}
        self.minus: dict[str, widgets.Button] = {}
        self._shown = None  # what the ballot shows now; unchanged polls do not rebuild buttons
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
        """Rebuild the ballot when its entries or this person's dots changed."""
        ui = self.ui
        mine = Counter(d.payload.get("target") for d in self.model.my_dots())
        targets = self.model.targets()
        shown = (tuple((t.entry_id, t.revision) for t in targets), tuple(sorted(mine.items())))
        if shown == self._shown:
            return
        self._shown = shown
        left = self.model.budget - sum(mine.values())
        self.left.value = (
            f"<p class='cck-dots-left'><b>{html.escape(ui['vote_left'].format(left=left))}</b></p>"
        )
        rows, self.plus, self.minus = [], {}, {}
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
            dots = "●" * mine[target.entry_id]
            label = widgets.HTML(
                f"<span class='cck-vote-item'>{html.escape(entry_label(target))}</span> "
                f"<span class='cck-my-dots' aria-label='{mine[target.entry_id]}'>{dots}</span>"
            )
            rows.append(widgets.HBox([minus, plus, label], layout=widgets.Layout(align_items="center")))
        self.rows.children = rows
        # Disabled flags go out after the buttons are on the page: set in the same breath as their
        # creation, the browser sometimes applied them before the button existed there.
        for target_id, plus in self.plus.items():
            plus.disabled = left <= 0
            self.minus[target_id].disabled = mine[target_id] == 0
