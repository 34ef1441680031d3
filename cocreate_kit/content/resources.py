"""Where the kit's files are: the Voila apps and the sample workshop sit beside the package."""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["apps_dir", "report_notebook", "sample_workshop", "templates_dir"]

_REPO = Path(__file__).resolve().parents[2]  # the checkout (#22 makes these package data)


def apps_dir() -> Path:
    """The folder Voila serves (participant.ipynb, facilitator.ipynb); ``$COCREATE_APPS`` overrides."""
    return Path(os.environ.get("COCREATE_APPS", _REPO / "notebooks" / "apps"))


def sample_workshop() -> Path:
    return _REPO / "sample_data" / "demo-workshop.json"


def report_notebook() -> Path:
    return _REPO / "notebooks" / "report.ipynb"


def templates_dir() -> Path:
    return _REPO / "templates"
