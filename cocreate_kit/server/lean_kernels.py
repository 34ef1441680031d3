"""Page kernels run as ``python -OO``: without docstrings and asserts, their bytecode cached.

One kernel per person means memory per kernel is the room's size. A participant kernel's own
imports (SQLAlchemy for the store above all) cost about 16 MB above a bare ipywidgets kernel,
and 4.7 MB of a joined kernel is docstrings nobody reads in a page (measured with ``make
bench-room``: 69.1 MB -> 64.4 MB against 53.0 MB bare). ``PYTHONOPTIMIZE=2`` drops them; no
page shows code, help or a traceback, and the kit's asserts only narrow types.

Python caches optimized bytecode in separate files. With no cache (``PYTHONDONTWRITEBYTECODE``,
a read-only site-packages) every kernel would compile its imports again, about 0.8 s of CPU each,
so the kernels write it under the kit's own cache folder (``PYTHONPYCACHEPREFIX``), never beside
the installed sources. An operator who sets ``PYTHONOPTIMIZE`` (``0``: as usual) decides instead.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

__all__ = ["OPTIMIZE_ENV", "bytecode_cache", "lean_kernel_env"]

OPTIMIZE_ENV = "PYTHONOPTIMIZE"


def bytecode_cache() -> str | None:
    """The folder the kernels' optimized bytecode goes to; None when it cannot be made.

    Asked at every kernel start on purpose: it costs a stat or two, and a folder a cache
    cleaner removed while the server runs is made again instead of leaving kernels uncached."""
    from platformdirs import user_cache_dir  # Jupyter's own choice of folders, per platform

    folder = os.path.join(user_cache_dir("cocreate-kit"), "bytecode")
    try:
        os.makedirs(folder, exist_ok=True)
    except OSError:
        return None
    return folder if os.access(folder, os.W_OK) else None


def lean_kernel_env(env: Mapping[str, str]) -> dict[str, str]:
    """``env`` for a page kernel: optimized, with its bytecode cached (see the module's text)."""
    lean = dict(env)
    if lean.get(OPTIMIZE_ENV):
        return lean  # the operator chose
    lean[OPTIMIZE_ENV] = "2"
    if not lean.get("PYTHONPYCACHEPREFIX") and (cache := bytecode_cache()) is not None:
        lean["PYTHONPYCACHEPREFIX"] = cache
        lean.pop("PYTHONDONTWRITEBYTECODE", None)  # written there only, never beside the sources
    return lean
