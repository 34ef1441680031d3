"""The report's tables: days in the reader's language, every cell escaped, and a table too wide
for A4 portrait turned into one block per row that keeps every column."""

from __future__ import annotations

from datetime import date

import pandas as pd

from cocreate_kit.report.html_parts import PAGE_COLUMNS, table_html


def test_a_table_too_wide_for_the_page_keeps_every_column_as_one_block_per_row():
    """Past PAGE_COLUMNS, each row is a block titled by its first cell with every other column
    as "label: value", participant text escaped; a narrower table stays a table."""
    columns = ["Candidate"] + [f"Criterion {n}" for n in range(PAGE_COLUMNS)]
    wide = pd.DataFrame([["<b>Agency</b>", *range(PAGE_COLUMNS)]], columns=columns)
    page = table_html(wide, "en")
    assert "<table" not in page and "&lt;b&gt;Agency&lt;/b&gt;" in page
    assert all(f"<b>Criterion {n}:</b> {n}</span>" in page for n in range(PAGE_COLUMNS))
    narrow = table_html(wide.iloc[:, :PAGE_COLUMNS], "en")
    assert narrow.startswith("<table") and "Criterion 6" in narrow and "Criterion 7" not in narrow


def test_days_in_a_table_read_in_the_reports_language_and_text_stays_as_typed():
    """A deadline stored as a day reads "15 jan 2027" in Dutch and "Jan 15, 2027" in English; a
    deadline typed as words is left as it was typed."""
    frame = pd.DataFrame({"Deadline": [date(2027, 1, 15), "next tuesday"]})
    assert "15\u00a0jan\u00a02027" in table_html(frame, "nl")
    english = table_html(frame, "en")
    assert "Jan\u00a015,\u00a02027" in english and "next tuesday" in english and "2027-01-15" not in english
