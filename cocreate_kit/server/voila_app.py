"""The Voila the kit runs: Voila as it is, with its responses compressed for phones.

A participant page downloads Voila's scripts and the widget manager: about 5 MB as Voila serves
them. Static files go out compressed once and cached (see compressed_static.py); the rest (the
page itself, API answers) is compressed by Tornado's ``compress_response``. Voila builds its
Tornado application first and applies its ``tornado_settings`` afterwards, too late for that one
setting (an application's output transforms are fixed when it is made), so the kit's Voila adds
it to the settings the application is built from. ``python -m cocreate_kit.server.voila_app``
takes the same options as ``python -m voila``.
"""

from __future__ import annotations

from voila.app import Voila

from .compressed_static import compressed_handler

__all__ = ["CocreateVoila", "main"]


class CocreateVoila(Voila):
    """Voila whose pages, scripts and styles reach browsers that accept it gzip-compressed."""

    def init_settings(self) -> dict:
        settings = super().init_settings()
        settings["compress_response"] = True
        return settings

    def init_handlers(self) -> list:
        return [(route[0], compressed_handler(route[1]), *route[2:]) for route in super().init_handlers()]


main = CocreateVoila.launch_instance

if __name__ == "__main__":
    main()
