"""The package's public names are pinned (httpx's test_exported_members): a change to what
``import cocreate_kit`` offers is a decision made here, and every module says what it exports."""

from __future__ import annotations

import importlib
from pathlib import Path

import cocreate_kit

PACKAGE = Path(cocreate_kit.__file__).parent


def test_the_package_exports_exactly_its_public_api():
    """``cocreate_kit.__all__`` is this list, and each name is there."""
    assert [
        "Entry",
        "KINDS",
        "Kind",
        "NewWorkshop",
        "Participant",
        "Plan",
        "PlanError",
        "Store",
        "StoreError",
        "Workshop",
        "available_plans",
        "dumps_export",
        "export_workshop",
        "import_workshop",
        "load_personas",
        "load_plan",
        "load_ui",
        "plan_personas",
    ] == sorted(cocreate_kit.__all__)
    for name in cocreate_kit.__all__:
        assert getattr(cocreate_kit, name) is not None, name


def test_every_module_declares_what_it_exports_and_has_it():
    """Each module (migrations aside) has ``__all__``, and every name in it is defined there."""
    missing, broken = [], []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE.parent).with_suffix("")
        if "migrations" in relative.parts or path.name == "__main__.py":
            continue
        name = ".".join(relative.parts).removesuffix(".__init__")
        module = importlib.import_module(name)
        if not hasattr(module, "__all__"):
            missing.append(name)
            continue
        broken += [f"{name}.{item}" for item in module.__all__ if not hasattr(module, item)]
    assert ([], []) == (missing, broken)
