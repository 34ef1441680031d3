"""A hub adds its own plan or language as files: `cocreate plans check DIR` names every problem
with file and path, and `cocreate new --plans DIR` runs a workshop on them."""

from __future__ import annotations

import os
import re
import shutil
import sys

import pytest
import yaml
from click.testing import CliRunner

from cocreate_kit.cli.main import main
from cocreate_kit.content.check import check_folder
from cocreate_kit.content.plan import PLANS_DIR, PLANS_ENV, forget_loaded_content, load_plan


@pytest.fixture
def own_plans(tmp_path, monkeypatch):
    """The README's example: a copy of the small-commerce plan, renamed, with one question changed."""
    folder = tmp_path / "my-plans"
    folder.mkdir()
    text = (PLANS_DIR / "small-commerce.en.yaml").read_text(encoding="utf-8")
    text = text.replace("id: small-commerce", "id: bakery-day", 1)
    plan = yaml.safe_load(text)
    plan["stages"][0]["questions"][0]["text"] = "What would make a regular order bread online?"
    (folder / "bakery-day.en.yaml").write_text(yaml.safe_dump(plan, allow_unicode=True), encoding="utf-8")
    monkeypatch.delenv(PLANS_ENV, raising=False)
    yield folder
    os.environ.pop(PLANS_ENV, None)  # --plans set it for this process (as for the server's kernels)
    forget_loaded_content()


def run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_the_shipped_content_passes_the_check():
    """Every plan, persona and UI file the kit ships is consistent (what a hub's copy starts from)."""
    assert check_folder(PLANS_DIR) == []


def test_a_copied_plan_with_one_changed_question_runs_a_workshop(own_plans, tmp_path):
    """The README example: check the folder, create a workshop on the new plan, and the
    participant's page asks the changed question."""
    checked = run("plans", "check", str(own_plans))
    assert checked.exit_code == 0 and checked.output.startswith("OK: 1 file")

    db = f"sqlite:///{tmp_path / 'hub.db'}"
    created = run(
        "--db", db, "new", "Bakery day", "--plan", "bakery-day", "--plans", str(own_plans), "--json"
    )
    assert created.exit_code == 0, created.output
    ids = yaml.safe_load(created.output)

    from cocreate_kit.apps.participant import ParticipantApp
    from cocreate_kit.store import Store

    app = ParticipantApp(Store(db), {"workshop": ids["workshop"], "code": ids["join_code"]})
    app.name_input.value = "Bea"
    app.join_button.click()
    questions = next(key for key in app.sections if key.endswith("/questions"))
    app.open_section(questions)
    first = app.form.boxes["q1"]
    assert first.description == "1. What would make a regular order bread online?"


def test_a_workshop_on_a_missing_plan_folder_is_refused_by_name(tmp_path):
    """Without --plans the new plan does not exist: `new` says so and lists what does."""
    result = CliRunner().invoke(
        main, ["--db", f"sqlite:///{tmp_path / 'x.db'}", "new", "Bakery", "--plan", "bakery-day"]
    )
    assert result.exit_code != 0 and "There is no plan 'bakery-day'" in result.output


def test_every_problem_is_named_with_file_and_path(tmp_path):
    """A Dutch translation that lost a question, a plan naming an unknown persona, a link that is
    not https, UI words with a missing key and a lost placeholder: each is one line naming the
    file and where in it; nothing is used until the folder is clean."""
    folder = tmp_path / "broken"
    folder.mkdir()
    plan = yaml.safe_load((PLANS_DIR / "business-hubs.nl.yaml").read_text(encoding="utf-8"))
    del plan["stages"][1]["questions"][2]
    canvas = plan["stages"][0]["exercises"][0]["canvas"]  # the empathy map
    canvas["personas"] = [*canvas["personas"], "nobody-here"]
    plan["stages"][0].setdefault("resources", []).append(
        {"title": "Old page", "kind": "article", "url": "http://example.org/x", "why": "Old."}
    )
    (folder / "business-hubs.nl.yaml").write_text(yaml.safe_dump(plan, allow_unicode=True), encoding="utf-8")
    words = yaml.safe_load((PLANS_DIR / "ui.nl.yaml").read_text(encoding="utf-8"))
    del words["join_title"]
    words["report_vote"] = "Stemming"  # lost {section} and {dots}
    words["made_up_key"] = "Hallo"
    (folder / "ui.nl.yaml").write_text(yaml.safe_dump(words, allow_unicode=True), encoding="utf-8")
    (folder / "notes.txt.yaml").write_text("a: 1", encoding="utf-8")

    problems = check_folder(folder)
    text = "\n".join(problems)
    assert re.search(r"business-hubs\.nl\.yaml: .*stages\.0\.resources\.\d+.*https", text), text
    assert "ui.nl.yaml: join_title: missing" in text
    assert "ui.nl.yaml: report_vote: placeholders must be exactly: {dots}, {section}" in text
    assert "ui.nl.yaml: made_up_key: not a UI key" in text
    assert "notes.txt.yaml: name it" in text

    # Once the URL is fixed, the shape and the persona are reported too.
    plan["stages"][0]["resources"][-1]["url"] = "https://example.org/x"
    (folder / "business-hubs.nl.yaml").write_text(yaml.safe_dump(plan, allow_unicode=True), encoding="utf-8")
    text = "\n".join(check_folder(folder))
    assert (
        "business-hubs.nl.yaml: stages.0.exercises.0.canvas.personas.2: no persona 'nobody-here'" in text
    ), text
    assert re.search(r"business-hubs\.nl\.yaml: stages\.(0\.resources|1\.questions): \d+ items", text), text

    refused = CliRunner().invoke(main, ["plans", "list", "--plans", str(folder)])
    assert refused.exit_code != 0 and "problem" in refused.output
    result = CliRunner().invoke(main, ["plans", "check", str(folder)])
    assert result.exit_code == 1 and "Traceback" not in result.output


