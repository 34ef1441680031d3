"""The facilitator's control bar on the board: pick a section, bring everyone there, lock it,
run a timer, see who is present, end the session (after a confirmation) and reopen it. A thin
view: it writes through :class:`WorkshopControl` and shows what the board's
:class:`LiveWorkshop` holds."""

from __future__ import annotations

import html
from urllib.parse import urlencode

import ipywidgets as widgets

from ..content.plan import Plan
from ..forms.status import StatusLine
from ..live.describe import told_apart
from ..live.facilitation import WorkshopControl, vote_parts
from ..live.reuse import run_again
from ..live.workshop import LiveWorkshop
from ..store.control import clock_text, lock_key, seconds_left
from .sections import section_labels

__all__ = ["ControlPanel"]


class ControlPanel:
    def __init__(self, live: LiveWorkshop, plan: Plan, ui: dict[str, str]):
        self.live, self.ui = live, ui
        self.present: set[str] = set()  # who has a page open; the board refreshes it
        self.control = WorkshopControl(live.store, live.workshop_id)
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
        self.plan = plan
        self.vote_on = widgets.Dropdown(
            description=ui["control_vote_on"], style={"description_width": "initial"}
        )
        self._vote_parts: dict[str, dict] = {}
        self.start_vote.on_click(
            lambda _b: self._act(
                self.control.start_vote,
                self.section.value,
                int(self.dots.value),
                self._vote_parts.get(self.vote_on.value),
            )
        )
        self.close_vote.on_click(lambda _b: self._act(self.control.close_vote))
        self.private = widgets.Checkbox(value=False, description=ui["control_private"], indent=False)
        self.reveal = widgets.Button(
            description=ui["control_reveal"], icon="eye", layout=widgets.Layout(width="auto")
        )
        self.private.observe(lambda change: self.set_private(change["new"]), names="value")
        self.reveal.on_click(lambda _b: self._act(self.control.reveal, self.section.value))
        # Ending the session asks first: one stray click must not close everyone's page.
        self.end = widgets.Button(description=ui["control_end"], icon="flag-checkered", layout=_auto())
        self.end_yes = widgets.Button(
            description=ui["control_end_yes"], button_style="danger", layout=_auto()
        )
        self.end_no = widgets.Button(description=ui["control_end_cancel"], layout=_auto())
        self.end_confirm = widgets.HBox(
            [widgets.HTML(f"<b>{html.escape(ui['control_end_confirm'])}</b>"), self.end_yes, self.end_no],
            layout=widgets.Layout(display="none", flex_flow="row wrap", align_items="center"),
        )
        self.reopen = widgets.Button(description=ui["control_reopen"], icon="undo", layout=_auto())
        self.end.on_click(lambda _b: self._confirm_end(True))
        self.end_no.on_click(lambda _b: self._confirm_end(False))
        self.end_yes.on_click(lambda _b: self.end_session())
        self.reopen.on_click(lambda _b: self._act(self.control.reopen_session))
        self.run_again = widgets.Button(description=ui["control_run_again"], icon="copy", layout=_auto())
        self.run_again_done = widgets.HTML()
        self.run_again.on_click(lambda _b: self.start_again())
        self.tally = widgets.HTML()
        self.state = widgets.HTML()
        self._syncing = False
        self._tally_shown = None
        self.bring.on_click(lambda _b: self.bring_everyone())
        self.lock.observe(lambda change: self.set_lock(change["new"]), names="value")
        self.section.observe(lambda _c: self.refresh(), names="value")
        self.section.observe(lambda _c: self._offer_vote_parts(), names="value")
        self._offer_vote_parts()
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
                    [self.dots, self.vote_on, self.start_vote, self.close_vote],
                    layout=widgets.Layout(flex_flow="row wrap", align_items="center"),
                ),
                widgets.HBox(
                    [self.end, self.reopen, self.run_again], layout=widgets.Layout(flex_flow="row wrap")
                ),
                self.end_confirm,
                self.run_again_done,
                self.state,
                self.tally,
                self.status.widget,
            ]
        )
        self.widget.add_class("cck-controls")
        self.refresh()

    # -- actions --------------------------------------------------------------------------

    def _act(self, action, *args) -> None:
        """Run one control action, then show the new state at once (not at the next tick)."""
        self.status.run(action, *args)
        self.live.poll()
        self.refresh()

    def bring_everyone(self) -> None:
        self._act(self.control.bring_everyone, self.section.value)

    def set_lock(self, locked: bool) -> None:
        if not self._syncing:  # ignore the echo of refresh() showing the stored state
            self._act(self.control.set_locked, self.section.value, bool(locked))

    def set_private(self, private: bool) -> None:
        if not self._syncing:
            self._act(self.control.set_private, self.section.value, bool(private))

    def _offer_vote_parts(self) -> None:
        """What a vote on the chosen section can be narrowed to (all of it, or one area...)."""
        parts = vote_parts(self.plan, self.section.value, self.ui)
        self._vote_parts = {f"{i}": only for i, (_label, only) in enumerate(parts, start=1)}
        options = [(self.ui["control_vote_all"], "")] + [
            (label, f"{i}") for i, (label, _only) in enumerate(parts, start=1)
        ]
        self.vote_on.options = options
        self.vote_on.value = ""
        self.vote_on.layout.display = "" if parts else "none"

    def _confirm_end(self, asking: bool) -> None:
        self.end_confirm.layout.display = "" if asking else "none"

    def end_session(self) -> None:
        self._confirm_end(False)
        self._act(self.control.end_session)

    def start_again(self) -> None:
        """A new workshop with this one's setup; its board link (with its key) is shown once."""
        again = self.status.run(run_again, self.live.store, self.live.workshop_id, success=self.ui["saved"])
        if again is None:
            return
        new = again.created
        board = "?" + urlencode({"workshop": new.workshop.id, "key": new.facilitator_key})
        self.run_again_done.value = (
            f"<p role='status'>{html.escape(self.ui['control_run_again_done'].format(code=new.join_code))} "
            f"<a href='{html.escape(board, quote=True)}' target='_blank' rel='noopener'>"
            f"{html.escape(self.ui['control_run_again_board'])}</a></p>"
        )

    def start(self) -> None:
        minutes, lock_at_zero = int(self.minutes.value), bool(self.lock_at_zero.value)
        self._act(self.control.start_timer, self.section.value, minutes * 60, lock_at_zero)

    # -- view -----------------------------------------------------------------------------

    def refresh(self, tally: bool = True) -> None:
        """Show the live state: lock of the chosen section, focus, timer, who is present, and (when
        ``tally``) the vote's ranking."""
        ui, live, section = self.ui, self.live, self.section.value
        self._syncing = True
        try:
            lock = live.settings.get(lock_key(section))
            self.lock.value = bool(lock and lock.get("locked"))
            visibility = live.visibility(section)
            self.private.value = visibility["private"]
        finally:
            self._syncing = False
        ended = live.ended()
        self.end.layout.display = "none" if ended else ""
        self.reopen.layout.display = "" if ended else "none"
        lines = [ui["control_ended_state"]] if ended else []
        focus = live.focus()
        if focus:
            lines.append(
                ui["control_focus"].format(section=self.labels.get(focus["section"], focus["section"]))
            )
        timer = live.timer()
        if timer is not None:
            clock = clock_text(seconds_left(timer), ui)
            lines.append(f"{self.labels.get(timer['section'], timer['section'])} — {clock}")
        if visibility["private"]:
            key = "control_revealed_state" if visibility["revealed"] else "control_private_state"
            lines.append(ui[key].format(section=self.labels.get(section, section)))
        present = sorted(
            live.name(pid) or ui["board_anonymous"] for pid in self.present if pid in live.people
        )
        lines.append(
            ui["control_present"].format(count=len(present), names=", ".join(present) or ui["control_nobody"])
        )
        state = "".join(f"<div class='cck-meta'>{html.escape(line)}</div>" for line in lines)
        if self.state.value != state:
            self.state.value = state
        if tally:
            self.show_tally()

    def _told_apart(self, entry) -> str:
        return told_apart(entry, self.plan, self.ui, self.live.name(entry.participant_id))

    def show_tally(self) -> None:
        """The live (or final) ranking of the current vote, redrawn only when it changed."""
        ui, vote = self.ui, self.live.vote()
        if not vote:
            shown = ""
        else:
            section = self.labels.get(vote["section"], vote["section"])
            part = next(
                (
                    label
                    for label, only in vote_parts(self.plan, vote["section"], ui)
                    if only == vote.get("only")
                ),
                None,
            )
            if vote.get("only") and part:
                section = f"{section} · {part}"
            head = ui["control_vote_open" if vote.get("open") else "control_vote_closed"].format(
                section=section, dots=vote["dots"]
            )
            items = "".join(
                f"<li><span class='cck-vote-item'>{html.escape(self._told_apart(entry))}</span> "
                f"<b class='cck-vote-count'>{count}</b></li>"
                for entry, count in self.live.tally(vote)
            )
            shown = f"<div class='cck-tally'><p><b>{html.escape(head)}</b></p><ol>{items}</ol></div>"
        if shown != self.tally.value:
            self.tally.value = shown


def _auto() -> widgets.Layout:
    return widgets.Layout(width="auto")
