"""Phones on the Wi-Fi: with --host 0.0.0.0 the printed links (and the QR code) use an address
other devices can reach, never the loopback."""

from __future__ import annotations

import ipaddress
import urllib.request
from urllib.parse import urlparse

import pytest

from cocreate_kit.server.network import lan_address
from cocreate_kit.store import Store

from .conftest import free_port, start_cocreate, stop_cocreate


def test_links_for_a_lan_server_point_at_the_lan_address_and_answer_there(tmp_path, new_page):
    """The Participants link names this machine's network address, the page answers on it, and
    the join screen's QR code carries the same address."""
    if lan_address() is None:
        pytest.skip("this machine has no network address besides the loopback")
    url = f"sqlite:///{tmp_path / 'lan.db'}"
    created = Store(url).create_workshop("On the Wi-Fi")
    server = start_cocreate(
        ["--db", url, "serve", "--host", "0.0.0.0", "--port", str(free_port()), "--room", "1"]
        + ["--workshop", created.workshop.id, "--new-key"],
        cwd=tmp_path,
    )
    try:
        link = server.link("Participants")
        host = urlparse(link).hostname
        assert not ipaddress.ip_address(host).is_loopback, link
        with urllib.request.urlopen(link, timeout=60) as response:
            assert 200 == response.status
        screen = new_page(width=1920, height=1080)
        screen.goto(link.replace("participant.ipynb", "join.ipynb").split("&code=")[0])
        screen.get_by_text(created.join_code).first.wait_for()
        assert f"http://{host}:" in screen.content()
    finally:
        assert 0 == stop_cocreate(server)
