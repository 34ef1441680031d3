"""Every `cocreate` command, run through click as a user would type it."""

from __future__ import annotations

import csv
import json

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from cocreate_kit.cli.main import main
from cocreate_kit.store import Store

from ..backends import only_sqlite

PAYLOAD = "<img src=x onerror=alert(1)>"


@pytest.fixture
def db_url(any_db_url):
    """These tests run on SQLite and, when a server is given, on PostgreSQL."""
    return any_db_url


@pytest.fixture
def run(db_url):
    runner = CliRunner()

    def invoke(*args, db=db_url):
        result = runner.invoke(main, ["--db", db, *args], catch_exceptions=False)
        return result

    return invoke


def _new(run, title="Bakery street"):
    result = run("new", title, "--json")
    assert 0 == result.exit_code, result.output
    return json.loads(result.output)


def test_every_command_has_help(run):
    """`--help` works on the group and on each command."""
    for args in ([], ["new"], ["list"], ["export"], ["import"], ["serve"], ["demo"]):
        result = run(*args, "--help")
        assert 0 == result.exit_code
        assert "Usage:" in result.output


def test_new_json_has_the_keys_scripts_rely_on(run, db_url):
    """`new --json` prints workshop, join_code and facilitator_key, and the key really works."""
    created = _new(run)
    assert {"workshop", "join_code", "facilitator_key"} <= set(created)
    assert Store(db_url).check_facilitator_key(created["workshop"], created["facilitator_key"])


def test_new_text_output_names_code_and_key(run):
    """Plain `new` prints the id, join code and key for a person to copy."""
    result = run("new", "Crafts fair")
    assert 0 == result.exit_code
    assert "Join code:" in result.output and "Facilitator key:" in result.output


def test_new_refuses_unknown_plan(run):
    """An unknown plan is a one-line error that lists the plans there are, and creates nothing."""
    result = run("new", "X", "--plan", "no-such-plan")
    assert 0 != result.exit_code
    assert "no-such-plan" in result.output and "Traceback" not in result.output
    assert "business-hubs (de/en/fr/nl)" in result.output and "small-commerce" in result.output
    assert "[]" == run("list", "--json").output.strip()


def test_list_shows_created_workshops(run):
    """`list --json` lists what `new` created, and the table names the title."""
    created = _new(run, "Market hall")
    listed = json.loads(run("list", "--json").output)
    assert [created["workshop"]] == [w["workshop"] for w in listed]
    assert "Market hall" in run("list").output


def test_list_says_which_workshops_have_ended(run, db_url):
    """A workshop whose session the facilitator ended reads "ended" in `list` (and in its JSON);
    reopened, it reads "open" again."""
    from cocreate_kit.live.facilitation import WorkshopControl

    created, other = _new(run, "Ended one"), _new(run, "Still open")
    control = WorkshopControl(Store(db_url), created["workshop"])
    control.end_session()
    listed = {w["workshop"]: w["ended"] for w in json.loads(run("list", "--json").output)}
    assert {created["workshop"]: True, other["workshop"]: False} == listed
    lines = {line.split()[0]: line for line in run("list").output.splitlines()}
    assert " ended " in lines[created["workshop"]] and " open " in lines[other["workshop"]]
    control.reopen_session()
    assert " open " in run("list").output.splitlines()[0]


def _workshop_with_notes(run, db_url):
    created = _new(run)
    store = Store(db_url)
    ann, _ = store.join(created["workshop"], created["join_code"], "Ann")
    entry = store.add_entry(
        created["workshop"],
        ann.id,
        "ideation/empathy-map",
        {"group": "shop-owner", "area": "thinks", "text": PAYLOAD},
    )
    store.revise_entry(
        entry.entry_id, ann.id, {"group": "shop-owner", "area": "thinks", "text": PAYLOAD + "!"}, 1
    )
    store.add_entry(
        created["workshop"],
        ann.id,
        "ideation/empathy-map",
        {"group": "shop-owner", "area": "feels", "text": '=HYPERLINK("http://x")'},
    )
    return created


