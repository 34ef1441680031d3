"""Tidy tables of a workshop's current entries, for spreadsheet users (CSV and XLSX).

One row per entry as it stands now; the lossless history is the JSON export's job. Each
exercise (empathy map, task plan, checklist of a stage, ...) gets its own table with only its
own fields; a mapping inside an entry (scores) becomes a column per key. Fields that point at
other entries (a check-in's task, a reliever's links, a vote's or a moderation's target) show
what those entries say, not their ids.
"""

from __future__ import annotations

import csv
import json
import re
from datetime import date, datetime, timezone
from pathlib import Path

from ..content.plan import PlanError, load_personas, load_plan, load_ui
from ..kinds import STAGE_PARTS, author_name, place_of, says
from ..live.describe import about
from ..live.moderation import Moderation
from ..store import Store
from ..store.control import section_of

__all__ = ["entry_table", "exercise_tables", "write_csv", "write_csv_per_exercise", "write_xlsx"]

_FIXED = [
    "workshop",
    "exercise",
    "entry_id",
    "participant",
    "about",
    "revision",
    "created_at",
    "updated_at",
    "moderation",
]
INTERNAL_PREFIX = "_"  # the facilitator's settings, moderation log and vote dots
# Fields holding entry ids, and the column that shows what those entries say instead: each kind
# names its own (``Kind.pointers``); a dot and a moderation record point at their "target".
INTERNAL_POINTERS = {"target": "target"}

Table = tuple[list[str], list[list]]


class _Workshop:
    """What every table of one workshop needs, read from the store once: its current entries,
    names, first-write times, moderation and the words of its plan."""

    def __init__(self, store: Store, workshop_id: str):
        self.workshop = store.get_workshop(workshop_id)
        self.ui = _words_of(self.workshop)
        self.names = {
            p.id: author_name(p.display_name, p.id, self.ui) for p in store.participants(workshop_id)
        }
        self.entries = store.entries(workshop_id)
        self.created: dict[str, str] = {}  # entry id: when it was first written
        for entry in store.changes_since(workshop_id, 0):
            self.created.setdefault(entry.entry_id, entry.created_at)
        self.moderation = Moderation(store, workshop_id).state()
        self.words = _words_for(store, self.workshop)
        self.plan = _plan_of(self.workshop)
        self._store = store
        self._said = {e.entry_id: self._says(e) for e in self.entries}

    def _says(self, entry) -> str:
        said = says(entry, self.plan)  # by its kind; an entry that names nothing says ""
        return "" if said == entry.entry_id else said

    def says(self, entry_id) -> str:
        """What the entry ``entry_id`` says (a deleted one too, from its last version)."""
        if not isinstance(entry_id, str):
            return str(entry_id)
        if entry_id not in self._said:
            found = self._store.latest(entry_id)
            self._said[entry_id] = self._says(found) if found is not None else entry_id
        return self._said[entry_id]

    def _pointers(self, exercise: str) -> dict[str, str]:
        place = place_of(self.plan, exercise) if self.plan is not None else None
        return place.kind.pointers if place is not None else INTERNAL_POINTERS

    def _named(self, flat: dict, pointers: dict[str, str]) -> dict:
        for field, column in pointers.items():
            if field in flat and not (column in flat and column != field):
                value = flat.pop(field)
                ids = value if isinstance(value, list) else [value]
                flat[column] = "; ".join(self.says(i) for i in ids)
        return flat

    def table(self, entries) -> Table:
        """``(columns, rows)``: fixed columns, then one column per field the entries carry."""
        flats = [self._named(_flat(entry.payload), self._pointers(entry.exercise)) for entry in entries]
        fields = sorted({key for flat in flats for key in flat})
        rows = []
        for entry, flat in zip(entries, flats, strict=True):
            fixed = [
                self.workshop.id,
                entry.exercise,
                entry.entry_id,
                self.names.get(entry.participant_id) or author_name(None, entry.participant_id, self.ui),
                self.words(entry),
                entry.revision,
                self.created[entry.entry_id],
                entry.created_at,
                _moderation_mark(self.moderation, entry.entry_id, self.says),
            ]
            rows.append(fixed + [_cell(flat.get(key)) for key in fields])
        return _FIXED + fields, rows


