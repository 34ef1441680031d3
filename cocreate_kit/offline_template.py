"""The kit's Voila page template: Voila's "lab" template minus its two Font Awesome stylesheets
from a CDN, so that a page makes no request beyond the kit's own server.

On a workshop access point without internet, the browser waited for those stylesheets before
drawing anything (the join button appeared after 22.6 s instead of 2.5 s). Nothing is lost: the
icons on the kit's buttons come from the Font Awesome 4 styles and fonts Voila bundles itself.
The template is derived at serve time from the installed Voila's own file (not a copy kept in
the kit), so it follows Voila's updates; the browser tests fail if a page ever requests another
host again.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

TEMPLATE_NAME = "cocreate"
BASE_TEMPLATE = "lab"
# A <link> or <script> that loads anything from another host.
FOREIGN_ASSET = re.compile(r"<(?:link|script)\b[^>]*(?:href|src)=[\"']https?://", re.IGNORECASE)


def lab_index() -> Path:
    from voila.paths import collect_template_paths  # the serve process only, never a kernel

    for folder in collect_template_paths(["voila"], BASE_TEMPLATE):
        candidate = Path(folder) / "index.html.j2"
        if candidate.is_file():
            return candidate
    raise FileNotFoundError("Voila's lab template (index.html.j2) is not installed")


def offline_index(text: str) -> str:
    """The template text without lines that load assets from another host."""
    return "".join(line for line in text.splitlines(keepends=True) if not FOREIGN_ASSET.search(line))


def write_offline_template(run_dir: str | Path) -> str:
    """Write the template under ``run_dir``; returns the folder to put first on JUPYTER_PATH."""
    share = Path(run_dir) / "share" / "jupyter"
    folder = share / "voila" / "templates" / TEMPLATE_NAME
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "conf.json").write_text(json.dumps({"base_template": BASE_TEMPLATE}), encoding="utf-8")
    (folder / "index.html.j2").write_text(
        offline_index(lab_index().read_text(encoding="utf-8")), encoding="utf-8"
    )
    return str(share)
