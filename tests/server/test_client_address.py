"""The address the join throttle counts against: the server's view, not the client's word."""

from __future__ import annotations

from cocreate_kit.server.client_address import client_address


def test_a_direct_client_is_counted_by_the_address_the_server_sees():
    """A phone on the Wi-Fi cannot claim another address with X-Forwarded-For."""
    assert "192.168.1.23" == client_address("192.168.1.23", None)
    assert "192.168.1.23" == client_address("192.168.1.23", "10.9.9.9")


def test_behind_a_proxy_on_this_machine_the_proxy_says_who_it_was():
    """nginx or JupyterHub's proxy on loopback: the last hop it reports is the client (earlier
    hops were written by the client and are not trusted)."""
    assert "203.0.113.5" == client_address("127.0.0.1", "6.6.6.6, 203.0.113.5")
    assert "203.0.113.5" == client_address("::1", "203.0.113.5")
    assert "127.0.0.1" == client_address("127.0.0.1", None)
