"""Keeps a participant page in step with the facilitator: brought to the facilitator's section,
read-only while it is locked, the timer on screen, the ballot while a vote is open, everyone's
entries when the round is shared, and presence reported.

Each tick asks the page's :class:`LiveWorkshop` for what changed (one query) and redraws only
what that touches; ticks run on the kernel's event loop (``Ticker``), so they take turns with
clicks. ``tick()`` is one poll, for tests.
"""

from __future__ import annotations

import html
from datetime import datetime

import ipywidgets as widgets

from ..forms.voting import DotVote, VotePanel
from ..live.describe import author_name, describe
from ..live.workshop import LiveWorkshop
from ..models import Participant
from ..settings import current_settings
from ..store import Store
from ..store.control import clock_text, seconds_left
from .ticker import Ticker

__all__ = ["Follower"]

PRESENCE_EVERY_TICKS = 10  # "still here" is written every few ticks, not every one


class Follower:
    def __init__(self, app, store: Store, participant: Participant, ui: dict[str, str]):
        self.app, self.store, self.participant, self.ui = app, store, participant, ui
        self.live = LiveWorkshop(store, participant.workshop_id, viewer=participant.id)
        self.banner = widgets.HTML()
        self.banner.add_class("cck-banner")
        self.vote_box = widgets.VBox()
        self.shared = widgets.HTML()  # everyone's entries, when the section is open or revealed
        self.shared.add_class("cck-shared")
        self._shown: dict[str, object] = {}  # what each part shows now, to skip unchanged redraws
        self.ballot: VotePanel | None = None
        self.applied_focus: str | None = None
        self.ticks = 0
        self.read_only = False
        self.ticker = Ticker(self.tick, current_settings().page_refresh, "participant page")

    def tick(self, now: datetime | None = None) -> None:
        if self.ticks % PRESENCE_EVERY_TICKS == 0:
            self.store.touch(self.participant)
        self.ticks += 1
        self.live.poll()
        changes = self.live.take_changes()
        if self.live.ended() != self.app.ended:
            self.app.show_ended(self.live.ended())
        if self.app.ended:
            return  # nothing to follow until the facilitator reopens the session
        self.app.deleted.after_poll()  # "Undo" for a delete this page (or another of theirs) made
        focus = self.live.focus()
        if focus and focus.get("at") != self.applied_focus:
            self.applied_focus = focus.get("at")
            self.app.open_section(focus.get("section"))  # calls show_state() for the new section
        else:
            self.show_state(now, force=bool(changes))

    def show_state(self, now: datetime | None = None, force: bool = True) -> None:
        """Lock, timer, ballot and shared list for the section on screen."""
        section = self.app.nav.value
        timer = self.live.timer_of(section)
        locked = self.live.locked(section, now)
        self.set_read_only(locked)
        parts = []
        if timer:
            text = clock_text(seconds_left(timer, now), self.ui)
            parts.append(f"<div class='cck-timer' role='timer'>{html.escape(text)}</div>")
        if locked:
            parts.append(
                f"<div class='cck-locked' role='status'>{html.escape(self.ui['locked_banner'])}</div>"
            )
        vote = self.live.vote()
        if vote and vote.get("open") and vote.get("section") == section:
            parts.append(
                f"<div class='cck-vote-on' role='status'>{html.escape(self.ui['vote_banner'])}</div>"
            )
        self._set(self.banner, "banner", "".join(parts))
        if force:
            self.show_vote(section)
            self.show_shared(section)

    def show_shared(self, section: str) -> None:
        """Everyone's entries on this section, or a note that the round is private."""
        if not self.live.shared(section):
            text = f"<p class='cck-private'>{html.escape(self.ui['shared_private'])}</p>"
        else:
            text = self._shared_html(self.live.visible(section))
        self._set(self.shared, "shared", text)

    def _shared_html(self, entries) -> str:
        words = lambda e: describe(e, self.app.plan, self.ui, self._task_name)  # noqa: E731
        # Entries with no participant are the facilitator's (work carried from an earlier session).
        who = lambda e: author_name(self.live.name(e.participant_id), e.participant_id, self.ui)  # noqa: E731
        items = "".join(
            f"<li>{html.escape(words(e))} <span class='cck-author'>— {html.escape(who(e))}</span></li>"
            for e in entries
        )
        body = f"<ul>{items}</ul>" if items else f"<p>{html.escape(self.ui['shared_none'])}</p>"
        return f"<h4>{html.escape(self.ui['shared_title'])}</h4>{body}"

    def _task_name(self, task_id: str) -> str | None:
        task = self.live.entry(task_id)
        return task.payload.get("task") if task is not None else None

    def show_vote(self, section: str) -> None:
        """The ballot, while a vote is open on the section on screen."""
        vote = self.live.vote()
        if not vote or not vote.get("open") or vote.get("section") != section:
            if self.ballot is not None or self.vote_box.children:
                self.ballot = None
                self.vote_box.children = []
            return
        if self.ballot is None or self._shown.get("vote") != vote.get("id"):
            self._shown["vote"] = vote.get("id")
            self.ballot = VotePanel(DotVote(self.live, self.participant), self.ui, self.app.plan)
            title = widgets.HTML(f"<h3>{html.escape(self.ui['vote_title'])}</h3>")
            self.vote_box.children = [title, self.ballot.widget]
        else:
            self.ballot.refresh()

    def set_read_only(self, locked: bool) -> None:
        """Disable the section's buttons and pickers while it is locked (the store refuses writes
        anyway). Text boxes stay open: what someone is typing when the lock comes is never taken
        away; it stays as a draft and is saved when the lock lifts (``StatusLine.retry_pending``)."""
        if locked == self.read_only and not locked:
            return
        unlocked_now = self.read_only and not locked
        self.read_only = locked
        _disable(self.app.section_body, locked)
        if unlocked_now:
            for form in self.app.built_forms():
                status = getattr(form, "status", None)
                if status is not None and hasattr(status, "retry_pending"):
                    status.retry_pending()

    def follow_lock(self, widget: widgets.Widget) -> None:
        """Widgets a shown form builds later (a locked section's new ones are disabled too)."""
        if self.read_only:
            _disable(widget, True)

    def _set(self, widget, part: str, value: str) -> None:
        if self._shown.get(part) != value:
            self._shown[part] = value
            widget.value = value

    def start(self) -> bool:
        return self.ticker.start()

    def stop(self) -> None:
        self.ticker.stop()


TEXT_BOXES = (widgets.Text, widgets.Textarea)


def _disable(root, locked: bool) -> None:
    for widget in _walk(root):
        if hasattr(widget, "disabled") and not isinstance(widget, TEXT_BOXES):
            widget.disabled = locked


def _walk(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from _walk(child)
