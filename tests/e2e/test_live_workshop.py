"""The empathy map live, end to end: real `cocreate serve`, real Voila kernels, real chromium."""

from __future__ import annotations

import os
import subprocess
import urllib.request

import pytest

from cocreate_kit.server.join_throttle import AddressThrottle

from .conftest import LIVE_WAIT, free_port, run_folder, screenshot, start_cocreate, stop_cocreate
from .pages import add_note, eventually, join, pick_persona

pytestmark = pytest.mark.browser

XSS = "<img src=x onerror=alert(1)>"


def test_two_participants_and_the_live_board(live, new_page):
    """Two people join in separate browsers, add notes (one an XSS payload), and the board shows
    them as text, refreshing by itself, with no dialog raised anywhere."""
    server, store, created = live
    ann, anon, board = new_page(), new_page(width=390, height=844), new_page(width=1920, height=1080)

    join(ann, server.link("Participants"), "Ann")
    pick_persona(ann, 0)
    add_note(ann, "Thinks", "Is a webshop worth my evenings?")
    screenshot(ann, "participant-1280")

    join(anon, server.link("Participants"))
    pick_persona(anon, 1)
    add_note(anon, "Says", XSS)
    screenshot(anon, "participant-390")

    board.goto(server.link("Facilitator"))
    board.locator(".cck-board").get_by_text("Is a webshop worth my evenings?").wait_for()
    board.locator(".cck-board").get_by_text(XSS).wait_for()
    assert 0 == board.locator(".cck-board img").count()
    assert board.locator(".cck-board").get_by_text("— anonymous", exact=True).first.is_visible()

    # Live: a note added now appears on the open board without reloading it (how fast is
    # measured by `make bench-room`, not here).
    add_note(ann, "Feels", "Curious and a bit worried")
    board.locator(".cck-board").get_by_text("Curious and a bit worried").wait_for(timeout=LIVE_WAIT)
    screenshot(board, "board-1920")

    assert [] == ann.dialogs + anon.dialogs + board.dialogs
    stored = sorted(e.payload["text"] for e in store.entries(created.workshop.id))
    assert sorted([XSS, "Is a webshop worth my evenings?", "Curious and a bit worried"]) == stored


def test_personal_link_returns_as_the_same_participant(live, new_page):
    """The link shown after joining, opened in a fresh browser, shows the same person's notes."""
    server, _store, _created = live
    first = new_page()
    join(first, server.link("Participants"), "Bea")
    pick_persona(first, 0)
    add_note(first, "Hears", "Neighbours ask for delivery")
    href = first.locator("a.cck-personal-link").get_attribute("href")
    assert "token=" in href

    later = new_page(width=390, height=844)  # another device: no shared cookies
    later.goto(server.link("Participants").split("?")[0] + href)
    later.get_by_text("Welcome, Bea").wait_for()
    pick_persona(later, 0)
    later.locator(".cck-area").filter(has_text="Hears").get_by_text("Neighbours ask for delivery").wait_for()


def test_the_server_terminal_never_shows_a_token_or_key(live, new_page):
    """Personal links, the board and wrong addresses are requested; the server's output (Voila's
    access log and the kernels' messages) shows no participant token and no facilitator key
    (beyond the Facilitator and Presenter lines `--new-key` prints for the served workshop)."""
    server, store, created = live
    _participant, token = store.join(created.workshop.id, created.join_code, "Lea")
    key = server.link("Facilitator").split("key=")[1]
    base = server.link("Participants").split("/voila/")[0]
    page = new_page()
    page.goto(server.link("Participants").split("?")[0] + f"?workshop={created.workshop.id}&token={token}")
    page.get_by_text("Welcome, Lea").wait_for()
    page.goto(server.link("Facilitator"))
    page.locator(".cck-board:visible").first.wait_for()
    for wrong in (
        f"/voila/render/nothing.ipynb?token={token}",
        f"/missing?key={key}&code={created.join_code}",
    ):
        page.goto(base + wrong)
    # The access log line follows the response: wait for the last request's line.
    assert eventually(lambda: "/missing" in server.output())
    printed = [
        line for line in server.output().splitlines() if not line.startswith(("Facilitator: ", "Presenter: "))
    ]
    assert any("[secret]" in line for line in printed)  # the wrong addresses were logged, scrubbed
    assert not [line for line in printed if token in line or key in line]


