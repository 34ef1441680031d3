"""Every setting an operator may tune, declared once with its help, as voila and nbclient do.

The options are traits of :class:`CocreateSettings`. Each is read, the later winning, from its
default, a config file (``cocreate --config FILE`` or ``$COCREATE_CONFIG``; Jupyter's formats:
``c.CocreateSettings.room = 40`` in a ``.py`` file, or the same as ``.json``), the environment
(``COCREATE_ROOM=40``: ``COCREATE_`` and the name in capitals) and the command line (the
``serve`` and ``demo`` options are made from the traits tagged ``cli``). Each value remembers
where it came from: ``cocreate settings`` lists them all, ``cocreate serve --verbose`` prints
them. A bad value is refused with the place it was read from, before anything starts.

`cocreate serve` hands the settings to Voila's process in the environment, so the page kernels
(the join limits, the board's refresh) read the same values.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from traitlets import Float, Integer, List, TraitError, Unicode
from traitlets.config import Config, Configurable
from traitlets.config.loader import ConfigFileNotFound, JSONFileConfigLoader, PyFileConfigLoader

__all__ = [
    "CONFIG_ENV",
    "CocreateSettings",
    "SettingsError",
    "current_settings",
    "default",
    "environment_name",
    "load_settings",
    "use_settings",
]

CONFIG_ENV = "COCREATE_CONFIG"
SECTION = "CocreateSettings"


class SettingsError(ValueError):
    """A setting that cannot be used; the message names where it was read."""


class CocreateSettings(Configurable):
    # The store
    db = Unicode(
        None,
        allow_none=True,
        help="SQLAlchemy URL of the workshop store (unset: sqlite:///cocreate.db in the working folder).",
    ).tag(config=True)
    # Content
    plans = Unicode(
        "",
        help="Folders of your own plans, personas or UI words, searched before the kit's "
        "(several separated by ':'; `--plans DIR` on a command; check them with `cocreate plans check`).",
    ).tag(config=True)

    sqlite_busy_timeout = Float(
        15.0, min=0.1, help="Seconds a writer waits for another writer's SQLite lock before it gives up."
    ).tag(config=True)

    # Where the server listens and how phones reach it
    host = Unicode("127.0.0.1", help="Address to listen on (0.0.0.0 for phones on the LAN).").tag(
        config=True, cli="--host"
    )
    port = Integer(8866, min=1, max=65535, help="Port to listen on; a taken port is an error.").tag(
        config=True, cli="--port"
    )
    public_url = Unicode(
        None,
        allow_none=True,
        help="Address phones use when it is not this laptop's own (a proxy or tunnel), "
        "e.g. https://ws.example.org.",
    ).tag(config=True, cli="--public-url", metavar="URL")
    base_path = Unicode(
        "/",
        help="Serve the pages under this path, for a proxy that forwards it as it is "
        "(a JupyterHub service: /services/cocreate/).",
    ).tag(config=True, cli="--base-path", metavar="PATH")
    trusted_proxies = List(
        Unicode(),
        help="Reverse proxies (addresses or networks, e.g. 127.0.0.1) whose X-Forwarded-For names "
        "each phone, for the join-code limit per address. None by default. On the command line "
        "repeat --trusted-proxy; in the environment separate them with commas.",
    ).tag(config=True, cli="--trusted-proxy", metavar="ADDRESS")

    # The room: preheated pages and their kernels
    room = Integer(
        30,
        min=0,
        max=500,
        help="Participant pages to keep preheated: about the number of people expected (~70 MB each).",
    ).tag(config=True, cli="--room")
    refill_after = Float(
        30.0,
        min=0,
        max=600,
        help="Seconds to wait after people take preheated pages before preheating more "
        "(so that refills do not slow down a room joining at once).",
    ).tag(config=True, cli="--refill-after", metavar="SECONDS")
    closed_after = Float(
        90.0,
        min=5,
        max=24 * 3600,
        help="Stop a page's kernel once the page has been closed (or its phone locked) this many "
        "seconds; the person reopens their link to go on.",
    ).tag(config=True, cli="--closed-after", metavar="SECONDS")
    idle_kernel_after = Float(
        15 * 60.0,
        min=60,
        help="Seconds after which a kernel no page is connected to, doing nothing, is stopped.",
    ).tag(config=True)
    idle_check_every = Float(15.0, min=1, help="Seconds between two looks for idle kernels.").tag(config=True)
    ready_timeout = Float(
        90.0, min=5, help="Seconds to wait for the server to answer before `cocreate serve` gives up."
    ).tag(config=True)
    launcher_grace = Float(
        15.0,
        min=1,
        help="Seconds a server whose `cocreate` process is gone waits for its own shutdown before it exits.",
    ).tag(config=True)

    # Join codes: a few slips are free, guessing is slowed down, then stopped
    join_free_tries = Integer(3, min=0, help="Wrong join codes on one page before waiting starts.").tag(
        config=True
    )
    join_max_tries = Integer(10, min=1, help="Wrong join codes after which a page takes no more.").tag(
        config=True
    )
    join_max_wait = Float(60.0, min=0, help="The longest wait, in seconds, between two tries on a page.").tag(
        config=True
    )
    address_free_tries = Integer(
        10,
        min=0,
        help="Wrong join codes from one network address, over all its pages, before waiting starts.",
    ).tag(config=True)
    address_max_tries = Integer(
        40, min=1, help="Wrong join codes after which one network address is refused."
    ).tag(config=True)
    address_forget_after = Float(
        15 * 60.0, min=1, help="Seconds of quiet after which an address's wrong codes are forgotten."
    ).tag(config=True)

    # Live pages
    board_refresh = Float(
        0.5, min=0.1, help="Seconds between two looks at the store on the board and the presenter view."
    ).tag(config=True)
    page_refresh = Float(
        1.0, min=0.1, help="Seconds between two looks at the store on a participant's page."
    ).tag(config=True)
    max_backoff = Float(
        30.0, min=1, help="The longest wait, in seconds, before a page retries a store that did not answer."
    ).tag(config=True)

    def __init__(self, sources: Mapping[str, str] | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._sources = dict(sources or {})

    def source(self, name: str) -> str:
        """Where ``name``'s value came from: "default", "config file …", "environment …", "command line …"."""
        return self._sources.get(name, "default")

    def names(self) -> list[str]:
        return sorted(self.traits(config=True))

    def describe(self) -> list[str]:
        """One line per setting: its value and where it came from."""
        return [f"{name} = {getattr(self, name)!r}  ({self.source(name)})" for name in self.names()]

    def environment(self) -> dict[str, str]:
        """The settings as environment variables, for the processes this one starts."""
        found = {}
        for name in self.names():
            value = getattr(self, name)
            if value is None:
                continue
            found[environment_name(name)] = ",".join(value) if isinstance(value, list) else str(value)
        return found


