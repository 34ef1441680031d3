"""The facilitator's live board: every participant's notes by persona and area, with counts.

Opens only with the workshop's facilitator key. Redraws itself when the store changes, by
polling ``changes_since`` from the kernel; the page is never reloaded.
"""

from __future__ import annotations

import html
import logging
import time

import ipywidgets as widgets

from ..live import LiveExercise, PlacedNote
from ..moderation import Moderation
from ..plan import Persona, Plan, load_personas, load_plan, load_ui
from ..store import Store
from .controls import ControlPanel
from .moderation_panel import ModerationPanel
from .overview import render_overview
from .polling import Poller
from .request import query_params
from .style import message_widget, page_style

__all__ = ["FacilitatorBoard", "facilitator_page", "render_board", "render_ideas"]

log = logging.getLogger(__name__)

REFRESH_SECONDS = 1.0
BOARD_KINDS = ("empathy-map", "ideas")  # the exercise a board shows, first found in the plan


def render_board(
    live: LiveExercise, plan: Plan, personas: list[Persona], ui: dict[str, str], moderation=None
) -> str:
    """The board's HTML; every participant string goes through ``html.escape``."""
    grouped = live.placed(moderation)
    parts = []
    for persona in personas:
        areas = grouped.get(persona.id, {})
        total = sum(len(notes) for notes in areas.values())
        parts.append(
            f"<section class='cck-board-persona'><h3>{html.escape(persona.name)} "
            f"<span class='cck-meta'>({html.escape(persona.role)})</span> "
            f"<span class='cck-count'>{total}</span></h3><div class='cck-board-grid'>"
        )
        for area in plan.empathy_areas:
            notes = areas.get(area.id, [])
            parts.append(
                f"<div class='cck-board-area' data-area='{html.escape(area.id, quote=True)}'>"
                f"<h4>{html.escape(area.label)} <span class='cck-count'>{len(notes)}</span></h4>"
                + "".join(_note_html(note, ui) for note in notes)
                + "</div>"
            )
        parts.append("</div></section>")
    if not live.current:
        parts.insert(0, f"<p class='cck-meta'>{html.escape(ui['board_waiting'])}</p>")
    return "".join(parts)


def render_ideas(live: LiveExercise, categories: list[str], ui: dict[str, str], moderation=None) -> str:
    """An idea call's board: ideas by topic, with counts; participant text escaped."""
    grouped: dict[str, list[PlacedNote]] = {c: [] for c in categories}
    for entry in sorted(live.current.values(), key=lambda e: live.first_seq[e.entry_id]):
        if moderation is not None and not moderation.visible(entry.entry_id):
            continue
        person = live.people.get(entry.participant_id)
        group = moderation.group_size(entry.entry_id) if moderation is not None else 1
        note = PlacedNote(
            entry.payload.get("text", ""), person.display_name if person else None, entry.seq, group
        )
        grouped.setdefault(entry.payload.get("category") or "", []).append(note)
    if not live.current:
        return f"<p class='cck-meta'>{html.escape(ui['board_waiting'])}</p>"
    parts = ["<div class='cck-board-grid'>"]
    for category, notes in grouped.items():
        title = html.escape(category or ui["board_no_category"])
        heading = f"<h4>{title} <span class='cck-count'>{len(notes)}</span></h4>"
        body = "".join(_note_html(note, ui) for note in notes)
        parts.append(f"<div class='cck-board-area'>{heading}{body}</div>")
    parts.append("</div>")
    return "".join(parts)


def _note_html(note: PlacedNote, ui: dict[str, str]) -> str:
    author = note.author if note.author is not None else ui["board_anonymous"]
    merged = f" <span class='cck-count'>×{note.group}</span>" if note.group > 1 else ""
    return (
        f"<div class='cck-note'>{html.escape(note.text)}{merged}"
        f"<span class='cck-author'>— {html.escape(author)}</span></div>"
    )


