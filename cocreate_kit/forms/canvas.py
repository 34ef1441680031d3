"""A canvas form: the plan's areas (an empathy map, a SWOT grid, a journey map, a business model
canvas...), each with its prompt, the participant's notes there and a box to add one. On a
canvas about people the participant first picks a persona and reads its card; the notes go to
that persona's map. A thin view over :class:`StickyNotes`: every click is one call into the
model, every note is saved the moment it is added; on a phone the areas follow one another in
reading order.
"""

from __future__ import annotations

import html

import ipywidgets as widgets

from ..content.plan import CanvasArea, Persona, plan_personas
from .closing import close_tree
from .status import StatusLine
from .stickies import Note, StickyNotes

__all__ = ["AreaPanel", "CanvasForm", "NoteActions", "open_view", "persona_card_html"]


def _text_input(placeholder: str, label: str) -> widgets.Textarea:
    # continuous_update=False: the text travels once, when the participant leaves the box or
    # clicks a button, not on every keystroke.
    box = widgets.Textarea(
        placeholder=placeholder,
        description=label,
        continuous_update=False,
        rows=2,
        layout=widgets.Layout(width="100%"),
        style={"description_width": "initial"},
    )
    return box


class NoteRow:
    """One of the participant's own notes, with Edit and Delete (or Save and Cancel)."""

    def __init__(self, form: NoteActions, note: Note):
        self.form, self.note = form, note
        ui = form.ui
        self.text = widgets.HTML(f'<div class="cck-note">{html.escape(note.text)}</div>')
        self.edit_button = widgets.Button(description=ui["edit"], icon="pencil")
        self.delete_button = widgets.Button(description=ui["delete"], icon="trash")
        self.editor = _text_input("", ui["edit"])
        self.save_button = widgets.Button(description=ui["save"], button_style="primary")
        self.cancel_button = widgets.Button(description=ui["cancel"])
        self.edit_button.on_click(lambda _b: self.start_edit())
        self.delete_button.on_click(lambda _b: form.delete(self.note))
        self.save_button.on_click(lambda _b: form.edit(self.note, self.editor.value))
        self.cancel_button.on_click(lambda _b: self.show_view())
        self.view_buttons = widgets.HBox([self.edit_button, self.delete_button])
        self.edit_buttons = widgets.HBox([self.save_button, self.cancel_button])
        self.widget = widgets.VBox(layout=widgets.Layout(width="100%"))
        self.widget.add_class("cck-note-row")
        self.show_view()

    def show_view(self) -> None:
        self.widget.children = [self.text, self.view_buttons]

    def close(self) -> None:
        for part in (self.widget, self.text, self.view_buttons, self.editor, self.edit_buttons):
            close_tree(part)  # the parts not on screen now too

    def start_edit(self) -> None:
        self.editor.value = self.note.text
        self.widget.children = [self.editor, self.edit_buttons]


class AreaPanel:
    """One area of the canvas: its prompt, the participant's notes there, and a box to add one."""

    def __init__(self, form: NoteActions, area: CanvasArea):
        self.form, self.area = form, area
        ui = form.ui
        # The area's colour on the grid tints its heading here too (validated as #rrggbb).
        tint = f" style='background: {area.colour}'" if area.colour else ""
        self.heading = widgets.HTML(
            f"<div class='cck-area-head'{tint}><h4>{html.escape(area.label)}</h4>"
            f"<p class='cck-prompt'>{html.escape(area.prompt)}</p></div>"
        )
        self.notes_box = widgets.VBox()
        self.rows: list[NoteRow] = []
        self.draft = _text_input(ui["note_placeholder"], ui["note_label"].format(area=area.label))
        self.add_button = widgets.Button(description=ui["add_note"], button_style="primary", icon="plus")
        self.add_button.on_click(lambda _b: form.add(self.area.id, self.draft))
        self.widget = widgets.VBox(
            [self.heading, self.notes_box, self.draft, self.add_button, form.status.slot(area.id)],
            layout=widgets.Layout(flex="1 1 300px", min_width="260px", margin="4px", padding="8px"),
        )
        self.widget.add_class("cck-area")

    def show(self, notes: list[Note]) -> None:
        """Show these notes; a row whose note did not change is kept, the others are closed (a
        kernel lives as long as the page: widgets it no longer shows must not pile up)."""
        kept = {(row.note.entry_id, row.note.revision): row for row in self.rows}
        rows = []  # a loop: in a comprehension mypy mis-types pop's None default
        for n in notes:
            row = kept.pop((n.entry_id, n.revision), None)
            rows.append(row or NoteRow(self.form, n))
        self.rows = rows
        self.notes_box.children = [row.widget for row in self.rows]
        for row in kept.values():
            row.close()


