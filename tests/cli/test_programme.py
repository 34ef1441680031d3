"""`cocreate programme`, `cocreate collab` and `cocreate new --collab`, as a hub uses them."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from cocreate_kit.cli.main import main
from cocreate_kit.forms.records import Records
from cocreate_kit.forms.task_plan import validate_task
from cocreate_kit.store import Store


@pytest.fixture
def db_url(any_db_url):
    """These tests run on SQLite and, when a server is given, on PostgreSQL."""
    return any_db_url


@pytest.fixture
def run(db_url):
    def invoke(*args):
        return CliRunner().invoke(main, ["--db", db_url, *args], catch_exceptions=False)

    return invoke


def _json(result):
    assert 0 == result.exit_code, result.output
    return json.loads(result.output)


def test_a_programme_its_collaborations_and_their_sessions_from_the_command_line(run, db_url):
    """programme new → collab add → new --collab twice: the second session starts with the open
    task of the first, and `collab list --json` shows both sessions."""
    programme = _json(run("programme", "new", "Spring cohort", "--json"))
    assert programme["facilitator_key"]
    pair = _json(
        run(
            "collab",
            "add",
            programme["programme"],
            "--shop",
            "Bakery $5",
            "--digital",
            "Pixel & Co",
            "--contact",
            "ann@hub.example",
            "--json",
        )
    )
    prep = _json(run("new", "Plan", "--collab", pair["collaboration"], "--session", "preparation", "--json"))
    assert {} == prep["carried"]
    store = Store(db_url)
    ann, _ = store.join(prep["workshop"], prep["join_code"], "Ann")
    Records(store, ann, "preparation/task-plan", validate_task).add(
        task="Shoot photos", owner="Bo", deadline="2027-01-15", outcome="20 photos", status="doing"
    )
    check_in = run("new", "March check-in", "--collab", pair["collaboration"])
    assert 0 == check_in.exit_code, check_in.output
    assert "Session:         check-in" in check_in.output
    assert "Carried forward: 1 open task(s)" in check_in.output
    listed = _json(run("collab", "list", programme["programme"], "--json"))
    assert [("Plan", "preparation"), ("March check-in", "check-in")] == [
        (w["title"], w["session"]) for w in listed[0]["workshops"]
    ]
    assert "Bakery $5" == listed[0]["shop"]
    assert [1] == [p["collaborations"] for p in _json(run("programme", "list", "--json"))]
    text = run("collab", "list").output
    assert "Bakery $5 with Pixel & Co" in text and "2 workshop(s), last: check-in" in text


def test_mistakes_get_one_line_messages_and_create_nothing(run):
    """Unknown programme or collaboration, a session without --collab, an empty shop name."""
    bad = run("collab", "add", "nope", "--shop", "A", "--digital", "B", "--contact", "C")
    assert 1 == bad.exit_code and "There is no programme 'nope'" in bad.output
    assert "Traceback" not in bad.output
    assert "--session needs --collab" in run("new", "X", "--session", "check-in").output
    assert "no collaboration 'nope'" in run("new", "X", "--collab", "nope").output
    programme = _json(run("programme", "new", "Cohort", "--json"))
    empty = run("collab", "add", programme["programme"], "--shop", " ", "--digital", "B", "--contact", "C")
    assert "The shop's name cannot be empty." in empty.output
    assert [] == _json(run("collab", "list", "--json"))
    assert [] == _json(run("list", "--json"))


def test_a_lost_programme_key_is_replaced(run, db_url):
    """`programme new-key` prints a key that opens the programme; the old one stops working."""
    from cocreate_kit.store.programmes import check_programme_key

    programme = _json(run("programme", "new", "Cohort", "--json"))
    result = run("programme", "new-key", programme["programme"])
    assert 0 == result.exit_code, result.output
    new_key = result.output.split("Facilitator key: ", 1)[1].split()[0]
    store = Store(db_url)
    assert check_programme_key(store, programme["programme"], new_key)
    assert not check_programme_key(store, programme["programme"], programme["facilitator_key"])
    assert "There is no programme 'nope'" in run("programme", "new-key", "nope").output
