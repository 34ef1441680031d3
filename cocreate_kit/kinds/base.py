"""What every exercise kind is: one unit holding its vocabulary, how its entries read in words,
what can be voted on, and what the board's overview aggregates.

A kind is widget-free, pandas-free and SQL-free: it reads plain entries and the plan, and gives
plain data (``blocks``) that the board and the report render. Its participant form is named, not
imported (``view``: a ``module:function`` in ``forms/``), so a page kernel loads a form only when
its section opens, and this layer never imports the layers above it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import ClassVar

from ..content.plan import Exercise, Persona, Plan, Stage
from ..models import Entry
from ..validation import MAX_TEXT_CHARS, InputError, clean_text
from .blocks import Block, Heading, NotDone

__all__ = ["Kind", "Place", "Reader", "Words", "author_name", "local_date", "sub_ref"]


def sub_ref(exercise_ref: str, part: str) -> str:
    """Where one of an exercise's other lists is stored: ``sub_ref("evaluation/grid", "goals")``
    is "evaluation/grid/goals"; the exercise's own list for ``part`` ""."""
    return f"{exercise_ref}/{part}" if part else exercise_ref


def author_name(display_name: str | None, participant_id: str | None, ui: dict[str, str]) -> str:
    """Who wrote an entry, in the given words: their name, "anonymous" without one, and the
    facilitator for entries with no participant (one rule for board, report and export)."""
    if participant_id is None:
        return ui["report_facilitator"]
    return display_name or ui["board_anonymous"]


def local_date(value: date, lang: str) -> str:
    """A day (or a moment) as the language writes it, "7 dec 2026" in Dutch and "Dec 7, 2026"
    in English; its spaces do not break, so a date never splits over two lines of a table."""
    from babel.dates import format_date, format_time  # the board and reports only, never a phone's page

    said = format_date(value, format="medium", locale=lang)
    if isinstance(value, datetime):
        said += " " + format_time(value.replace(tzinfo=None), format="short", locale=lang)
    return said.replace(" ", "\u00a0")


@dataclass(frozen=True)
class Words:
    """What a kind reads to put an entry into words: the plan, its UI words, the personas by id,
    and ``name_of(entry id)``: what an entry this one points at says (a check-in's task)."""

    plan: Plan
    ui: dict[str, str]
    personas: dict[str, Persona] = field(default_factory=dict)
    name_of: Callable[[str], str | None] = lambda _entry_id: None

    def number(self, value: float, places: int) -> str:
        """A figure in the plan's language with a fixed number of decimals (``3,64`` in Dutch):
        one precision per kind of figure, so a column never mixes ``2.0`` and ``3.00``."""
        from babel.numbers import format_decimal  # the board and reports only, never a phone's page

        pattern = "#,##0." + "0" * places if places else "#,##0"
        return format_decimal(value, format=pattern, locale=self.plan.lang)

    def date(self, value: date) -> str:
        """A day or a moment in the plan's language (``local_date``)."""
        return local_date(value, self.plan.lang)


@dataclass(frozen=True)
class Reader:
    """The entries an aggregation may read, by exercise reference: ``visible`` as the viewer may
    see them (moderated, private rounds respected), ``every`` for figures that count everyone's
    own settings (a scorecard's weights), who wrote what (``names``: id -> display name), and
    ``written(entry id)``: when an entry was first written (its revisions keep their own times)."""

    visible: Callable[[str], list[Entry]]
    every: Callable[[str], list[Entry]]
    names: dict[str, str | None] = field(default_factory=dict)
    written: Callable[[str], str] = lambda _entry_id: ""

    def name(self, participant_id: str | None, ui: dict[str, str]) -> str:
        return author_name(self.names.get(participant_id or ""), participant_id, ui)


@dataclass(frozen=True)
class Place:
    """Where an exercise reference points: its kind, the stage, the exercise declaration (None
    for a stage's questions or checklist), and the sub-list (``goals`` of an evaluation grid,
    ``weights`` of a scorecard; "" for the exercise's own entries)."""

    kind: Kind
    ref: str  # the exercise's own reference, "stage/exercise"
    stage: Stage
    exercise: Exercise | None
    part: str = ""

    @property
    def title(self) -> str:
        return self.exercise.title if self.exercise is not None else self.stage.title


