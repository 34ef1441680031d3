"""How many participants one 2-core server holds, and two servers on one PostgreSQL store.

    python benchmarks/capacity.py [--people 16] [--seconds 20] [--postgres URL]   (make bench-capacity)

For each setup (one `cocreate serve` with the whole room; two servers with half each, both on
the same PostgreSQL store) PEOPLE scripted participants join like a phone does (the page, the
widgets, a name, Join; see room.py) and keep their page open, so their kernels tick as in a
session. Over SECONDS the script measures the CPU the servers and their kernels use and their
memory, then prints per-participant figures and the capacity they give on this machine:
the number of people at which the kernels would take 80% of the memory or half of the cores
(the other half is for the database, joins and writes). The last line compares the two setups.
Exits non-zero when a setup cannot be measured (a server that does not start, a join that fails).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import threading
import time

import psutil
from room import free_port, join_like_a_page
from writes import fresh_postgres_db

from cocreate_kit.store import Store

CORE_SHARE = 0.5  # of the machine's cores, for page kernels (the rest: database, joins, writes)
MEMORY_SHARE = 0.8


def hold_page(base: str, query: str, port: int, joined: threading.Event, stop: threading.Event, out) -> None:
    """Join like a phone (``room.join_like_a_page``) and keep the page open, reading what its
    ticking kernel sends, until ``stop``."""

    def keep_open(ws) -> None:
        joined.set()
        while not stop.is_set():
            try:
                ws.recv(timeout=0.5)
            except TimeoutError:
                pass

    join_like_a_page(base, query, port, out, name="Capacity person", then=keep_open)
    joined.set()  # a failed join (``out["error"]``) must not keep the others waiting


def tree(pid: int) -> list[psutil.Process]:
    root = psutil.Process(pid)
    return [root, *root.children(recursive=True)]


def cpu_seconds(processes) -> float:
    total = 0.0
    for process in processes:
        try:
            times = process.cpu_times()
            total += times.user + times.system
        except psutil.NoSuchProcess:
            pass
    return total


def measure(url: str, servers: int, people: int, seconds: float) -> dict:
    store = Store(url)
    created = store.create_workshop(f"Capacity, {servers} server(s)")
    running, ports = [], []
    try:
        for _ in range(servers):
            port = free_port()
            cli = [sys.executable, "-m", "cocreate_kit.cli", "--db", url, "serve", "--port", str(port)]
            cli += [
                "--workshop",
                created.workshop.id,
                "--room",
                str(people // servers),
                "--refill-after",
                "600",
            ]
            process = subprocess.Popen(cli, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                       start_new_session=True)  # fmt: skip
            log: list[str] = []
            threading.Thread(target=lambda p=process, lines=log: [lines.append(x) for x in p.stdout],
                             daemon=True).start()  # fmt: skip
            running.append((process, log))
            ports.append(port)
        started = time.perf_counter()
        for process, log in running:
            while not any(line.startswith("Room ready") for line in log):
                if process.poll() is not None or time.perf_counter() - started > 600:
                    return {"error": "a server did not start: " + "".join(log[-3:])}
                time.sleep(0.5)
        stop, outcomes = threading.Event(), []
        for i in range(people):
            port = ports[i % servers]
            joined, out = threading.Event(), {}
            base = f"http://127.0.0.1:{port}/voila/render"
            query = f"workshop={created.workshop.id}&code={created.join_code}"
            threading.Thread(
                target=hold_page, args=(base, query, port, joined, stop, out), daemon=True
            ).start()
            joined.wait(300)
            outcomes.append(out)
        failed = [o["error"] for o in outcomes if "error" in o]
        if failed:
            stop.set()
            return {"error": f"{len(failed)} joins failed: {failed[0]}"}
        time.sleep(3)  # every page ticking
        processes = [p for process, _log in running for p in tree(process.pid)]
        before, began = cpu_seconds(processes), time.perf_counter()
        time.sleep(seconds)
        cpu = (cpu_seconds(processes) - before) / (time.perf_counter() - began)
        memory = sum(p.memory_info().rss for p in processes if p.is_running()) / 2**20
        stop.set()
        return {
            "cpu_per_person": cpu / people,
            "mb_per_person": memory / people,
            "memory_mb": memory,
            "cpu": cpu,
        }
    finally:
        for process, _log in running:
            try:
                os.killpg(process.pid, 15)
                process.wait(timeout=60)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                pass


def capacity(figures: dict) -> tuple[int, str]:
    cores, memory = psutil.cpu_count(), psutil.virtual_memory().total / 2**20
    by_cpu = cores * CORE_SHARE / max(figures["cpu_per_person"], 1e-9)
    by_memory = memory * MEMORY_SHARE / figures["mb_per_person"]
    limit = "memory" if by_memory < by_cpu else "CPU"
    return int(min(by_cpu, by_memory)), limit


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--postgres", default=os.environ.get("COCREATE_TEST_POSTGRES", ""))
    args = parser.parse_args()
    if not args.postgres:
        print("capacity: needs PostgreSQL (--postgres URL or COCREATE_TEST_POSTGRES; .ci/start-postgres)")
        return 2
    url = fresh_postgres_db(args.postgres)
    print(f"machine: {psutil.cpu_count()} cores, {psutil.virtual_memory().total / 2**30:.1f} GB; "
          f"{args.people} participants with open pages, measured over {args.seconds:g} s")  # fmt: skip
    results = {}
    for servers in (1, 2):
        figures = measure(url, servers, args.people, args.seconds)
        if "error" in figures:
            print(f"MISS {servers} server(s): {figures['error']}")
            print("capacity: could not be measured")
            return 1
        people, limit = capacity(figures)
        results[servers] = people
        print(
            f"ok   {servers} server(s) on one PostgreSQL: {figures['cpu_per_person'] * 1000:.1f} ms CPU per "
            f"participant per second, {figures['mb_per_person']:.0f} MB per participant (servers and kernels "
            f"{figures['memory_mb'] / 1024:.2f} GB): about {people} participants here ({limit} bound)"
        )
    print(
        f"capacity: one server ~{results[1]}, two servers on this machine ~{results[2]}, ratio "
        f"{results[2] / results[1]:.2f} (two machines add up; the store is then the shared part)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
