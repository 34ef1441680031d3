"""A participant's deletes can be taken back: "Undo" right after one, and "Deleted notes" on the
section to restore any of them later.

The page learns of its own delete from its next poll (:attr:`LiveWorkshop.own_deletes`), so
every form's Delete is covered without each form offering its own Undo; the Undo bar sticks
to the bottom of the screen, where a phone scrolled into a long canvas still sees it. A restore
is a new revision saying what the entry said when deleted (``Store.restore_entry``): history
keeps the delete and the restore.
"""

from __future__ import annotations

import html
import time
from collections.abc import Callable

import ipywidgets as widgets

from ..content.plan import Plan
from ..forms.status import StatusLine
from ..live.describe import describe
from ..live.workshop import LiveWorkshop
from ..models import Entry
from ..store.control import section_of

__all__ = ["UNDO_SECONDS", "DeletedNotes"]

UNDO_SECONDS = 10.0  # how long "Undo" stays after a delete (the list keeps it for good)


class DeletedNotes:
    def __init__(self, live: LiveWorkshop, plan: Plan, ui: dict[str, str], restored: Callable[[], None]):
        self.live, self.plan, self.ui, self.restored = live, plan, ui, restored
        self.store, self.participant_id = live.store, str(live.viewer)
        self.section: str | None = None
        self.opened = False
        self.offered: Entry | None = None  # the delete "Undo" takes back
        self._offered_at = 0.0
        self._seen = 0  # how many of the page's deletes have been offered
        # Both parts are built the first time they have something to show: most people never
        # delete, and every widget is one more model a phone receives when it joins.
        self.undo_bar = widgets.HBox(layout=widgets.Layout(display="none", flex_flow="row wrap"))
        self.undo_bar.add_class("cck-undo")
        # The page puts ``undo_bar`` last in its own column, where it can stick to the screen.
        self.widget = widgets.VBox()

    def _build_undo(self) -> None:
        if self.undo_bar.children:
            return
        self.undo_text = widgets.HTML()
        self.undo_button = widgets.Button(
            description=self.ui["undo"], icon="undo", layout=widgets.Layout(width="auto")
        )
        self.undo_button.on_click(lambda _b: self.undo())
        self.undo_bar.children = [self.undo_text, self.undo_button]

    def _build_list(self) -> None:
        if self.widget.children:
            return
        self.status = StatusLine(self.ui)
        self.toggle = widgets.Button(icon="trash-o", layout=widgets.Layout(width="auto", display="none"))
        self.toggle.on_click(lambda _b: self.open_list(not self.opened))
        self.list_box = widgets.VBox()
        self.list_box.add_class("cck-deleted")
        self.widget.children = [self.toggle, self.list_box, self.status.widget]

    # -- Undo, right after a delete -------------------------------------------------------

    def after_poll(self, now: float | None = None) -> None:
        """Offer Undo for a delete the last poll brought; hide it once its time is up."""
        now = time.monotonic() if now is None else now
        deletes = self.live.own_deletes
        if len(deletes) != self._seen:
            self._seen = len(deletes)
            self.offered, self._offered_at = deletes[-1], now
            self._build_undo()
            self.undo_text.value = html.escape(self.ui["undo_deleted"].format(what=self._words(deletes[-1])))
            self.undo_bar.layout.display = ""
            self.show_section(self.section)
        elif self.offered is not None and now - self._offered_at > UNDO_SECONDS:
            self._hide_undo()

    def undo(self) -> None:
        if self.offered is not None:
            self.restore(self.offered)

    def _hide_undo(self) -> None:
        self.offered = None
        self.undo_bar.layout.display = "none"

    # -- the section's deleted notes -------------------------------------------------------

    def show_section(self, section: str | None) -> None:
        """The "Deleted notes (N)" button of the section on screen (hidden when there are none)."""
        self.section = section
        found = self._deleted()
        if not found and not self.widget.children:
            return  # nothing deleted here, nothing built
        self._build_list()
        self.toggle.description = self.ui["deleted_notes"].format(count=len(found))
        self.toggle.layout.display = "" if found else "none"
        if not found:
            self.opened = False
        self._draw(found if self.opened else [])

    def open_list(self, opened: bool) -> None:
        self._build_list()
        self.opened = opened
        self._draw(self._deleted() if opened else [])

    def restore(self, entry: Entry) -> None:
        self._build_list()  # its status line says how the restore went
        # The entry as it is now: restored elsewhere (another device) means nothing to do.
        latest = self.store.latest(entry.entry_id)
        if latest is None or not latest.deleted:
            self.status.error(self.ui["error_gone"])
        elif self.status.run(
            self.store.restore_entry,
            entry.entry_id,
            self.participant_id,
            latest.revision,
            success=self.ui["restored"],
        ):
            self.restored()
        if self.offered is not None and self.offered.entry_id == entry.entry_id:
            self._hide_undo()
        self.show_section(self.section)

    def _deleted(self) -> list[Entry]:
        if self.section is None:
            return []
        found = self.store.deleted_entries(self.live.workshop_id, self.participant_id)
        return [e for e in reversed(found) if section_of(e.exercise) == self.section]

    def _draw(self, entries: list[Entry]) -> None:
        rows = []
        for entry in entries:
            button = widgets.Button(description=self.ui["restore"], layout=widgets.Layout(width="auto"))
            button.on_click(lambda _b, e=entry: self.restore(e))
            rows.append(
                widgets.HBox(
                    [widgets.HTML(html.escape(self._words(entry))), button],
                    layout=widgets.Layout(flex_flow="row wrap", align_items="center"),
                )
            )
        self.list_box.children = rows

    def _words(self, entry: Entry) -> str:
        text = describe(entry, self.plan, self.ui)
        return text if len(text) <= 80 else text[:79] + "…"