def test_round_trip_through_the_cli_is_byte_identical(run, db_url, tmp_path):
    """new → export json → import into another database → export json gives identical files."""
    created = _workshop_with_notes(run, db_url)
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    assert 0 == run("export", created["workshop"], "--format", "json", "--out", str(first)).exit_code
    other = f"sqlite:///{tmp_path / 'other.db'}"
    assert 0 == run("import", str(first), db=other).exit_code
    assert 0 == run("export", created["workshop"], "--out", str(second), db=other).exit_code
    assert first.read_bytes() == second.read_bytes()
    assert PAYLOAD in json.loads(first.read_text())["revisions"][0]["payload"]["text"]


def test_import_of_a_non_export_is_a_clear_error(run, tmp_path):
    """Importing a file that is not JSON or not an export says so in one line."""
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    result = run("import", str(bad))
    assert 0 != result.exit_code and "not a JSON export" in result.output
    bad.write_text("[1, 2]")
    result = run("import", str(bad))
    assert 0 != result.exit_code and "not a cocreate-kit workshop export" in result.output


@pytest.mark.parametrize(
    "deadline, message",
    [
        ("next tuesday", "error_bad_date"),
        ("9999-12-31", "error_date_out_of_range"),
        ("2026-02-30", "error_bad_date"),
    ],
)
def test_an_imported_task_is_held_to_the_task_forms_rules(run, db_url, tmp_path, deadline, message):
    """A task in an import file with a deadline the form would refuse (words, a date outside
    the form's years, a day that does not exist) is refused with its entry named and the form's
    own words, and the target store stays empty."""
    from cocreate_kit.content.plan import load_ui
    from cocreate_kit.forms.records import Records
    from cocreate_kit.forms.task_plan import validate_task

    created = _new(run)
    store = Store(db_url)
    ann, _ = store.join(created["workshop"], created["join_code"], "Ann")
    task = Records(store, ann, "preparation/task-plan", validate_task).add(
        task="Photos", owner="Ann", deadline="2027-01-15", outcome="20", status="todo"
    )
    first = tmp_path / "first.json"
    assert 0 == run("export", created["workshop"], "--format", "json", "--out", str(first)).exit_code
    data = json.loads(first.read_text())
    for rev in data["revisions"]:
        if rev["entry_id"] == task.entry_id:
            rev["payload"]["deadline"] = deadline
    first.write_text(json.dumps(data))
    other = f"sqlite:///{tmp_path / 'other.db'}"
    result = run("import", str(first), db=other)
    expected = load_ui("en")[message]
    assert 1 == result.exit_code and task.entry_id in result.output and expected in result.output
    assert [] == Store(other).list_workshops()


@pytest.mark.parametrize(
    "change, message",
    [
        ({"text": None}, "error_empty"),
        ({"text": "   "}, "error_empty"),
        ({"area": "no-such-area"}, "error_unknown_area"),
        ({"group": "nobody-here"}, "error_pick_persona"),
        ({"group": None}, "error_pick_persona"),
    ],
)
def test_an_imported_note_is_held_to_the_note_forms_rules(run, db_url, tmp_path, change, message):
    """A note of a canvas in an import file with no text, in an area its canvas does not have,
    or (on the map of people) under no persona of the map is refused with the entry named
    (before, a note without text broke the report and the board, and a note under no persona was
    on no map), and nothing is stored."""
    from cocreate_kit.content.plan import load_ui

    created = _new(run)
    store = Store(db_url)
    ann, _ = store.join(created["workshop"], created["join_code"], "Ann")
    note = store.add_entry(
        created["workshop"],
        ann.id,
        "ideation/empathy-map",
        {"group": "shop-owner", "area": "feels", "text": "x"},
    )
    first = tmp_path / "first.json"
    assert 0 == run("export", created["workshop"], "--format", "json", "--out", str(first)).exit_code
    data = json.loads(first.read_text())
    for rev in data["revisions"]:
        if rev["entry_id"] == note.entry_id:
            rev["payload"].update(change)
    first.write_text(json.dumps(data))
    other = f"sqlite:///{tmp_path / 'other.db'}"
    result = run("import", str(first), db=other)
    assert (
        1 == result.exit_code and note.entry_id in result.output and load_ui("en")[message] in result.output
    )
    assert [] == Store(other).list_workshops()


