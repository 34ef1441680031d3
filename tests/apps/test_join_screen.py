"""The projector's join screen: code, link and a QR code that really encodes the link."""

from __future__ import annotations

import base64

from cocreate_kit.apps.join_screen import join_link, join_screen_html, join_screen_page
from cocreate_kit.content.plan import load_ui


def test_join_screen_shows_code_link_and_qr(store):
    """The screen has the join code, the full join link, and an SVG QR image; the title is escaped."""
    created = store.create_workshop("<b>Market</b> day")
    workshop = created.workshop
    screen = join_screen_html(workshop, load_ui("en"), base_url="http://10.0.0.5:8866/voila/render")
    link = f"http://10.0.0.5:8866/voila/render/participant.ipynb?workshop={workshop.id}&amp;code={workshop.join_code}"
    assert link in screen
    assert f"<b>{workshop.join_code}</b>" in screen
    assert "&lt;b&gt;Market&lt;/b&gt; day" in screen
    svg = base64.b64decode(screen.split("data:image/svg+xml;base64,")[1].split("'")[0])
    assert svg.startswith(b"<?xml") and b"<path" in svg


def test_join_link_uses_the_servers_base_url(store, monkeypatch):
    """Under `cocreate serve` the link is absolute (phones need the host); without it, relative."""
    workshop = store.create_workshop("Market").workshop
    monkeypatch.setenv("COCREATE_BASE_URL", "http://laptop.local:8866/voila/render")
    assert join_link(workshop).startswith("http://laptop.local:8866/voila/render/participant.ipynb?workshop=")
    monkeypatch.delenv("COCREATE_BASE_URL")
    assert join_link(workshop).startswith("participant.ipynb?workshop=")


def test_join_screen_for_unknown_workshop_is_a_message(store):
    """A wrong workshop id shows the friendly message."""
    assert "workshop does not exist" in join_screen_page(store, {"workshop": "nope"}).value


def test_join_screen_carries_no_facilitator_key(store):
    """The public join screen never contains the facilitator key."""
    created = store.create_workshop("Market")
    page = join_screen_page(store, {"workshop": created.workshop.id})
    assert created.facilitator_key not in page.children[1].value
