"""The settings: one object, read from its defaults, a config file, the environment and the
command line (the later winning), each value knowing where it came from; bad values refused
with the place they were read."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys

import pytest

from cocreate_kit.server.join_throttle import JoinThrottle
from cocreate_kit.settings import SettingsError, default, load_settings


def test_each_value_comes_from_the_last_place_that_sets_it_and_says_which(tmp_path):
    """A config file beats the default, the environment beats the file, the command line beats
    both; each value reports its source."""
    config = tmp_path / "cocreate_config.py"
    config.write_text("c.CocreateSettings.room = 12\nc.CocreateSettings.closed_after = 120\n")
    settings = load_settings(
        config,
        command_line={"room": "20"},
        environ={"COCREATE_CLOSED_AFTER": "150", "COCREATE_TRUSTED_PROXIES": "127.0.0.1, 10.0.0.0/8"},
    )
    assert (20, "command line --room") == (settings.room, settings.source("room"))
    assert (150.0, "environment COCREATE_CLOSED_AFTER") == (
        settings.closed_after,
        settings.source("closed_after"),
    )
    assert ["127.0.0.1", "10.0.0.0/8"] == settings.trusted_proxies
    assert (default("refill_after"), "default") == (settings.refill_after, settings.source("refill_after"))
    assert "room = 20  (command line --room)" in settings.describe()
    from_file_only = load_settings(config, environ={})
    assert (12, f"config file {config}") == (from_file_only.room, from_file_only.source("room"))


def test_a_json_config_file_and_the_config_variable_work_too(tmp_path):
    """``$COCREATE_CONFIG`` names the file when no --config is given; JSON is read like Python."""
    config = tmp_path / "cocreate.json"
    config.write_text(json.dumps({"CocreateSettings": {"board_refresh": 2.5}}))
    settings = load_settings(environ={"COCREATE_CONFIG": str(config)})
    assert 2.5 == settings.board_refresh


@pytest.mark.parametrize(
    ("file_text", "environ", "command_line", "says"),
    [
        ("", {"COCREATE_ROOM": "lots"}, {}, "environment COCREATE_ROOM: room = 'lots' is refused"),
        ("", {}, {"port": "0"}, "command line --port: port = 0 is refused"),
        ("", {"COCREATE_ROOM": "9000"}, {}, "environment COCREATE_ROOM: room = 9000 is refused"),
        ("c.CocreateSettings.rooms = 3\n", {}, {}, "there is no setting 'rooms' (did you mean 'room'?)"),
        ("c.Voila.port = 3\n", {}, {}, "Voila is not read here"),
        ("c.CocreateSettings.room = 'x'\n", {}, {}, "room = 'x' is refused"),
        ("c.CocreateSettings.room = (\n", {}, {}, "cannot be read"),
    ],
)
def test_a_bad_value_is_refused_naming_where_it_was_read(tmp_path, file_text, environ, command_line, says):
    """Wrong types, out-of-range values, typos in a name and a broken file each give one line
    that names the place and the setting."""
    config = tmp_path / "cocreate_config.py"
    config.write_text(file_text)
    with pytest.raises(SettingsError) as refused:
        load_settings(config, command_line=command_line, environ=environ)
    assert says in str(refused.value)
    assert "CocreateSettings instance" not in str(refused.value)


def test_the_environment_handed_to_the_servers_processes_carries_the_same_settings(tmp_path):
    """What `cocreate serve` puts in Voila's environment reads back, in a page kernel, as the
    same values."""
    chosen = load_settings(command_line={"room": "3", "trusted_proxies": ["127.0.0.1"]}, environ={})
    chosen.join_max_tries = 4
    again = load_settings(environ=chosen.environment())
    for name in chosen.names():
        assert getattr(chosen, name) == getattr(again, name), name


def test_a_page_kernel_applies_the_join_limit_its_environment_sets(monkeypatch):
    """The join limit is a setting: with ``COCREATE_JOIN_MAX_TRIES=2`` a page stops taking codes
    after two wrong ones (the default is 10)."""
    monkeypatch.setenv("COCREATE_JOIN_MAX_TRIES", "2")
    monkeypatch.setenv("COCREATE_JOIN_FREE_TRIES", "5")
    throttle = JoinThrottle(clock=lambda: 0.0)
    throttle.failed()
    assert not throttle.exhausted()
    throttle.failed()
    assert throttle.exhausted()


def _cocreate(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "cocreate_kit.cli.main", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=120,
    )


def test_serve_verbose_prints_every_setting_with_its_source(tmp_path):
    """`cocreate --config F serve --verbose` prints each setting and where it came from before
    it starts (here it then stops: the port is taken, and it says so)."""
    config = tmp_path / "cocreate_config.py"
    config.write_text("c.CocreateSettings.closed_after = 120\n")
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        done = _cocreate(
            "--db",
            f"sqlite:///{tmp_path / 'w.db'}",
            "--config",
            str(config),
            "serve",
            "--verbose",
            "--port",
            str(port),
            "--room",
            "2",
            env={"COCREATE_REFILL_AFTER": "5"},
        )
    assert 1 == done.returncode
    assert "room = 2  (command line --room)" in done.stdout
    assert f"closed_after = 120.0  (config file {config})" in done.stdout
    assert "refill_after = 5.0  (environment COCREATE_REFILL_AFTER)" in done.stdout
    assert "host = '127.0.0.1'  (default)" in done.stdout
    assert f"db = 'sqlite:///{tmp_path / 'w.db'}'  (command line --db)" in done.stdout
    assert str(port) in done.stderr and "Traceback" not in done.stderr


def test_a_bad_setting_stops_the_command_with_one_line(tmp_path):
    """A typo in the environment stops `cocreate` before it does anything: exit 2, one line
    naming the variable, no traceback; `cocreate settings` documents every setting."""
    done = _cocreate("list", env={"COCREATE_ROOM": "many"})
    assert 2 == done.returncode
    assert "COCREATE_ROOM: room = 'many' is refused" in done.stderr and "Traceback" not in done.stderr
    listed = _cocreate("settings", env={"COCREATE_ROOM": "7"})
    assert "room = 7  (environment COCREATE_ROOM)" in listed.stdout
    assert "Participant pages to keep preheated" in listed.stdout
    assert "set with: c.CocreateSettings.room, $COCREATE_ROOM, --room" in listed.stdout


def test_a_hubs_own_plans_folder_is_a_setting_too(tmp_path, monkeypatch):
    """The plans folder (``--plans``, ``$COCREATE_PLANS``, or a config file) is read through the
    settings: content is looked up there first, and `cocreate settings` says where it came from."""
    from cocreate_kit.content.plan import PLANS_DIR, content_folders

    monkeypatch.setenv("COCREATE_PLANS", str(tmp_path))
    assert [tmp_path, PLANS_DIR] == content_folders()
    listed = _cocreate("settings", env={"COCREATE_PLANS": str(tmp_path)})
    assert f"plans = '{tmp_path}'  (environment COCREATE_PLANS)" in listed.stdout
    config = tmp_path / "cocreate_config.py"
    config.write_text(f"c.CocreateSettings.plans = {str(tmp_path)!r}\n")
    monkeypatch.delenv("COCREATE_PLANS")
    assert str(tmp_path) == load_settings(config, environ={}).plans