def test_a_new_language_needs_its_ui_words(tmp_path):
    """A plan in a language the kit has no UI words for is refused until ui.<lang>.yaml is there."""
    folder = tmp_path / "portuguese"  # a language the kit does not ship
    folder.mkdir()
    plan = yaml.safe_load((PLANS_DIR / "idea-call.en.yaml").read_text(encoding="utf-8"))
    plan["lang"] = "pt"
    (folder / "idea-call.pt.yaml").write_text(yaml.safe_dump(plan), encoding="utf-8")
    assert any("there is no ui.pt.yaml" in p for p in check_folder(folder))
    shutil.copy(PLANS_DIR / "ui.en.yaml", folder / "ui.pt.yaml")
    assert check_folder(folder) == []


def _run_readme_example(section: str, tmp_path):
    """Run the first bash block of a README section as written, all but `serve`, from a folder
    that looks like a clean clone (the package and the virtualenv linked in)."""
    import subprocess
    from pathlib import Path

    repo = Path(__file__).resolve().parents[2]
    readme = (repo / "README.md").read_text(encoding="utf-8")
    block = readme.split(f"### {section}\n", 1)[1].split("```bash\n", 1)[1].split("```", 1)[0]
    script = "\n".join(line for line in block.splitlines() if "cocreate serve" not in line)
    (tmp_path / "cocreate_kit").symlink_to(repo / "cocreate_kit")
    (tmp_path / ".venv").symlink_to(Path(sys.prefix))
    db = f"sqlite:///{tmp_path / 'hub.db'}"
    env = {**os.environ, "COCREATE_DB": db}
    env.pop(PLANS_ENV, None)
    done = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", script], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done, db


def test_the_readme_example_works_as_written(tmp_path, monkeypatch):
    """The README's "Your own plan or language" commands, run as written (all but `serve`), make a
    workshop whose first question is the changed one."""
    from cocreate_kit.store import Store

    done, db = _run_readme_example("Your own plan or language", tmp_path)
    assert "OK: 1 file" in done.stdout

    [workshop] = Store(db).list_workshops()
    assert workshop.plan == "bakery-day"
    monkeypatch.setenv(PLANS_ENV, str(tmp_path / "my-plans"))
    forget_loaded_content()
    try:
        first = load_plan("bakery-day", "en").stages[0].questions[0].text
    finally:
        monkeypatch.delenv(PLANS_ENV)
        forget_loaded_content()
    assert first == "What would make a regular order bread online?"


def test_the_readme_canvas_example_works_as_written(tmp_path, monkeypatch):
    """The README's "A canvas of your own" commands, run as written (all but `serve`), make a
    workshop whose board draws the stakeholder map on its 2 × 2 grid, with no Python written."""
    from cocreate_kit.apps.facilitator import FacilitatorBoard
    from cocreate_kit.store import Store

    done, db = _run_readme_example("A canvas of your own", tmp_path)
    assert "OK: 1 file" in done.stdout
    store = Store(db)
    [workshop] = store.list_workshops()
    assert workshop.plan == "stakeholders"
    monkeypatch.setenv(PLANS_ENV, str(tmp_path / "my-canvas"))
    forget_loaded_content()
    try:
        person, _token = store.join(workshop.id, workshop.join_code, "Ann")
        store.add_entry(
            workshop.id,
            person.id,
            "ideation/stakeholder-map",
            {"area": "manage-closely", "text": "The landlord"},
        )
        board = FacilitatorBoard(store, workshop.id).board.value
    finally:
        monkeypatch.delenv(PLANS_ENV)
        forget_loaded_content()
    assert "grid-template-columns: repeat(2, minmax(0, 1fr))" in board
    manage = board.split("data-area='manage-closely'", 1)[1].split("</div></div>", 1)[0]
    assert "grid-row: 1 / span 1; grid-column: 2 / span 1; background: #e7effa;" in manage
    assert "The landlord" in manage
