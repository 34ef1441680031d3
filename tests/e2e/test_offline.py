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


def test_a_phone_gets_the_pages_scripts_compressed_and_keeps_the_hashed_ones(live, new_page):
    """On a weak Wi-Fi every script and stylesheet of the join page arrives gzip-compressed, and
    the widget manager's files (named by a hash of their content) are kept by the phone for good:
    a reload asks the server for none of them again. (`make bench-phone` prints the bytes.)"""
    server, _store, _created = live
    phone = new_page(width=390, height=844)
    answers = []
    phone.on("response", lambda answer: answers.append(answer))
    phone.goto(server.link("Participants"))
    phone.get_by_text("Join the workshop").wait_for()
    phone.wait_for_load_state("networkidle")
    assets = [a for a in answers if a.request.resource_type in ("script", "stylesheet")]
    assert len(assets) > 20
    assert [] == [a.url for a in assets if a.headers.get("content-encoding") != "gzip"]
    hashed = {a.url for a in assets if "/labextensions/" in a.url}
    assert hashed
    assert [] == [a.url for a in assets if a.url in hashed and "immutable" not in a.headers["cache-control"]]

    # What the reload fetched over the network (a 304 included), as the browser itself reports it.
    devtools = phone.context.new_cdp_session(phone)
    answered, from_cache = {}, set()
    devtools.on(
        "Network.responseReceived", lambda e: answered.setdefault(e["requestId"], e["response"]["url"])
    )
    devtools.on("Network.requestServedFromCache", lambda e: from_cache.add(e["requestId"]))
    devtools.send("Network.enable")
    phone.reload()
    phone.get_by_text("Join the workshop").wait_for()
    phone.wait_for_load_state("networkidle")
    fetched = [url for request, url in answered.items() if request not in from_cache]
    assert any("/participant.ipynb" in url for url in fetched)  # the page itself: it did listen
    assert from_cache  # and the browser said which came from its cache
    assert [] == [url for url in fetched if url in hashed]
