"""Check a folder of content files (plans, personas, UI words) before a workshop uses them.

`cocreate plans check DIR` prints every problem with its file and the path inside it:
schema errors, a file name that does not match the id and language it declares, a translation
whose structure differs from the English file (ids, kinds, resource addresses, persona lists,
number of items), personas a plan names that no persona file has, and UI words that are
missing, unknown or lose a {placeholder}. Files in DIR are checked against DIR first, then
the kit's own files (a new language may add just its UI words and one plan).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import cast

from .plan import (
    PLANS_DIR,
    PersonaFile,
    Plan,
    PlanError,
    read_yaml,
    validate_file,
)

__all__ = ["check_folder", "content_shape"]

# Ids, kinds, addresses and where a canvas puts its areas are the same in every language.
IDENTIFIERS = {"id", "kind", "sector", "url", "personas"} | {
    "row",
    "column",
    "rows",
    "columns",
    "colour",
    "vote",
    "pains",
}
NAME = re.compile(r"(?P<stem>[a-z0-9][a-z0-9-]*)\.(?P<lang>[a-z]{2})\.yaml")


def _identifier(key, value) -> bool:
    """Ids, kinds, resource addresses and a plan's persona ids are equal in every language."""
    if key not in IDENTIFIERS:
        return False
    return not isinstance(value, list) or all(isinstance(item, str) for item in value)


def content_shape(node):
    """The structure of a content file with its translatable text left out: what every
    language's version must share."""
    if isinstance(node, dict):
        return {k: (v if _identifier(k, v) else content_shape(v)) for k, v in node.items() if k != "lang"}
    if isinstance(node, list):
        return [content_shape(item) for item in node]
    return type(node).__name__


def differences(english, other, path: str = ""):
    """Each dotted path where a translation's shape differs from the English one, and how."""
    where = path or "(top level)"
    if isinstance(english, dict) and isinstance(other, dict):
        for key in english:
            if key not in other:
                yield f"{where}: missing {key!r} (the English file has it)"
        for key in other:
            if key not in english:
                yield f"{where}: {key!r} is not in the English file"
        for key in [k for k in english if k in other]:
            yield from differences(english[key], other[key], f"{path}.{key}" if path else key)
    elif isinstance(english, list) and isinstance(other, list):
        if len(english) != len(other):
            yield f"{where}: {len(other)} items, the English file has {len(english)}"
        else:
            for i, (a, b) in enumerate(zip(english, other, strict=True)):
                yield from differences(a, b, f"{path}.{i}")
    elif english != other:
        yield f"{where}: {other!r} here, {english!r} in the English file"


def _find(name: str, folder: Path) -> Path | None:
    for place in (folder, Path(str(PLANS_DIR))):
        if (place / name).is_file():
            return place / name
    return None


def check_folder(folder: Path) -> list[str]:
    """Every problem in the content files of ``folder``, one line each ("file: path: what")."""
    folder = Path(folder)
    if not folder.is_dir():
        return [f"{folder}: not a folder"]
    problems: list[str] = []
    files = sorted(folder.glob("*.yaml"))
    if not files:
        return [f"{folder}: no .yaml content files"]
    for path in files:
        match = NAME.fullmatch(path.name)
        if not match:
            problems.append(
                f"{path.name}: name it <plan>.<lang>.yaml, personas.<lang>.yaml or ui.<lang>.yaml"
            )
            continue
        stem, lang = match["stem"], match["lang"]
        try:
            if stem == "ui":
                problems += _check_ui(path, lang, folder)
            elif stem == "personas":
                validate_file(PersonaFile, path)
            else:
                problems += _check_plan(path, stem, lang, folder)
        except PlanError as exc:
            problems.append(str(exc).replace(str(path), path.name, 1))
            continue
        problems += _check_parity(path, stem, lang, folder)
    return problems


def _check_plan(path: Path, plan_id: str, lang: str, folder: Path) -> list[str]:
    plan: Plan = validate_file(Plan, path)
    problems = []
    if plan.id != plan_id or plan.lang != lang:
        problems.append(
            f"{path.name}: declares id={plan.id!r}, lang={plan.lang!r}; rename the file or fix them"
        )
    personas_file = _find(f"personas.{lang}.yaml", folder)
    known = (
        {p.id for p in validate_file(PersonaFile, personas_file).personas}
        if personas_file is not None
        else set()
    )
    for where, personas in _canvas_personas(plan):
        if personas_file is None:
            problems.append(f"{path.name}: {where}: there is no personas.{lang}.yaml")
            continue
        for i, persona in enumerate(personas):
            if persona not in known:
                problems.append(f"{path.name}: {where}.{i}: no persona {persona!r} in {personas_file.name}")
    if _find(f"ui.{lang}.yaml", folder) is None:
        problems.append(f"{path.name}: there is no ui.{lang}.yaml with the page's words in {lang!r}")
    return problems


def _canvas_personas(plan: Plan) -> list[tuple[str, tuple[str, ...]]]:
    """``(dotted path, persona ids)`` of every canvas about people in the plan."""
    return [
        (f"stages.{s}.exercises.{e}.canvas.personas", exercise.canvas.personas)
        for s, stage in enumerate(plan.stages)
        for e, exercise in enumerate(stage.exercises)
        if exercise.canvas is not None and exercise.canvas.personas
    ]


def _check_ui(path: Path, lang: str, folder: Path) -> list[str]:
    words = read_yaml(path)
    if not isinstance(words, dict):
        return [f"{path.name}: must map each UI key to a text"]
    # read_yaml() returns object; the English UI file maps keys to texts (checked on its own turn)
    english = cast("dict[str, str]", read_yaml(_find("ui.en.yaml", folder)))
    problems = []
    for key, text in words.items():
        if not isinstance(text, str) or not text.strip():
            problems.append(f"{path.name}: {key}: must be a non-empty text")
        elif key not in english:
            problems.append(f"{path.name}: {key}: not a UI key the kit uses")
        elif set(re.findall(r"{\w+}", text)) != set(re.findall(r"{\w+}", english[key])):
            wanted = ", ".join(sorted(set(re.findall(r"{\w+}", english[key])))) or "none"
            problems.append(f"{path.name}: {key}: placeholders must be exactly: {wanted}")
    problems += [
        f"{path.name}: {key}: missing (English: {english[key]!r})" for key in english if key not in words
    ]
    return problems


def _check_parity(path: Path, stem: str, lang: str, folder: Path) -> list[str]:
    """A translation has the English file's structure (ui files are checked key by key)."""
    if lang == "en" or stem == "ui":
        return []
    english = _find(f"{stem}.en.yaml", folder)
    if english is None:
        return []  # a plan only in this language: nothing to compare with
    found = differences(content_shape(read_yaml(english)), content_shape(read_yaml(path)))
    return [f"{path.name}: {difference}" for difference in found]
