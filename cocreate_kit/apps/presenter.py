"""The presenter view for the projector: the exercise the room is on, in large type, with the
timer and, after a vote, its ranking. Nothing administrative: the controls, presence and
moderation stay on the facilitator's own board.

It sees what the room may see (``ROOM``, a viewer who is nobody in particular): in a private round
only once the facilitator reveals it, hidden and merged notes never, by the same visibility rule
as every other page. It opens only with the facilitator key, like the board.
"""

from __future__ import annotations

import html
import logging

import ipywidgets as widgets

from ..content.plan import load_plan, load_ui
from ..kinds import place_of
from ..live.describe import describe, told_apart
from ..live.workshop import Changes, LiveWorkshop
from ..server.hub_login import hub_user
from ..settings import current_settings
from ..store import Store
from ..store.control import clock_text, seconds_left
from ..visibility import ROOM
from .boards import board_exercise, draw_board
from .lifeline import exit_with_server
from .panel import Panel
from .request import query_params
from .style import message_widget, page_style
from .ticker import Ticker

__all__ = ["PresenterView", "presenter_page"]

log = logging.getLogger(__name__)

RANKING_SIZE = 10

PRESENTER_CSS = """
.cck-presenter { font-size: 26px; max-width: none !important; }
.cck-presenter-head { font-size: 26px; }
.cck-presenter-head h1 { font-size: 1.8em; margin: 0.2em 0; }
.cck-presenter .cck-board { font-size: 26px; }
.cck-presenter .cck-board-grid { grid-template-columns: repeat(auto-fill, minmax(320px, 1fr)); }
.cck-presenter .cck-note { font-size: 1em; padding: 10px 12px; }
.cck-presenter .cck-author { font-size: 0.7em; }
.cck-presenter .cck-timer { font-size: 1.6em; }
.cck-presenter .cck-ranking li { margin: 0.3em 0; }
.cck-presenter .cck-dots { color: #1a5fb4; letter-spacing: 0.05em; }
"""


class PresenterView:
    def __init__(self, store: Store, workshop_id: str):
        self.store = store
        self.workshop = store.get_workshop(workshop_id)
        self.ui = load_ui(self.workshop.lang)
        self.plan = load_plan(self.workshop.plan, self.workshop.lang)
        try:
            self.default_section = board_exercise(self.plan)[0]
        except LookupError:
            self.default_section = f"{self.plan.stages[0].id}/{self.plan.stages[0].exercises[0].id}"
        self.live = LiveWorkshop(store, workshop_id, viewer=ROOM)
        self.heading = widgets.HTML()
        self.clock = widgets.HTML()
        self.ranking = widgets.HTML()
        for part in (self.heading, self.clock, self.ranking):
            part.add_class("cck-presenter-head")
        self.board = widgets.HTML()
        self.board.add_class("cck-board")
        self.panel = Panel("presenter", self.ui)
        self.widget = widgets.VBox(
            [
                page_style(self.ui),
                widgets.HTML(f"<style>{PRESENTER_CSS}</style>"),
                self.panel.wrap(widgets.VBox([self.heading, self.clock, self.ranking, self.board])),
            ],
            layout=widgets.Layout(width="100%"),
        )
        self.widget.add_class("cck-page")
        self.widget.add_class("cck-presenter")
        self.ticker = Ticker(self.tick, current_settings().board_refresh, "presenter view")
        self.live.take_changes()
        self.redraw(everything=True)

    def section(self) -> str:
        focus = self.live.focus() or {}
        return focus.get("section") or self.default_section

    def tick(self) -> None:
        self.live.poll()
        self.redraw(self.live.take_changes())

    def redraw(self, changes: Changes | None = None, everything: bool = False) -> None:
        changes = changes or Changes()
        self.panel.run(self._show_clock)  # counts down from memory, no query
        if everything or changes:
            self.panel.run(self._show_section)

    def _title(self, section: str) -> str:
        try:
            return self.plan.exercise(section).title
        except KeyError:
            stage_id, _, part = section.partition("/")
            return f"{self.plan.stage(stage_id).title}: {self.ui.get(f'section_{part}', part)}"

    def _show_clock(self) -> None:
        timer = self.live.timer_of(self.section())
        value = ""
        if timer:
            text = clock_text(seconds_left(timer), self.ui)
            value = f"<div class='cck-timer' role='timer'>{html.escape(text)}</div>"
        if self.clock.value != value:
            self.clock.value = value

    def _show_section(self) -> None:
        ui, section = self.ui, self.section()
        entries = self.live.visible(section)
        people = len({e.participant_id for e in entries})
        counts = ui["presenter_counts"].format(entries=len(entries), people=people)
        join = ui["board_join"].format(code=self.workshop.join_code)
        self.heading.value = (
            f"<h1>{html.escape(self._title(section))}</h1>"
            f"<p class='cck-meta'>{html.escape(counts)} · {html.escape(join)}</p>"
        )
        self.ranking.value = self._ranking_html()
        if not self.live.shared(section):
            self.board.value = f"<p class='cck-private'>{html.escape(ui['presenter_private'])}</p>"
            return
        place = place_of(self.plan, section)
        if place is not None and place.kind.board_view:
            self.board.value = draw_board(place.kind, self.live, section, self.plan, ui, level=2)
        else:
            self.board.value = self._stickies(entries)

    def _stickies(self, entries) -> str:
        if not entries:
            return f"<p class='cck-meta'>{html.escape(self.ui['board_waiting'])}</p>"
        anonymous = self.ui["board_anonymous"]
        notes = "".join(
            f"<div class='cck-note'>{html.escape(describe(e, self.plan, self.ui))}<span class='cck-author'>"
            f"— {html.escape(self.live.name(e.participant_id) or anonymous)}</span></div>"
            for e in entries
        )
        return f"<div class='cck-board-grid'>{notes}</div>"

    def _ranking_html(self) -> str:
        vote = self.live.vote()
        if not vote or vote.get("section") != self.section():
            return ""
        if vote.get("open"):
            text = self.ui["presenter_voting"].format(dots=len(self.live.dots(vote)))
            return f"<p class='cck-meta'><b>{html.escape(text)}</b></p>"
        rows = [(entry, count) for entry, count in self.live.tally(vote) if count][:RANKING_SIZE]
        if not rows:
            return ""
        items = "".join(
            f"<li>{html.escape(told_apart(entry, self.plan, self.ui, self.live.name(entry.participant_id)))} "
            f"<span class='cck-dots'>{'●' * min(count, 20)}</span> "
            f"<b>{count}</b></li>"
            for entry, count in rows
        )
        return f"<h2>{html.escape(self.ui['presenter_ranking'])}</h2><ol class='cck-ranking'>{items}</ol>"

    def start(self) -> bool:
        return self.ticker.start()

    def stop(self) -> None:
        self.ticker.stop()


def presenter_page(store: Store | None = None, params: dict[str, str] | None = None, auto_refresh=True):
    """The presenter view for the current request, or a refusal without the facilitator key."""
    exit_with_server()
    params = query_params("presenter") if params is None else params
    try:
        store = store or Store()
        workshop_id, key = params.get("workshop", ""), params.get("key", "")
        # The key, or a JupyterHub login (the hub decides who may use this service).
        if not (store.check_facilitator_key(workshop_id, key) or hub_user()):
            return message_widget(load_ui("en")["board_denied"])
        view = PresenterView(store, workshop_id)
    except Exception:
        log.exception("presenter page failed")
        return message_widget(load_ui("en")["error_generic"])
    if auto_refresh:
        view.start()
    return view.widget
