"""Offline first: a page the kit serves asks nothing of any host but the kit's own server."""

from __future__ import annotations

from urllib.parse import urlparse

from .pages import add_note, join, pick_persona


def test_pages_request_nothing_beyond_the_kits_server(live, new_page):
    """Joining, writing a note and opening the board load every script, stylesheet and font from
    the kit's server: on an access point without internet nothing waits for a CDN."""
    server, _store, _created = live
    own = urlparse(server.link("Participants")).netloc
    requested = []
    phone = new_page(width=390, height=844)
    board = new_page(width=1920, height=1080)
    for page in (phone, board):
        page.on("request", lambda request: requested.append(request.url))
    join(phone, server.link("Participants"), "Olli")
    pick_persona(phone, 0)
    add_note(phone, "Says", "Works without internet")
    board.goto(server.link("Facilitator"))
    board.locator(".cck-board").get_by_text("Works without internet").first.wait_for()
    foreign = sorted({url for url in requested if urlparse(url).scheme in ("http", "https", "ws", "wss")
                      and urlparse(url).netloc != own})  # fmt: skip
    assert [] == foreign
    assert len(requested) > 10  # the pages really loaded their assets through the recorder
