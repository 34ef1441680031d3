"""A full room, live: prints the figures of the "full room" issue and exits non-zero on a miss.

    python benchmarks/room.py [--people 40] [--notes 20] [--minutes 2]      (make bench-room)

- flat ticks: one idle participant tick and one idle board tick, at 500 and at 20,000 revisions
  (time and SQL queries; in-process, widgets without a browser);
- board latency: PEOPLE writer processes add NOTES notes each through the store API over the
  given minutes; a board (the real FacilitatorBoard, ticking on an event loop) records when each
  acknowledged note shows; p95 and lost notes;
- join burst: a real `cocreate serve --room PEOPLE`; PEOPLE clients open the join link within
  5 s and do what Voila's page script does (page, then the widgets over the kernel websocket),
  join with a name, and wait for the workspace; p95 of each step, preheat time, server memory;
- participant kernel memory: RSS of a joined participant kernel vs a bare ipywidgets kernel.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
import uuid
from pathlib import Path

import psutil
from figures import free_port, p95, report, summary
from sqlalchemy import event

from cocreate_kit.apps.facilitator import FacilitatorBoard
from cocreate_kit.apps.participant import ParticipantApp
from cocreate_kit.content.plan import load_ui
from cocreate_kit.store import Store, import_workshop
from cocreate_kit.store.transfer import FORMAT, FORMAT_VERSION

MAP = "ideation/empathy-map"


# -- flat ticks ---------------------------------------------------------------------------


def synthetic_workshop(revisions: int, people: int = 40) -> dict:
    """An export with ``revisions`` revisions: notes, about one edit in four."""
    stamp = "2026-01-01T10:00:00.000+00:00"
    participants = [
        {
            "id": f"p{i:015d}",
            "display_name": f"Person {i}",
            "token_hash": uuid.uuid4().hex * 2,
            "created_at": stamp,
        }
        for i in range(people)
    ]
    revs, entry = [], 0
    while len(revs) < revisions:
        entry += 1
        who = participants[entry % people]["id"]
        body = {"group": "shop-owner", "area": "pains", "text": f"note {entry}"}
        revs.append(
            dict(entry_id=f"e{entry:015d}", revision=1, participant_id=who, exercise=MAP, payload=body)
        )
        if entry % 4 == 0 and len(revs) < revisions:
            revs.append(dict(revs[-1], revision=2, payload={**body, "text": f"note {entry} (edited)"}))
    for rev in revs:
        rev.update(deleted=False, created_at=stamp)
    workshop = {
        "id": uuid.uuid4().hex[:16],
        "title": "Bench",
        "plan": "business-hubs",
        "lang": "en",
        "join_code": "BENCH" + str(revisions % 10),
        "facilitator_key_hash": "0" * 64,
        "created_at": stamp,
    }
    return {"format": FORMAT, "format_version": FORMAT_VERSION, "workshop": workshop,
            "participants": participants, "revisions": revs}  # fmt: skip


def idle_tick(tick, engine, repeats: int = 30) -> tuple[float, float]:
    """Median seconds and median SQL queries of ``tick()`` with nothing new in the store."""
    times, queries = [], []
    count = [0]

    def counter(_conn, _cursor, statement, *_args):
        if not statement.lstrip().upper().startswith("BEGIN"):
            count[0] += 1

    event.listen(engine, "before_cursor_execute", counter)
    try:
        for _ in range(repeats):
            count[0] = 0
            start = time.perf_counter()
            tick()
            times.append(time.perf_counter() - start)
            queries.append(count[0])
    finally:
        event.remove(engine, "before_cursor_execute", counter)
    return statistics.median(times), statistics.median(queries)


def flat_ticks(folder: Path) -> None:
    measured = {}
    for size in (500, 20_000):
        store = Store(f"sqlite:///{folder / f'ticks-{size}.db'}")
        workshop = import_workshop(store, synthetic_workshop(size))
        page = ParticipantApp(store, {"workshop": workshop.id, "code": workshop.join_code})
        page.name_input.value = "Bench"
        page.join_button.click()
        board = FacilitatorBoard(store, workshop.id)
        measured[size] = (idle_tick(page.follower.tick, store.engine), idle_tick(board.tick, store.engine))
    for index, who in enumerate(("participant", "board")):
        (t_small, q_small), (t_big, q_big) = measured[500][index], measured[20_000][index]
        ratio = t_big / t_small
        report(
            f"flat ticks, idle {who} tick",
            f"{t_small * 1000:.2f} ms / {q_small:g} queries at 500 revisions, "
            f"{t_big * 1000:.2f} ms / {q_big:g} queries at 20,000; ratio {ratio:.2f} (target <= 1.5)",
            ratio <= 1.5,
        )


# -- board latency ------------------------------------------------------------------------


def writer(url: str, workshop_id: str, code: str, index: int, notes: int, seconds: float, acks) -> None:
    store = Store(url)
    person, _token = store.join(workshop_id, code, f"Writer {index}")
    start = time.time()
    for n in range(notes):
        time.sleep(max(0.0, start + seconds * (n + 0.5 * (index % 2)) / notes - time.time()))
        text = f"w{index}-n{n}"
        store.add_entry(workshop_id, person.id, MAP, {"group": "shop-owner", "area": "pains", "text": text})
        acks.put((text, time.time()))


def board_latency(folder: Path, people: int, notes: int, seconds: float) -> None:
    url = f"sqlite:///{folder / 'latency.db'}"
    created = Store(url).create_workshop("Latency")
    board = FacilitatorBoard(Store(url), created.workshop.id)
    seen: dict[str, float] = {}
    expected = people * notes

    async def watch():
        board.start_auto_refresh()
        deadline = time.time() + seconds + 60
        while len(seen) < expected and time.time() < deadline:
            now = time.time()
            for text in re.findall(r"(w\d+-n\d+)</div>|(w\d+-n\d+)<span", board.board.value):
                seen.setdefault(text[0] or text[1], now)
            await asyncio.sleep(0.02)
        board.stop()

    context = multiprocessing.get_context("spawn")
    acks = context.Queue()
    args = (url, created.workshop.id, created.join_code)
    writers = [context.Process(target=writer, args=(*args, i, notes, seconds, acks)) for i in range(people)]
    for process in writers:
        process.start()
    asyncio.run(watch())
    for process in writers:
        process.join()
    acked = dict(acks.get() for _ in range(expected))
    delays = [seen[text] - at for text, at in acked.items() if text in seen]
    lost = expected - len(delays)
    stored = len(Store(url).entries(created.workshop.id, exercise=MAP))
    report(
        "board latency",
        f"{people} writers x {notes} notes over {seconds:.0f} s: p50 {statistics.median(delays):.2f} s, "
        f"p95 {p95(delays):.2f} s (target <= 1 s); lost {lost} on the board, "
        f"{expected - stored} in the store",
        p95(delays) <= 1.0 and lost == 0 and stored == expected,
    )


# -- join burst and kernel memory -----------------------------------------------------------


def message(kind: str, content: dict, session: str) -> str:
    header = {"msg_id": uuid.uuid4().hex, "msg_type": kind, "username": "", "session": session,
              "date": "", "version": "5.3"}  # fmt: skip
    body = {"header": header, "parent_header": {}, "metadata": {"version": "1.0.0"}, "content": content}
    return json.dumps({**body, "channel": "shell", "buffers": []})


NAME_LABEL = load_ui("en")["name_label"]  # the join form's name box, found by its label


def join_like_a_page(
    base: str, query: str, port: int, out: dict, name: str = "Bench person", then=None
) -> None:
    """What a phone does: the page, the widgets (as Voila's script asks for them), a name, Join;
    ``then(ws)``, if given, runs once joined, with the page's socket still open."""
    from websockets.sync.client import connect

    start = time.perf_counter()
    try:
        with urllib.request.urlopen(f"{base}/participant.ipynb?{query}", timeout=300) as page:
            html = page.read().decode()
        kernel = re.search(r'"kernelId": "([0-9a-f-]+)"', html).group(1)
        out["kernel"] = kernel
        session = uuid.uuid4().hex
        ws_url = f"ws://127.0.0.1:{port}/api/kernels/{kernel}/channels?session_id={session}"
        with connect(ws_url, open_timeout=300, max_size=None) as ws:
            comm = uuid.uuid4().hex
            ws.send(
                message(
                    "comm_open",
                    {"comm_id": comm, "target_name": "jupyter.widget.control", "data": {}},
                    session,
                )
            )
            ws.send(message("comm_msg", {"comm_id": comm, "data": {"method": "request_states"}}, session))
            states = {}
            while not states:
                reply = json.loads(ws.recv(timeout=300))
                data = reply.get("content", {}).get("data", {})
                if reply.get("msg_type") == "comm_msg" and data.get("method") == "update_states":
                    states = data["states"]
            join = next(i for i, s in states.items() if s.get("state", {}).get("description") == "Join")
            name = next(i for i, s in states.items() if s.get("state", {}).get("description") == NAME_LABEL)
            out["form"] = time.perf_counter() - start
            clicked = time.perf_counter()
            update = {"method": "update", "state": {"value": name}, "buffer_paths": []}
            ws.send(message("comm_msg", {"comm_id": name, "data": update}, session))
            click = {"method": "custom", "content": {"event": "click"}}
            ws.send(message("comm_msg", {"comm_id": join, "data": click}, session))
            while "cck-personal-link" not in ws.recv(timeout=300):
                pass
            out["workspace"] = time.perf_counter() - clicked
            if then is not None:
                then(ws)
    except Exception as exc:  # a failed join is a figure too
        out["error"] = repr(exc)[:200]


def kernel_rss(kernel_id: str) -> float | None:
    for process in psutil.process_iter(["cmdline"]):
        if any(kernel_id in part for part in process.info["cmdline"] or []):
            return process.memory_info().rss / 2**20
    return None


def bare_kernel_rss() -> float:
    from jupyter_client.manager import start_new_kernel

    manager, client = start_new_kernel(kernel_name="python3")
    try:
        client.execute_interactive(
            "import ipywidgets; ipywidgets.IntSlider()", timeout=60, output_hook=lambda _m: None
        )
        return psutil.Process(manager.provisioner.process.pid).memory_info().rss / 2**20
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)


