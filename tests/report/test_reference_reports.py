"""Reports read as they did before exercise kinds became units (``cocreate_kit.kinds``): the
text of reference workshops, every kind filled, in English and Dutch, written by the kit before
that change and kept in tests/files/report-text/. They change only on purpose (#24, reports on
paper): questions and checklists nobody used are named in the one "not done" line; a checklist
counts every person's answer with every comment; ratings' notes are listed; Dutch figures take
a decimal comma and the cover says "Datum"; #23 added two empathy-map links and reworded
some Dutch (the brief's title, the ranking column, then a native read-through)."""

from __future__ import annotations

import difflib

from .report_text import FILES, reference_reports


def test_every_reference_report_reads_as_before(tmp_path):
    """Each reference workshop's report text (dates masked) equals the text the kit wrote
    before the redesign, line for line."""
    expected = {p.stem: p.read_text(encoding="utf-8") for p in sorted((FILES / "report-text").glob("*.txt"))}
    actual = reference_reports(tmp_path)
    assert sorted(expected) == sorted(actual)
    for name, text in expected.items():
        diff = "\n".join(
            difflib.unified_diff(text.splitlines(), actual[name].splitlines(), name, "now", lineterm="")
        )
        assert text == actual[name], diff