def entry_table(store: Store, workshop_id: str, exercise: str | None = None, internal: bool = True) -> Table:
    """One table of the workshop's current entries (of one exercise, or all; without the
    facilitator's internal records unless ``internal``)."""
    read = _Workshop(store, workshop_id)
    entries = [
        e
        for e in read.entries
        if (exercise is None or e.exercise == exercise)
        and (internal or not e.exercise.startswith(INTERNAL_PREFIX))
    ]
    return read.table(entries)


def _flat(payload: dict) -> dict:
    """A mapping inside an entry (a candidate's scores per criterion) becomes one column per key,
    ``scores.peers``; lists (a reliever's links) stay one JSON cell."""
    flat = {}
    for key, value in payload.items():
        if isinstance(value, dict):
            flat.update({f"{key}.{inner}": item for inner, item in value.items()})
        else:
            flat[key] = value
    return flat


def _words_of(workshop) -> dict[str, str]:
    """The workshop's UI words (English for a language this kit lacks)."""
    try:
        return load_ui(workshop.lang)
    except PlanError:
        return load_ui("en")


def _plan_of(workshop):
    """The workshop's plan (None for a plan this kit lacks: entries then say their text)."""
    try:
        return load_plan(workshop.plan, workshop.lang)
    except PlanError:
        return None


def _moderation_mark(state, entry_id: str, says) -> str:
    """How the facilitator moderated this entry: hidden, merged into another, or nothing."""
    if entry_id in state.hidden:
        return "hidden"
    if entry_id in state.merged_into:
        return f"merged into: {says(state.merged_into[entry_id])}"
    return ""


def _words_for(store: Store, workshop):
    """``entry -> words`` for the "about" column: codes (q1, c3, thinks) become what they mean."""
    try:
        plan, ui = load_plan(workshop.plan, workshop.lang), load_ui(workshop.lang)
        personas = {p.id: p for p in load_personas(workshop.lang)}
    except PlanError:
        return lambda _entry: ""  # a plan this kit lacks: the codes stay as they are
    tasks = {}

    def task_name(task_id):
        if task_id not in tasks:
            found = store.latest(task_id)
            tasks[task_id] = found.payload.get("task") if found is not None else None
        return tasks[task_id]

    return lambda entry: about(entry, plan, ui, personas, task_name)


def exercise_tables(store: Store, workshop_id: str, internal: bool = False) -> dict[str, Table]:
    """One tidy table per exercise that has entries, keyed by its ``stage/exercise`` reference, in
    the plan's order; the facilitator's internal records (settings, moderation log, dots) only
    when ``internal`` (the JSON export always has everything)."""
    read = _Workshop(store, workshop_id)
    by_exercise: dict[str, list] = {}
    for entry in read.entries:
        if internal or not entry.exercise.startswith(INTERNAL_PREFIX):
            by_exercise.setdefault(entry.exercise, []).append(entry)
    order = sorted(by_exercise, key=_plan_order(read.workshop))
    return {ref: read.table(by_exercise[ref]) for ref in order}


def _plan_order(workshop):
    try:
        plan = load_plan(workshop.plan, workshop.lang)
        order = [f"{stage.id}/{exercise.id}" for stage in plan.stages for exercise in stage.exercises]
        order += [f"{stage.id}/{part}" for stage in plan.stages for part in STAGE_PARTS]
    except PlanError:
        order = []
    positions = {ref: n for n, ref in enumerate(order)}

    def key(ref: str):
        base = section_of(ref)  # "preparation/partner-scorecard/weights" with its exercise
        return (positions.get(base, len(positions)), ref)

    return key


