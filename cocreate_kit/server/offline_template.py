"""The kit's Voila page template: Voila's "lab" template minus its two Font Awesome stylesheets
from a CDN, so that a page makes no request beyond the kit's own server, plus one small script
of the kit's own (``PAGE_SCRIPT``).

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

__all__ = [
    "BASE_TEMPLATE",
    "FOOTER_BLOCK",
    "FOREIGN_ASSET",
    "PAGE_SCRIPT",
    "TEMPLATE_NAME",
    "lab_index",
    "offline_index",
    "write_offline_template",
]

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


# The kit's page script. A page whose kernel stopped (closed or away longer than `--closed-after`,
# or the server restarted) would otherwise look alive and silently drop every click: it asks the
# server about its kernel every few seconds while on screen (and when a phone wakes up) and, once
# the kernel is gone, says so with a reload button. After joining, the address bar is set to the
# person's personal link (the kit's own link on the page), so that reload brings them back as
# themselves, not to a new join. Words come from the page (`.cck-gone-words`), set as text.
PAGE_SCRIPT = """
<script>
(function () {
  var config = JSON.parse(document.getElementById("jupyter-config-data").textContent);
  var kernelUrl = config.baseUrl + "api/kernels/" + config.kernelId;
  var gone = false;
  function keepPersonalLink() {
    var link = document.querySelector("a.cck-personal-link");
    if (link && link.href !== location.href) { history.replaceState(null, "", link.href); }
  }
  function sayGone() {
    gone = true;
    var words = document.querySelector(".cck-gone-words");
    var box = document.createElement("div");
    box.className = "cck-gone";
    box.setAttribute("role", "alert");
    box.textContent = words ? words.textContent : "This page stopped. What you saved is kept.";
    var button = document.createElement("button");
    button.textContent = words ? words.getAttribute("data-reload") : "Reload the page";
    button.addEventListener("click", function () { location.reload(); });
    box.appendChild(button);
    document.body.appendChild(box);
  }
  function check() {
    keepPersonalLink();
    if (gone || document.hidden || !config.kernelId) { return; }
    fetch(kernelUrl, { cache: "no-store", credentials: "same-origin" })
      .then(function (response) { if (response.status === 404) { sayGone(); } })
      .catch(function () {});  // no network: ask again on the next round
  }
  setInterval(check, 5000);
  document.addEventListener("visibilitychange", check);
  window.addEventListener("online", check);

  // Landmarks, so that a screen reader can jump to the form, the "Go to" menu or one area of a
  // canvas. A widget cannot carry a role, so the kit's classes say what each box is; a region or
  // the menu is named by its own heading or label (ids given here, again whenever a redraw
  // replaced the heading).
  var MAIN = ".cck-page", NAV = ".cck-nav";
  var REGIONS = ".cck-area";
  var named = 0;
  function nameBy(box) {
    var current = box.getAttribute("aria-labelledby");
    if (current && document.getElementById(current)) { return; }
    // A heading first; else a label that says something (an HTML widget has an empty one).
    var title = box.querySelector("h1, h2, h3, h4, h5");
    if (!title) {
      title = Array.prototype.find.call(box.querySelectorAll(".widget-label"), function (label) {
        return label.textContent.trim();
      });
    }
    if (!title) { return; }
    if (!title.id) { title.id = "cck-name-" + (++named); }
    box.setAttribute("aria-labelledby", title.id);
  }
  function landmarks() {
    if (!document.querySelector("[role=main]")) {
      var page = document.querySelector(MAIN);
      if (page) { page.setAttribute("role", "main"); }
    }
    document.querySelectorAll(NAV).forEach(function (box) {
      box.setAttribute("role", "navigation");
      nameBy(box);
    });
    document.querySelectorAll(REGIONS).forEach(function (box) {
      nameBy(box);
      if (box.hasAttribute("aria-labelledby")) { box.setAttribute("role", "region"); }
    });
  }
  new MutationObserver(landmarks).observe(document.body, { childList: true, subtree: true });
})();
</script>
"""
FOOTER_BLOCK = "{% block footer_js %}"


def offline_index(text: str) -> str:
    """The template text without lines that load assets from another host, with the kit's script."""
    if FOOTER_BLOCK not in text:
        raise ValueError("Voila's lab template has no footer_js block for the kit's page script")
    kept = "".join(line for line in text.splitlines(keepends=True) if not FOREIGN_ASSET.search(line))
    return kept.replace(FOOTER_BLOCK, FOOTER_BLOCK + PAGE_SCRIPT, 1)


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
