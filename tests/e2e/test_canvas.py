"""Canvases in the browser: a digital firm's business model canvas and the collaboration's SWOT
filled on phones, steered and voted on from the board, then in the report, the PDF and the XLSX."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from openpyxl import load_workbook

from cocreate_kit.report.build import render_html
from cocreate_kit.report.export import write_xlsx
from cocreate_kit.report.pdf import html_to_pdf

from .conftest import LIVE_WAIT, screenshot
from .pages import add_note, go_to, join

pytestmark = pytest.mark.browser

BMC = "2. Business model of your offer"  # as a phone's menu names it
SWOT = "4. SWOT of our collaboration"
SWOT_ON_BOARD = "4. Evaluation & Closing: SWOT of our collaboration"
HOSTILE = "Online in 2 weeks for $5 <b>bold</b>"


def test_canvases_on_phones_the_board_a_vote_and_the_report(live, new_page, tmp_path):
    """Two people on 390 px phones add notes to a business model canvas and a SWOT grid; the
    board brings everyone to the SWOT, shows the notes by area, runs a dot vote narrowed to
    Strengths; the report, its PDF and the workbook hold every note as typed."""
    server, store, _created = live
    pair = store.create_workshop("Pixel & Co with Bakery Bo", plan="small-digital")
    base = server.link("Participants").split("?")[0]
    board = new_page(width=1280, height=900)
    board.goto(
        f"{base.rsplit('/', 1)[0]}/facilitator.ipynb?workshop={pair.workshop.id}&key={pair.facilitator_key}"
    )
    board.locator(".cck-controls").wait_for()
    phones = []
    for name, strength in (("Ida", "We answered within a day"), ("Jo", "Clear prices from the start")):
        phone = new_page(width=390, height=844)
        join(phone, f"{base}?workshop={pair.workshop.id}&code={pair.join_code}", name)
        go_to(phone, BMC)
        add_note(phone, "Value proposition", HOSTILE if name == "Ida" else "Shops keep their own look")
        go_to(phone, SWOT)
        add_note(phone, "Strengths", strength)
        phones.append(phone)
    add_note(phones[0], "Threats", "Nobody updates the prices")
    screenshot(phones[0], "canvas-swot-390")

    controls = board.locator(".cck-controls")
    controls.get_by_label("Exercise", exact=True).select_option(label=SWOT_ON_BOARD)
    board.get_by_role("button", name="Bring everyone here").click()
    overview = board.locator(".cck-board-area").filter(has_text="Threats")
    overview.locator("li").filter(has_text="Nobody updates the prices").wait_for(timeout=LIVE_WAIT)
    controls.get_by_label("Dots per person").fill("1")
    controls.get_by_label("Vote on").select_option(label="Strengths")
    board.get_by_role("button", name="Start dot vote").click()
    for phone in phones:
        ballot = phone.locator(".cck-vote")
        ballot.get_by_text("Dots left: 1").wait_for(timeout=LIVE_WAIT)
        assert 0 == ballot.get_by_text("Nobody updates the prices").count()  # narrowed to Strengths
        ballot.locator(".widget-hbox").filter(has_text="We answered within a day").get_by_role(
            "button", name="+"
        ).click()
        ballot.get_by_text("Dots left: 0").wait_for()
    board.locator(".cck-tally li").filter(has_text="We answered within a day").get_by_text("2").wait_for(
        timeout=LIVE_WAIT
    )
    screenshot(board, "canvas-board-1280")

    html_file = render_html(pair.workshop.id, tmp_path, store.url)
    text = html_file.read_text(encoding="utf-8")
    assert "Online in 2 weeks for $5 &lt;b&gt;bold&lt;/b&gt;" in text and "<b>bold</b>" not in text
    assert "<h2>SWOT of our collaboration</h2>" in text and "<h2>Business model of your offer</h2>" in text
    if shutil.which("pdftotext"):
        pdf = html_to_pdf(html_file, tmp_path / "report.pdf")
        words = subprocess.run(
            ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert HOSTILE in " ".join(words.split()) and "Nobody updates the prices" in words
    [book] = write_xlsx(store, pair.workshop.id, tmp_path / "pair.xlsx")
    sheet = load_workbook(book)["evaluation-swot"]
    rows = [
        dict(zip([c.value for c in sheet[1]], [c.value for c in row], strict=True))
        for row in sheet.iter_rows(min_row=2)
    ]
    assert {("Threats", "Nobody updates the prices")} <= {(r["about"], r["text"]) for r in rows}
