"""Server side: tell each page's kernel which network address opened it.

Voila hands a preheated kernel its page request (query string, and the HTTP headers named in
``VoilaConfiguration.http_header_envs``) but not the client's address, which the join-code
throttle needs to count wrong codes per address across pages. Jupyter Server asks its identity
provider about every request before handling it; the kit's provider sets one header,
``X-Cocreate-Client``, to the address the server itself saw (replacing anything the client
sent), and Voila passes it on as ``HTTP_X_COCREATE_CLIENT``.

Behind a reverse proxy every request comes from the proxy's address: when that proxy is one
the operator named (``--trusted-proxy``, none by default; the JupyterHub deployment names the
hub's proxy), the address it reports (the last one in ``X-Forwarded-For``) is used. Forwarded
headers from anyone else are ignored: a phone, or a program on the server's own machine, cannot
pick its address. A request that still comes from this machine (a tunnel that sets no header)
carries no address at all: everyone shares it, so one guesser must not lock the room out; the
per-page limit still holds.

Runs in the Voila process only (``Voila.identity_provider_class``).
"""

from __future__ import annotations

import inspect
import ipaddress

from jupyter_server.auth.identity import PasswordIdentityProvider
from traitlets import List, Unicode

from .hub_login import callback_handlers, stamp_hub_user
from .join_throttle import CLIENT_HEADER
from .report_handler import report_handlers

__all__ = ["ClientAddressIdentityProvider", "client_address"]


def client_address(remote_ip: str | None, forwarded_for: str | None, trusted_proxies=()) -> str:
    """The address to count wrong codes against; "" when it is shared by everyone (a loopback
    address no trusted proxy vouches for). ``trusted_proxies``: addresses or networks."""
    peer = _address(remote_ip)
    if peer is None:
        return ""
    if forwarded_for and any(peer in ipaddress.ip_network(net, strict=False) for net in trusted_proxies):
        last_hop = _address(forwarded_for.split(",")[-1].strip())
        if last_hop is not None:
            peer = last_hop
    return "" if peer.is_loopback else str(peer)


def _address(text: str | None):
    try:
        return ipaddress.ip_address((text or "").strip())
    except ValueError:
        return None


class ClientAddressIdentityProvider(PasswordIdentityProvider):
    trusted_proxies = List(
        Unicode(),
        help="Proxies (addresses or networks, e.g. 127.0.0.1 or 10.0.0.0/8) whose X-Forwarded-For "
        "names the client; none by default (`cocreate serve --trusted-proxy`).",
    ).tag(config=True)

    async def get_user(self, handler):
        request = handler.request
        request.headers[CLIENT_HEADER] = client_address(
            request.remote_ip, request.headers.get("X-Forwarded-For"), self.trusted_proxies
        )
        await stamp_hub_user(handler)  # under JupyterHub: who is logged in (see hub_login)
        user = super().get_user(handler)
        # Jupyter Server's check may be a coroutine: handed back unawaited, the coroutine object
        # itself would pass for a logged-in user and a configured token would be skipped.
        return await user if inspect.isawaitable(user) else user

    def get_handlers(self):
        prefix = self.parent.base_url if self.parent else "/"
        return super().get_handlers() + callback_handlers(prefix) + report_handlers(prefix)