def test_an_export_never_fails_on_a_control_character_already_stored(run, db_url, tmp_path):
    """A NUL an older kit let into the store (SQLite takes it) does not break the workbook: the
    note is there with the sign for a character that cannot be shown."""
    created = _new(run)
    store = Store(db_url)
    ann, _ = store.join(created["workshop"], created["join_code"], "Ann")
    try:
        store.add_entry(
            created["workshop"],
            ann.id,
            "ideation/empathy-map",
            {"group": "shop-owner", "area": "feels", "text": "a\x00b"},
        )
    except Exception:  # noqa: BLE001 - PostgreSQL refuses the NUL itself: nothing to export
        pytest.skip("this database refuses a NUL in text")
    out = tmp_path / "w.xlsx"
    result = run("export", created["workshop"], "--format", "xlsx", "--out", str(out))
    assert 0 == result.exit_code, result.output
    cells = [c.value for sheet in load_workbook(out) for row in sheet.iter_rows() for c in row]
    assert "a\ufffdb" in cells


def test_export_csv_is_a_tidy_table(run, db_url, tmp_path):
    """CSV has one row per current note, readable columns, and the HTML payload as plain text."""
    created = _workshop_with_notes(run, db_url)
    out = tmp_path / "notes.csv"
    assert 0 == run("export", created["workshop"], "--format", "csv", "--out", str(out)).exit_code
    rows = list(csv.DictReader(out.open(encoding="utf-8-sig")))
    assert 2 == len(rows)
    assert {"participant", "exercise", "area", "group", "text", "revision"} <= set(rows[0])
    assert PAYLOAD + "!" == rows[0]["text"] and "2" == rows[0]["revision"]
    assert "Ann" == rows[0]["participant"]


def test_export_csv_for_a_dutch_spreadsheet_uses_semicolons(run, db_url, tmp_path):
    """--delimiter ';' writes cells a Dutch or Belgian Excel splits into columns, BOM included,
    with the same cells as the comma version."""
    created = _workshop_with_notes(run, db_url)
    out = tmp_path / "notes.csv"
    result = run("export", created["workshop"], "--format", "csv", "--delimiter", ";", "--out", str(out))
    assert 0 == result.exit_code, result.output
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b";" in raw.splitlines()[0]
    rows = list(csv.DictReader(out.open(encoding="utf-8-sig"), delimiter=";"))
    assert PAYLOAD + "!" == rows[0]["text"] and "Ann" == rows[0]["participant"]


