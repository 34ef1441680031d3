"""The warm markers that let `cocreate serve` say when the room is really ready."""

from __future__ import annotations

import pytest

from cocreate_kit.server.warmth import WARM_DIR_ENV, count_warm, waiting_warm


def test_a_waiting_participant_page_counts_as_warm_until_someone_claims_it(tmp_path, monkeypatch):
    """While a preheated participant kernel waits it is counted; once claimed (or failed) it is not."""
    monkeypatch.setenv(WARM_DIR_ENV, str(tmp_path))
    with waiting_warm("participant", "k1"):
        with waiting_warm("participant", "k2"):
            assert 2 == count_warm(tmp_path)
        assert 1 == count_warm(tmp_path)
    with pytest.raises(ConnectionError), waiting_warm("participant", "k3"):
        raise ConnectionError("the server went away")
    assert 0 == count_warm(tmp_path)


def test_the_board_and_join_screen_are_not_the_room(tmp_path, monkeypatch):
    """Only participant pages count towards 'Room ready'."""
    monkeypatch.setenv(WARM_DIR_ENV, str(tmp_path))
    with waiting_warm("facilitator", "k1"), waiting_warm("join-screen", "k2"):
        assert 0 == count_warm(tmp_path)
        assert 1 == count_warm(tmp_path, page="facilitator")


def test_outside_cocreate_serve_nothing_is_written(tmp_path, monkeypatch):
    """In JupyterLab or a test there is no warm folder: the page runs without leaving markers."""
    monkeypatch.delenv(WARM_DIR_ENV, raising=False)
    monkeypatch.chdir(tmp_path)
    with waiting_warm("participant", "k1"):
        pass
    assert [] == list(tmp_path.iterdir())
    assert 0 == count_warm(tmp_path / "missing")