def join_burst(folder: Path, people: int) -> None:
    url = f"sqlite:///{folder / 'burst.db'}"
    created = Store(url).create_workshop("Burst")
    port = free_port()
    cli = [sys.executable, "-m", "cocreate_kit.cli", "--db", url, "serve", "--port", str(port)]
    started = time.perf_counter()
    server = subprocess.Popen(
        [*cli, "--room", str(people), "--workshop", created.workshop.id],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True,
    )  # fmt: skip
    log: list[str] = []
    threading.Thread(target=lambda: [log.append(line) for line in server.stdout], daemon=True).start()
    try:
        # The server says "Room ready" once every preheated participant page waits for a person.
        while not any(line.startswith("Room ready") for line in log):
            if server.poll() is not None or time.perf_counter() - started > 600:
                report("join burst", "the server did not preheat: " + "".join(log[-5:]), False)
                return
            time.sleep(0.5)
        preheat = time.perf_counter() - started
        print("     server said: " + next(line for line in log if line.startswith("Room ready")).strip())
        base = f"http://127.0.0.1:{port}/voila/render"
        query = f"workshop={created.workshop.id}&code={created.join_code}"
        outcomes = [{} for _ in range(people)]
        threads = [
            threading.Timer(5.0 * i / max(people - 1, 1), join_like_a_page, (base, query, port, outcomes[i]))
            for i in range(people)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        failed = [o["error"] for o in outcomes if "error" in o]
        forms = [o["form"] for o in outcomes if "form" in o]
        workspaces = [o["workspace"] for o in outcomes if "workspace" in o]
        voila = psutil.Process(server.pid)
        memory = sum(p.memory_info().rss for p in [voila, *voila.children(recursive=True)]) / 2**30
        print(
            f"     preheat of {people} participant pages (+ board, presenter, join screen): {preheat:.1f} s; "
            f"server with kernels after the burst: {memory:.2f} GB RSS"
        )
        report(
            "join burst",
            f"{people} joins within 5 s: usable join form p95 {p95(forms):.2f} s (target <= 3 s), "
            f"workspace after Join p95 {p95(workspaces):.2f} s (target <= 2 s); "
            f"{len(failed)} failed {failed[:1]}",
            not failed and p95(forms) <= 3 and p95(workspaces) <= 2,
        )
        joined = [kernel_rss(o["kernel"]) for o in outcomes if "workspace" in o]
        joined = [rss for rss in joined if rss]
        bare = bare_kernel_rss()
        participant = statistics.median(joined) if joined else float("nan")
        report(
            "participant kernel memory",
            f"joined participant kernel {participant:.1f} MB vs bare ipywidgets kernel {bare:.1f} MB: "
            f"{participant / bare:.3f}x (target <= 1.3x)",
            participant / bare <= 1.3,
        )
    finally:
        os.killpg(server.pid, 15)
        server.wait(timeout=60)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=40)
    parser.add_argument("--notes", type=int, default=20)
    parser.add_argument("--minutes", type=float, default=2.0)
    args = parser.parse_args()
    load = os.getloadavg()
    print(f"machine: {os.cpu_count()} cores, load {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        flat_ticks(folder)
        board_latency(folder, args.people, args.notes, args.minutes * 60)
        join_burst(folder, args.people)
    print(f"load after: {os.getloadavg()[0]:.2f}")
    return summary("room")


if __name__ == "__main__":
    sys.exit(main())
