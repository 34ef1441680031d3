"""JupyterHub runs cocreate-kit as a hub-managed service behind the hub's proxy.

    COCREATE_DB=postgresql+psycopg://user@dbhost/cocreate \
    COCREATE_HUB_URL=https://hub.example.org \
    jupyterhub -f deploy/jupyterhub/jupyterhub_config.py

- The hub starts `cocreate serve` itself (and restarts it if it stops) and its proxy routes
  /services/cocreate/ to it: participants open /services/cocreate/voila/render/participant.ipynb?...
  (the link and QR code the kit prints) and join by code, with no hub account.
- The store is the one the hub's environment names in COCREATE_DB (PostgreSQL for a hub that
  runs several rooms; any SQLAlchemy URL works).
- Facilitators log in to the hub: the board and the presenter view open for a logged-in hub user
  without a key in the URL (`facilitator.ipynb?workshop=ID`); without a login they are sent to the
  hub's login first. The key link still works too. Every hub user may open boards: give hub
  accounts to facilitators only (participants need none).
- Every setting has an environment variable, so the same file serves a laptop trial
  (DummyAuthenticator, `COCREATE_HUB_AUTHENTICATOR=dummy`) and a deployment (set a real
  authenticator class here, e.g. GitHub or LDAP, and TLS in front of the proxy).
"""

import os
import sys

c = get_config()  # noqa: F821  (JupyterHub provides it when it reads this file)

hub_url = os.environ.get("COCREATE_HUB_URL", "http://127.0.0.1:8000").rstrip("/")
service_port = int(os.environ.get("COCREATE_SERVICE_PORT", "8866"))
room = os.environ.get("COCREATE_ROOM", "30")
refill_after = os.environ.get("COCREATE_REFILL_AFTER", "30")

c.JupyterHub.bind_url = hub_url
c.JupyterHub.authenticator_class = os.environ.get("COCREATE_HUB_AUTHENTICATOR", "dummy")
# Hub users (the facilitators) see the kit in the hub's Services menu.
c.JupyterHub.load_roles = [{"name": "user", "scopes": ["self", "access:services!service=cocreate"]}]
c.JupyterHub.services = [
    {
        "name": "cocreate",
        "url": f"http://127.0.0.1:{service_port}",
        "display": True,
        "oauth_no_confirm": True,  # a hub user opening the board is not asked to authorise the kit
        "command": [
            sys.executable,
            "-m",
            "cocreate_kit.cli",
            "serve",
            "--port",
            str(service_port),
            "--room",
            room,
            "--refill-after",
            refill_after,
            "--base-path",
            "/services/cocreate/",
            "--public-url",
            f"{hub_url}/services/cocreate",
            # The hub's proxy runs on this machine: its X-Forwarded-For names each phone.
            "--trusted-proxy",
            "127.0.0.1",
        ],
        # A hub-managed service gets a bare environment: pass on what the kit needs.
        "environment": {
            name: os.environ[name]
            for name in ("COCREATE_DB", "COCREATE_PLANS", "HOME", "PATH", "LANG")
            if name in os.environ
        },
    }
]
