"""What every benchmark here shares: figures printed as they come, p95, a free port, and the
last line that says how many figures met their target (the exit code follows it)."""

from __future__ import annotations

import socket

results: list[tuple[str, str, bool]] = []


def report(name: str, value: str, ok: bool | None = None) -> None:
    """Print a figure; ``ok`` None prints it for the record, with no target."""
    if ok is not None:
        results.append((name, value, ok))
    mark = "    " if ok is None else ("ok  " if ok else "MISS")
    print(f"{mark} {name}: {value}", flush=True)


def p95(values) -> float:
    ordered = sorted(values)
    return ordered[max(0, int(round(0.95 * len(ordered))) - 1)] if ordered else float("nan")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def summary(name: str) -> int:
    """Print ``NAME: met/all figures within target`` and return the exit code (1 on a miss)."""
    met = sum(ok for _name, _value, ok in results)
    print(f"{name}: {met}/{len(results)} figures within target")
    return 0 if met == len(results) else 1
