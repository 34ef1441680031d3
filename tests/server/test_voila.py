"""Server settings the kit owns: links, store URL handed to kernels, Voila options."""

from __future__ import annotations

import os

from cocreate_kit.models import Workshop
from cocreate_kit.server.voila import link_lines, voila_command, voila_config
from cocreate_kit.server.warmth import ROOM_POOL_ENV
from cocreate_kit.store.engine import absolute_db_url

WORKSHOP = Workshop(
    id="abc123", title="Market", plan="business-hubs", lang="en", join_code="K7Q2MX", created_at=""
)


def test_relative_sqlite_path_becomes_absolute(tmp_path, monkeypatch):
    """Kernels run in the notebooks folder, so `sqlite:///cocreate.db` must point at the caller's folder."""
    monkeypatch.chdir(tmp_path)
    assert f"sqlite:///{tmp_path / 'cocreate.db'}" == absolute_db_url("sqlite:///cocreate.db")
    assert "sqlite:////already/absolute.db" == absolute_db_url("sqlite:////already/absolute.db")
    assert "postgresql://u:p@h/db" == absolute_db_url("postgresql://u:p@h/db")


def test_links_carry_code_and_key():
    """The printed links: join code in the participant link, key in the facilitator link."""
    lines = link_lines("http://127.0.0.1:8866/voila/render", [WORKSHOP], {"abc123": "s3cret"})
    assert (
        "Participants: http://127.0.0.1:8866/voila/render/participant.ipynb?workshop=abc123&code=K7Q2MX"
        in lines
    )
    assert (
        "Facilitator: http://127.0.0.1:8866/voila/render/facilitator.ipynb?workshop=abc123&key=s3cret"
        in lines
    )


def test_without_a_known_key_the_facilitator_line_says_how_to_get_one():
    """Serving without --new-key prints a KEY placeholder and explains it."""
    lines = link_lines("http://h/voila/render", [WORKSHOP], {})
    assert any(line.startswith("Facilitator: ") and line.endswith("key=KEY") for line in lines)
    assert any("--new-key" in line for line in lines)


def test_the_room_size_sets_the_participant_pool_and_nothing_else():
    """--room N preheats N participant kernels, one for each other page, refills after a delay;
    the room's kernels are told they are the room's (their refills take turns)."""
    managers = voila_config(40)["VoilaKernelManager"]
    room = {"pool_size": 40, "kernel_env_variables": {ROOM_POOL_ENV: "1"}}
    assert {"default": {"pool_size": 1}, "participant.ipynb": room} == managers["kernel_pools_config"]
    assert managers["fill_delay"] >= 10
    assert 1 == voila_config(0)["VoilaKernelManager"]["kernel_pools_config"]["participant.ipynb"]["pool_size"]


def test_voila_reads_the_kits_config_file(tmp_path):
    """The pool settings reach Voila through the voila.json the kit writes for the run."""
    command = voila_command("127.0.0.1", 8866, str(tmp_path))
    assert f"--Voila.config_file_paths={tmp_path}" in command


def test_voila_is_configured_with_preheat_and_culling():
    """The kit starts Voila with a preheated pool and idle-kernel culling, sources stripped, on
    the apps the package carries (the checkout's notebooks/apps, through share/), and never on
    another port than the one asked for."""
    command = " ".join(voila_command("127.0.0.1", 8866))
    for option in (
        "--preheat_kernel=True",
        "--MappingKernelManager.cull_idle_timeout=",
        "--strip_sources=True",
        "--show_tracebacks=False",
        "--Voila.port_retries=0",
    ):
        assert option in command
    apps = next(part for part in voila_command("127.0.0.1", 8866) if part.endswith("apps"))
    assert os.path.join("share", "apps") in apps and os.path.isfile(os.path.join(apps, "participant.ipynb"))


def test_a_public_url_replaces_the_address_in_every_link():
    """Behind a proxy or tunnel, --public-url is what the links and the QR code carry."""
    from cocreate_kit.server.voila import base_url, network_lines

    assert "https://ws.example.org/voila/render" == base_url("0.0.0.0", 8866, "https://ws.example.org/")
    lines = link_lines(base_url("0.0.0.0", 8866, "https://ws.example.org"), [WORKSHOP], {"abc123": "k"})
    assert all("https://ws.example.org/voila/render/" in line for line in lines if "://" in line)
    assert [] == network_lines("0.0.0.0", "https://ws.example.org")


def test_a_laptop_only_server_says_phones_cannot_reach_it():
    """Serving on the loopback prints how to let phones in, instead of links that fail for them."""
    from cocreate_kit.server.voila import network_lines

    assert any("--host 0.0.0.0" in line for line in network_lines("127.0.0.1", None))


def test_every_kernel_of_a_run_starts_its_lifeline_before_any_page_code(tmp_path):
    """A kernel started with the run's IPython profile (as Voila starts them) has its lifeline
    running before it has been sent any code, so a server killed while its pool is still
    starting leaves no kernel behind."""
    from jupyter_client.manager import start_new_kernel

    from cocreate_kit.server.voila import write_kernel_profile

    env = {**os.environ, "IPYTHONDIR": write_kernel_profile(str(tmp_path))}
    manager, client = start_new_kernel(env=env)
    try:
        printed = []
        reply = client.execute_interactive(
            "import threading; print(sorted(t.name for t in threading.enumerate()))",
            timeout=30,
            output_hook=lambda message: printed.append(message["content"].get("text", "")),
        )
        assert "ok" == reply["content"]["status"]
        assert "cocreate-lifeline" in "".join(printed)
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)


def test_a_path_prefix_reaches_voila_and_the_links():
    """--base-path /services/cocreate (a JupyterHub service): Voila serves under it and the
    printed links carry it; "/" (the default) adds nothing to Voila's command line."""
    from cocreate_kit.server.voila import base_url, url_prefix

    assert url_prefix("services/cocreate") == url_prefix("/services/cocreate/") == "/services/cocreate/"
    assert url_prefix(None) == url_prefix("/") == "/"
    assert "--Voila.base_url=/services/cocreate/" in voila_command(
        "127.0.0.1", 8866, prefix="/services/cocreate/"
    )
    assert not any("base_url" in arg for arg in voila_command("127.0.0.1", 8866))
    assert base_url("127.0.0.1", 8124, None, "/services/cocreate/") == (
        "http://127.0.0.1:8124/services/cocreate/voila/render"
    )
