"""The board's moderation tools: pick a note, hide it (or show it again), fix a typo, merge
duplicates into it (or un-merge them), and restore a note its author deleted. A thin view: it
writes through :class:`Moderation` and lists what the board's :class:`LiveWorkshop` holds
(hidden and merged notes marked); every action is logged."""

from __future__ import annotations

import ipywidgets as widgets

from ..content.plan import Plan
from ..forms.status import StatusLine
from ..live.describe import told_apart
from ..live.moderation import Moderation
from ..live.workshop import LiveWorkshop
from ..models import Entry

__all__ = ["ModerationPanel"]

# What the note list shows: (id, revision) of each note, the hidden ids, the merges.
_Shown = tuple[tuple[tuple[str, int], ...], frozenset[str], tuple[tuple[str, str], ...]]


class ModerationPanel:
    def __init__(self, live: LiveWorkshop, exercise: str, ui: dict[str, str], plan: Plan):
        self.live, self.exercise, self.ui, self.plan = live, exercise, ui, plan
        self.moderation = Moderation(live.store, live.workshop_id)
        self.status = StatusLine(ui)
        self._shown: _Shown | None = None
        self.note = widgets.Dropdown(
            options=[],
            value=None,
            description=ui["moderate_note"],
            layout=widgets.Layout(width="100%", max_width="720px"),
            style={"description_width": "initial"},
        )
        self.hide = widgets.Button(description=ui["moderate_hide"], icon="eye-slash")
        self.unhide = widgets.Button(description=ui["moderate_unhide"], icon="eye")
        self.text = widgets.Text(
            description=ui["moderate_text"],
            continuous_update=False,
            layout=widgets.Layout(width="100%", max_width="720px"),
            style={"description_width": "initial"},
        )
        self.fix = widgets.Button(description=ui["moderate_fix"], icon="pencil")
        self.duplicates = widgets.SelectMultiple(
            options=[],
            description=ui["moderate_duplicates"],
            rows=4,
            layout=widgets.Layout(width="100%", max_width="720px"),
            style={"description_width": "initial"},
        )
        self.merge = widgets.Button(
            description=ui["moderate_merge"], icon="compress", layout=widgets.Layout(width="auto")
        )
        self.unmerge = widgets.Button(
            description=ui["moderate_unmerge"], icon="expand", layout=widgets.Layout(width="auto")
        )
        self.deleted = widgets.Dropdown(
            options=[],
            value=None,
            description=ui["moderate_deleted"],
            layout=widgets.Layout(width="100%", max_width="720px"),
            style={"description_width": "initial"},
        )
        self.restore = widgets.Button(
            description=ui["moderate_restore"], icon="undo", layout=widgets.Layout(width="auto")
        )
        self._deleted: dict[str, Entry] = {}
        self.unmerge.on_click(lambda _b: self._unmerge())
        self.restore.on_click(lambda _b: self._restore())
        self.note.observe(lambda _c: self._prefill(), names="value")
        self.hide.on_click(lambda _b: self._act(lambda e: self.moderation.hide(e, True)))
        self.unhide.on_click(lambda _b: self._act(lambda e: self.moderation.hide(e, False)))
        self.fix.on_click(lambda _b: self._act(lambda e: self.moderation.fix_text(e, self.text.value)))
        self.merge.on_click(lambda _b: self._merge())
        self.widget = widgets.VBox(
            [
                self.note,
                widgets.HBox([self.hide, self.unhide]),
                self.text,
                self.fix,
                self.duplicates,
                widgets.HBox([self.merge, self.unmerge]),
                self.deleted,
                self.restore,
                self.status.widget,
            ]
        )
        self.widget.add_class("cck-moderation")
        self.refresh()

    def follow(self, exercise: str) -> None:
        """Moderate the notes of ``exercise`` from now on."""
        if exercise != self.exercise:
            self.exercise, self._shown = exercise, None
            self.refresh()

    def _entries(self) -> dict[str, Entry]:
        return {e.entry_id: e for e in self.live.all_entries(self.exercise)}

    def _merge(self) -> None:
        others = [e for e in self._chosen_duplicates() if e.entry_id != self.note.value]
        if self.note.value is not None and not others:
            self.status.error(self.ui["moderate_pick_duplicates"])
            return
        self._act(lambda e: self.moderation.merge(e, others))

    def _unmerge(self) -> None:
        if self.note.value is not None and self.live.group_size(self.note.value) < 2:
            self.status.error(self.ui["moderate_nothing_merged"])
            return
        self._act(self.moderation.unmerge)

    def _restore(self) -> None:
        entry = self._deleted.get(self.deleted.value or "")
        if entry is None:
            self.status.error(self.ui["moderate_pick_deleted"])
            return
        self.status.run(self.moderation.restore, entry, success=self.ui["restored"])
        self.live.poll()
        self._shown = None
        self.refresh()

    def _act(self, action) -> None:
        if self.note.value is None:
            self.status.error(self.ui["moderate_pick_note"])
            return
        self.live.poll()  # act on the newest revision of the note
        entry = self._entries().get(self.note.value)
        if entry is None:
            self.status.error(self.ui["error_gone"])
            return
        self.status.run(action, entry)
        self.live.poll()
        self._shown = None
        self.refresh()

    def _chosen_duplicates(self):
        entries = self._entries()
        return [entries[i] for i in self.duplicates.value if i in entries]

    def _prefill(self) -> None:
        entry = self._entries().get(self.note.value)
        self.text.value = entry.payload.get("text", "") if entry else ""

    def _label(self, entry) -> str:
        """What tells two look-alike notes apart: the words, who wrote them, and where."""
        return told_apart(entry, self.plan, self.ui, self.live.name(entry.participant_id), limit=60)

    def refresh(self) -> None:
        """Offer every current note (hidden ones marked) when the notes have changed."""
        entries = self._entries()
        state = self.live.moderation
        shown = (
            tuple((i, e.revision) for i, e in entries.items()),
            frozenset(state.hidden),
            tuple(sorted(state.merged_into.items())),
        )
        if shown == self._shown:
            return
        self._shown = shown
        options = []
        for entry_id, entry in entries.items():
            mark = f" [{self.ui['moderate_hidden']}]" if entry_id in state.hidden else ""
            if entry_id in state.merged_into:
                mark = f" [{self.ui['moderate_merged']}]"
            options.append((self._label(entry) + mark, entry_id))
        keep = self.note.value if self.note.value in entries else None
        self.note.options = options
        self.note.value = keep
        self.duplicates.options = options
        self._deleted = {e.entry_id: e for e in self.moderation.deleted(self.exercise)}
        self.deleted.options = [(self._label(e), i) for i, e in self._deleted.items()]
        self.deleted.value = None
        shown_or_not = "" if self._deleted else "none"
        self.deleted.layout.display = self.restore.layout.display = shown_or_not