class FacilitatorBoard:
    """The board for one workshop's empathy map; ``refresh()`` polls once and redraws if needed."""

    def __init__(self, store: Store, workshop_id: str):
        self.store = store
        self.workshop = store.get_workshop(workshop_id)
        self.ui = load_ui(self.workshop.lang)
        self.plan = load_plan(self.workshop.plan, self.workshop.lang)
        self.personas = list(load_personas(self.workshop.lang))
        exercise_ref, self.exercise = next(
            (ref, exercise) for kind in BOARD_KINDS for ref, exercise in self.plan.exercises_of_kind(kind)
        )
        self.live = LiveExercise(store, workshop_id, exercise_ref)
        self.moderation = Moderation(store, workshop_id)
        ui = self.ui
        self.header = widgets.HTML(
            f"<h2>{html.escape(ui['board_title'].format(title=self.workshop.title))}</h2>"
            f"<p class='cck-meta'>{html.escape(ui['board_join'].format(code=self.workshop.join_code))} · "
            f"<a href='join.ipynb?workshop={html.escape(self.workshop.id, quote=True)}' target='_blank'>"
            f"{html.escape(ui['board_join_screen'])}</a></p>"
        )
        self.summary = widgets.HTML()
        self.board = widgets.HTML()
        self.board.add_class("cck-board")
        self.controls = ControlPanel(store, workshop_id, self.plan, ui)
        self.moderation_panel = ModerationPanel(store, workshop_id, exercise_ref, ui)
        moderate = widgets.Accordion(children=[self.moderation_panel.widget], titles=(ui["moderate_title"],))
        moderate.selected_index = None
        self.overview = widgets.HTML()
        self.overview.add_class("cck-board")
        self._overview_shown = None
        self.controls.section.observe(lambda _c: self.show_overview(), names="value")
        self.widget = widgets.VBox(
            [
                page_style(),
                self.header,
                self.controls.widget,
                moderate,
                self.overview,
                self.summary,
                self.board,
            ]
        )
        self.widget.add_class("cck-page")
        self._poller: Poller | None = None
        self.refresh()
        self.show_overview()

    def refresh(self) -> bool:
        """Poll the store once; redraw when something changed. True if it redrew."""
        if not self.live.poll() and self.board.value:
            return False
        ui = self.ui
        stamp = time.strftime("%H:%M:%S")
        count_key = "board_ideas" if self.exercise.kind == "ideas" else "board_notes"
        self.summary.value = (
            f"<p class='cck-meta'><b>{html.escape(self.exercise.title)}</b> · "
            f"{html.escape(ui['board_participants'].format(count=len(self.live.people)))} · "
            f"{html.escape(ui[count_key].format(count=len(self.live.current)))} · "
            f"{html.escape(ui['board_updated'].format(time=stamp))}</p>"
        )
        moderation = self.moderation.state()
        if self.exercise.kind == "ideas":
            self.board.value = render_ideas(self.live, list(self.exercise.categories), ui, moderation)
        else:
            self.board.value = render_board(self.live, self.plan, self.personas, ui, moderation)
        return True

    def show_overview(self) -> None:
        """The facilitator's chosen exercise, across participants (redrawn only when it changed)."""
        section = self.controls.section.value
        shown = (section, self.store.latest_seq(self.workshop.id))
        if shown == self._overview_shown:
            return
        self._overview_shown = shown
        body = render_overview(
            self.store, self.workshop.id, self.plan, section, self.ui, self.moderation.state()
        )
        title = self.controls.labels.get(section, section)
        heading = f"<h3>{html.escape(self.ui['overview_title'].format(section=title))}</h3>"
        self.overview.value = heading + self._contributors(section) + body if body else ""

    def _contributors(self, section: str) -> str:
        """Who has written something in this exercise (anonymous people counted, not named)."""
        names = {p.id: p.display_name for p in self.store.participants(self.workshop.id)}
        authors = {e.participant_id for e in self.store.entries(self.workshop.id, exercise=section)}
        named = sorted(names[a] for a in authors if names.get(a))
        hidden = sum(1 for a in authors if a in names and not names[a])
        listed = ", ".join(named + ([f"{hidden} × {self.ui['board_anonymous']}"] if hidden else []))
        text = self.ui["overview_contributed"].format(
            count=len(authors), names=listed or self.ui["control_nobody"]
        )
        return f"<p class='cck-meta'>{html.escape(text)}</p>"

    def tick(self) -> None:
        self.show_overview()
        if self.refresh():
            self.moderation_panel.refresh()
        self.controls.refresh()  # timer countdown and presence change every second

    def start_auto_refresh(self, interval: float = REFRESH_SECONDS):
        """Keep the board current from a daemon thread."""
        self._poller = Poller(self.tick, interval, "cck-board")
        return self._poller.start()

    def stop(self) -> None:
        if self._poller is not None:
            self._poller.stop()


def facilitator_page(store: Store | None = None, params: dict[str, str] | None = None, auto_refresh=True):
    """The board for the current request, or a refusal without the right key."""
    params = query_params() if params is None else params
    try:
        store = store or Store()
        workshop_id, key = params.get("workshop", ""), params.get("key", "")
        if not store.check_facilitator_key(workshop_id, key):
            return message_widget(load_ui("en")["board_denied"])
        board = FacilitatorBoard(store, workshop_id)
    except Exception:
        log.exception("facilitator page failed")
        return message_widget(load_ui("en")["error_generic"])
    if auto_refresh:
        board.start_auto_refresh()
    return board.widget
