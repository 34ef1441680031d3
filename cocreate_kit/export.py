"""Tidy tables of a workshop's current entries, for spreadsheet users (CSV and XLSX).

One row per entry as it stands now; the lossless history is the JSON export's job.
"""

from __future__ import annotations

import csv
from pathlib import Path

from .store import Store

__all__ = ["entry_table", "write_csv", "write_xlsx"]

_FIXED = ["workshop", "exercise", "entry_id", "participant", "revision", "created_at", "updated_at"]


def entry_table(store: Store, workshop_id: str) -> tuple[list[str], list[list]]:
    """``(columns, rows)``: fixed columns, then one column per field the entries carry."""
    workshop = store.get_workshop(workshop_id)
    names = {p.id: (p.display_name or "anonymous") for p in store.participants(workshop_id)}
    entries = store.entries(workshop_id)
    created = {}
    for entry in store.changes_since(workshop_id, 0):
        created.setdefault(entry.entry_id, entry.created_at)
    fields = sorted({key for entry in entries for key in entry.payload})
    rows = []
    for entry in entries:
        fixed = [
            workshop.id,
            entry.exercise,
            entry.entry_id,
            names.get(entry.participant_id, "facilitator"),
            entry.revision,
            created[entry.entry_id],
            entry.created_at,
        ]
        rows.append(fixed + [_cell(entry.payload.get(key)) for key in fields])
    return _FIXED + fields, rows


def _cell(value):
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def write_csv(store: Store, workshop_id: str, path: Path) -> None:
    columns, rows = entry_table(store, workshop_id)
    # utf-8-sig: spreadsheet programs then read accents and emoji correctly.
    with open(path, "w", newline="", encoding="utf-8-sig") as handle:
        writer = csv.writer(handle)
        writer.writerow(columns)
        writer.writerows(rows)


def write_xlsx(store: Store, workshop_id: str, path: Path) -> None:
    from openpyxl import Workbook

    columns, rows = entry_table(store, workshop_id)
    book = Workbook()
    entries_sheet = book.active
    entries_sheet.title = "entries"
    _append_rows(entries_sheet, [columns, *rows])
    people = [[p.display_name or "anonymous", p.created_at] for p in store.participants(workshop_id)]
    _append_rows(book.create_sheet("participants"), [["participant", "joined_at"], *people])
    book.save(path)


def _append_rows(sheet, rows) -> None:
    for row in rows:
        sheet.append(row)
    # Participant text is data, never a formula: "=HYPERLINK(...)" must stay the words typed.
    for line in sheet.iter_rows(min_row=2):
        for cell in line:
            if isinstance(cell.value, str):
                cell.data_type = "s"
