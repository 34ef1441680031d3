"""The report a facilitator takes home from the board: HTML, PDF and XLSX of one workshop, built
in a process of its own so that a big workshop never slows the board's live updates.

``python -m cocreate_kit.report.bundle WORKSHOP FOLDER`` writes ``report.html``,
``report.pdf`` and ``workshop.xlsx`` into FOLDER and prints one line per file as it is done
(``done 1/3 report.html``), which the board turns into its progress bar; the store is the
one in ``$COCREATE_DB``. A failure prints ``failed: <message>`` and exits 1.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from ..server.report_files import FILES

__all__ = ["BUNDLE_FILES", "write_bundle"]

BUNDLE_FILES = tuple(FILES)  # report.html, report.pdf, workshop.xlsx: the names the server hands out


def write_bundle(
    workshop_id: str,
    folder: Path,
    db_url: str | None = None,
    progress: Callable[[str], None] = lambda _n: None,
) -> list[Path]:
    """Write the three files of one workshop's report into ``folder``; ``progress(name)`` after each."""
    from ..store import Store
    from .build import render_html
    from .export import write_xlsx
    from .pdf import html_to_pdf

    store = Store(db_url)
    store.get_workshop(workshop_id)  # an unknown id fails before any work
    folder.mkdir(parents=True, exist_ok=True)
    html_file = render_html(workshop_id, folder, store.url).replace(folder / BUNDLE_FILES[0])
    progress(BUNDLE_FILES[0])
    pdf_file = html_to_pdf(html_file, folder / BUNDLE_FILES[1])
    progress(BUNDLE_FILES[1])
    xlsx_file = folder / BUNDLE_FILES[2]
    write_xlsx(store, workshop_id, xlsx_file)
    progress(BUNDLE_FILES[2])
    return [html_file, pdf_file, xlsx_file]


def main(argv: list[str]) -> int:
    workshop_id, folder = argv
    done = iter(range(1, len(BUNDLE_FILES) + 1))
    try:
        write_bundle(
            workshop_id,
            Path(folder),
            progress=lambda name: print(f"done {next(done)}/{len(BUNDLE_FILES)} {name}", flush=True),
        )
    except Exception as problem:  # the board shows the message; the traceback stays here
        print(
            f"failed: {str(problem).splitlines()[0] if str(problem) else type(problem).__name__}", flush=True
        )
        raise SystemExit(1) from problem
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
