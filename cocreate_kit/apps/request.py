"""What the page request says: the query string, read the way preheated Voila kernels allow.

With preheated kernels the notebook runs before any request exists; Voila hands the request
(query string included) to the kernel over its ``/voila/query/<kernel id>`` websocket once a
page claims the kernel. ``voila.utils.get_query_string`` does exactly that, but importing it
loads Voila's whole server stack into every kernel (3.5-10 s of CPU and ~40 MB each, measured:
it builds dozens of URL parsers at import), which is what made a room of 40 wait. So the kit
speaks the same small protocol with ``websockets`` (a Voila dependency) directly: same
environment variables, same message, same result.
"""

from __future__ import annotations

import json
import os
from urllib.parse import parse_qs

from ..server.warmth import waiting_warm
from .memory import release_free_memory

__all__ = ["OPEN_TIMEOUT_SECONDS", "parse_query", "query_params"]

# The handshake happens while the kernel preheats, so a busy server may be slow to answer.
OPEN_TIMEOUT_SECONDS = 60


def query_params(page: str = "page") -> dict[str, str]:
    """The query parameters of a request for ``page`` (first value of each); outside a
    preheated Voila kernel (JupyterLab, tests) the environment's QUERY_STRING, if any."""
    if os.environ.get("VOILA_PREHEAT") == "True":
        _wait_for_request(page)
    return parse_query(os.environ.get("QUERY_STRING", ""))


def _wait_for_request(page: str) -> None:
    """Block until Voila hands this preheated kernel a page request; put its details in the
    environment, as Voila's own helper does."""
    from websockets.sync.client import connect

    protocol = os.environ.get("VOILA_WS_PROTOCOL", "ws")
    host = os.environ.get("VOILA_APP_IP", "127.0.0.1")
    port = os.environ.get("VOILA_APP_PORT", "8866")
    base = os.environ.get("VOILA_WS_BASE_URL", os.environ.get("VOILA_SERVER_URL", "/"))
    kernel_id = os.environ.get("VOILA_KERNEL_ID", "")
    url = f"{protocol}://{host}:{port}{base}voila/query/{kernel_id}"
    release_free_memory()  # preheated: the imports are done, the kernel may wait a long time
    with (
        connect(url, open_timeout=OPEN_TIMEOUT_SECONDS, close_timeout=1) as socket,
        waiting_warm(page, kernel_id),
    ):
        info = json.loads(socket.recv())
    os.environ.update({str(key): str(value) for key, value in info.items()})


def parse_query(raw: str) -> dict[str, str]:
    parsed = parse_qs(raw or "", keep_blank_values=False)
    # Cap lengths: the page address is participant-controlled input too.
    return {key[:40]: values[0][:200] for key, values in parsed.items() if values}