def test_edit_and_delete_from_the_page(live, new_page):
    """A participant edits then deletes a note in the browser; the store keeps its history."""
    server, store, created = live
    page = new_page()
    join(page, server.link("Participants"), "Cas")
    pick_persona(page, 1)
    add_note(page, "Gains", "Steady clients")
    area = page.locator(".cck-area").filter(has_text="Gains")
    area.get_by_role("button", name="Edit").click()
    area.get_by_label("Edit").fill("Steady local clients")
    area.get_by_role("button", name="Save").click()
    area.locator(".cck-note").filter(has_text="Steady local clients").wait_for()
    area.get_by_role("button", name="Delete").click()
    page.get_by_text("Note deleted").wait_for()
    assert 0 == area.locator(".cck-note").count()
    mine = [
        e
        for e in store.changes_since(created.workshop.id, 0)
        if e.payload.get("text", "").startswith("Steady")
    ]
    assert ["Steady clients", "Steady local clients", "Steady local clients"] == [
        e.payload["text"] for e in mine
    ]
    assert [False, False, True] == [e.deleted for e in mine]


def test_bad_input_gets_a_message_in_the_page(live, new_page):
    """An empty note and an overlong note are refused with messages, nothing stored."""
    server, _store, _created = live
    page = new_page()
    join(page, server.link("Participants"), "Dee")
    pick_persona(page, 0)
    area = page.locator(".cck-area").filter(has_text="Pains")
    area.get_by_role("button", name="Add note").click()
    page.get_by_text("The note is empty").wait_for()
    area.get_by_label("New note for Pains").fill("x" * 2001)
    area.get_by_role("button", name="Add note").click()
    page.get_by_text("this box holds at most 2000").wait_for()
    assert 0 == area.locator(".cck-note").count()


def test_secrets_keep_people_out(live, new_page):
    """No key, a participant's token, a forged token or an unknown workshop: friendly pages only."""
    server, store, created = live
    _participant, token = store.join(created.workshop.id, created.join_code, "Eve")
    facilitator = server.link("Facilitator").split("?")[0]
    participant = server.link("Participants").split("?")[0]
    wid = created.workshop.id
    cases = [
        (f"{facilitator}?workshop={wid}", "needs the facilitator"),
        (f"{facilitator}?workshop={wid}&key={token}", "needs the facilitator"),
        (f"{facilitator}?workshop={wid}&token={token}", "needs the facilitator"),
        (f"{participant}?workshop={wid}&token=forged", "personal link is not valid"),
        (f"{participant}?workshop=nope&code=ABC", "workshop does not exist"),
    ]
    page = new_page()
    for url, message in cases:
        page.goto(url)
        page.get_by_text(message).wait_for()
        body = page.inner_text("body")
        assert "Traceback" not in body and "Error" not in body, url
        assert 0 == page.locator(".cck-board").count()


def test_wrong_join_code_is_refused(live, new_page):
    """Typing a wrong join code shows what to do and nobody joins; the wrong code counts against
    the address the page was opened from (the server tells the page's kernel), so opening page
    after page does not give a guesser fresh tries. The server trusts its own machine as a proxy
    (``--trusted-proxy 127.0.0.1``, as behind JupyterHub): the address is the one it forwards."""
    server, store, created = live
    before = len(store.participants(created.workshop.id))
    page = new_page(width=390, height=844)
    page.set_extra_http_headers({"X-Forwarded-For": "203.0.113.7"})
    page.goto(server.link("Participants").split("?")[0])
    page.get_by_label("Join code").fill("WRONG9")
    page.get_by_label("Your name").fill("Mallory")
    page.get_by_role("button", name="Join").click()
    page.get_by_text("join code does not match").wait_for()
    assert before == len(store.participants(created.workshop.id))
    assert AddressThrottle(os.path.join(run_folder(server), "joins"), "203.0.113.7").wrong >= 1


def test_demo_prints_both_links_and_both_pages_answer(tmp_path, new_page):
    """`cocreate demo` loads the sample workshop, prints both links and, once its two preheated
    participant pages are warm, says the room is ready; the board shows sample notes. The
    terminal stays the facilitator's: Enter prints the links again, it says who joined, and once
    the pool has refilled after that, that the room is ready again, with the links."""
    server = start_cocreate(
        ["demo", "--port", str(free_port()), "--db-file", str(tmp_path / "demo.db"), "--room", "2"]
        + ["--refill-after", "1"],
        tmp_path,
        stdin=subprocess.PIPE,
    )

    def printed(text: str) -> int:
        return server.output().count(text)

    try:
        assert server.lines[-1].startswith("Room ready: 2 participant pages warm")
        assert "Press Enter to show the links again" in server.lines[-1]
        server.process.stdin.write("\n")
        server.process.stdin.flush()
        assert eventually(lambda: printed("Participants: ") >= 2, 30)
        join(new_page(390, 844), server.link("Participants"), "Zoë")
        assert eventually(lambda: printed("'Zoë' joined") == 1, 30)
        assert eventually(lambda: printed("Room ready again") == 1 and printed("Participants: ") >= 3, 120)
        # Quiet by default: Voila's per-page lines and "not trusted" warnings do not bury the links.
        assert not [line for line in server.output().splitlines() if line.startswith("[Voila]")]
        for label in ("Participants", "Facilitator"):
            with urllib.request.urlopen(server.link(label), timeout=60) as response:
                assert 200 == response.status
        board = new_page(width=1920, height=1080)
        board.goto(server.link("Facilitator"))
        board.locator(".cck-board .cck-note").first.wait_for()
        assert board.locator(".cck-board .cck-note").count() >= 6
        screenshot(board, "demo-board-1920")
    finally:
        assert 0 == stop_cocreate(server)


