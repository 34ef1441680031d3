"""Where the kit's run-time files are: package data under ``cocreate_kit/share``, read through
``importlib.resources``, so an installed wheel serves as the checkout does.

In the repository ``share/`` holds links to the folders a person edits (``notebooks/apps``,
``notebooks/report.ipynb``, ``sample_data/``, ``templates/``): one copy of each file, which
the wheel and the sdist carry as real files."""

from __future__ import annotations

import os
from importlib.resources import files
from pathlib import Path

__all__ = ["apps_dir", "report_notebook", "sample_workshop", "share", "templates_dir"]


def share(*parts: str) -> Path:
    """A file or folder of the kit's package data, as a path Voila and nbconvert can open."""
    found = Path(str(files("cocreate_kit").joinpath("share", *parts)))
    if not found.exists():
        raise FileNotFoundError(
            f"The kit's file {'/'.join(parts)} is missing from {found.parent}: reinstall cocreate-kit "
            "(pip install --force-reinstall cocreate-kit)"
        )
    return found


def apps_dir() -> Path:
    """The folder Voila serves (participant.ipynb, facilitator.ipynb); ``$COCREATE_APPS`` overrides."""
    override = os.environ.get("COCREATE_APPS")
    return Path(override) if override else share("apps")


def sample_workshop() -> Path:
    return share("sample_data", "demo-workshop.json")


def report_notebook() -> Path:
    return share("report.ipynb")


def templates_dir() -> Path:
    return share("templates")
