"""The value map against a customer profile.

Customer profile: jobs, pains, gains. Value map: products & services, pain relievers, gain
creators. Each reliever is linked to the pains it relieves and each creator to the gains it
creates; the form shows which pains and gains nothing addresses yet.
"""

from __future__ import annotations

import html

import ipywidgets as widgets

from ..kinds.value_map import LINK_TARGET, PARTS
from ..live.workshop import LiveWorkshop
from ..models import Entry, Participant
from ..store import Store
from ..validation import InputError, clean_text
from .closing import close_tree
from .status import StatusLine

__all__ = ["ValueMap", "ValueMapForm", "open_view", "workshop_relievers"]


def workshop_relievers(live: LiveWorkshop, value_map_refs: list[str]) -> list[tuple[str, str]]:
    """``(label, entry id)`` of every pain reliever on the workshop's value maps that this page may
    see (the live state's visibility rule: not hidden, not someone else's in a private round)."""
    live.poll()
    found = []
    for ref in value_map_refs:
        for entry in live.visible(ref):
            if entry.payload.get("part") == "relievers":
                found.append((entry.payload["text"][:60], entry.entry_id))
    return found


class ValueMap:
    """One participant's value map; every item is an entry, links are ids of pains or gains."""

    def __init__(self, store: Store, participant: Participant, exercise: str):
        self.store, self.participant, self.exercise = store, participant, exercise

    def items(self, part: str | None = None) -> list[Entry]:
        found = self.store.entries(
            self.participant.workshop_id, exercise=self.exercise, participant_id=self.participant.id
        )
        return [e for e in found if part is None or e.payload["part"] == part]

    def add(self, part, text) -> Entry:
        if part not in PARTS:
            raise InputError("error_unknown_area")
        payload = {"part": part, "text": clean_text(text, limit=300, empty="error_empty_item")}
        if part in LINK_TARGET:
            payload["links"] = []
        return self.store.add_entry(self.participant.workshop_id, self.participant.id, self.exercise, payload)

    def link(self, item: Entry, target_ids) -> Entry:
        """Set what a reliever relieves (pain ids) or a creator creates (gain ids)."""
        target_part = LINK_TARGET.get(item.payload["part"])
        if target_part is None:
            raise InputError("error_unknown_area")
        allowed = {e.entry_id for e in self.items(target_part)}
        chosen = list(dict.fromkeys(target_ids or ()))
        if not all(isinstance(t, str) and t in allowed for t in chosen):
            raise InputError("error_unknown_item")
        payload = {**item.payload, "links": chosen}
        return self.store.revise_entry(item.entry_id, self.participant.id, payload, item.revision)

    def delete(self, item: Entry) -> None:
        self.store.delete_entry(item.entry_id, self.participant.id, item.revision)

    def unaddressed(self) -> dict[str, list[Entry]]:
        """Pains no reliever is linked to, and gains no creator is linked to."""
        result = {}
        for source, target in LINK_TARGET.items():
            covered = {t for e in self.items(source) for t in e.payload.get("links", [])}
            result[target] = [e for e in self.items(target) if e.entry_id not in covered]
        return result


class ValueMapForm:
    """Six panels (the profile circle, then the value square), links, and what is unaddressed."""

    def __init__(self, model: ValueMap, ui: dict[str, str]):
        self.model, self.ui = model, ui
        self.status = StatusLine(ui)
        self.drafts: dict[str, widgets.Text] = {}
        self.add_buttons: dict[str, widgets.Button] = {}
        self.lists: dict[str, widgets.VBox] = {}
        self.link_pickers: dict[str, widgets.SelectMultiple] = {}
        panels = []
        for part in PARTS:
            self.drafts[part] = widgets.Text(
                description=ui[f"value_{part}"],
                placeholder=ui[f"value_{part}_hint"],
                continuous_update=False,
                layout=widgets.Layout(width="100%"),
                style={"description_width": "initial"},
            )
            self.add_buttons[part] = widgets.Button(description=ui["value_add"], icon="plus")
            self.add_buttons[part].on_click(lambda _b, p=part: self.add(p))
            self.lists[part] = widgets.VBox()
            panel = widgets.VBox(
                [
                    widgets.HTML(f"<h4>{html.escape(ui[f'value_{part}'])}</h4>"),
                    self.lists[part],
                    self.drafts[part],
                    self.add_buttons[part],
                    self.status.slot(part),
                ],
                layout=widgets.Layout(flex="1 1 300px", min_width="260px", margin="4px", padding="8px"),
            )
            panel.add_class("cck-area")
            panels.append(panel)
        profile = widgets.Box(panels[:3], layout=_row())
        value = widgets.Box(panels[3:], layout=_row())
        self.unaddressed = widgets.HTML()
        self.widget = widgets.VBox(
            [
                widgets.HTML(f"<h4>{html.escape(ui['value_profile'])}</h4>"),
                profile,
                widgets.HTML(f"<h4>{html.escape(ui['value_square'])}</h4>"),
                value,
                self.status.widget,
                self.unaddressed,
            ]
        )
        self.widget.add_class("cck-value-map")
        self.refresh()

    def add(self, part: str) -> None:
        if self.status.run(self.model.add, part, self.drafts[part].value, near=part) is not None:
            self.drafts[part].value = ""
        self.refresh()

    def link(self, item: Entry, targets) -> None:
        self.status.run(self.model.link, item, targets, near=item.payload.get("part"))
        self.refresh()

    def delete(self, item: Entry) -> None:
        self.status.run(self.model.delete, item, success=self.ui["deleted"], near=item.payload.get("part"))
        self.refresh()

    def refresh(self) -> None:
        ui = self.ui
        self.link_pickers = {}
        for part in PARTS:
            rows = []
            for item in self.model.items(part):
                text = widgets.HTML(f"<div class='cck-note'>{html.escape(item.payload['text'])}</div>")
                delete = widgets.Button(description=ui["delete"], icon="trash")
                delete.on_click(lambda _b, i=item: self.delete(i))
                children = [text]
                if part in LINK_TARGET:
                    children.append(self._picker(item, LINK_TARGET[part]))
                children.append(delete)
                rows.append(widgets.VBox(children))
            replaced = self.lists[part].children
            self.lists[part].children = rows
            for row in replaced:
                close_tree(row)
        gaps = self.model.unaddressed()
        self.unaddressed.value = "".join(
            f"<p><b>{html.escape(ui[f'value_unaddressed_{target}'])}</b> "
            + (
                ", ".join(html.escape(e.payload["text"]) for e in gaps[target])
                or html.escape(ui["value_none"])
            )
            + "</p>"
            for target in ("pains", "gains")
        )

    def _picker(self, item: Entry, target_part: str) -> widgets.SelectMultiple:
        options = [(e.payload["text"][:60], e.entry_id) for e in self.model.items(target_part)]
        valid = {value for _label, value in options}
        picker = widgets.SelectMultiple(
            options=options,
            value=tuple(t for t in item.payload.get("links", []) if t in valid),
            description=self.ui[f"value_links_{target_part}"],
            rows=min(max(len(options), 2), 6),
            layout=widgets.Layout(width="100%"),
            style={"description_width": "initial"},
        )
        picker.observe(lambda change, i=item: self.link(i, list(change["new"])), names="value")
        self.link_pickers[item.entry_id] = picker
        return picker


def _row() -> widgets.Layout:
    return widgets.Layout(display="flex", flex_flow="row wrap", width="100%")


def open_view(page, place):
    """The value map section of a participant page."""
    return ValueMapForm(ValueMap(page.store, page.participant, place.ref), page.ui)
