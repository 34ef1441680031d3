"""The facilitator's control bar on the board: pick a section, bring everyone there, lock it,
run a timer, see who is present. A thin view over :class:`WorkshopControl`."""

from __future__ import annotations

import html
import threading

import ipywidgets as widgets

from ..facilitation import WorkshopControl
from ..forms.status import StatusLine
from ..forms.voting import entry_label, tally
from ..plan import Plan
from ..store import Store
from ..store.control import clock_text, seconds_left
from .sections import section_labels

__all__ = ["ControlPanel"]


class ControlPanel:
    def __init__(self, store: Store, workshop_id: str, plan: Plan, ui: dict[str, str]):
        self.store, self.workshop_id, self.ui = store, workshop_id, ui
        self.control = WorkshopControl(store, workshop_id)
        self.labels = dict(section_labels(plan, ui))
        self.status = StatusLine(ui)
        self.section = widgets.Dropdown(
            options=[(label, key) for key, label in self.labels.items()],
            description=ui["control_section"],
            layout=widgets.Layout(width="100%", max_width="640px"),
        )
        self.bring = widgets.Button(
            description=ui["control_bring"],
            button_style="primary",
            icon="users",
            layout=widgets.Layout(width="auto"),
        )
        self.lock = widgets.Checkbox(value=False, description=ui["control_lock"], indent=False)
        self.minutes = widgets.BoundedIntText(
            value=5, min=1, max=120, description=ui["control_minutes"], layout=widgets.Layout(width="180px")
        )
        self.minutes.add_class("cck-narrow")
        self.lock_at_zero = widgets.Checkbox(
            value=False, description=ui["control_lock_at_zero"], indent=False
        )
        self.start_timer = widgets.Button(description=ui["control_start_timer"], icon="clock-o")
        self.stop_timer = widgets.Button(description=ui["control_stop_timer"])
        self.dots = widgets.BoundedIntText(
            value=3, min=1, max=20, description=ui["control_dots"], style={"description_width": "initial"}
        )
        self.dots.add_class("cck-narrow")
        self.start_vote = widgets.Button(description=ui["control_start_vote"], icon="circle")
        self.close_vote = widgets.Button(description=ui["control_close_vote"])
        self.start_vote.on_click(
            lambda _b: self._act(self.control.start_vote, self.section.value, int(self.dots.value))
        )
        self.close_vote.on_click(lambda _b: self._act(self.control.close_vote))
        self.private = widgets.Checkbox(value=False, description=ui["control_private"], indent=False)
        self.reveal = widgets.Button(
            description=ui["control_reveal"], icon="eye", layout=widgets.Layout(width="auto")
        )
        self.private.observe(lambda change: self.set_private(change["new"]), names="value")
        self.reveal.on_click(lambda _b: self._act(self.control.reveal, self.section.value))
        self.tally = widgets.HTML()
        self.state = widgets.HTML()
        self._syncing = False
        # The board's poller refreshes from another thread; clicks and polls take turns, so a
        # poll showing the stored state never swallows the facilitator's own change.
        self._lock = threading.RLock()
        self.bring.on_click(lambda _b: self.bring_everyone())
        self.lock.observe(lambda change: self.set_lock(change["new"]), names="value")
        self.section.observe(lambda _c: self.refresh(), names="value")
        self.start_timer.on_click(lambda _b: self.start())
        self.stop_timer.on_click(lambda _b: self._act(self.control.stop_timer))
        self.widget = widgets.VBox(
            [
                widgets.HBox([self.section, self.bring], layout=widgets.Layout(flex_flow="row wrap")),
                widgets.HBox(
                    [self.lock, self.minutes, self.lock_at_zero, self.start_timer, self.stop_timer],
                    layout=widgets.Layout(flex_flow="row wrap", align_items="center"),
                ),
                widgets.HBox([self.private, self.reveal], layout=widgets.Layout(align_items="center")),
                widgets.HBox(
                    [self.dots, self.start_vote, self.close_vote],
                    layout=widgets.Layout(flex_flow="row wrap", align_items="center"),
                ),
                self.state,
                self.tally,
                self.status.widget,
            ]
        )
        self.widget.add_class("cck-controls")
        self.refresh()

    # -- actions --------------------------------------------------------------------------

    def _act(self, action, *args) -> None:
        """Run one control action, then show the new state at once (not at the next poll)."""
        with self._lock:
            self.status.run(action, *args)
            self.refresh()

    def bring_everyone(self) -> None:
        self._act(self.control.bring_everyone, self.section.value)

    def set_lock(self, locked: bool) -> None:
        with self._lock:
            if not self._syncing:  # ignore the echo of refresh() showing the stored state
                self.status.run(self.control.set_locked, self.section.value, bool(locked))

    def set_private(self, private: bool) -> None:
        with self._lock:
            if not self._syncing:
                self.status.run(self.control.set_private, self.section.value, bool(private))

    def start(self) -> None:
        minutes, lock_at_zero = int(self.minutes.value), bool(self.lock_at_zero.value)
        self._act(self.control.start_timer, self.section.value, minutes * 60, lock_at_zero)

    # -- view -----------------------------------------------------------------------------

    def refresh(self) -> None:
        """Show the stored state: lock of the chosen section, focus, timer, who is present."""
        with self._lock:
            self._show()

    def _show(self) -> None:
        ui = self.ui
        self._syncing = True
        try:
            lock = self.control.get(f"lock:{self.section.value}")
            self.lock.value = bool(lock and lock.get("locked"))
            visibility = self.control.visibility(self.section.value)
            self.private.value = visibility["private"]
        finally:
            self._syncing = False
        # The board's poller refreshes from another thread; clicks and polls take turns, so a
        # poll showing the stored state never swallows the facilitator's own change.
        self._lock = threading.RLock()
        lines = []
        focus = self.control.focus()
        if focus:
            lines.append(
                ui["control_focus"].format(section=self.labels.get(focus["section"], focus["section"]))
            )
        timer = self.control.timer()
        if timer is not None:
            clock = clock_text(seconds_left(timer), ui)
            lines.append(f"{self.labels.get(timer['section'], timer['section'])} — {clock}")
        if visibility["private"]:
            key = "control_revealed_state" if visibility["revealed"] else "control_private_state"
            lines.append(ui[key].format(section=self.labels.get(self.section.value, self.section.value)))
        names = {
            p.id: p.display_name or ui["board_anonymous"] for p in self.store.participants(self.workshop_id)
        }
        present = sorted(names[pid] for pid in self.store.present(self.workshop_id) if pid in names)
        lines.append(
            ui["control_present"].format(count=len(present), names=", ".join(present) or ui["control_nobody"])
        )
        self.state.value = "".join(f"<div class='cck-meta'>{html.escape(line)}</div>" for line in lines)
        self.tally.value = self._tally_html()

    def _tally_html(self) -> str:
        """The live (or final) ranking of the current vote."""
        ui, vote = self.ui, self.control.vote()
        if not vote:
            return ""
        section = self.labels.get(vote["section"], vote["section"])
        head = ui["control_vote_open" if vote.get("open") else "control_vote_closed"].format(
            section=section, dots=vote["dots"]
        )
        items = "".join(
            f"<li><span class='cck-vote-item'>{html.escape(entry_label(entry))}</span> "
            f"<b class='cck-vote-count'>{count}</b></li>"
            for entry, count in tally(self.store, self.workshop_id, vote)
        )
        return f"<div class='cck-tally'><p><b>{html.escape(head)}</b></p><ol>{items}</ol></div>"