def environment_name(name: str) -> str:
    return "COCREATE_" + name.upper()


def default(name: str) -> Any:
    """A setting's default, for a function whose caller may leave it out."""
    return CocreateSettings.class_traits()[name].default()


def load_settings(
    config_file: str | os.PathLike | None = None,
    command_line: Mapping[str, Any] | None = None,
    environ: Mapping[str, str] | None = None,
) -> CocreateSettings:
    """Defaults, then the config file (``config_file``, else ``$COCREATE_CONFIG``), then the
    environment, then ``command_line`` (``{name: value}``, given ones only; a flag's text or a
    value already parsed). Raises :class:`SettingsError` naming the first bad value's place."""
    environ = os.environ if environ is None else environ
    traits = CocreateSettings.class_traits(config=True)
    values: dict[str, Any] = {}
    sources: dict[str, str] = {}

    path = config_file or environ.get(CONFIG_ENV) or None
    if path:
        for name, value in _read_config_file(Path(path), traits).items():
            values[name], sources[name] = value, f"config file {path}"
    for name, trait in traits.items():
        text = environ.get(environment_name(name))
        if text is not None and text != "":
            where = f"environment {environment_name(name)}"
            values[name], sources[name] = _from_text(trait, name, text, where), where
    for name, value in (command_line or {}).items():
        if name not in traits:
            raise SettingsError(f"there is no setting {name!r}")
        flag = traits[name].metadata.get("cli") or "--" + name.replace("_", "-")
        where = f"command line {flag}"
        values[name] = _from_text(traits[name], name, value, where) if isinstance(value, str) else value
        sources[name] = where

    settings = CocreateSettings(sources)
    for name, value in values.items():
        try:
            setattr(settings, name, value)
        except TraitError as problem:
            raise SettingsError(
                f"{sources[name]}: {name} = {value!r} is refused: {_reason(problem)}"
            ) from None
    return settings


_current: CocreateSettings | None = None
_from_environment: tuple[tuple[str, str], ...] | None = None
_environment_settings: CocreateSettings | None = None


def use_settings(settings: CocreateSettings | None) -> None:
    """Make ``settings`` this process's (the CLI, once it has read its options); None forgets them."""
    global _current
    _current = settings


def current_settings() -> CocreateSettings:
    """This process's settings: the ones the CLI chose, else read from the environment (and
    ``$COCREATE_CONFIG``) again whenever those variables change."""
    global _from_environment, _environment_settings
    if _current is not None:
        return _current
    snapshot = tuple(sorted((k, v) for k, v in os.environ.items() if k.startswith("COCREATE_")))
    if _environment_settings is None or snapshot != _from_environment:
        _environment_settings, _from_environment = load_settings(), snapshot
    return _environment_settings


def _read_config_file(path: Path, traits: Mapping[str, Any]) -> dict[str, Any]:
    loaders = {".py": PyFileConfigLoader, ".json": JSONFileConfigLoader}
    loader_class = loaders.get(path.suffix)
    if loader_class is None:
        raise SettingsError(f"config file {path}: use a .py or .json file")
    try:
        config: Config = loader_class(path.name, str(path.parent.resolve())).load_config()
    except ConfigFileNotFound:
        raise SettingsError(f"config file {path}: no such file") from None
    except Exception as problem:  # a syntax error in the user's Python or JSON: say where
        raise SettingsError(f"config file {path}: cannot be read: {problem}") from None
    for section in config:
        if section != SECTION:
            raise SettingsError(
                f"config file {path}: {section} is not read here; the kit's settings are c.{SECTION}.*"
            )
    found = dict(config.get(SECTION, {}))
    for name in found:
        if name not in traits:
            import difflib  # only for this message: every participant kernel reads the settings

            near = difflib.get_close_matches(name, list(traits), n=1)
            hint = f" (did you mean {near[0]!r}?)" if near else ""
            raise SettingsError(f"config file {path}: there is no setting {name!r}{hint}")
    return found


def _from_text(trait: Any, name: str, text: str, where: str) -> Any:
    """A value written as text (environment, command line) in the trait's own type."""
    try:
        if isinstance(trait, List):
            return [part.strip() for part in text.split(",") if part.strip()]
        return trait.from_string(text)
    except (TraitError, ValueError) as problem:
        raise SettingsError(f"{where}: {name} = {text!r} is refused: {_reason(problem)}") from None


def _reason(problem: Exception) -> str:
    """traitlets' message without the class name it starts with."""
    text = str(problem)
    for noise in (f" of a {SECTION} instance", f" of an {SECTION} instance"):
        text = text.replace(noise, "")
    return text
