"""The board's report bundle: three self-contained files of one workshop, written by a process
of its own that says how far it is."""

from __future__ import annotations

import os
import subprocess
import sys

from openpyxl import load_workbook

from cocreate_kit.report.bundle import BUNDLE_FILES, write_bundle


def test_the_bundle_holds_the_html_the_pdf_and_the_workbook(store, workshop, ann, tmp_path):
    """HTML with the workshop's title and a note (as text), a real PDF and an XLSX that opens."""
    store.add_entry(workshop.workshop.id, ann.id, "ideation/questions", {"key": "q1", "answer": "<b>Jam</b>"})
    said = []
    written = write_bundle(workshop.workshop.id, tmp_path / "out", store.url, progress=said.append)
    assert list(BUNDLE_FILES) == said == [p.name for p in written]
    page = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert "Main street goes online" in page and "&lt;b&gt;Jam&lt;/b&gt;" in page
    assert (tmp_path / "out" / "report.pdf").read_bytes().startswith(b"%PDF")
    assert load_workbook(tmp_path / "out" / "workshop.xlsx").sheetnames


def test_the_bundle_process_prints_its_progress_and_a_failure_in_one_line(store, workshop, tmp_path):
    """`python -m cocreate_kit.report.bundle` says "done 1/3 …" per file; for an unknown workshop
    it says "failed: …" in one line and exits 1, with no traceback on its output."""
    env = dict(os.environ, COCREATE_DB=store.url)
    command = [sys.executable, "-m", "cocreate_kit.report.bundle"]
    done = subprocess.run(
        [*command, workshop.workshop.id, str(tmp_path)], env=env, capture_output=True, text=True
    )
    assert 0 == done.returncode, done.stderr
    assert ["done 1/3 report.html", "done 2/3 report.pdf", "done 3/3 workshop.xlsx"] == done.stdout.split(
        "\n"
    )[:3]
    bad = subprocess.run([*command, "nope", str(tmp_path / "x")], env=env, capture_output=True, text=True)
    assert 1 == bad.returncode and bad.stdout.startswith("failed: ") and 1 == len(bad.stdout.splitlines())
    assert "nope" in bad.stdout and "Traceback" not in bad.stdout + bad.stderr
