"""nbconvert exporters: a filled exercise notebook converts into its workshop's report.

``jupyter nbconvert --to cocreate-report filled.ipynb`` (or ``--to cocreate-pdf``) gives the
same report as ``cocreate report``. The exercise notebook says which workshop it filled: the
kit's ``local_exercise`` displays a line naming the workshop, with the store and workshop in the
output's metadata (``{"cocreate": {"workshop": ..., "store": ...}}``), which the notebook file
keeps (a database password never: for a server store with one, set ``COCREATE_DB``). The
exporter reads the newest such mark and renders that workshop from the store; with no
mark, or a store it cannot open, it says what is missing instead of writing an empty page.
Registered under ``nbconvert.exporters`` in pyproject.toml.
"""

from __future__ import annotations

import os

from nbconvert.exporters import Exporter
from nbconvert.utils.exceptions import ConversionException

from ..models import NOTEBOOK_MARK
from ..store import StoreError
from .build import report_html

__all__ = ["ReportExporter", "ReportPDFExporter", "filled_workshop"]


def filled_workshop(nb) -> dict:
    """``{"workshop", "store"}`` from the newest output that marks a filled workshop."""
    found = None
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            mark = output.get("metadata", {}).get(NOTEBOOK_MARK)
            if isinstance(mark, dict) and isinstance(mark.get("workshop"), str):
                found = mark
    if found is None:
        raise ConversionException(
            "This notebook does not say which workshop it filled: run its first cell "
            "(local_exercise) and save it, then convert it again."
        )
    return found


def _missing_file(url: str | None) -> str | None:
    """The path of a SQLite store file that does not exist (None for anything else)."""
    from sqlalchemy.engine import make_url

    try:
        parsed = make_url(url) if url else None
    except Exception:
        return None  # the store says what is wrong with its URL
    if (
        parsed is None
        or not parsed.drivername.startswith("sqlite")
        or parsed.database in (None, "", ":memory:")
    ):
        return None
    return None if os.path.exists(parsed.database) else parsed.database


class ReportExporter(Exporter):
    """The workshop's report, as one self-contained HTML page."""

    export_from_notebook = "Co-creation report"
    output_mimetype = "text/html"

    def _file_extension_default(self):
        return ".html"

    def from_notebook_node(self, nb, resources=None, **kw):
        nb, resources = super().from_notebook_node(nb, resources, **kw)
        mark = filled_workshop(nb)
        store = mark.get("store")
        if not store or "***" in store:  # the notebook never holds a password: take $COCREATE_DB
            store = os.environ.get("COCREATE_DB") or store
        missing = _missing_file(store)
        if missing:  # opening it would make an empty store there and report nothing
            raise ConversionException(
                f"The workshop this notebook filled ({mark['workshop']}) was kept in {missing}, "
                "which is not there any more: set COCREATE_DB to the store's URL where it is now "
                "(sqlite:///path/to/file.db), then convert again."
            )
        try:
            return report_html(mark["workshop"], store), resources
        except StoreError as exc:
            raise ConversionException(
                f"The workshop this notebook filled ({mark['workshop']}) cannot be read from "
                f"{mark.get('store') or 'the default store'}: {exc}"
            ) from None


class ReportPDFExporter(ReportExporter):
    """The workshop's report as an A4 PDF."""

    export_from_notebook = "Co-creation report (PDF)"
    output_mimetype = "application/pdf"

    def _file_extension_default(self):
        return ".pdf"

    def from_notebook_node(self, nb, resources=None, **kw):
        from .pdf import pdf_bytes

        html, resources = super().from_notebook_node(nb, resources, **kw)
        return pdf_bytes(html), resources