class NoteActions:
    """Add, edit and delete a note, each one call into a :class:`StickyNotes` model, then show
    what is stored; ``group()`` is where a new note goes (a persona, or "" on a canvas)."""

    model: StickyNotes
    ui: dict[str, str]
    status: StatusLine

    def grew(self, widget: widgets.Widget) -> None:
        """Called with the widgets a form builds after it is shown; the page sets it (a locked
        section disables them as it disabled the rest)."""

    def group(self) -> str:
        return ""

    def refresh(self, keep_status: bool = False) -> None:
        raise NotImplementedError

    def add(self, area_id: str, draft: widgets.Textarea) -> None:
        note = self.status.run(self.model.add, self.group(), area_id, draft.value, near=area_id)
        if note is not None:
            draft.value = ""
            self.refresh(keep_status=True)

    def edit(self, note: Note, text: str) -> None:
        self.status.run(self.model.edit, note, text, near=note.area)
        self.refresh(keep_status=True)

    def delete(self, note: Note) -> None:
        self.status.run(self.model.delete, note, success=self.ui["deleted"], near=note.area)
        self.refresh(keep_status=True)


class CanvasForm(NoteActions):
    """Widget view: one panel per area and the status line; with ``personas``, a persona picker
    and the persona's card first, and the areas once a persona is picked."""

    def __init__(
        self,
        model: StickyNotes,
        areas: list[CanvasArea],
        ui: dict[str, str],
        personas: list[Persona] | None = None,
    ):
        self.model, self.ui = model, ui
        self.areas = list(areas)
        self.personas = {persona.id: persona for persona in personas or []}
        self.status = StatusLine(ui)
        self._panels: dict[str, AreaPanel] | None = None
        self.canvas = widgets.Box(layout=widgets.Layout(display="none", flex_flow="row wrap", width="100%"))
        if not self.personas:
            self.persona = None
            self.widget = widgets.VBox([self.status.widget, self.canvas])
            self.widget.add_class("cck-canvas")
            self.refresh()
            return
        self.persona = widgets.Dropdown(
            options=[(f"{p.name} ({p.role})", p.id) for p in self.personas.values()],
            value=None,
            description=ui["persona_label"],
            layout=widgets.Layout(width="100%", max_width="640px"),
        )
        self.persona_card = widgets.HTML(f"<p>{html.escape(ui['persona_pick'])}</p>")
        self.persona.observe(lambda _change: self.refresh(), names="value")
        self.widget = widgets.VBox([self.persona, self.persona_card, self.status.widget, self.canvas])
        self.widget.add_class("cck-canvas")
        self.widget.add_class("cck-people-canvas")

    def group(self) -> str:
        return self.persona.value if self.persona is not None else ""

    @property
    def panels(self) -> dict[str, AreaPanel]:
        """The areas, built the first time they are needed (on a canvas about people, once a
        persona is picked): a phone that joins in a busy room gets the persona picker at once,
        not seven hidden areas of widgets, and the person picks a persona before anything else."""
        if self._panels is None:
            self._panels = {area.id: AreaPanel(self, area) for area in self.areas}
            self.canvas.children = [panel.widget for panel in self._panels.values()]
            self.grew(self.canvas)
        return self._panels

    # -- view -----------------------------------------------------------------------------

    def refresh(self, keep_status: bool = False) -> None:
        """Show the participant's current notes in each area (of the picked persona's map)."""
        if not keep_status:
            self.status.clear()
        persona = self.personas.get(self.persona.value) if self.persona is not None else None
        if self.persona is not None:
            if persona is None:
                self.canvas.layout.display = "none"
                return
            self.persona_card.value = persona_card_html(persona, self.ui)
        by_area: dict[str, list[Note]] = {area_id: [] for area_id in self.panels}
        for note in self.model.notes(persona.id if persona is not None else None):
            by_area.setdefault(note.area, []).append(note)
        for area_id, panel in self.panels.items():
            panel.show(by_area[area_id])
        self.canvas.layout.display = "flex"


def persona_card_html(persona: Persona, ui: dict[str, str]) -> str:
    def items(values):
        return "".join(f"<li>{html.escape(v)}</li>" for v in values)

    return (
        '<div class="cck-persona">'
        f"<h3>{html.escape(persona.name)}</h3><p><em>{html.escape(persona.role)}</em></p>"
        f"<p>{html.escape(persona.story)}</p>"
        f"<h4>{html.escape(ui['persona_goals'])}</h4><ul>{items(persona.goals)}</ul>"
        f"<h4>{html.escape(ui['persona_frustrations'])}</h4><ul>{items(persona.frustrations)}</ul>"
        f"<h4>{html.escape(ui['persona_digital'])}</h4><p>{html.escape(persona.digital_habits)}</p>"
        "</div>"
    )


def open_view(page, place):
    """A canvas section of a participant page."""
    canvas = place.exercise.canvas
    areas = canvas.in_reading_order()
    personas = plan_personas(page.plan, place.exercise)
    model = StickyNotes(
        page.store, page.participant, place.ref, [p.id for p in personas], [a.id for a in areas]
    )
    return CanvasForm(model, areas, page.ui, personas)
