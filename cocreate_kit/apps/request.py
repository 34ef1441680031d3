"""What the page request says: the query string, read the way preheated Voila kernels allow."""

from __future__ import annotations

import os
from urllib.parse import parse_qs


def query_params() -> dict[str, str]:
    """The page's query parameters (first value of each).

    With preheated kernels the notebook runs before any request exists, so Voila's
    ``get_query_string`` waits for it; outside Voila (JupyterLab, tests) it returns at once
    and the environment's QUERY_STRING, if any, is used.
    """
    try:
        from voila.utils import get_query_string
    except ImportError:  # not running under Voila
        raw = os.environ.get("QUERY_STRING", "")
    else:
        raw = get_query_string() or os.environ.get("QUERY_STRING", "")
    return parse_query(raw)


def parse_query(raw: str) -> dict[str, str]:
    parsed = parse_qs(raw or "", keep_blank_values=False)
    # Cap lengths: the page address is participant-controlled input too.
    return {key[:40]: values[0][:200] for key, values in parsed.items() if values}
