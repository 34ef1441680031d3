"""Workshop content validated once by the server, read by every page's kernel.

``cocreate serve`` validates every shipped plan, persona file and UI text at start (a bad file
stops it there, with the file and field named) and writes the resulting objects, one pickle per
plan, persona file and UI text, to a folder in its private run folder, named to the kernels in
``COCREATE_COMPILED_CONTENT``; a page loads only the few it shows. A participant
kernel then loads plain dataclasses from that file instead of parsing YAML and validating with
pydantic, which it would otherwise import for that alone (about 11 MB of each kernel's memory).
Outside ``cocreate serve`` (JupyterLab, tests, scripts) nothing is set and content is read and
validated from the files as usual.

The file is trusted as the server's own output: it lives in a folder only the server's user can
read (``tempfile.mkdtemp``), and it holds nothing a participant typed.
"""

from __future__ import annotations

import os
import pickle
from functools import cache

__all__ = ["COMPILED_CONTENT_ENV", "lookup", "write"]

COMPILED_CONTENT_ENV = "COCREATE_COMPILED_CONTENT"


def _file_name(key: tuple) -> str:
    return ".".join(key) + ".pickle"


def write(content: dict, folder: str) -> None:
    """Write each ``key -> object`` of ``content`` to its own file in ``folder``."""
    os.makedirs(folder, exist_ok=True)
    for key, value in content.items():
        with open(os.path.join(folder, _file_name(key)), "wb") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)


@cache
def _load(folder: str, key: tuple):
    try:
        with open(os.path.join(folder, _file_name(key)), "rb") as handle:
            return pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, ImportError, AttributeError):
        return None  # not compiled (or by another version of the kit): the files are read instead


def lookup(key: tuple):
    """The compiled object for ``key`` (e.g. ``("plan", "business-hubs", "en")``), or None."""
    folder = os.environ.get(COMPILED_CONTENT_ENV)
    return _load(folder, key) if folder else None