def test_export_xlsx_keeps_text_as_text(run, db_url, tmp_path):
    """XLSX opens with a notes sheet; a note that looks like a formula stays a string."""
    created = _workshop_with_notes(run, db_url)
    out = tmp_path / "notes.xlsx"
    assert 0 == run("export", created["workshop"], "--format", "xlsx", "--out", str(out)).exit_code
    book = load_workbook(out)
    sheet = book["ideation-empathy-map"]
    header = [c.value for c in sheet[1]]
    texts = [row[header.index("text")] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert [PAYLOAD + "!", '=HYPERLINK("http://x")'] == texts
    formula_cells = [c for row in sheet.iter_rows() for c in row if c.data_type == "f"]
    assert [] == formula_cells
    assert ["Ann"] == [r[0] for r in book["participants"].iter_rows(min_row=2, values_only=True)]


def test_export_of_unknown_workshop_is_a_clear_error(run, tmp_path):
    """Exporting a workshop id that does not exist is a message, not a traceback."""
    result = run("export", "nope", "--out", str(tmp_path / "x.json"))
    assert 0 != result.exit_code and "no workshop" in result.output


def test_db_from_environment_variable(db_url, monkeypatch):
    """COCREATE_DB chooses the store when --db is not given."""
    monkeypatch.setenv("COCREATE_DB", db_url)
    result = CliRunner().invoke(main, ["new", "From env", "--json"])
    assert 0 == result.exit_code
    assert ["From env"] == [w.title for w in Store(db_url).list_workshops()]


def test_newer_database_gives_a_message_not_a_traceback(run, db_url):
    """Opening a newer kit's database from the CLI prints the upgrade message."""
    from cocreate_kit.store import schema as t

    store = Store(db_url)
    with store.engine.begin() as conn:
        conn.execute(t.meta.update().values(value="7"))
    store.engine.dispose()
    result = run("list")
    assert 0 != result.exit_code and "newer cocreate-kit" in result.output


def test_add_criterion_reaches_every_scorecard(run, db_url):
    """`add-criterion` adds a facilitator criterion to a shop workshop; a plan without one says so."""
    from cocreate_kit.content.plan import load_plan
    from cocreate_kit.forms.scorecard import PartnerScorecard

    shop = json.loads(run("new", "Shops", "--plan", "small-commerce", "--json").output)
    result = run("add-criterion", shop["workshop"], "Answers within a day")
    assert 0 == result.exit_code, result.output
    store = Store(db_url)
    ann, _ = store.join(shop["workshop"], shop["join_code"], "Ann")
    exercise = load_plan("small-commerce", "en").exercise("preparation/partner-scorecard")
    labels = [
        c.label for c in PartnerScorecard(store, ann, "preparation/partner-scorecard", exercise).criteria()
    ]
    assert "Answers within a day" == labels[-1]
    hub = _new(run)
    result = run("add-criterion", hub["workshop"], "Anything")
    assert 0 != result.exit_code and "not a partner scorecard" in result.output


def test_exports_have_one_table_per_exercise(run, db_url, tmp_path):
    """XLSX has a sheet per exercise and CSV to a folder writes a file per exercise, each with only
    its own fields; a scorecard's scores or a reliever's links are JSON text, not Python reprs."""
    from ..report.conftest import fill_every_exercise

    created = _new(run)
    fill_every_exercise(Store(db_url), created["workshop"], created["join_code"])
    book_path, folder = tmp_path / "all.xlsx", tmp_path / "tables"
    assert 0 == run("export", created["workshop"], "--format", "xlsx", "--out", str(book_path)).exit_code
    result = run("export", created["workshop"], "--format", "csv", "--out", str(folder))
    assert 0 == result.exit_code, result.output
    book = load_workbook(book_path)
    expected = {
        "ideation-empathy-map",
        "ideation-questions",
        "ideation-value-map",
        "preparation-checklist",
        "preparation-task-plan",
        "implementation-progress",
        "evaluation-evaluation-grid",
        "evaluation-evaluation-grid-goals",
        "evaluation-evaluation-grid-actions",
        "participants",
    }
    files = {p.name.removeprefix(created["workshop"] + "-").removesuffix(".csv") for p in folder.iterdir()}
    assert expected - {"participants"} == files
    # Excel caps sheet names at 31 characters: the longest ones drop their stage.
    shortened = {
        "evaluation-evaluation-grid-goals": "evaluation-grid-goals",
        "evaluation-evaluation-grid-actions": "evaluation-grid-actions",
    }
    assert {shortened.get(name, name) for name in expected} == set(book.sheetnames)
    tasks = list(
        csv.DictReader(
            (folder / f"{created['workshop']}-preparation-task-plan.csv").open(encoding="utf-8-sig")
        )
    )
    assert {"task", "owner", "deadline", "outcome", "status", "reliever"} <= set(tasks[0])
    assert "group" not in tasks[0]  # only the task plan's own fields
    value_map = list(
        csv.DictReader((folder / f"{created['workshop']}-ideation-value-map.csv").open(encoding="utf-8-sig"))
    )
    # Fields pointing at other entries say what those entries say, not their ids.
    pains = {r["text"] for r in value_map if r["part"] == "pains"}
    relievers = [r for r in value_map if r["part"] == "relievers" and r["addresses"]]
    assert relievers and all(set(r["addresses"].split("; ")) <= pains for r in relievers)
    reliever_texts = {r["text"] for r in value_map if r["part"] == "relievers"}
    linked_tasks = [t for t in tasks if t["reliever"]]
    assert linked_tasks and all(t["reliever"] in reliever_texts for t in linked_tasks)
    check_ins = list(
        csv.DictReader(
            (folder / f"{created['workshop']}-implementation-progress.csv").open(encoding="utf-8-sig")
        )
    )
    assert check_ins and {c["task"] for c in check_ins} <= {t["task"] for t in tasks}
    assert "task_id" not in check_ins[0] and "links" not in value_map[0]


def _damaged_copies(tmp_path, good_url):
    import sqlite3

    good = good_url.removeprefix("sqlite:///")
    with sqlite3.connect(good) as connection:  # move what the WAL holds into the file first
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    (tmp_path / "random.db").write_bytes(bytes(range(256)) * 80)
    with open(good, "rb") as source:
        (tmp_path / "truncated.db").write_bytes(source.read(1500))  # cut inside the first page
    return tmp_path / "random.db", tmp_path / "truncated.db"


BAD_DATABASES = [
    ("notaurl", "is not a database URL"),
    ("foo://x/y", "is not a database kind"),
    ("mysql://u@127.0.0.1:1/db", "driver for 'mysql' is not installed"),
    ("postgresql+psycopg://postgres@127.0.0.1:1/none", "Cannot use the database"),
    ("sqlite:///{tmp}/missing/folder/x.db", "its folder does not exist"),
    ("sqlite:///{tmp}", "the path is a folder"),
    ("sqlite:///{tmp}/random.db", "is not a readable SQLite database"),
    ("sqlite:///{tmp}/truncated.db", "is not a readable SQLite database"),
]


@pytest.mark.parametrize("url, message", BAD_DATABASES)
def test_a_database_the_kit_cannot_use_is_one_line_not_a_traceback(run, db_url, tmp_path, url, message):
    """A bad --db (syntax, kind, driver, server, path, damaged file) ends in one line saying what
    is wrong; no traceback, and a damaged file is left byte for byte as it was."""
    only_sqlite(db_url, "damages copies of the SQLite file")
    _new(run)
    random_db, truncated_db = _damaged_copies(tmp_path, db_url)
    before = {path: path.read_bytes() for path in (random_db, truncated_db)}
    result = CliRunner().invoke(main, ["--db", url.format(tmp=tmp_path), "list"])
    assert 1 == result.exit_code, result.output
    assert message in result.output and "Traceback" not in result.output
    assert 1 == len(result.output.strip().splitlines())
    assert before == {path: path.read_bytes() for path in before}


def test_export_and_import_file_problems_are_one_line(run, tmp_path):
    """Exports into a missing folder or onto a folder, and a deeply nested import, get a message."""
    workshop = _new(run)["workshop"]
    for fmt, out in (("json", tmp_path / "no" / "x.json"), ("json", tmp_path), ("xlsx", tmp_path)):
        result = run("export", workshop, "--format", fmt, "--out", str(out))
        assert 1 == result.exit_code and "Cannot write or read" in result.output, result.output
    nested = tmp_path / "nested.json"
    nested.write_text("[" * 5000 + "]" * 5000)
    result = run("import", str(nested))
    assert 1 == result.exit_code and "nested too deeply" in result.output


def test_a_report_on_a_plan_the_kit_lacks_is_one_line(run, db_url, tmp_path):
    """A workshop whose plan is not shipped (an older or newer kit's) gets a message naming it."""
    from sqlalchemy import update

    from cocreate_kit.store import schema

    workshop = _new(run)["workshop"]
    store = Store(db_url)
    with store.engine.begin() as conn:
        conn.execute(update(schema.workshops).values(plan="retired-plan"))
    result = run("report", workshop, "--out", str(tmp_path / "out"))
    assert 1 == result.exit_code and "retired-plan" in result.output and "Traceback" not in result.output


def test_a_read_only_database_is_one_line_when_the_kit_writes(run, db_url, tmp_path):
    """A store opened read-only can be listed; creating a workshop in it says it is read-only."""
    only_sqlite(db_url, "opens the SQLite file read-only")
    import sqlite3

    _new(run)
    path = db_url.removeprefix("sqlite:///")
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    read_only = f"sqlite:///file:{path}?mode=ro&uri=true"
    assert 0 == CliRunner().invoke(main, ["--db", read_only, "list"]).exit_code
    result = CliRunner().invoke(main, ["--db", read_only, "new", "Another"])
    assert 1 == result.exit_code and "is read-only" in result.output and "Traceback" not in result.output
