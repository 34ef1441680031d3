"""The facilitator's live board: every participant's notes by persona and area, with counts.

Opens only with the workshop's facilitator key. Keeps up with the store through one
:class:`LiveWorkshop` polled from the kernel's event loop; the page is never reloaded.
"""

from __future__ import annotations

import html
import logging
import time
from urllib.parse import urlencode

import ipywidgets as widgets

from ..content.plan import load_plan, load_ui, plan_personas
from ..kinds import place_of, reads
from ..live.workshop import Changes, LiveWorkshop
from ..server.hub_login import hub_user
from ..settings import current_settings
from ..store import Store
from .boards import board_exercise, draw_board
from .controls import ControlPanel
from .lifeline import exit_with_server
from .moderation_panel import ModerationPanel
from .overview import render_overview
from .panel import Panel
from .report_panel import ReportPanel
from .request import query_params
from .style import message_widget, page_style
from .ticker import Ticker

__all__ = ["FacilitatorBoard", "facilitator_page"]

log = logging.getLogger(__name__)

PRESENCE_EVERY_TICKS = 5  # joins and open pages are read every few seconds, not every tick


class FacilitatorBoard:
    """The board for one workshop: controls, moderation, the chosen exercise's overview and the
    main exercise's notes, all read from one :class:`LiveWorkshop`; ``tick()`` polls once and
    redraws what the changes touch. Each panel fails alone, with its error shown in it."""

    def __init__(self, store: Store, workshop_id: str, key: str | None = None):
        self.store = store
        self.workshop = store.get_workshop(workshop_id)
        self.ui = load_ui(self.workshop.lang)
        self.plan = load_plan(self.workshop.plan, self.workshop.lang)
        self.personas = plan_personas(self.plan)
        self.exercise_ref, self.exercise, self.kind = board_exercise(self.plan)
        self.live = LiveWorkshop(store, workshop_id)
        ui = self.ui
        self.header = widgets.HTML(
            f"<h2>{html.escape(ui['board_title'].format(title=self.workshop.title))}</h2>"
            f"<p class='cck-meta'>{html.escape(ui['board_join'].format(code=self.workshop.join_code))} · "
            f"<a href='join.ipynb?workshop={html.escape(self.workshop.id, quote=True)}' target='_blank'>"
            f"{html.escape(ui['board_join_screen'])}</a>{self._presenter_link(key)}</p>"
        )
        self.summary = widgets.HTML()
        self.board = widgets.HTML()
        self.board.add_class("cck-board")
        self.controls = ControlPanel(self.live, self.plan, ui)
        self.moderation_panel = ModerationPanel(self.live, self.exercise_ref, ui, self.plan)
        self.report_panel = ReportPanel(workshop_id, key, ui, store.url)
        report = widgets.Accordion(children=[self.report_panel.widget], titles=(ui["board_report_title"],))
        report.selected_index = None
        moderate = widgets.Accordion(children=[self.moderation_panel.widget], titles=(ui["moderate_title"],))
        moderate.selected_index = None
        self.overview = widgets.HTML()
        self.overview.add_class("cck-board")
        self.panels = {name: Panel(name, ui) for name in ("controls", "moderation", "overview", "board")}
        self.controls.section.observe(
            lambda _c: self.panels["overview"].run(self.show_overview), names="value"
        )
        self.controls.section.observe(
            lambda _c: self.panels["moderation"].run(self.moderate_here), names="value"
        )
        self.widget = widgets.VBox(
            [
                page_style(ui),
                self.header,
                self.panels["controls"].wrap(self.controls.widget),
                self.panels["moderation"].wrap(moderate),
                report,
                self.panels["overview"].wrap(self.overview),
                self.panels["board"].wrap(widgets.VBox([self.summary, self.board])),
            ]
        )
        self.widget.add_class("cck-page")
        self.ticks = 0
        self.ticker = Ticker(
            self.tick, current_settings().board_refresh, "facilitator board"
        )  # a cheap indexed poll
        self.refresh_presence()
        self.live.take_changes()
        self.redraw(everything=True)

    def _presenter_link(self, key: str | None) -> str:
        if not key:
            return ""
        href = "presenter.ipynb?" + urlencode({"workshop": self.workshop.id, "key": key})
        label = html.escape(self.ui["board_presenter"])
        return f" · <a href='{html.escape(href, quote=True)}' target='_blank'>{label}</a>"

    def tick(self) -> None:
        """One poll of the store; each panel redraws only if the changes touch it."""
        self.ticks += 1
        self.live.poll()
        if self.ticks % PRESENCE_EVERY_TICKS == 0:
            self.refresh_presence()
        self.redraw(self.live.take_changes())

    def refresh_presence(self) -> bool:
        """Who has joined and who has a page open (neither is a revision); True if people changed."""
        joined = self.live.refresh_people()
        self.controls.present = self.store.present(self.workshop.id)
        return joined

    def redraw(self, changes: Changes | None = None, everything: bool = False) -> None:
        changes = changes or Changes()
        vote = self.live.vote() or {}
        vote_changed = everything or bool(
            changes.moderation
            or "vote" in changes.settings
            or any(ref.startswith("_vote/") or ref == vote.get("section") for ref in changes.exercises)
        )
        # The timer counts down and presence moves without a write: the control bar redraws every
        # tick from memory (no query), the ranking only when a vote or its entries changed.
        self.panels["controls"].run(self.controls.refresh, vote_changed)
        if everything or changes.touches(self.exercise_ref):
            self.panels["board"].run(self.show_board)
        if everything or changes.touches(self.moderation_panel.exercise):
            self.panels["moderation"].run(self.moderation_panel.refresh)
        section = self.controls.section.value
        if everything or changes.touches(section, reads(self.plan, section)):
            self.panels["overview"].run(self.show_overview)

    def refresh(self) -> bool:
        """Poll once and redraw; True if anything changed (tests and scripts call this)."""
        self.live.poll()
        changes = self.live.take_changes()
        self.redraw(changes)
        return bool(changes)

    def show_board(self) -> None:
        ui = self.ui
        stamp = time.strftime("%H:%M:%S")
        count_key = self.kind.board_count
        self.summary.value = (
            f"<p class='cck-meta'><b>{html.escape(self.exercise.title)}</b> · "
            f"{html.escape(ui['board_participants'].format(count=len(self.live.people)))} · "
            f"{html.escape(ui[count_key].format(count=len(self.live.all_entries(self.exercise_ref))))} · "
            f"{html.escape(ui['board_updated'].format(time=stamp))}</p>"
        )
        self.board.value = draw_board(self.kind, self.live, self.exercise_ref, self.plan, ui, level=3)

    def moderate_here(self) -> None:
        """Moderation follows the chosen exercise when its kind shows notes on a board (a
        canvas), else stays on the board's own exercise."""
        place = place_of(self.plan, self.controls.section.value)
        chosen = (
            place.ref if place is not None and place.kind.board_view and not place.part else self.exercise_ref
        )
        self.moderation_panel.follow(chosen)

    def show_overview(self) -> None:
        """The facilitator's chosen exercise, across participants."""
        section = self.controls.section.value
        body = render_overview(self.live, self.plan, section, self.ui)
        title = self.controls.labels.get(section, section)
        heading = f"<h3>{html.escape(self.ui['overview_title'].format(section=title))}</h3>"
        value = heading + self._contributors(section) + body if body else ""
        if self.overview.value != value:
            self.overview.value = value

    def _contributors(self, section: str) -> str:
        """Who has written something in this exercise (anonymous people counted, not named)."""
        authors = {e.participant_id for e in self.live.visible(section)}
        known = [a for a in authors if a in self.live.people]
        named = sorted(name for a in known if (name := self.live.name(a)))
        hidden = sum(1 for a in known if not self.live.name(a))
        listed = ", ".join(named + ([f"{hidden} × {self.ui['board_anonymous']}"] if hidden else []))
        text = self.ui["overview_contributed"].format(
            count=len(authors), names=listed or self.ui["control_nobody"]
        )
        return f"<p class='cck-meta'>{html.escape(text)}</p>"

    def start_auto_refresh(self) -> bool:
        """Keep the board current from the kernel's event loop."""
        return self.ticker.start()

    def stop(self) -> None:
        self.ticker.stop()


def facilitator_page(store: Store | None = None, params: dict[str, str] | None = None, auto_refresh=True):
    """The board for the current request, or a refusal without the right key."""
    exit_with_server()
    params = query_params("facilitator") if params is None else params
    try:
        store = store or Store()
        workshop_id, key = params.get("workshop", ""), params.get("key", "")
        # The key, or a JupyterHub login (the hub decides who may use this service).
        if not (store.check_facilitator_key(workshop_id, key) or hub_user()):
            return message_widget(load_ui("en")["board_denied"])
        board = FacilitatorBoard(store, workshop_id, key)
    except Exception:
        log.exception("facilitator page failed")
        return message_widget(load_ui("en")["error_generic"])
    if auto_refresh:
        board.start_auto_refresh()
    return board.widget
