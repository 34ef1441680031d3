"""HTML report to A4 PDF with WeasyPrint: pure Python on the system's Pango, no browser, no network.

The report's own CSS sets the A4 page, page numbers and where pages must not break.
"""

from __future__ import annotations

import logging
from pathlib import Path

__all__ = ["html_to_pdf"]


def html_to_pdf(html_path: Path, pdf_path: Path) -> Path:
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    # The report is self-contained: only data: URIs may be read; anything else fails loudly.
    offline = URLFetcher(allowed_protocols={"data"}, fail_on_errors=True)
    HTML(filename=str(html_path), url_fetcher=offline).write_pdf(str(pdf_path))
    return pdf_path
