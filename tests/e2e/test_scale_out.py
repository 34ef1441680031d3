"""Several servers, one store: two `cocreate serve` instances on one PostgreSQL share a room."""

from __future__ import annotations

import pytest

from cocreate_kit.store import Store

from ..backends import POSTGRES_URL, _drop_kit_tables, require_postgres_where_asked
from .conftest import LIVE_WAIT, free_port, screenshot, start_cocreate, stop_cocreate
from .pages import add_note, join, pick_persona

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def two_servers(tmp_path_factory):
    """One PostgreSQL store, one workshop, two servers (as two machines behind a proxy would be)."""
    require_postgres_where_asked()
    if not POSTGRES_URL:
        pytest.skip("no PostgreSQL: set COCREATE_TEST_POSTGRES (.ci/start-postgres starts one)")
    _drop_kit_tables()
    created = Store(POSTGRES_URL).create_workshop("Two rooms, one store")
    servers = []
    try:
        for name in ("a", "b"):
            folder = tmp_path_factory.mktemp(f"server-{name}")
            args = ["--db", POSTGRES_URL, "serve", "--port", str(free_port())]
            args += ["--workshop", created.workshop.id, "--room", "2", "--refill-after", "1"]
            servers.append(start_cocreate(args, cwd=folder))
        yield servers, created
    finally:
        codes = [stop_cocreate(server) for server in servers]
        _drop_kit_tables()
    assert codes == [0] * len(codes)


def test_participants_on_two_servers_meet_on_one_board(two_servers, new_page):
    """Two people join through server A and two through server B; each adds a note; the board
    served by A and the board served by B both show all four notes."""
    servers, created = two_servers
    wid, code, key = created.workshop.id, created.join_code, created.facilitator_key
    people = []
    for n, server in enumerate(servers * 2):
        base = server.link("Participants").split("?")[0]
        page = new_page(width=390, height=844)
        join(page, f"{base}?workshop={wid}&code={code}", f"Person {n}")
        pick_persona(page)
        add_note(page, "Says", f"Note from server {'AB'[n % 2]} number {n}")
        people.append(page)
    boards = []
    for server in servers:
        base = server.link("Participants").split("?")[0].rsplit("/", 1)[0]
        board = new_page(width=1280, height=900)
        board.goto(f"{base}/facilitator.ipynb?workshop={wid}&key={key}")
        for n in range(4):
            board.locator(".cck-board").get_by_text(f"number {n}").wait_for(timeout=LIVE_WAIT)
        boards.append(board)
    # A note added now on B appears live on A's board.
    add_note(people[1], "Says", "Late note through server B")
    boards[0].locator(".cck-board").get_by_text("Late note through server B").wait_for(timeout=LIVE_WAIT)
    screenshot(boards[0], "two-servers-board")
