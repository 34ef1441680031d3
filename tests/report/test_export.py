"""Exports keep participant text as text: no spreadsheet ever runs it as a formula."""

from __future__ import annotations

import csv

from openpyxl import load_workbook

from cocreate_kit.report.export import exercise_tables, write_csv, write_csv_per_exercise, write_xlsx
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


def test_spreadsheets_say_what_each_entry_is_about_in_plan_order(store, tmp_path):
    """Codes become words (the checklist item, the persona and area of a note); sheets follow the
    plan; the facilitator's internal records stay out unless asked; the header is bold and frozen."""
    from cocreate_kit.forms.answers import KeyedAnswers
    from cocreate_kit.live.facilitation import WorkshopControl

    created = store.create_workshop("Words")
    wid = created.workshop.id
    ann, _ = store.join(wid, created.join_code, "Ann")
    KeyedAnswers(store, ann, "preparation/checklist", ["c1"]).save("c1", {"state": "done", "comment": ""})
    store.add_entry(
        wid, ann.id, "ideation/empathy-map", {"group": "shop-owner", "area": "pains", "text": "Time"}
    )
    WorkshopControl(store, wid).bring_everyone("ideation/empathy-map")

    tables = exercise_tables(store, wid)
    assert ["ideation/empathy-map", "preparation/checklist"] == list(tables)
    columns, rows = tables["preparation/checklist"]
    assert (
        "Write a detailed plan for how the hub will support partnerships" == rows[0][columns.index("about")]
    )
    columns, rows = tables["ideation/empathy-map"]
    assert "Marta Lindqvist · Pains" == rows[0][columns.index("about")]
    assert "_control" in exercise_tables(store, wid, internal=True)

    out = tmp_path / "w.xlsx"
    write_xlsx(store, wid, out)
    sheet = load_workbook(out)["ideation-empathy-map"]
    assert "A2" == sheet.freeze_panes and sheet["A1"].font.bold


def test_xlsx_dates_are_dates(store, tmp_path):
    """Written and updated times are date-time cells and a task's deadline a date cell, so a
    spreadsheet sorts and filters them; a deadline that is not a date stays as it was."""
    from datetime import datetime

    created = store.create_workshop("Dates")
    ann, _ = store.join(created.workshop.id, created.join_code, "Ann")
    for deadline in ("2027-03-31", "soon"):
        store.add_entry(
            created.workshop.id,
            ann.id,
            "preparation/task-plan",
            {"task": "T", "deadline": deadline, "status": "todo"},
        )
    out = tmp_path / "d.xlsx"
    write_xlsx(store, created.workshop.id, out)
    sheet = load_workbook(out)["preparation-task-plan"]
    header = [c.value for c in sheet[1]]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert all(isinstance(row[header.index("created_at")], datetime) for row in rows)
    deadlines = sorted((row[header.index("deadline")] for row in rows), key=str)
    assert [datetime(2027, 3, 31), "soon"] == deadlines  # openpyxl reads a date cell back as a datetime


def test_scorecard_scores_are_columns_not_json(store):
    """Each criterion's score is its own column (scores.peers, ...), readable and sortable."""
    from cocreate_kit.content.plan import load_plan
    from cocreate_kit.forms.scorecard import PartnerScorecard

    created = store.create_workshop("Scores", plan="small-commerce")
    ann, _ = store.join(created.workshop.id, created.join_code, "Ann")
    ref = "preparation/partner-scorecard"
    card = PartnerScorecard(store, ann, ref, load_plan("small-commerce", "en").exercise(ref))
    card.score(card.score(card.add_candidate("Pixel Studio"), "peers", 4), "sector", 2)
    columns, rows = exercise_tables(store, created.workshop.id)[ref]
    assert 4 == rows[0][columns.index("scores.peers")] and 2 == rows[0][columns.index("scores.sector")]
    assert "scores" not in columns
