"""Save latency with many writers on one store: prints p50/p95/p99 and lost entries per backend.

    python benchmarks/writes.py [--writers 50] [--entries 20] [--pace 1.0] [--postgres URL]
                                                                          (make bench-writes)

Each writer is its own process with its own Store, as each participant's page kernel is; all
start together and add ENTRIES notes each through the store API, pausing a random time between
saves (exponential, mean PACE seconds: a room typing fast; --pace 0 is a tight loop, which on a
2-core machine measures CPU queueing of 50 processes more than the store). A save's
latency is the time ``add_entry`` takes to return (the entry acknowledged); lost = acknowledged
entries missing from the store afterwards. Runs on a SQLite file, and on PostgreSQL when a URL is
given (``--postgres`` or ``$COCREATE_TEST_POSTGRES``; `.ci/start-postgres` starts one).
Target (issue "Scale out"): p95 <= 50 ms with 50 writers x 20 entries, on every backend.
Exits non-zero when a target is missed.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import sys
import tempfile
import time
import uuid
from pathlib import Path

from sqlalchemy import create_engine, text

from cocreate_kit.store import Store

MAP = "ideation/empathy-map"
TARGET_P95 = 0.050


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, int(round(share * len(ordered))) - 1)]


def writer(url: str, workshop: str, participant: str, entries: int, pace: float, start, out) -> None:
    rng = random.Random(participant)
    store = Store(url)
    store.latest("warm-up")  # connect before the clock starts, as a page kernel has
    start.wait()
    times = []
    for n in range(entries):
        if pace:
            time.sleep(rng.expovariate(1 / pace))
        began = time.perf_counter()
        store.add_entry(workshop, participant, MAP, {"group": "shop-owner", "area": "says", "text": f"{n}"})
        times.append(time.perf_counter() - began)
    out.put(times)


def measure(url: str, writers: int, entries: int, pace: float) -> tuple[list[float], int]:
    store = Store(url)
    created = store.create_workshop("Write latency")
    people = [store.join(created.workshop.id, created.join_code, f"W{i}")[0].id for i in range(writers)]
    context = multiprocessing.get_context("spawn")
    start, out = context.Event(), context.Queue()
    procs = [
        context.Process(target=writer, args=(url, created.workshop.id, p, entries, pace, start, out))
        for p in people
    ]
    for proc in procs:
        proc.start()
    time.sleep(2.0 + writers * 0.05)  # every writer connected
    start.set()
    times = [t for _ in procs for t in out.get(timeout=600)]
    for proc in procs:
        proc.join()
    stored = len(store.entries(created.workshop.id, MAP))
    return times, len(times) - stored


def fresh_postgres_db(url: str) -> str:
    """A new database on the server (the benchmark never writes into an existing one)."""
    name = f"bench_{uuid.uuid4().hex[:8]}"
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return url.rsplit("/", 1)[0] + "/" + name


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--writers", type=int, default=50)
    parser.add_argument("--entries", type=int, default=20)
    parser.add_argument("--pace", type=float, default=1.0, help="mean seconds between one writer's saves")
    parser.add_argument("--postgres", default=os.environ.get("COCREATE_TEST_POSTGRES", ""))
    args = parser.parse_args()
    backends = [("sqlite", f"sqlite:///{Path(tempfile.mkdtemp()) / 'writes.db'}")]
    if args.postgres:
        backends.append(("postgresql", fresh_postgres_db(args.postgres)))
    else:
        print("(no PostgreSQL URL: pass --postgres or set COCREATE_TEST_POSTGRES to measure it too)")
    met = 0
    for name, url in backends:
        times, lost = measure(url, args.writers, args.entries, args.pace)
        p50, p95, p99 = (percentile(times, s) * 1000 for s in (0.50, 0.95, 0.99))
        ok = p95 <= TARGET_P95 * 1000 and lost == 0
        met += ok
        print(
            f"{'ok  ' if ok else 'MISS'} {name}: {args.writers} writers x {args.entries} entries "
            f"(pace {args.pace:g} s): "
            f"p50 {p50:.1f} ms, p95 {p95:.1f} ms, p99 {p99:.1f} ms (target p95 <= 50 ms), lost {lost}",
            flush=True,
        )
    print(f"writes: {met}/{len(backends)} backends within target")
    return 0 if met == len(backends) else 1


if __name__ == "__main__":
    sys.exit(main())
