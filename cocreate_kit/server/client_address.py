"""Server side: tell each page's kernel which network address opened it.

Voila hands a preheated kernel its page request (query string, and the HTTP headers named in
``VoilaConfiguration.http_header_envs``) but not the client's address, which the join-code
throttle needs to count wrong codes per address across pages. Jupyter Server asks its identity
provider about every request before handling it; the kit's provider sets one header,
``X-Cocreate-Client``, to the address the server itself saw (replacing anything the client
sent), and Voila passes it on as ``HTTP_X_COCREATE_CLIENT``.

Behind a reverse proxy on this machine every request comes from a loopback address: then the
address the proxy reports (the last one in ``X-Forwarded-For``) is used. Forwarded headers from
anywhere else are ignored: a phone cannot pick its own address.

Runs in the Voila process only (``Voila.identity_provider_class``).
"""

from __future__ import annotations

import inspect
import ipaddress

from jupyter_server.auth.identity import PasswordIdentityProvider

from .hub_login import callback_handlers, stamp_hub_user
from .join_throttle import CLIENT_HEADER

__all__ = ["ClientAddressIdentityProvider", "client_address"]


def client_address(remote_ip: str | None, forwarded_for: str | None) -> str:
    """The address to count wrong codes against."""
    peer = remote_ip or ""
    try:
        behind_local_proxy = ipaddress.ip_address(peer).is_loopback
    except ValueError:
        behind_local_proxy = False
    if behind_local_proxy and forwarded_for:
        last_hop = forwarded_for.split(",")[-1].strip()
        if last_hop:
            return last_hop[:64]
    return peer


class ClientAddressIdentityProvider(PasswordIdentityProvider):
    async def get_user(self, handler):
        request = handler.request
        request.headers[CLIENT_HEADER] = client_address(
            request.remote_ip, request.headers.get("X-Forwarded-For")
        )
        await stamp_hub_user(handler)  # under JupyterHub: who is logged in (see hub_login)
        user = super().get_user(handler)
        # Jupyter Server's check may be a coroutine: handed back unawaited, the coroutine object
        # itself would pass for a logged-in user and a configured token would be skipped.
        return await user if inspect.isawaitable(user) else user

    def get_handlers(self):
        return super().get_handlers() + callback_handlers(self.parent.base_url if self.parent else "/")