class Kind:
    """The defaults every kind starts from; a kind module overrides what it needs."""

    name: ClassVar[str]  # as the plan's YAML writes it: ``kind: value-map``
    # The participant's form: "module:function" taking (page, place) and returning a form with a
    # ``.widget`` (None: no participant form).
    view: ClassVar[str | None] = None
    # The facilitator's live board and the presenter view draw this kind's notes
    # ("module:function" taking (live, ref, plan, ui) -> HTML); None: the overview only.
    board_view: ClassVar[str | None] = None
    board_count: ClassVar[str] = "board_notes"  # the UI words counting its entries on the board
    says_fields: ClassVar[tuple[str, ...]] = ("text",)  # the payload fields that name an entry
    vote_field: ClassVar[str | None] = None  # the payload field a dot vote can be narrowed by
    sub_lists: ClassVar[tuple[str, ...]] = ()  # other lists under "ref/<part>" (goals, weights)
    settings: ClassVar[tuple[str, ...]] = ()  # those of them that hold settings, not contributions
    # Payload fields holding other entries' ids -> the export column that says what they say.
    pointers: ClassVar[dict[str, str]] = {}
    # Exercise fields (besides id, kind, title, instructions, resources) this kind reads.
    uses: ClassVar[frozenset[str]] = frozenset()
    # Where the kind's section stands in the report, among the others (a new kind: near the end).
    report_order: ClassVar[int] = 200
    # Follow-through across a collaboration's sessions: its entries are tasks, or check-ins on
    # tasks; what the next session starts with, {part: (what it counts as, words)} ("" is the
    # exercise's own list), carried in ``carry_order`` (what others point at first).
    holds_tasks: ClassVar[bool] = False
    checks_in: ClassVar[bool] = False
    carried: ClassVar[dict[str, tuple[str, str]]] = {}
    carry_order: ClassVar[int] = 100
    # The programme roll-up: the collaboration's own evaluation (its ratings are averaged).
    rates_collaboration: ClassVar[bool] = False

    def check(self, exercise: Exercise, plan: Plan) -> list[str]:
        """What is wrong with this exercise's declaration (one line each)."""
        problems = []
        for name in ("aspects", "scale", "categories", "canvas"):
            if getattr(exercise, name) and name not in self.uses:
                problems.append(f"a {self.name} exercise has no {name}")
        return problems

    def entry_problem(self, payload: dict, place: Place, plan: Plan) -> InputError | None:
        """What the form would refuse in an entry's fields, for an imported file; None when a
        page could have written it. Text in every field is already held to the forms' rules
        (``validation.text_problem``) by the import itself."""
        return None

    @staticmethod
    def note_problem(payload: dict, field: str, allowed, limit: int = MAX_TEXT_CHARS) -> InputError | None:
        """A note as the note forms check it: ``payload[field]`` one of ``allowed`` (an area,
        a part) and a text that is there (the renderers and the board read it as text)."""
        if payload.get(field) not in allowed:
            return InputError("error_unknown_area")
        try:
            clean_text(payload.get("text"), limit=limit)
        except InputError as problem:
            return problem
        return None

    def says(self, payload: dict) -> str:
        """What an entry says in one line: its text, name or task."""
        for name in self.says_fields:
            value = payload.get(name)
            if isinstance(value, str) and value:
                return value
        return ""

    def describe(self, entry: Entry, place: Place, words: Words) -> str:
        """The entry as a line in "Everyone's entries" (the words of keyed answers, not codes)."""
        return self.says(entry.payload) or entry.entry_id

    def about(self, entry: Entry, place: Place, words: Words) -> str:
        """What the entry is about, for a spreadsheet column ("" when there is nothing to say)."""
        return ""

    def vote_parts(self, place: Place, words: Words) -> list[tuple[str, dict]]:
        """The parts of this exercise a dot vote can be narrowed to: ``(label, {field: value})``."""
        return []

    def reads(self, plan: Plan, ref: str) -> list[str]:
        """Other exercises whose entries a view of this one shows."""
        return []

    def overview(self, place: Place, read: Reader, words: Words) -> list[Block]:
        """The board's overview of this exercise across participants, as blocks (none: the
        board's main view shows it)."""
        return []

    def report_order_of(self, place: Place) -> int:
        """Where this exercise's section stands in the report (its kind's place, unless the
        declaration says otherwise)."""
        return self.report_order

    def report(self, places: list[Place], read: Reader, words: Words) -> list[Block]:
        """The report's section for every exercise of this kind in the plan, as blocks. By
        default each exercise's title and its overview; one nobody did is named, not shown."""
        blocks: list[Block] = []
        for place in places:
            if not read.visible(place.ref):
                blocks.append(NotDone(place.title))
                continue
            blocks += [Heading(place.title), *self.overview(place, read, words)]
        return blocks

    # -- follow-through and roll-up -------------------------------------------------------

    def carry_sequence(self, found: list) -> list:
        """The order in which ``(ref, entry)`` pairs are carried (entries pointed at first)."""
        return found

    def carry_payload(self, entry: Entry, part: str, status: str, new_ids: dict[str, str]) -> dict | None:
        """What the carried copy holds (pointers re-pointed to the copies through ``new_ids``;
        ``status``: a task's status now); None when the entry stays behind."""
        return dict(entry.payload)

    def pain_of(self, entry: Entry, place: Place) -> str | None:
        """The pain an entry of ``place`` names, for the programme's "pains named most often"
        (None: none)."""
        return None