def _cell(value):
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _slug(ref: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", ref.lower()).strip("-")


# A spreadsheet runs a CSV cell that starts with one of these as a formula ("=cmd|' /C calc'!A0",
# "=HYPERLINK(...)"). Such text cells get a leading apostrophe, the usual way to say "this is
# text" (OWASP's advice for CSV injection); numbers stay numbers.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value):
    """A cell as a spreadsheet will read it: participant text never becomes a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _write_table(path: Path, table: Table, delimiter: str = ",") -> None:
    columns, rows = table
    # utf-8-sig: spreadsheet programs then read accents and emoji correctly.
    with open(path, "w", newline="", encoding="utf-8-sig") as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        writer.writerow([csv_safe(column) for column in columns])
        writer.writerows([csv_safe(cell) for cell in row] for row in rows)


def write_csv(
    store: Store, workshop_id: str, path: Path, delimiter: str = ",", internal: bool = False
) -> list[Path]:
    """All current entries in one table (every field a column). Dutch and Belgian spreadsheet
    programs expect ``;`` between cells, since their decimal mark is the comma."""
    _write_table(path, entry_table(store, workshop_id, internal=internal), delimiter)
    return [path]


def write_csv_per_exercise(
    store: Store, workshop_id: str, folder: Path, delimiter: str = ",", internal: bool = False
) -> list[Path]:
    """One CSV per exercise in ``folder``: ``<workshop>-<stage>-<exercise>.csv``."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for ref, table in exercise_tables(store, workshop_id, internal).items():
        target = folder / f"{workshop_id}-{_slug(ref)}.csv"
        _write_table(target, table, delimiter)
        written.append(target)
    return written


def write_xlsx(store: Store, workshop_id: str, path: Path, internal: bool = False) -> list[Path]:
    """A workbook with one sheet per exercise, plus the participants."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for ref, (columns, rows) in exercise_tables(store, workshop_id, internal).items():
        append_sheet_rows(book.create_sheet(_sheet_name(book, ref)), [columns, *_dated(columns, rows)])
    words = _words_of(store.get_workshop(workshop_id))
    people = [
        [author_name(p.display_name, p.id, words), _when(p.created_at)]
        for p in store.participants(workshop_id)
    ]
    append_sheet_rows(book.create_sheet("participants"), [["participant", "joined_at"], *people])
    book.save(path)
    return [path]


DATE_COLUMNS = ("created_at", "updated_at")  # stored as UTC timestamps
DAY_COLUMNS = ("deadline",)


def _dated(columns: list[str], rows: list[list]) -> list[list]:
    """Timestamps and deadlines as spreadsheet dates (sortable, filterable), not text."""
    stamps = [columns.index(c) for c in DATE_COLUMNS if c in columns]
    days = [columns.index(c) for c in DAY_COLUMNS if c in columns]
    dated = []
    for row in rows:
        row = list(row)
        for i in stamps:
            row[i] = _when(row[i])
        for i in days:
            row[i] = _day(row[i])
        dated.append(row)
    return dated


def _when(value):
    """An ISO timestamp as a naive UTC datetime (spreadsheets have no time zones); else as it was."""
    try:
        return datetime.fromisoformat(value).astimezone(timezone.utc).replace(tzinfo=None)
    except (TypeError, ValueError):
        return value


def _day(value):
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        return value


def _sheet_name(book, ref: str) -> str:
    # Excel: at most 31 characters, no "/". A long name drops its stage; names stay unique.
    name, n = _slug(ref), 2
    if len(name) > 31:
        name = _slug(ref.split("/", 1)[-1])[:31]
    while name in book.sheetnames:
        name, n = f"{_slug(ref)[:28]}-{n}", n + 1
    return name


def append_sheet_rows(sheet, rows) -> None:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font

    for row in rows:
        # A control character (a NUL an older kit let an import store) cannot be written to a
        # workbook: it is shown as U+FFFD, the sign for a character that cannot be shown,
        # instead of the whole export failing.
        sheet.append([ILLEGAL_CHARACTERS_RE.sub("\ufffd", v) if isinstance(v, str) else v for v in row])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"  # the header stays in view while scrolling
    # Participant text is data, never a formula: "=HYPERLINK(...)" must stay the words typed.
    for line in sheet.iter_rows(min_row=2):
        for cell in line:
            if isinstance(cell.value, str):
                cell.data_type = "s"
