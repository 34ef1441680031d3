"""Facilitators logged in to JupyterHub open the board and presenter view without a key.

When `cocreate serve` runs as a JupyterHub service (the hub sets ``JUPYTERHUB_API_TOKEN`` and
``JUPYTERHUB_SERVICE_PREFIX``), the Voila server checks the hub's OAuth cookie on each request
(``HubOAuth``) and sets one header, ``X-Cocreate-Hub-User``, to the logged-in hub user's name,
always replacing what the client sent. Voila passes it to the page's kernel, where the board
and the presenter view accept that user instead of a key. A board or presenter request with
neither a key nor a hub login is sent to the hub's login, which comes back through
``<prefix>/oauth_callback``. Without a hub none of this runs and the header is always removed.

Participants are never asked to log in: their pages do not look at the header.
"""

from __future__ import annotations

import os

HUB_USER_HEADER = "X-Cocreate-Hub-User"
HUB_USER_ENV = "HTTP_X_COCREATE_HUB_USER"  # what Voila names that header in the kernel
FACILITATOR_PAGES = ("/facilitator.ipynb", "/presenter.ipynb", "/programme.ipynb")

__all__ = ["HUB_USER_ENV", "HUB_USER_HEADER", "hub_user", "under_hub"]


def under_hub() -> bool:
    return bool(os.environ.get("JUPYTERHUB_API_TOKEN") and os.environ.get("JUPYTERHUB_SERVICE_PREFIX"))


def hub_user() -> str | None:
    """In a page's kernel: the hub user who opened this page (None without a hub login)."""
    return os.environ.get(HUB_USER_ENV) or None


def _auth():
    from jupyterhub.services.auth import HubOAuth

    return HubOAuth.instance()


def callback_handlers(prefix: str) -> list:
    """The OAuth callback route, when running under a hub."""
    if not under_hub():
        return []
    from jupyter_server.utils import url_path_join
    from jupyterhub.services.auth import HubOAuthCallbackHandler

    return [(url_path_join(prefix, "oauth_callback"), HubOAuthCallbackHandler)]


async def stamp_hub_user(handler) -> None:
    """Set the hub-user header from the hub's cookie (or remove it); send a facilitator page
    request with no key and no hub login to the hub's login."""
    request = handler.request
    request.headers.pop(HUB_USER_HEADER, None)  # never what the client sent
    if not under_hub():
        return
    user = await _auth().get_user(handler, sync=False)
    if user and user.get("name"):
        request.headers[HUB_USER_HEADER] = str(user["name"])[:100]
        return
    if (
        request.method == "GET"
        and request.path.endswith(FACILITATOR_PAGES)
        and not handler.get_argument("key", None)
    ):
        from tornado.httputil import url_concat

        auth = _auth()
        state = auth.set_state_cookie(handler, next_url=request.uri)
        handler.redirect(url_concat(auth.login_url, {"state": state}))
