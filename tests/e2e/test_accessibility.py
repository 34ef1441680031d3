"""Every page a person opens passes axe-core's serious and critical rules, in English and Dutch:
the join form, each participant section, the facilitator's board and the presenter view. Their
content sits in landmarks (the page's main, the "Go to" menu as navigation, each canvas area a
named region), so a screen-reader user can jump to the form."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlencode

import pytest

from .conftest import LIVE_WAIT, screenshot
from .pages import eventually

pytestmark = pytest.mark.browser

BLOCKING = ("serious", "critical")


def axe_script() -> Path | None:
    """axe-core's browser build: $COCREATE_AXE_JS, or the npm package .ci/run installs globally."""
    if os.environ.get("COCREATE_AXE_JS"):
        return Path(os.environ["COCREATE_AXE_JS"])
    npm = shutil.which("npm")
    if npm:
        root = subprocess.run([npm, "root", "-g"], capture_output=True, text=True, check=False)
        found = Path(root.stdout.strip()) / "axe-core" / "axe.min.js"
        if found.is_file():
            return found
    return None


@pytest.fixture(scope="module")
def axe():
    script = axe_script()
    if script is None:
        if os.environ.get("COCREATE_REQUIRE_BROWSER"):
            pytest.fail("axe-core is not installed (npm install -g axe-core, as .ci/run does)")
        pytest.skip("axe-core is not installed (npm install -g axe-core)")
    return script


def audit(page, axe) -> list[dict]:
    """axe-core's violations on the page as it is now: rule, impact and where."""
    if page.evaluate("typeof window.axe") == "undefined":
        page.add_script_tag(path=str(axe))
    found = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations")
    return [
        {
            "rule": v["id"],
            "impact": v["impact"],
            "where": [n["target"] for n in v["nodes"]][:3],
            "count": len(v["nodes"]),
        }
        for v in found
    ]


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_no_serious_accessibility_problem_on_any_page(live, new_page, axe, lang, capsys):
    """The join form, every section of a business-hubs workshop on a phone, its board and its
    presenter view: no serious or critical axe-core violation; the moderate count is printed."""
    server, store, _created = live
    made = store.create_workshop(f"Accessible {lang}", lang=lang)
    # A note on the empathy map: the board and the presenter show one, the pickers list it.
    pia, _ = store.join(made.workshop.id, made.join_code, "Pia")
    pain = {"group": "shop-owner", "area": "pains", "text": "Customers cannot find our opening hours online"}
    store.add_entry(made.workshop.id, pia.id, "ideation/empathy-map", pain)
    base = server.link("Participants").split("/participant.ipynb")[0]
    keys = {"workshop": made.workshop.id}
    found: dict[str, list[dict]] = {}

    phone = new_page(width=390, height=800)
    phone.goto(f"{base}/participant.ipynb?" + urlencode({**keys, "code": made.join_code}))
    phone.locator(".cck-page button").first.wait_for()
    found["join form"] = audit(phone, axe)
    phone.locator(".cck-page input[type=checkbox]").first.click()  # stay anonymous
    phone.locator(".cck-page button").first.click()
    phone.locator(".cck-greeting").wait_for()
    # The page script gives the roles as the widgets render, just after the greeting shows.
    assert eventually(
        lambda: phone.get_by_role("navigation").count() == 1 and phone.get_by_role("main").count() == 1,
        LIVE_WAIT / 1000,
    )
    nav = phone.locator(".cck-page select").first
    heading = phone.locator(".cck-page h3").first
    for index, label in enumerate(nav.locator("option").all_inner_texts()):
        before = heading.inner_text()
        nav.select_option(index=index)
        if index:  # the first section is on screen already
            assert eventually(lambda before=before: heading.inner_text() != before, LIVE_WAIT / 1000), label
        if index == 0:  # the empathy map: each area is a region named by its heading
            phone.get_by_label("Persona").select_option(index=0)
            phone.locator(".cck-area").first.wait_for()
            assert eventually(lambda: phone.get_by_role("region").count() >= 7, LIVE_WAIT / 1000)
            assert phone.get_by_role("region", name=pain_label(lang)).count() == 1
        found[label] = audit(phone, axe)

    board = new_page(width=1920, height=1080)
    board.goto(f"{base}/facilitator.ipynb?" + urlencode({**keys, "key": made.facilitator_key}))
    board.locator(".cck-board .cck-note").first.wait_for()
    found["board"] = audit(board, axe)
    screenshot(board, f"accessible-board-{lang}")
    projector = new_page(width=1920, height=1080)
    projector.goto(f"{base}/presenter.ipynb?" + urlencode({**keys, "key": made.facilitator_key}))
    projector.locator(".cck-presenter .cck-note").first.wait_for()
    found["presenter"] = audit(projector, axe)

    moderate = sum(v["count"] for page in found.values() for v in page if v["impact"] == "moderate")
    with capsys.disabled():
        print(f"\naxe-core ({lang}): {len(found)} pages, {moderate} moderate findings")
    blocking = {page: [v for v in vs if v["impact"] in BLOCKING] for page, vs in found.items()}
    assert not any(blocking.values()), {page: vs for page, vs in blocking.items() if vs}


def pain_label(lang: str) -> str:
    from cocreate_kit.content.plan import load_plan

    canvas = load_plan("business-hubs", lang).exercise("ideation/empathy-map").canvas
    areas = {area.id: area.label for area in canvas.areas}
    return areas["pains"]
