"""Running a workshop again copies the facilitator's setup, never what people wrote."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from cocreate_kit.cli.main import main
from cocreate_kit.live.facilitation import WorkshopControl, add_criterion
from cocreate_kit.live.reuse import run_again
from cocreate_kit.live.workshop import LiveWorkshop
from cocreate_kit.store import StoreError, UnknownWorkshopError

SCORECARD = "preparation/partner-scorecard"


@pytest.fixture
def last_month(store):
    """A small-commerce workshop that ran: an extra criterion, a private round, notes, a lock,
    and its session ended."""
    made = store.create_workshop("Choosing a web shop partner", plan="small-commerce", lang="nl")
    wid = made.workshop.id
    add_criterion(store, wid, SCORECARD, "Antwoordt binnen een dag")
    control = WorkshopControl(store, wid)
    control.set_private("ideation/empathy-map", True)
    control.reveal("ideation/empathy-map")
    control.set_locked("ideation/questions", True)
    ann, _ = store.join(wid, made.join_code, "Ann")
    store.add_entry(
        wid, ann.id, "ideation/empathy-map", {"group": "shop-owner", "area": "pains", "text": "Slow"}
    )
    control.end_session()
    return made


def test_running_again_copies_the_setup_and_none_of_the_entries(store, last_month):
    """The copy has the plan, language, extra criterion and private round (not revealed); no
    participants, notes, lock or ended session; its own join code and key; the old one is untouched."""
    source = last_month.workshop
    before = store.latest_seq(source.id)
    again = run_again(store, source.id, "Choosing a partner, March")
    copy = again.created.workshop
    assert ("small-commerce", "nl", "Choosing a partner, March") == (copy.plan, copy.lang, copy.title)
    assert (1, 1) == (again.setup_entries, again.private_rounds)
    live = LiveWorkshop(store, copy.id)
    assert ["Antwoordt binnen een dag"] == [
        e.payload["label"] for e in live.all_entries(f"{SCORECARD}/criteria")
    ]
    assert {"private": True, "revealed": False} == live.visibility("ideation/empathy-map")
    assert not live.locked("ideation/questions") and not live.ended()
    assert [] == store.participants(copy.id) and [] == live.all_entries("ideation/empathy-map")
    assert again.created.join_code != last_month.join_code
    assert store.check_facilitator_key(copy.id, again.created.facilitator_key)
    assert before == store.latest_seq(source.id)


def test_new_from_runs_a_workshop_again_and_refuses_what_it_cannot(store, db_url, last_month):
    """`cocreate new TITLE --from ID` prints the new workshop and what it copied; --plan with
    --from, or an unknown id, is a one-line error and nothing is made."""
    run = lambda *args: CliRunner().invoke(main, ["--db", db_url, *args])  # noqa: E731
    done = run("new", "Again in April", "--from", last_month.workshop.id, "--json")
    assert 0 == done.exit_code, done.output
    found = json.loads(done.output)
    assert (last_month.workshop.id, 1, "small-commerce", "nl") == (
        found["from"],
        found["copied"],
        found["plan"],
        found["lang"],
    )
    text = run("new", "Again in May", "--from", last_month.workshop.id).output
    assert "Copied from:" in text and "1 setup entries, 1 private rounds; no entries" in text
    refused = run("new", "X", "--from", last_month.workshop.id, "--plan", "business-hubs")
    assert 0 != refused.exit_code and "leave out --plan" in refused.output
    unknown = run("new", "X", "--from", "nope")
    assert 0 != unknown.exit_code and "Traceback" not in unknown.output and "nope" in unknown.output
    assert 3 == len(store.list_workshops())
    with pytest.raises((UnknownWorkshopError, StoreError)):
        run_again(store, "nope")