def test_keyboard_only_join_and_note(live, new_page):
    """Without a mouse: Tab to the name box, type, Tab to Join, press Enter; then reach the note box
    and the Add button by Tab and add a note with the keyboard."""
    server, store, created = live
    page = new_page(width=390, height=844)
    page.goto(server.link("Participants"))
    page.get_by_label("Join code").focus()
    page.keyboard.press("Tab")
    page.keyboard.type("Kim")
    page.keyboard.press("Tab")  # the anonymous checkbox
    page.keyboard.press("Tab")  # the Join button
    page.keyboard.press("Enter")
    page.get_by_text("Welcome, Kim").wait_for()
    page.get_by_label("Persona").focus()
    page.keyboard.press("ArrowDown")
    page.locator(".cck-area").first.wait_for()
    page.get_by_label("New note for Thinks").focus()
    page.keyboard.type("Typed without a mouse")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.locator(".cck-area").filter(has_text="Thinks").locator(".cck-note").filter(
        has_text="Typed without a mouse"
    ).wait_for()
    kim = [p for p in store.participants(created.workshop.id) if p.display_name == "Kim"]
    assert 1 == len(kim)


def test_hostile_text_in_the_browser_is_refused_or_shown_as_typed(live, new_page):
    """A name with a NUL gets a clear message and nobody joins; notes with `$$`, a TeX-looking
    `$\\foo$` and a spreadsheet formula are stored and shown on the board exactly as typed."""
    server, store, created = live
    page, board = new_page(width=390, height=844), new_page(width=1920, height=1080)
    before = len(store.participants(created.workshop.id))
    page.goto(server.link("Participants"))
    page.get_by_label("Your name").fill("Nul\x00l")
    page.get_by_role("button", name="Join").click()
    page.get_by_text("invisible control characters").wait_for()
    assert before == len(store.participants(created.workshop.id))

    join(page, server.link("Participants"), "Dollar")
    pick_persona(page, 0)
    texts = ["save $$ now", "Launch the $\\foo$ page", "=cmd|' /C calc'!A0"]
    for text in texts:
        add_note(page, "Does", text)
    board.goto(server.link("Facilitator"))
    for text in texts:  # each note reads as typed (its author's name follows on its own line)
        board.locator(".cck-board .cck-note").filter(has_text=text).wait_for(timeout=LIVE_WAIT)
    stored = {e.payload["text"] for e in store.entries(created.workshop.id, exercise="ideation/empathy-map")}
    assert set(texts) <= stored


def test_the_board_builds_the_report_and_the_facilitator_downloads_it(live, new_page):
    """On the board, Report → "Make the report" fills its bar and offers HTML, PDF and XLSX; the
    PDF link downloads a PDF from the server, which refuses the same file with a wrong key."""
    from urllib.parse import urljoin

    server, _store, created = live
    board = new_page(width=1280, height=800)
    board.goto(server.link("Facilitator"))
    board.get_by_text("Report", exact=True).click()
    board.get_by_role("button", name="Make the report (HTML, PDF, XLSX)").click()
    pdf = board.get_by_role("link", name="Report to print or send (PDF)")
    pdf.wait_for(timeout=120_000)
    href = urljoin(board.url, pdf.get_attribute("href"))
    got = board.request.get(href)
    assert 200 == got.status and got.headers["content-type"] == "application/pdf"
    assert got.body().startswith(b"%PDF")
    assert "attachment" in got.headers["content-disposition"]
    wrong = board.request.get(href.split("?")[0] + "?key=not-the-key")
    assert 403 == wrong.status and b"%PDF" not in wrong.body()
    assert 404 == board.request.get(href.replace("report.pdf", "..%2Fvoila.json")).status
    # The key in the download's address stays out of the terminal, like every key.
    assert eventually(lambda: "/cocreate/reports/" in server.output(), 30)
    assert created.facilitator_key not in server.output()
