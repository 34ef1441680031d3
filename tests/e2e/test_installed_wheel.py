"""The kit as a hub installs it: the wheel and the sdist built with ``python -m build``, the
wheel installed into a fresh virtualenv outside the checkout, and there `cocreate demo` serves
the sample workshop to a real browser, `cocreate report` writes its report and
`jupyter nbconvert --to cocreate-report` converts a filled exercise notebook.

Nothing of the checkout is on that environment's path: it runs in a folder of its own, with
PYTHONPATH and the checkout's variables cleared, so a file the package forgot fails here."""

from __future__ import annotations

import os
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

from .conftest import free_port, start_cocreate, stop_cocreate
from .pages import join

REPO = Path(__file__).resolve().parents[2]
RUN_TIME_FILES = (  # what the kit reads at run time, by its place in the package
    "cocreate_kit/share/apps/participant.ipynb",
    "cocreate_kit/share/apps/facilitator.ipynb",
    "cocreate_kit/share/report.ipynb",
    "cocreate_kit/share/sample_data/demo-workshop.json",
    "cocreate_kit/share/templates/cocreate_report/index.html.j2",
)


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """``(bin folder, environment, folder)`` of a fresh virtualenv holding the built wheel."""
    folder = tmp_path_factory.mktemp("installed")
    dist = folder / "dist"
    subprocess.run(
        [sys.executable, "-m", "build", "--outdir", str(dist), str(REPO)],
        check=True,
        capture_output=True,
    )
    [wheel], [sdist] = dist.glob("*.whl"), dist.glob("*.tar.gz")
    with zipfile.ZipFile(wheel) as archive:
        assert [] == [f for f in RUN_TIME_FILES if f not in archive.namelist()]
    with tarfile.open(sdist) as archive:
        members = {m.name.split("/", 1)[1]: m for m in archive.getmembers() if "/" in m.name}
        assert [] == [f for f in RUN_TIME_FILES if f not in members or not members[f].isfile()]
    venv = folder / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    subprocess.run(
        [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", str(wheel)],
        check=True,
        capture_output=True,
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "COCREATE_", "VIRTUAL_ENV"))}
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    work = folder / "work"
    work.mkdir()
    return venv / "bin", env, work


def test_the_installed_wheel_serves_the_demo_to_a_participant(installed, new_page):
    """`cocreate demo` from the installed wheel reaches "Room ready" and a participant joins on
    the page it links to; the package is read from the virtualenv, not the checkout."""
    bin_folder, env, work = installed
    where = subprocess.run(
        [str(bin_folder / "python"), "-c", "import cocreate_kit; print(cocreate_kit.__file__)"],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert str(REPO) not in where and "site-packages" in where
    server = start_cocreate(
        ["demo", "--port", str(free_port()), "--room", "2"],
        work,
        command=[str(bin_folder / "cocreate")],
        env=env,
    )
    try:
        join(new_page(390, 844), server.link("Participants"), "Ann")
    finally:
        stop_cocreate(server)
    assert "Traceback" not in server.output()


def test_the_installed_wheel_writes_reports_and_converts_a_filled_notebook(installed):
    """`cocreate report` writes the demo workshop's HTML report, and a task-plan notebook run
    and saved converts with `jupyter nbconvert --to cocreate-report` into its workshop's report."""
    bin_folder, env, work = installed

    def run(*args, **extra):
        done = subprocess.run(args, cwd=work, env={**env, **extra}, capture_output=True, text=True)
        assert 0 == done.returncode, done.stdout + done.stderr
        return done

    cocreate, demo_db = str(bin_folder / "cocreate"), f"sqlite:///{work / 'reports.db'}"
    sample = run(
        str(bin_folder / "python"),
        "-c",
        "from cocreate_kit.content.resources import sample_workshop as s; print(s())",
    ).stdout.strip()
    imported = run(cocreate, "--db", demo_db, "import", sample).stdout
    workshop = imported.split()[2]  # "Imported workshop ID (title)"
    run(cocreate, "--db", demo_db, "report", workshop, "--format", "html,pdf", "--out", str(work / "reports"))
    written = sorted(p.suffix for p in (work / "reports").iterdir())
    assert [".html", ".pdf"] == written
    db = f"sqlite:///{work / 'laptop.db'}"
    notebook = work / "task-plan.ipynb"
    notebook.write_bytes((REPO / "notebooks" / "exercises" / "task-plan.ipynb").read_bytes())
    jupyter = str(bin_folder / "jupyter")
    run(jupyter, "nbconvert", "--to", "notebook", "--execute", "--inplace", str(notebook), COCREATE_DB=db)
    run(jupyter, "nbconvert", "--to", "cocreate-report", str(notebook), COCREATE_DB=db)
    report = (work / "task-plan.html").read_text(encoding="utf-8")
    assert "Task plan" in report and "(on this laptop)" in report
