"""What a participant form is opened with: the page's store, participant, plan, words and live
state, and how a kind's named view (``Kind.view``, "module:function") is opened with them."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module

from ..content.plan import Plan
from ..kinds import Place
from ..live.workshop import LiveWorkshop
from ..models import Participant
from ..store import Store

__all__ = ["Page", "open_view"]


@dataclass(frozen=True)
class Page:
    store: Store
    participant: Participant
    plan: Plan
    ui: dict[str, str]
    live: LiveWorkshop  # the page's live state: lists of other people's entries read it


def open_view(page: Page, place: Place):
    """The form of ``place``'s kind, built now (its module is imported when its section opens: a
    preheated kernel carries only what its page shows)."""
    module, _, name = (place.kind.view or "").partition(":")
    return getattr(import_module(module), name)(page, place)
