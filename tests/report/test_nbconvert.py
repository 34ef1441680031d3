"""A filled exercise notebook converts into its workshop's report with `jupyter nbconvert`."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

JUPYTER = str(Path(sys.executable).parent / "jupyter")
EXERCISES = Path(__file__).resolve().parents[2] / "notebooks" / "exercises"


def convert(notebook: Path, to: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "COCREATE_DB"}
    return subprocess.run(
        [JUPYTER, "nbconvert", "--to", to, str(notebook)], cwd=cwd, env=env, capture_output=True, text=True
    )


def test_a_filled_exercise_notebook_converts_into_its_workshops_report(tmp_path, monkeypatch):
    """The questions notebook is run (as in JupyterLab) and saved; `jupyter nbconvert --to
    cocreate-report` finds the workshop it filled from the notebook alone (no COCREATE_DB) and
    writes the report with the typed answer; `--to cocreate-pdf` writes the PDF."""
    monkeypatch.setenv("COCREATE_DB", f"sqlite:///{tmp_path / 'laptop.db'}")
    filled = tmp_path / "filled.ipynb"
    shutil.copy(EXERCISES / "questions.ipynb", filled)
    notebook = nbformat.read(filled, as_version=4)
    NotebookClient(
        notebook, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}
    ).execute()
    nbformat.write(notebook, filled)

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    html = convert(filled, "cocreate-report", elsewhere)
    assert 0 == html.returncode, html.stderr
    report = (tmp_path / "filled.html").read_text(encoding="utf-8")
    assert "A shared chat group and a call every Friday" in report
    assert "<script" not in report

    pdf = convert(filled, "cocreate-pdf", elsewhere)
    assert 0 == pdf.returncode, pdf.stderr
    assert (tmp_path / "filled.pdf").read_bytes().startswith(b"%PDF")


def test_a_notebook_that_filled_no_workshop_says_so(tmp_path):
    """An exercise notebook that was never run gives a message, not an empty page."""
    blank = tmp_path / "blank.ipynb"
    notebook = nbformat.read(EXERCISES / "questions.ipynb", as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            cell.outputs = []
    nbformat.write(notebook, blank)
    result = convert(blank, "cocreate-report", tmp_path)
    assert 0 != result.returncode
    assert "does not say which workshop it filled" in result.stderr
    assert not (tmp_path / "blank.html").exists()
