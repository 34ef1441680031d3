"""Exports keep participant text as text: no spreadsheet ever runs it as a formula."""

from __future__ import annotations

import csv

from openpyxl import load_workbook

from cocreate_kit.export import write_csv, write_csv_per_exercise, write_xlsx
from tests.hostile import STORABLE

FORMULA_STARTS = ("=", "+", "-", "@")


def test_csv_and_xlsx_never_hold_a_formula(store, tmp_path):
    """Every corpus text typed as a note comes back from CSV (with a leading apostrophe where a
    spreadsheet would see a formula) and from XLSX as a string cell, never a formula."""
    created = store.create_workshop("Exports")
    ann, _ = store.join(created.workshop.id, created.join_code, "=Ann")
    for text in STORABLE:
        store.add_entry(
            created.workshop.id,
            ann.id,
            "ideation/empathy-map",
            {"group": "shop-owner", "area": "says", "text": text},
        )
    (path,) = write_csv(store, created.workshop.id, tmp_path / "all.csv")
    rows = list(csv.DictReader(path.open(encoding="utf-8-sig")))
    texts = [row["text"] for row in rows]
    assert len(STORABLE) == len(texts)
    for text in STORABLE:
        expected = "'" + text if text.startswith(FORMULA_STARTS) else text
        assert expected in texts
    assert not any(cell.startswith(FORMULA_STARTS) for row in rows for cell in row.values() if cell)
    for per_exercise in write_csv_per_exercise(store, created.workshop.id, tmp_path / "each"):
        with per_exercise.open(encoding="utf-8-sig") as handle:
            assert not any(cell.startswith(FORMULA_STARTS) for row in csv.reader(handle) for cell in row)

    (book_path,) = write_xlsx(store, created.workshop.id, tmp_path / "all.xlsx")
    book = load_workbook(book_path)
    cells = [cell for sheet in book for row in sheet.iter_rows() for cell in row]
    assert [] == [cell.coordinate for cell in cells if cell.data_type == "f"]
    sheet_texts = {cell.value for cell in cells}
    assert set(STORABLE) <= sheet_texts and "=Ann" in sheet_texts
