"""Without JupyterHub, a hub-user header a client sends is dropped before any page sees it."""

from __future__ import annotations

import asyncio
import threading
from types import SimpleNamespace

from tornado.httputil import HTTPHeaders

from cocreate_kit.server.hub_login import HUB_USER_HEADER, hub_user, stamp_hub_user, under_hub


def test_a_client_cannot_name_itself_a_hub_user(monkeypatch):
    """Not running under a hub: the header is removed from the request (so Voila never hands it
    to a kernel), and a kernel without it has no hub user."""
    monkeypatch.delenv("JUPYTERHUB_API_TOKEN", raising=False)
    monkeypatch.delenv("HTTP_X_COCREATE_HUB_USER", raising=False)
    request = SimpleNamespace(headers=HTTPHeaders({HUB_USER_HEADER: "admin"}), method="GET", path="/")
    # In its own thread: another test may have left an event loop running in this one.
    worker = threading.Thread(target=asyncio.run, args=(stamp_hub_user(SimpleNamespace(request=request)),))
    worker.start()
    worker.join()
    assert HUB_USER_HEADER not in request.headers
    assert not under_hub() and hub_user() is None
