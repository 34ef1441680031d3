"""The address phones on the same network reach this laptop at.

``--host 0.0.0.0`` listens on every interface, but the links (and the QR code) need one address
a phone can use. The host name is no help: on stock Debian and Ubuntu it resolves to 127.0.1.1,
which only the laptop itself can reach. The kit asks the kernel which source address the
default route would use (a UDP "connect" sends no packet), and falls back to the first
non-loopback IPv4 address of any interface.
"""

from __future__ import annotations

import contextlib
import ipaddress
import socket

__all__ = ["ROUTE_PROBE", "WILDCARDS", "lan_address", "link_host"]

# TEST-NET-2 (RFC 5737): never a real host; only used to ask which way the default route goes.
ROUTE_PROBE = ("198.51.100.1", 9)
WILDCARDS = ("0.0.0.0", "::", "")


def _reachable(address: str) -> bool:
    ip = ipaddress.ip_address(address)
    return not (ip.is_loopback or ip.is_link_local or ip.is_unspecified)


def lan_address() -> str | None:
    """This machine's address on its network, or None when it has no network at all."""
    with contextlib.suppress(OSError), socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        probe.connect(ROUTE_PROBE)
        address = probe.getsockname()[0]
        if _reachable(address):
            return address
    import psutil  # a dependency of ipykernel

    for addresses in psutil.net_if_addrs().values():
        for found in addresses:
            if found.family == socket.AF_INET and _reachable(found.address):
                return found.address
    return None


def link_host(listen_host: str) -> str:
    """The host to print in links for a server listening on ``listen_host``."""
    if listen_host in WILDCARDS:
        return lan_address() or "127.0.0.1"
    return listen_host
