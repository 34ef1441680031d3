"""A big, hostile workshop's PDF holds on A4 paper, in Dutch, German and French (a scorecard
with one added criterion, eight columns) and in English (six added criteria: too wide for one
table, so one block per candidate): read from the PDF itself (``pdftotext -bbox``), no word lies
outside the page's printable width, every scorecard criterion (the added ones too) and every
task-plan column is on the page, a vote shows what it left out in a line, and emoji print
through a font the set-up installed."""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess

import pytest

from cocreate_kit.content.plan import load_plan, load_ui
from cocreate_kit.report.build import render_html
from cocreate_kit.report.pdf import html_to_pdf

from .paper_workshop import ADDED_CRITERIA, WIDE_CRITERIA, paper_workshop

MM = 72 / 25.4
SIDE_MARGIN = 14 * MM  # the report CSS's @page margin, left and right
SLACK = 2.0  # points: a glyph's side bearing
WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')
PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)

pytestmark = pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils is not installed")


def squeezed(text: str) -> str:
    """Text with spaces, line ends and hyphens gone: a header the PDF hyphenated still matches."""
    return re.sub(r"[\s\-\u00ad\u2010]", "", html.unescape(text))


@pytest.fixture(
    scope="module",
    params=[
        ("nl", (ADDED_CRITERIA["nl"],)),
        ("en", WIDE_CRITERIA),
        ("de", (ADDED_CRITERIA["de"],)),
        ("fr", (ADDED_CRITERIA["fr"],)),
    ],
    ids=["nl", "en-wide", "de", "fr"],
)
def paper(request, tmp_path_factory):
    """``(pdf, pages, lang, added criteria)`` of the paper workshop in each language."""
    from cocreate_kit.store import Store

    lang, added = request.param
    folder = tmp_path_factory.mktemp("paper")
    url = f"sqlite:///{folder / 'paper.db'}"
    workshop = paper_workshop(Store(url), lang, added)
    pdf = html_to_pdf(render_html(workshop, folder, url), folder / "paper.pdf")
    boxes = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-bbox", str(pdf), "-"], capture_output=True, check=True
    )
    # poppler writes the title's emoji as UTF-8-encoded surrogate pairs: read them as they are
    return pdf, PAGE.findall(boxes.stdout.decode("utf-8", "surrogatepass")), lang, added


def test_no_word_lies_outside_the_printable_width_of_its_page(paper):
    """Long words, links and e-mail addresses in tasks, candidates, check-ins and notes wrap
    within the page's side margins on every page."""
    _pdf, pages, _lang, _added = paper
    outside = []
    for number, (width, _height, words) in enumerate(pages, start=1):
        right = float(width) - SIDE_MARGIN + SLACK
        for x_min, _y_min, x_max, _y_max, text in WORD.findall(words):
            if float(x_min) < SIDE_MARGIN - SLACK or float(x_max) > right:
                outside.append(f"page {number}: {text[:40]!r} at x {float(x_min):.0f}-{float(x_max):.0f}")
    assert [] == outside[:10]


def test_every_scorecard_criterion_and_task_plan_column_is_on_the_page(paper):
    """No column is cut off: each criterion (the facilitator's added ones included) and each
    task-plan header appears in the PDF's text."""
    _pdf, pages, lang, added = paper
    text = squeezed(" ".join(" ".join(t for *_box, t in WORD.findall(words)) for *_size, words in pages))
    plan, ui = load_plan("small-commerce", lang), load_ui(lang)
    criteria = [a.label for a in plan.exercise("preparation/partner-scorecard").aspects] + list(added)
    headers = [ui[k] for k in ("task_task", "task_owner", "task_deadline", "task_outcome", "task_status")]
    assert [] == [label for label in criteria + headers if squeezed(label) not in text]


def test_a_vote_charts_the_notes_with_dots_and_says_what_it_left_out(paper):
    """The vote with 30 notes that got dots charts the best 15 and says 15 more got fewer; the
    vote nobody voted in is one line, not an empty chart."""
    _pdf, pages, lang, _added = paper
    text = squeezed(" ".join(" ".join(t for *_box, t in WORD.findall(words)) for *_size, words in pages))
    ui = load_ui(lang)
    assert squeezed(ui["report_vote_more"].format(count=15)) in text
    assert squeezed(ui["report_vote_nobody"]) in text


def test_emoji_print_through_an_installed_font(paper):
    """Emoji in names and notes are drawn from the emoji font the set-up installs (embedded in
    the PDF), not left as empty boxes."""
    pdf, _pages, _lang, _added = paper
    installed = subprocess.run(["fc-list", ":charset=1f370"], capture_output=True, text=True).stdout
    if not installed.strip():
        if os.environ.get("COCREATE_REQUIRE_BROWSER"):
            pytest.fail("no emoji font installed: .ci/run installs fonts-noto-color-emoji")
        pytest.skip("no emoji font installed (apt-get install fonts-noto-color-emoji)")
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "Emoji" in fonts or "Symbola" in fonts, fonts
