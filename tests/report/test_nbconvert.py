"""A filled exercise notebook converts into its workshop's report with `jupyter nbconvert`."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from click.testing import CliRunner
from nbclient import NotebookClient

from cocreate_kit.cli.main import main
from cocreate_kit.report.build import report_notebook

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


def test_the_saved_report_notebook_reruns_and_converts_by_template_name(store, filled, tmp_path):
    """`cocreate report --format ipynb` saves the filled report notebook without running a
    kernel; run in a kernel (papermill) it displays the very same sections, and `jupyter
    nbconvert --template cocreate_report` (the template found by name) turns it into the report."""
    result = CliRunner().invoke(
        main, ["--db", store.url, "report", filled, "--format", "ipynb,html", "--out", str(tmp_path)]
    )
    assert 0 == result.exit_code, result.output
    saved = nbformat.read(tmp_path / f"{filled}.ipynb", as_version=4)
    rerun = report_notebook(filled, store.url, run_kernel=True)

    def shown(notebook):
        return [o["data"]["text/html"] for c in notebook.cells for o in c.get("outputs", [])]

    assert shown(saved) and shown(saved) == shown(rerun)

    converted = subprocess.run(
        [JUPYTER, "nbconvert", "--to", "html", "--template", "cocreate_report"]
        + [f"{filled}.ipynb", "--output", "converted"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert 0 == converted.returncode, converted.stderr

    def without_footer(page):
        return re.sub(r'<footer class="cck-footer">.*?</footer>', "", page)

    again = (tmp_path / "converted.html").read_text(encoding="utf-8")
    written = (tmp_path / f"{filled}.html").read_text(encoding="utf-8")
    assert "<title>Report &lt;b&gt;test&lt;/b&gt;</title>" in again
    assert without_footer(again) == without_footer(written)


def test_a_notebook_whose_store_was_moved_says_where_it_looked(tmp_path, monkeypatch):
    """The store file was moved after the session: the conversion names the file it expected
    and how to point at the new place, and leaves no empty store behind at the old path."""
    laptop = tmp_path / "laptop.db"
    monkeypatch.setenv("COCREATE_DB", f"sqlite:///{laptop}")
    filled = tmp_path / "filled.ipynb"
    notebook = nbformat.read(EXERCISES / "questions.ipynb", as_version=4)
    NotebookClient(
        notebook, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}
    ).execute()
    nbformat.write(notebook, filled)
    laptop.rename(tmp_path / "moved.db")

    result = convert(filled, "cocreate-report", tmp_path)
    assert 0 != result.returncode
    assert str(laptop) in result.stderr and "COCREATE_DB" in result.stderr
    # (nbconvert itself logs any ConversionException with its traceback; our message is its last line)
    assert "not there any more" in result.stderr.strip().splitlines()[-1]
    assert not laptop.exists() and not (tmp_path / "filled.html").exists()


def test_a_saved_report_notebook_never_holds_a_database_password(tmp_path):
    """Reporting from a store whose URL has a password: the saved notebook's parameters leave the
    URL out (a re-run reads $COCREATE_DB) and the password appears nowhere in the file."""
    from ..backends import POSTGRES_URL, _drop_kit_tables

    if not POSTGRES_URL:
        pytest.skip("no PostgreSQL: set COCREATE_TEST_POSTGRES (.ci/start-postgres starts one)")
    from cocreate_kit.report.build import write_notebook
    from cocreate_kit.store import Store

    secret_url = POSTGRES_URL.replace("://postgres@", "://postgres:s3cret-word@", 1)
    assert "s3cret-word" in secret_url  # the test server trusts loopback, so any password connects
    _drop_kit_tables()
    try:
        created = Store(secret_url).create_workshop("Password test")
        saved = write_notebook(created.workshop.id, tmp_path, secret_url)
        text = saved.read_text(encoding="utf-8")
        assert "s3cret-word" not in text
        assert "db_url = None" in text
    finally:
        _drop_kit_tables()


def run_and_save(source: Path, folder: Path) -> nbformat.NotebookNode:
    """Run All, as in JupyterLab, in ``folder``; the notebook as saved."""
    notebook = nbformat.read(source, as_version=4)
    NotebookClient(
        notebook, timeout=180, kernel_name="python3", resources={"metadata": {"path": str(folder)}}
    ).execute()
    return notebook


@pytest.mark.parametrize("name", sorted(p.name for p in EXERCISES.glob("*.ipynb")))
def test_every_exercise_notebook_converts_after_run_all(name, tmp_path, monkeypatch):
    """Each exercise notebook, after Run All and save, converts into its workshop's report,
    titled with the exercise's and the plan's names in words (never a code such as
    ``preparation/task-plan``); Run All again continues the same workshop."""
    from cocreate_kit.report.exporters import ReportExporter, filled_workshop

    monkeypatch.setenv("COCREATE_DB", f"sqlite:///{tmp_path / 'laptop.db'}")
    first = run_and_save(EXERCISES / name, tmp_path)
    html, _resources = ReportExporter().from_notebook_node(first)
    title = re.search(r"<h1>(.*?)</h1>", html).group(1)
    assert "(on this laptop)" in title and not re.search(r"\b[a-z]+/[a-z-]+\b", title), title
    if name == "task-plan.ipynb":  # one notebook is enough to show that a rerun continues
        again = run_and_save(EXERCISES / name, tmp_path)
        assert filled_workshop(first)["workshop"] == filled_workshop(again)["workshop"]
