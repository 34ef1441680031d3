"""How long the report takes for a big workshop: 30 participants and 1,000 entries.

Targets (issue: post-session reports): HTML in at most 10 s, PDF in at most 20 s on the
2-core reference machine. Prints the times and file sizes; run with `python benchmarks/report_speed.py`
(`--keep DIR` copies the big workshop's HTML and PDF there, to look at them).
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

from cocreate_kit.content.plan import load_plan
from cocreate_kit.forms.answers import KeyedAnswers
from cocreate_kit.report.build import render_html
from cocreate_kit.report.pdf import html_to_pdf
from cocreate_kit.store import Store

PARTICIPANTS = 30
ENTRIES = 1_000
WORDS = "shop online customers time money website photos orders weekend market delivery trust".split()


def sentence(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 12))).capitalize()


def generate(store: Store) -> str:
    """A workshop whose entries are spread over every exercise kind of the business-hubs plan."""
    rng = random.Random(7)
    plan = load_plan("business-hubs", "en")
    created = store.create_workshop("Benchmark workshop")
    wid = created.workshop.id
    people = [store.join(wid, created.join_code, f"Participant {i}")[0] for i in range(PARTICIPANTS)]
    map_of_people = plan.exercise("ideation/empathy-map").canvas
    areas, personas = [a.id for a in map_of_people.areas], list(map_of_people.personas)
    tasks = []
    written = 0
    for person in people:  # questions and checklists: one answer per item for everyone
        for stage in plan.stages:
            answers = KeyedAnswers(store, person, f"{stage.id}/checklist", [c.id for c in stage.checklist])
            for item in stage.checklist[:3]:
                answers.save(item.id, {"state": rng.choice(["open", "done", "na"]), "comment": ""})
                written += 1
    while written < ENTRIES:
        person = rng.choice(people)
        kind = rng.random()
        if kind < 0.55:
            payload = {"group": rng.choice(personas), "area": rng.choice(areas), "text": sentence(rng)}
            store.add_entry(wid, person.id, "ideation/empathy-map", payload)
        elif kind < 0.75:
            payload = {"part": rng.choice(["jobs", "pains", "gains", "products"]), "text": sentence(rng)}
            store.add_entry(wid, person.id, "ideation/value-map", payload)
        elif kind < 0.9 or not tasks:
            payload = {
                "task": sentence(rng),
                "owner": f"P{rng.randint(1, 30)}",
                "outcome": f"{rng.randint(1, 50)} items",
                "deadline": f"2027-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                "status": rng.choice(["todo", "doing", "done"]),
            }
            tasks.append(store.add_entry(wid, person.id, "preparation/task-plan", payload))
        else:
            task = rng.choice(tasks)
            payload = {
                "task_id": task.entry_id,
                "status": "doing",
                "on_track": rng.random() < 0.7,
                "changes": sentence(rng),
            }
            store.add_entry(wid, person.id, "implementation/progress", payload)
        written += 1
    return wid


HTML_TARGET, PDF_TARGET = 5, 10  # seconds, wall: the HTML, and the HTML with its PDF


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="copy the HTML and PDF reports into this folder")
    args = parser.parse_args()
    # #24's targets hold on a quiet 2-core machine: the load is printed beside the figures.
    load = os.getloadavg()
    print(f"machine: {os.cpu_count()} cores, load {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(f"sqlite:///{Path(tmp) / 'bench.db'}")
        started = time.perf_counter()
        wid = generate(store)
        seconds = time.perf_counter() - started
        print(f"generated {PARTICIPANTS} participants and {ENTRIES} entries in {seconds:.1f} s")
        started, cpu = time.perf_counter(), cpu_seconds()
        html_file = render_html(wid, Path(tmp) / "out", store.url)
        html_seconds, html_cpu = time.perf_counter() - started, cpu_seconds() - cpu
        started, cpu = time.perf_counter(), cpu_seconds()
        pdf_file = html_to_pdf(html_file, html_file.with_suffix(".pdf"))
        pdf_seconds, pdf_cpu = time.perf_counter() - started, cpu_seconds() - cpu
        figures = [
            (
                f"HTML report: {html_seconds:5.1f} s wall, {html_cpu:5.1f} s CPU "
                f"(target <= {HTML_TARGET} s)  {html_file.stat().st_size / 1e6:.2f} MB",
                html_seconds <= HTML_TARGET,
            ),
            (
                f"PDF report:  {html_seconds + pdf_seconds:5.1f} s wall, {html_cpu + pdf_cpu:5.1f} s CPU "
                f"(target <= {PDF_TARGET} s, HTML included)  {pdf_file.stat().st_size / 1e6:.2f} MB",
                html_seconds + pdf_seconds <= PDF_TARGET,
            ),
        ]
        if args.keep:
            args.keep.mkdir(parents=True, exist_ok=True)
            for path in (html_file, pdf_file):
                shutil.copy(path, args.keep / f"big-workshop{path.suffix}")
        for line, ok in figures:
            print(f"{'ok  ' if ok else 'MISS'} {line}")
        met = sum(ok for _line, ok in figures)
        print(f"report: {met}/{len(figures)} figures within target")
        return 0 if met == len(figures) else 1


def cpu_seconds() -> float:
    """CPU time of this process and the finished children (the report notebook's kernel)."""
    me, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + children.ru_utime + children.ru_stime


if __name__ == "__main__":
    sys.exit(main())
