"""Keeps a participant page in step with the facilitator: brought to the facilitator's section,
read-only while it is locked, the timer on screen, and presence reported. Polls the store's
control entries once a second from a daemon thread; ``tick()`` is one poll, for tests."""

from __future__ import annotations

import html
import threading
from datetime import datetime

import ipywidgets as widgets

from ..forms.voting import DotVote, VotePanel, entry_label
from ..models import Participant
from ..moderation import Moderation
from ..store import CONTROL_EXERCISE, Store
from ..store.control import clock_text, is_locked, seconds_left
from .polling import Poller

__all__ = ["Follower"]

TICK_SECONDS = 1.0
PRESENCE_EVERY_TICKS = 10


class Follower:
    def __init__(self, app, store: Store, participant: Participant, ui: dict[str, str]):
        self.app, self.store, self.participant, self.ui = app, store, participant, ui
        self.banner = widgets.HTML()
        self.banner.add_class("cck-banner")
        self.vote_box = widgets.VBox()
        self.shared = widgets.HTML()  # everyone's entries, when the section is open or revealed
        self.shared.add_class("cck-shared")
        self._shared_shown = None
        self.ballot: VotePanel | None = None
        self.lock = threading.RLock()  # shared with the ballot: polls and clicks take turns
        self.cursor = 0
        self.settings: dict[str, dict] = {}  # control key -> latest payload
        self.applied_focus: str | None = None
        self.ticks = 0
        self.read_only = False
        self._poller: Poller | None = None

    def tick(self, now: datetime | None = None) -> None:
        with self.lock:
            self._tick(now)

    def _tick(self, now: datetime | None) -> None:
        if self.ticks % PRESENCE_EVERY_TICKS == 0:
            self.store.touch(self.participant)
        self.ticks += 1
        for change in self.store.changes_since(self.participant.workshop_id, self.cursor, CONTROL_EXERCISE):
            self.cursor = change.seq
            self.settings[change.payload["key"]] = change.payload
        focus = self.settings.get("focus")
        if focus and focus["at"] != self.applied_focus:
            self.applied_focus = focus["at"]
            self.app.open_section(focus["section"])  # calls show_state() for the new section
        else:
            self.show_state(now)

    def show_state(self, now: datetime | None = None) -> None:
        """Lock and timer for the section on screen."""
        section = self.app.nav.value
        timer = self.settings.get("timer") or {}
        timer = timer if timer.get("section") == section else None
        locked = is_locked(self.settings.get(f"lock:{section}"), timer, now)
        self.set_read_only(locked)
        parts = []
        if timer:
            text = clock_text(seconds_left(timer, now), self.ui)
            parts.append(f"<div class='cck-timer' role='timer'>{html.escape(text)}</div>")
        if locked:
            parts.append(
                f"<div class='cck-locked' role='status'>{html.escape(self.ui['locked_banner'])}</div>"
            )
        self.banner.value = "".join(parts)
        self.show_vote(section)
        self.show_shared(section)

    def show_shared(self, section: str) -> None:
        """Everyone's entries on this section, or a note that the round is private."""
        visibility = self.settings.get(f"visibility:{section}") or {}
        if visibility.get("private") and not visibility.get("revealed"):
            shown = ("private", section)
            html_text = f"<p class='cck-private'>{html.escape(self.ui['shared_private'])}</p>"
        else:
            state = Moderation(self.store, self.participant.workshop_id).state()
            entries = [
                e
                for e in self.store.entries(self.participant.workshop_id, exercise=section)
                if state.visible(e.entry_id)
            ]
            shown = ("shared", section, tuple((e.entry_id, e.revision) for e in entries))
            if shown == self._shared_shown:
                return
            html_text = self._shared_html(entries)
        if shown != self._shared_shown:
            self._shared_shown = shown
            self.shared.value = html_text

    def _shared_html(self, entries) -> str:
        anonymous = self.ui["board_anonymous"]
        names = {
            p.id: p.display_name or anonymous for p in self.store.participants(self.participant.workshop_id)
        }
        items = "".join(
            f"<li>{html.escape(entry_label(e))} "
            f"<span class='cck-author'>— {html.escape(names.get(e.participant_id, anonymous))}</span></li>"
            for e in entries
        )
        body = f"<ul>{items}</ul>" if items else f"<p>{html.escape(self.ui['shared_none'])}</p>"
        return f"<h4>{html.escape(self.ui['shared_title'])}</h4>{body}"

    def show_vote(self, section: str) -> None:
        """The ballot, while a vote is open on the section on screen."""
        vote = self.settings.get("vote")
        if not vote or not vote.get("open") or vote.get("section") != section:
            self.ballot = None
            self.vote_box.children = []
            return
        if self.ballot is None or self.ballot.model.vote["id"] != vote["id"]:
            self.ballot = VotePanel(DotVote(self.store, self.participant, vote), self.ui, self.lock)
            title = widgets.HTML(f"<h3>{html.escape(self.ui['vote_title'])}</h3>")
            self.vote_box.children = [title, self.ballot.widget]
        else:
            self.ballot.refresh()

    def set_read_only(self, locked: bool) -> None:
        """Disable every input of the section while it is locked (the store refuses writes anyway)."""
        if locked == self.read_only and not locked:
            return
        self.read_only = locked
        for widget in _walk(self.app.section_body):
            if hasattr(widget, "disabled"):
                widget.disabled = locked

    def start(self, interval: float = TICK_SECONDS):
        self._poller = Poller(self.tick, interval, "cck-follow")
        return self._poller.start()

    def stop(self) -> None:
        if self._poller is not None:
            self._poller.stop()


def _walk(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from _walk(child)
