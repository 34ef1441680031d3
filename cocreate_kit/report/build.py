"""Build the report: papermill runs notebooks/report.ipynb against the store, nbconvert turns
its outputs into one self-contained HTML file with the kit's template."""

from __future__ import annotations

import tempfile
from datetime import datetime, timezone
from pathlib import Path

from ..paths import report_notebook, templates_dir
from ..plan import PlanError, load_plan, load_ui
from ..store import Store, resolve_url
from .data import WorkshopData
from .sections import render_all

__all__ = ["render_html", "report_html", "report_sections"]

TEMPLATE = "cocreate_report"


def report_sections(workshop_id: str, db_url: str | None = None, lang: str | None = None) -> list[str]:
    """The report's sections as HTML strings (what the report notebook displays)."""
    data = WorkshopData(Store(db_url), workshop_id, lang)
    return render_all(data, load_ui(data.lang))


def execute_report(workshop_id: str, db_url: str | None, lang: str | None, workdir: Path):
    import nbformat
    import papermill

    executed = workdir / "report.ipynb"
    papermill.execute_notebook(
        str(report_notebook()),
        str(executed),
        parameters={"workshop": workshop_id, "db_url": resolve_url(db_url), "lang": lang},
        progress_bar=False,
        log_output=False,
        kernel_name="python3",
        cwd=str(workdir),
    )
    return nbformat.read(executed, as_version=4)


def render_html(workshop_id: str, out_dir: Path, db_url: str | None = None, lang: str | None = None) -> Path:
    """Write ``<workshop>.html`` into ``out_dir`` and return its path."""
    body = report_html(workshop_id, db_url, lang)
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"{workshop_id}.html"
    target.write_text(body, encoding="utf-8")
    return target


def report_html(workshop_id: str, db_url: str | None = None, lang: str | None = None) -> str:
    """The report of one workshop as one self-contained HTML page (``cocreate report`` and the
    ``cocreate-report`` nbconvert exporter both give this)."""
    from nbconvert import HTMLExporter

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
    with tempfile.TemporaryDirectory() as tmp:
        notebook = execute_report(workshop_id, store.url, language, Path(tmp))
    exporter = HTMLExporter(template_name=TEMPLATE, extra_template_basedirs=[str(templates_dir())])
    stamp = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    body, _resources = exporter.from_notebook_node(
        notebook,
        resources={
            "cocreate": {"title": workshop.title, "lang": language, "generated": f"cocreate-kit · {stamp}"}
        },
    )
    return body
