"""HTML report to A4 PDF with WeasyPrint: pure Python on the system's Pango, no browser, no network.

The report's own CSS sets the A4 page, page numbers and where pages must not break.
"""

from __future__ import annotations

import logging
from pathlib import Path

__all__ = ["html_to_pdf", "pdf_bytes"]


def html_to_pdf(html_path: Path, pdf_path: Path) -> Path:
    pdf_path.write_bytes(pdf_bytes(html_path.read_text(encoding="utf-8")))
    return pdf_path


def pdf_bytes(html: str) -> bytes:
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    # The report is self-contained: only data: URIs may be read; anything else fails loudly.
    offline = URLFetcher(allowed_protocols={"data"}, fail_on_errors=True)
    return HTML(string=html, url_fetcher=offline).write_pdf()
