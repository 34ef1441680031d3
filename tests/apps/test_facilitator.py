"""The facilitator board: key check, grouping, counts, escaping, live refresh."""

from __future__ import annotations

from cocreate_kit.apps.facilitator import FacilitatorBoard, facilitator_page
from cocreate_kit.live.workshop import LiveWorkshop

EXERCISE = "ideation/empathy-map"
PAYLOAD = "<img src=x onerror=alert(1)>"


def add(store, who, area, text, persona="shop-owner"):
    return store.add_entry(who.workshop_id, who.id, EXERCISE, {"group": persona, "area": area, "text": text})


def test_board_needs_the_facilitator_key(store, workshop, ann):
    """Without the key, with a wrong key, or with a participant's token, the board refuses."""
    _, token = store.join(workshop.workshop.id, workshop.join_code, "Eve")
    wid = workshop.workshop.id
    for params in (
        {"workshop": wid},
        {"workshop": wid, "key": "guess"},
        {"workshop": wid, "key": token},
        {"workshop": wid, "token": token},
        {},
    ):
        page = facilitator_page(store, params, auto_refresh=False)
        assert "needs the facilitator" in page.value, params


def test_board_opens_with_the_key_and_groups_notes(store, workshop, ann, bob):
    """With the key the board shows every participant's notes under persona and area, with counts."""
    add(store, ann, "pains", "Too little time")
    add(store, bob, "pains", "Fear of fees", persona="shop-owner")
    add(store, bob, "gains", "New clients", persona="digital-firm")
    board = FacilitatorBoard(store, workshop.workshop.id)
    html = board.board.value
    assert "Too little time" in html and "Fear of fees" in html and "New clients" in html
    assert "— Ann" in html and "— anonymous" in html
    shop = html.split("class='cck-board-persona'")[1]
    pains = shop.split("data-area='pains'")[1].split("</div>", 1)[0]
    assert "<span class='cck-count'>2</span>" in pains
    assert "3 notes" in board.summary.value and "2 participants" in board.summary.value


def test_board_shows_participant_markup_as_text(store, workshop, ann):
    """A note with an <img onerror> payload appears escaped; no tag from a participant survives."""
    add(store, ann, "says", PAYLOAD)
    html = FacilitatorBoard(store, workshop.workshop.id).board.value
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "<img" not in html


def test_refresh_picks_up_new_edited_and_deleted_notes(store, workshop, ann):
    """Each refresh applies only what changed: a new note appears, an edit replaces, a delete removes."""
    board = FacilitatorBoard(store, workshop.workshop.id)
    assert not board.refresh()
    entry = add(store, ann, "feels", "Hopeful")
    assert board.refresh() and "Hopeful" in board.board.value
    store.revise_entry(
        entry.entry_id, ann.id, {"group": "shop-owner", "area": "feels", "text": "Hopeful!"}, 1
    )
    board.refresh()
    assert "Hopeful!" in board.board.value
    store.delete_entry(entry.entry_id, ann.id, 2)
    board.refresh()
    assert "Hopeful" not in board.board.value


def test_ticks_on_the_event_loop_update_the_board(store, workshop, ann):
    """Started on a running event loop (as in a kernel), the board shows a new note without any
    call from outside."""
    import asyncio

    board = FacilitatorBoard(store, workshop.workshop.id)
    board.ticker.interval = 0.05

    async def run():
        assert board.start_auto_refresh()
        add(store, ann, "does", "Sells at the market")
        while "Sells at the market" not in board.board.value:
            await asyncio.sleep(0.02)
        board.stop()

    asyncio.run(asyncio.wait_for(run(), timeout=30))
    assert "Sells at the market" in board.board.value


def test_board_ignores_other_exercises(store, workshop, ann):
    """Entries of another exercise do not show up on the empathy map board."""
    store.add_entry(workshop.workshop.id, ann.id, "ideation/value-map", {"text": "x"})
    board = FacilitatorBoard(store, workshop.workshop.id)
    assert "x</div>" not in board.board.value and [] == LiveWorkshop(store, workshop.workshop.id).visible(
        EXERCISE
    )


def test_a_failing_panel_shows_its_error_and_the_others_keep_updating(store, workshop, ann, monkeypatch):
    """When the overview breaks, it says so in its own place; the notes board still shows new notes."""
    from cocreate_kit.apps import facilitator

    board = FacilitatorBoard(store, workshop.workshop.id)

    def broken(*_args):
        raise KeyError("q9")

    monkeypatch.setattr(facilitator, "render_overview", broken)
    board.controls.section.value = "ideation/questions"
    add(store, ann, "does", "Still arrives")
    board.refresh()
    assert "Still arrives" in board.board.value
    assert "could not be updated" in board.panels["overview"].error.value
    monkeypatch.undo()
    board.controls.section.value = "ideation/checklist"
    assert "" == board.panels["overview"].error.value
