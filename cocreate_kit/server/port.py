"""Is the port free? And if not, who holds it: said before Voila starts, so a second server
never quietly moves to another port while its links point at the first one."""

from __future__ import annotations

import errno
import socket

__all__ = ["port_holder", "port_taken_message"]


def port_holder(host: str, port: int) -> str | None:
    """None when ``host:port`` can be listened on; otherwise who holds it, in words."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as Tornado listens
        try:
            probe.bind((host, port))
        except OSError as exc:
            if exc.errno != errno.EADDRINUSE:
                return None  # not ours to judge (a bad address): Voila reports it
            return _who_listens(port)
    return None


def _who_listens(port: int) -> str:
    import psutil  # a dependency of ipykernel; only when the port is taken

    try:
        sockets = [c for c in psutil.net_connections("tcp") if c.laddr and c.laddr.port == port]
    except psutil.Error:
        sockets = []
    pids = {c.pid for c in sockets if c.status == "LISTEN"}
    for pid in sorted(p for p in pids if p):
        try:
            process = psutil.Process(pid)
            command = " ".join(process.cmdline())
            parent = process.parent()
        except psutil.Error:
            continue
        if "voila" in command and parent is not None and "cocreate" in " ".join(parent.cmdline()):
            return f"an earlier cocreate server (pid {parent.pid}; its Voila is pid {pid})"
        if "voila" in command:
            return f"a Voila server (pid {pid})"
        return f"{process.name()} (pid {pid})"
    if sockets and not pids:  # nobody listens: what is left of connections to a server that ended
        return "connections that are still closing (nothing listens on it; try again in a minute)"
    return "another program"


def port_taken_message(host: str, port: int, holder: str) -> str:
    return (
        f"Port {port} on {host} is taken by {holder}. Stop it (Ctrl-C in its terminal, or kill "
        f"the pid), or serve on another port with --port."
    )
