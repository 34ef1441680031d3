"""The package's layers import one way (store <- content <- kinds <- live <- forms <- apps; the
server plumbing and the reports beside them): a module that reaches upwards fails here, naming
the import, so the layout cannot drift back into a tangle."""

from __future__ import annotations

import ast
from pathlib import Path

import cocreate_kit

PACKAGE = Path(cocreate_kit.__file__).parent
GROUND = {"models", "visibility", "validation", "settings"}  # records, one rule each, the settings

# What each layer may import besides itself and the ground.
MAY_IMPORT = {
    "ground": set(),
    "store": set(),
    "content": {"store"},
    "kinds": {"store", "content"},
    "live": {"store", "content", "kinds"},
    "forms": {"store", "content", "kinds", "live"},
    "server": {"store", "content"},
    "report": {"store", "content", "kinds", "live", "server"},
    "apps": {"store", "content", "kinds", "live", "forms", "server", "report"},
    "cli": {"store", "content", "kinds", "live", "forms", "server", "report", "apps"},
}


def layer_of(parts: tuple[str, ...]) -> str:
    top = parts[1] if len(parts) > 1 else ""
    return "ground" if top in GROUND or top == "__init__" else top


def kit_imports(path: Path) -> list[tuple[int, str]]:
    """``(line, cocreate_kit.x.y)`` for every import of the kit in one module, relative ones resolved."""
    module = path.relative_to(PACKAGE.parent).with_suffix("").parts
    package = module[:-1]
    found = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                target = ".".join([*base, *([node.module] if node.module else [])])
            else:
                target = node.module or ""
            found.append((node.lineno, target))
        elif isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
    return [(line, name) for line, name in found if name.split(".")[0] == "cocreate_kit"]


def test_no_module_imports_a_layer_above_its_own():
    """Every import of the kit inside the kit stays within its layer, the ground or a layer below."""
    upward = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        if "migrations" in parts or parts == ("cocreate_kit", "__init__"):
            continue  # the package's front door re-exports the public API
        mine = layer_of(parts)
        for line, target in kit_imports(path):
            theirs = layer_of(tuple(target.split(".")))
            if theirs not in {mine, "ground"} and theirs not in MAY_IMPORT[mine]:
                where = f"{path.relative_to(PACKAGE.parent)}:{line}"
                upward.append(f"{where} ({mine}) imports {target} ({theirs})")
    assert [] == upward


def test_the_package_top_holds_only_the_ground_and_the_layers():
    """No flat module creeps back beside the layers: the top level is the ground and subpackages."""
    flat = sorted(p.stem for p in PACKAGE.glob("*.py") if p.stem != "__init__")
    layers = sorted(p.name for p in PACKAGE.iterdir() if (p / "__init__.py").exists())
    assert (sorted(GROUND), sorted(set(MAY_IMPORT) - {"ground"})) == (flat, layers)
