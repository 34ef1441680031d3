"""A taken port is said, with who holds it, and `cocreate serve` stops there: it never moves to
another port while printing links for the one it asked for."""

from __future__ import annotations

import os
import socket
import subprocess
import sys

from cocreate_kit.server.port import port_holder
from cocreate_kit.store import Store


def test_a_free_port_has_no_holder_and_a_taken_one_names_its_process():
    """A port someone listens on is taken by that process (named with its pid); once it is
    closed the port is free again."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        port = listener.getsockname()[1]
        holder = port_holder("127.0.0.1", port)
        assert holder is not None and f"pid {os.getpid()}" in holder
    assert port_holder("127.0.0.1", port) is None


def test_cocreate_serve_on_a_taken_port_says_so_and_exits_non_zero(tmp_path):
    """`cocreate serve --port P` with P taken ends with exit code 1 and one line naming the port
    and its holder, and prints no participant link."""
    url = f"sqlite:///{tmp_path / 'p.db'}"
    workshop = Store(url).create_workshop("Busy").workshop.id
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        port = listener.getsockname()[1]
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "cocreate_kit.cli",
                "--db",
                url,
                "serve",
                "--port",
                str(port),
                "--workshop",
                workshop,
            ],
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert 1 == done.returncode
    assert f"Port {port} on 127.0.0.1 is taken by" in done.stderr and f"pid {os.getpid()}" in done.stderr
    assert "Participants:" not in done.stdout and "Traceback" not in done.stderr
