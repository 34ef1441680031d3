"""Page kernels start optimized (no docstrings, no asserts) with their bytecode cached in the
kit's own folder, never beside the installed sources; an operator's PYTHONOPTIMIZE wins."""

from __future__ import annotations

import os
import subprocess
import sys

import psutil
import pytest

from cocreate_kit.server.lean_kernels import OPTIMIZE_ENV, lean_kernel_env
from cocreate_kit.server.page_kernels import PageKernelManager
from tests.loops import run_on_own_loop

PROBE = (
    "import sys, cocreate_kit.apps.participant as page; "
    "print(sys.flags.optimize, page.__doc__ is None, page.__cached__)"
)


@pytest.fixture
def cache_home(tmp_path, monkeypatch):
    """The user's cache folder, here a fresh one (platformdirs reads XDG_CACHE_HOME)."""
    home = tmp_path / "cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    return home


def test_a_lean_kernel_drops_docstrings_and_caches_its_bytecode_in_the_kits_folder(cache_home):
    """A Python started with the lean environment runs at optimization level 2 (a page module's
    docstring is gone) and, even where writing bytecode was turned off, writes its optimized
    bytecode under the kit's cache folder, where the next kernel finds it."""
    env = lean_kernel_env({**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})
    done = subprocess.run([sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, timeout=120)
    optimize, no_doc, cached = done.stdout.split()
    assert ("2", "True") == (optimize, no_doc), done.stderr
    assert cached.startswith(str(cache_home / "cocreate-kit" / "bytecode")) and cached.endswith(".opt-2.pyc")
    assert os.path.exists(cached)


def test_an_operators_choice_of_optimization_is_kept(cache_home):
    """PYTHONOPTIMIZE=0 in the server's environment: kernels run as plain Python, nothing cached."""
    env = lean_kernel_env({"PYTHONOPTIMIZE": "0", "PATH": "/usr/bin"})
    assert {"PYTHONOPTIMIZE": "0", "PATH": "/usr/bin"} == env
    assert not cache_home.exists()


def test_without_a_writable_cache_folder_nothing_is_written_anywhere(tmp_path, monkeypatch):
    """A cache folder that cannot be made: still optimized, and a wish not to write bytecode holds."""
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    env = lean_kernel_env({"PYTHONDONTWRITEBYTECODE": "1"})
    assert {OPTIMIZE_ENV: "2", "PYTHONDONTWRITEBYTECODE": "1"} == env


def test_the_servers_kernel_manager_starts_every_kernel_lean(cache_home):
    """A kernel the kit's kernel manager starts (as Voila asks it to, with the page's own
    environment) has the lean environment and keeps what the page was given."""

    async def start_and_read():
        manager = PageKernelManager()
        kernel_id = await manager.start_kernel(kernel_name="python3", env={**os.environ, "PAGE_ONLY": "yes"})
        try:
            pid = manager.get_kernel(kernel_id).provisioner.process.pid
            return psutil.Process(pid).environ()
        finally:
            await manager.shutdown_kernel(kernel_id, now=True)

    environ = run_on_own_loop(start_and_read, 120)
    assert "2" == environ[OPTIMIZE_ENV] and "yes" == environ["PAGE_ONLY"]
    assert environ["PYTHONPYCACHEPREFIX"].startswith(str(cache_home))
