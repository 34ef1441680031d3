"""Build the report: notebooks/report.ipynb, given its parameters by papermill, is filled with
the report's sections, and nbconvert turns its outputs into one self-contained HTML file with
the kit's template.

The sections are computed in this process and written into the notebook as the outputs its
one code cell would display: a kernel round trip triples the CPU cost and adds nothing. The
filled notebook stays re-runnable (``cocreate report --format ipynb`` saves it; run it in
Jupyter or with papermill, then ``jupyter nbconvert --to html --template cocreate_report``);
``run_kernel=True`` executes it with papermill instead, as the test of that promise does."""

from __future__ import annotations

import functools
import tempfile
from datetime import datetime, timezone
from pathlib import Path

from sqlalchemy.engine import make_url

from ..content.plan import PlanError, load_plan, load_ui
from ..content.resources import report_notebook as report_notebook_path
from ..content.resources import templates_dir
from ..store import Store
from .data import WorkshopData
from .sections import render_all

__all__ = [
    "render_html",
    "report_html",
    "report_notebook",
    "report_sections",
    "sections_page",
    "write_notebook",
]

TEMPLATE = "cocreate_report"
SECTIONS_TAG = "report-sections"  # the report notebook's cell that displays the sections


def report_sections(
    workshop_id: str, db_url: str | None = None, lang: str | None = None, *, store: Store | None = None
) -> list[str]:
    """The report's sections as HTML strings (what the report notebook displays)."""
    data = WorkshopData(store or Store(db_url), workshop_id, lang)
    return render_all(data, load_ui(data.lang))


def report_notebook(
    workshop_id: str, db_url: str | None = None, lang: str | None = None, *, run_kernel: bool = False
):
    """The report notebook with its parameters set and its outputs filled, as papermill would
    leave it (``run_kernel=True``: papermill does run it, in a kernel)."""
    store = Store(db_url)
    workshop = store.get_workshop(workshop_id)
    # A saved report notebook never holds a database password: with one, it reads $COCREATE_DB.
    shareable = None if make_url(store.url).password else store.url
    parameters = {"workshop": workshop_id, "db_url": shareable, "lang": lang}
    notebook = _filled(store, workshop_id, lang, parameters, run_kernel)
    # What the template shows outside the sections: it stays with the notebook when re-run.
    notebook.metadata["cocreate"] = {
        "workshop": workshop_id,
        "title": workshop.title,
        "lang": lang or workshop.lang,
    }
    return notebook


def _filled(store: Store, workshop_id: str, lang, parameters: dict, run_kernel: bool):
    import nbformat
    from papermill.iorw import load_notebook_node
    from papermill.parameterize import parameterize_notebook

    if run_kernel:
        import papermill

        with tempfile.TemporaryDirectory() as tmp:
            executed = Path(tmp) / "report.ipynb"
            papermill.execute_notebook(
                str(report_notebook_path()),
                str(executed),
                parameters=parameters,
                progress_bar=False,
                log_output=False,
                kernel_name="python3",
                cwd=tmp,
            )
            return nbformat.read(executed, as_version=4)
    notebook = parameterize_notebook(load_notebook_node(str(report_notebook_path())), parameters)
    shown = [
        nbformat.v4.new_output("display_data", data={"text/html": section}, metadata={})
        for section in report_sections(workshop_id, lang=lang, store=store)
    ]
    for count, cell in enumerate((c for c in notebook.cells if c.cell_type == "code"), start=1):
        cell.execution_count = count
        cell.outputs = shown if SECTIONS_TAG in cell.metadata.get("tags", []) else []
    return notebook


def render_html(workshop_id: str, out_dir: Path, db_url: str | None = None, lang: str | None = None) -> Path:
    """Write ``<workshop>.html`` into ``out_dir`` and return its path."""
    body = report_html(workshop_id, db_url, lang)
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"{workshop_id}.html"
    target.write_text(body, encoding="utf-8")
    return target


def write_notebook(
    workshop_id: str, out_dir: Path, db_url: str | None = None, lang: str | None = None
) -> Path:
    """Write the filled report notebook, ``<workshop>.ipynb``, into ``out_dir``."""
    import nbformat

    store = Store(db_url)
    store.get_workshop(workshop_id)
    notebook = report_notebook(workshop_id, store.url, lang)
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"{workshop_id}.ipynb"
    nbformat.write(notebook, target)
    return target


def report_html(
    workshop_id: str, db_url: str | None = None, lang: str | None = None, *, run_kernel: bool = False
) -> str:
    """The report of one workshop as one self-contained HTML page (``cocreate report`` and the
    ``cocreate-report`` nbconvert exporter both give this)."""
    store = Store(db_url)
    workshop = store.get_workshop(workshop_id)  # a clear error before a kernel starts
    language = lang or workshop.lang
    load_ui(language)  # an unknown language fails here, by name
    try:
        load_plan(workshop.plan, language)  # so does a plan this kit does not ship
    except PlanError as exc:
        raise PlanError(
            f"The workshop uses the plan {workshop.plan!r} in {language!r}, which this kit lacks ({exc})"
        ) from None
    notebook = report_notebook(workshop_id, store.url, language, run_kernel=run_kernel)
    return _page(notebook)


def sections_page(sections: list[str], title: str, lang: str) -> str:
    """Any list of report sections (HTML, escaped where they hold people's text) as one
    self-contained page with the report's template: the programme report uses it."""
    import nbformat

    cell = nbformat.v4.new_code_cell(source="", execution_count=1)
    cell.outputs = [
        nbformat.v4.new_output("display_data", data={"text/html": section}, metadata={})
        for section in sections
    ]
    notebook = nbformat.v4.new_notebook(cells=[cell], metadata={"cocreate": {"title": title, "lang": lang}})
    return _page(notebook)


@functools.cache
def _exporter():
    """One exporter per process: building its template environment costs more than a small page."""
    from nbconvert import HTMLExporter

    return HTMLExporter(template_name=TEMPLATE, extra_template_basedirs=[str(templates_dir())])


def _page(notebook) -> str:
    exporter = _exporter()
    stamp = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    body, _resources = exporter.from_notebook_node(
        notebook,
        resources={"cocreate": {"generated": f"cocreate-kit · {stamp}"}},
    )
    return body
