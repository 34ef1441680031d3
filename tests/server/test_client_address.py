"""The address the join throttle counts against: the server's view, not the client's word."""

from __future__ import annotations

from cocreate_kit.server.client_address import client_address


def test_a_direct_client_is_counted_by_the_address_the_server_sees():
    """A phone on the Wi-Fi cannot claim another address with X-Forwarded-For."""
    assert "192.168.1.23" == client_address("192.168.1.23", None)
    assert "192.168.1.23" == client_address("192.168.1.23", "10.9.9.9")
    assert "192.168.1.23" == client_address("192.168.1.23", "10.9.9.9", ["127.0.0.1"])


def test_only_a_proxy_the_operator_named_says_who_the_client_was():
    """Behind a trusted proxy (``--trusted-proxy``: an address or a network) the last hop it
    reports is the client; earlier hops were written by the client and are not believed."""
    assert "203.0.113.5" == client_address("127.0.0.1", "6.6.6.6, 203.0.113.5", ["127.0.0.1"])
    assert "203.0.113.5" == client_address("::1", "203.0.113.5", ["::1"])
    assert "203.0.113.5" == client_address("10.1.2.3", "203.0.113.5", ["10.0.0.0/8"])
    assert "10.1.2.3" == client_address("10.1.2.3", "not an address", ["10.0.0.0/8"])


def test_a_program_on_the_servers_machine_cannot_pick_an_address_and_a_shared_one_counts_none(monkeypatch):
    """With no trusted proxy, a forwarded header from this machine is ignored, and a request
    from this machine (a tunnel that sets no header: everyone looks alike) carries no address,
    so one guesser cannot lock the room out; the page's own limit still applies."""
    from cocreate_kit.server.join_throttle import CLIENT_ADDRESS_ENV, JOINS_DIR_ENV, AddressThrottle

    assert "" == client_address("127.0.0.1", "203.0.113.5")
    assert "" == client_address("127.0.0.1", None)
    assert "" == client_address("::1", None)
    monkeypatch.setenv(JOINS_DIR_ENV, "/tmp")
    monkeypatch.setenv(CLIENT_ADDRESS_ENV, "")
    assert AddressThrottle.for_this_page() is None


def test_a_token_configured_for_voila_is_enforced_by_the_kits_login_hook(tmp_path, monkeypatch):
    """A real Voila with the kit's identity provider and a token (``Voila.token``, as a hub
    would set it in its config): a request without the token is sent to the login page, one
    with it is let in. The hook must await Jupyter Server's own check, not hand back its
    coroutine (which would pass for a logged-in user)."""
    import os
    import shutil
    import subprocess
    import time
    import urllib.error
    import urllib.request

    from cocreate_kit.server.offline_template import write_offline_template
    from cocreate_kit.server.voila import voila_command, write_voila_config

    from ..e2e.conftest import free_port

    monkeypatch.setenv("COCREATE_APPS", str(tmp_path))  # no notebooks: no kernels to start
    port, config_dir = free_port(), write_voila_config(room=1)
    command = [*voila_command("127.0.0.1", port, config_dir), "--Voila.token=s3cret-hub-token"]
    env = dict(os.environ, JUPYTER_PATH=write_offline_template(config_dir))
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None  # the redirect itself is the answer

    opener = urllib.request.build_opener(NoRedirect)

    def answer(path: str) -> tuple[int, str]:
        try:
            with opener.open(f"http://127.0.0.1:{port}{path}", timeout=5) as response:
                return response.status, ""
        except urllib.error.HTTPError as other:
            return other.code, other.headers.get("Location", "")

    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                answer("/")
                break
            except OSError:  # not listening yet
                assert process.poll() is None and time.monotonic() < deadline
                time.sleep(0.3)
        code, location = answer("/")
        assert 302 == code and "/login" in location
        assert (200, "") == answer("/?token=s3cret-hub-token")
    finally:
        process.terminate()
        process.wait(timeout=30)
        shutil.rmtree(config_dir, ignore_errors=True)
    assert "was never awaited" not in process.stderr.read()


def test_the_trusted_proxies_given_to_cocreate_serve_reach_the_identity_provider():
    """`--trusted-proxy` ends up in Voila's config under the provider's own name, so the
    provider Voila makes from that config trusts exactly those proxies (and none by default)."""
    from traitlets.config import Config

    from cocreate_kit.server.client_address import ClientAddressIdentityProvider
    from cocreate_kit.server.voila import voila_config

    configured = Config(voila_config(trusted_proxies=("127.0.0.1", "10.0.0.0/8")))
    assert ["127.0.0.1", "10.0.0.0/8"] == ClientAddressIdentityProvider(config=configured).trusted_proxies
    assert [] == ClientAddressIdentityProvider(config=Config(voila_config())).trusted_proxies
