"""Workshop content as data: load and validate the plan, persona and UI-text files.

Every plan lives in ``cocreate_kit/plans/`` as one YAML file per plan and language
(``business-hubs.en.yaml``), beside ``personas.<lang>.yaml`` and ``ui.<lang>.yaml``.
A file that does not match the schema fails at load with its path and the dotted
path of the bad field, so a typo in content never reaches a participant.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

from ..settings import current_settings, environment_name
from . import compiled as compiled_content

__all__ = [
    "Area",
    "Canvas",
    "CanvasArea",
    "ChecklistItem",
    "Exercise",
    "GridCell",
    "Persona",
    "PersonaFile",
    "Plan",
    "PlanError",
    "Question",
    "Resource",
    "Stage",
    "available_languages",
    "available_plans",
    "compile_content",
    "load_personas",
    "load_plan",
    "load_plan_file",
    "load_ui",
    "plan_personas",
    "content_folders",
    "forget_loaded_content",
    "read_yaml",
    "validate_file",
]

PLANS_DIR = resources.files("cocreate_kit") / "plans"
# Extra content folders (os.pathsep-separated), searched before the shipped one: a hub's own
# plans or a new language, checked with `cocreate plans check DIR`.
PLANS_ENV = environment_name("plans")  # COCREATE_PLANS


def content_folders() -> list:
    """Where content files are looked up, first match wins: the ``plans`` setting (``--plans``,
    ``$COCREATE_PLANS``, a config file), then the kit's."""
    extra = [Path(p) for p in current_settings().plans.split(os.pathsep) if p]
    return [*extra, PLANS_DIR]


def content_file(name: str):
    """The first ``name`` (e.g. ``ui.fr.yaml``) in the content folders (the shipped path if none)."""
    for folder in content_folders():
        if (folder / name).is_file():
            return folder / name
    return PLANS_DIR / name


def forget_loaded_content() -> None:
    """Drop cached plans, personas and UI words (after the content folders changed)."""
    for loader in (load_plan, load_personas, load_ui):
        loader.cache_clear()


# Which exercise kinds exist and what each asks of its declaration is the kinds layer's
# knowledge (``cocreate_kit.kinds``, which registers its check here when the package is
# imported): content only asks, so a plan naming an unknown kind fails when its file is read.
PLAN_CHECKS: list = []  # callables: Plan -> list of "stage/exercise: what" lines
# Likewise how a plan file in an older form reads today: callables taking a file's raw data and
# giving it in the current form, applied before it is validated.
PLAN_UPGRADES: list = []

# The models are plain frozen dataclasses, validated by pydantic only when a file is read
# (pydantic reads the constraints in their annotations and calls __post_init__). A participant
# kernel that gets the server's compiled content never imports pydantic or PyYAML (about 11 MB
# less per kernel), nor annotated_types: the annotations stay strings until validate_file() defines
# the constraint names (Slug, Text, Lang, at) for pydantic to resolve.
SLUG = re.compile(r"[a-z0-9][a-z0-9-]*")


def _constraints() -> dict:
    import annotated_types as at

    return {
        "at": at,
        "Slug": Annotated[str, at.Len(1, 60)],
        "Text": Annotated[str, at.Len(1, 4000)],
        "Lang": Annotated[str, at.Len(2, 2)],
    }


if TYPE_CHECKING:  # for readers and linters; at run time validate_file() defines them
    import annotated_types as at

    Slug = Annotated[str, at.Len(1, 60)]
    Text = Annotated[str, at.Len(1, 4000)]
    Lang = Annotated[str, at.Len(2, 2)]
    from pydantic_core import ErrorDetails  # only an annotation: pydantic is imported where used
STRICT = {"extra": "forbid"}  # pydantic's config for these dataclasses: no unknown fields


class PlanError(ValueError):
    """A plan, persona or UI file is missing or does not match the schema."""


def _require_slug(value: str, what: str = "id") -> None:
    if not SLUG.fullmatch(value):
        raise ValueError(f"{what} {value!r} must be lower-case letters, digits and dashes")


@dataclass(frozen=True)
class Area:
    """One thing a rated exercise asks about: its id, its label and the question behind it."""

    __pydantic_config__ = STRICT
    id: Slug
    label: Text
    prompt: Text

    def __post_init__(self):
        _require_slug(self.id)


@dataclass(frozen=True)
class Question:
    __pydantic_config__ = STRICT
    id: Slug
    text: Text

    def __post_init__(self):
        _require_slug(self.id)


@dataclass(frozen=True)
class ChecklistItem:
    __pydantic_config__ = STRICT
    id: Slug
    text: Text

    def __post_init__(self):
        _require_slug(self.id)


COLOUR = re.compile(r"#[0-9a-fA-F]{6}")


def _cells(row: int, column: int, rows: int, columns: int) -> set[tuple[int, int]]:
    return {(r, c) for r in range(row, row + rows) for c in range(column, column + columns)}


@dataclass(frozen=True)
class CanvasArea:
    """One area of a canvas: where it sits on the grid (1-based row and column, spanning
    ``rows`` × ``columns`` cells), its words, and an optional background colour."""

    __pydantic_config__ = STRICT
    id: Slug
    label: Text
    prompt: Text
    row: Annotated[int, at.Ge(1)]
    column: Annotated[int, at.Ge(1)]
    rows: Annotated[int, at.Ge(1)] = 1
    columns: Annotated[int, at.Ge(1)] = 1
    colour: str | None = None

    def __post_init__(self):
        _require_slug(self.id)
        if self.colour is not None and not COLOUR.fullmatch(self.colour):
            raise ValueError(f"colour {self.colour!r} must be written #rrggbb")

    def cells(self) -> set[tuple[int, int]]:
        return _cells(self.row, self.column, self.rows, self.columns)


@dataclass(frozen=True)
class GridCell:
    """A place on a canvas's grid that holds no notes: where the picture shows whom a canvas
    about people maps (the persona, in the middle of an empathy map)."""

    __pydantic_config__ = STRICT
    row: Annotated[int, at.Ge(1)]
    column: Annotated[int, at.Ge(1)]
    rows: Annotated[int, at.Ge(1)] = 1
    columns: Annotated[int, at.Ge(1)] = 1

    def cells(self) -> set[tuple[int, int]]:
        return _cells(self.row, self.column, self.rows, self.columns)


PERSONA_CELL = "persona_cell"  # never an area id: ids have no underscore


def _named(shape: str) -> str:
    return "the persona_cell" if shape == PERSONA_CELL else f"area {shape!r}"


@dataclass(frozen=True)
class Canvas:
    """A canvas's areas on a grid ``columns`` wide (as many rows as the areas need), every cell
    covered by exactly one area (or the persona cell); ``vote``: whether its notes can be
    dot-voted.

    A canvas about people (an empathy map) names ``personas``: a participant picks one, reads
    its card and fills one map per persona; ``persona_cell`` is where the picture shows whom it
    maps. ``pains``: the areas whose notes are pains (the programme counts the pains named most).
    """

    __pydantic_config__ = STRICT
    columns: Annotated[int, at.Ge(1)]
    areas: Annotated[tuple[CanvasArea, ...], at.MinLen(1)]
    vote: bool = True
    personas: tuple[Slug, ...] = ()
    persona_cell: GridCell | None = None
    pains: tuple[Slug, ...] = ()

    def __post_init__(self):
        _require_unique(self.areas, "areas")
        if len(set(self.personas)) != len(self.personas):
            raise ValueError("a persona is listed twice in personas")
        if self.persona_cell is not None and not self.personas:
            raise ValueError("persona_cell shows a persona: name the canvas's personas too")
        ids = {area.id for area in self.areas}
        for pain in self.pains:
            if pain not in ids:
                raise ValueError(f"pains names {pain!r}, which is not an area of this canvas")
        taken: dict[tuple[int, int], str] = {}
        for name, shape in self._shapes():
            if shape.column + shape.columns - 1 > self.columns:
                raise ValueError(f"{_named(name)} runs past column {self.columns}, the grid's width")
            for cell in sorted(shape.cells()):
                if cell in taken:
                    both = (
                        f"areas {taken[cell]!r} and {name!r}"
                        if PERSONA_CELL not in (name, taken[cell])
                        else f"{_named(taken[cell])} and {_named(name)}"
                    )
                    raise ValueError(f"{both} both take row {cell[0]}, column {cell[1]}")
                taken[cell] = name
        for row in range(1, self.rows() + 1):
            for column in range(1, self.columns + 1):
                if (row, column) not in taken:
                    raise ValueError(f"no area covers row {row}, column {column} of the grid")

    def _shapes(self) -> list[tuple[str, CanvasArea | GridCell]]:
        shapes: list[tuple[str, CanvasArea | GridCell]] = [(a.id, a) for a in self.areas]
        if self.persona_cell is not None:
            shapes.append((PERSONA_CELL, self.persona_cell))
        return shapes

    def rows(self) -> int:
        return max(shape.row + shape.rows - 1 for _name, shape in self._shapes())

    def in_reading_order(self) -> list[CanvasArea]:
        """Row by row, left to right: how a phone lists the areas."""
        return sorted(self.areas, key=lambda a: (a.row, a.column))


ResourceKind = Literal["guide", "video", "article", "template", "example", "tool"]
SAFE_URL = re.compile(r"https://[A-Za-z0-9.-]+\.[A-Za-z]{2,}(/[^\s<>\"'`]*)?")


@dataclass(frozen=True)
class Resource:
    """A public page to learn more from: shown as a link that opens in a new tab (the page
    itself never loads it) and listed in the report's appendix."""

    __pydantic_config__ = STRICT
    title: Text
    kind: ResourceKind
    url: Text
    why: Text  # one line: what the reader gets from it

    def __post_init__(self):
        if len(self.url) > 500 or not SAFE_URL.fullmatch(self.url):
            raise ValueError(f"url {self.url!r} must be a plain https:// address")


@dataclass(frozen=True)
class Exercise:
    __pydantic_config__ = STRICT
    id: Slug
    kind: Slug  # an exercise kind (cocreate_kit.kinds): "canvas", "task-plan", ...
    title: Text
    instructions: Text
    # Rated kinds: what is rated, and the labels of the rating scale, lowest first.
    aspects: tuple[Area, ...] = ()
    scale: tuple[Text, ...] = ()
    # Kinds that file entries under topics: the topics offered (optional).
    categories: tuple[Text, ...] = ()
    # Canvas kinds: the areas notes are placed in.
    canvas: Canvas | None = None
    resources: tuple[Resource, ...] = ()

    def __post_init__(self):
        _require_slug(self.id)
        _require_slug(self.kind, "kind")
        _require_unique(self.aspects, "aspects")


@dataclass(frozen=True)
class Stage:
    __pydantic_config__ = STRICT
    id: Slug
    title: Text
    intro: Text
    exercises: Annotated[tuple[Exercise, ...], at.MinLen(1)]
    # Plans for customers (an idea call) may leave out questions and checklists.
    questions: tuple[Question, ...] = ()
    checklist: tuple[ChecklistItem, ...] = ()
    resources: tuple[Resource, ...] = ()

    def __post_init__(self):
        _require_slug(self.id)
        for name in ("exercises", "questions", "checklist"):
            _require_unique(getattr(self, name), name)


@dataclass(frozen=True)
class Plan:
    """A complete action plan: who it is for and its stages in order."""

    __pydantic_config__ = STRICT
    id: Slug
    lang: Lang
    title: Text
    audience: Text
    summary: Text
    stages: Annotated[tuple[Stage, ...], at.MinLen(1)]

    def __post_init__(self):
        _require_slug(self.id)
        _require_lang(self.lang)
        _require_unique(self.stages, "stages")
        problems = [line for check in PLAN_CHECKS for line in check(self)]
        if problems:
            raise ValueError("; ".join(problems))

    def resources(self) -> list[tuple[str, Resource]]:
        """Every resource of the plan with where it belongs (stage or exercise title), in order."""
        found = []
        for stage in self.stages:
            found += [(stage.title, r) for r in stage.resources]
            for exercise in stage.exercises:
                found += [(exercise.title, r) for r in exercise.resources]
        return found

    def stage(self, stage_id: str) -> Stage:
        for stage in self.stages:
            if stage.id == stage_id:
                return stage
        raise KeyError(stage_id)

    def exercise(self, exercise_ref: str) -> Exercise:
        """Find an exercise by its ``stage/exercise`` reference."""
        stage_id, _, exercise_id = exercise_ref.partition("/")
        for exercise in self.stage(stage_id).exercises:
            if exercise.id == exercise_id:
                return exercise
        raise KeyError(exercise_ref)

    def exercises_of_kind(self, kind: str) -> list[tuple[str, Exercise]]:
        """All ``(stage/exercise reference, exercise)`` pairs of one kind, in plan order."""
        return [
            (f"{stage.id}/{exercise.id}", exercise)
            for stage in self.stages
            for exercise in stage.exercises
            if exercise.kind == kind
        ]

    def persona_ids(self) -> list[str]:
        """Whom the plan's canvases about people map (persona ids), in plan order, once each."""
        found = [
            persona
            for stage in self.stages
            for exercise in stage.exercises
            if exercise.canvas is not None
            for persona in exercise.canvas.personas
        ]
        return list(dict.fromkeys(found))


@dataclass(frozen=True)
class Persona:
    __pydantic_config__ = STRICT
    id: Slug
    name: Text
    role: Text
    sector: Literal["commerce", "digital", "customer"]
    story: Text
    goals: Annotated[tuple[Text, ...], at.MinLen(1)]
    frustrations: Annotated[tuple[Text, ...], at.MinLen(1)]
    digital_habits: Text

    def __post_init__(self):
        _require_slug(self.id)


@dataclass(frozen=True)
class PersonaFile:
    """A ``personas.<lang>.yaml`` file, as loaded and as `cocreate plans check` validates it."""

    __pydantic_config__ = STRICT
    lang: Lang
    personas: Annotated[tuple[Persona, ...], at.MinLen(1)]

    def __post_init__(self):
        _require_lang(self.lang)
        _require_unique(self.personas, "personas")


def _require_lang(value: str) -> None:
    if not re.fullmatch(r"[a-z]{2}", value):
        raise ValueError(f"lang {value!r} must be a two-letter code such as 'en'")


def _require_unique(items, where: str) -> None:
    seen = set()
    for item in items:
        if item.id in seen:
            raise ValueError(f"duplicate id {item.id!r} in {where}")
        seen.add(item.id)


def read_yaml(path) -> object:
    """A YAML file's data, or a PlanError naming the file."""
    import yaml  # only where a file is read: compiled content needs no YAML parser

    try:
        return yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise PlanError(f"{path}: file not found") from None
    except yaml.YAMLError as exc:
        raise PlanError(f"{path}: not valid YAML: {exc}") from None


def validate_file(model: type, path):
    """A content file read and checked against ``model`` (Plan, PersonaFile): a PlanError names
    the file and the path of every bad field."""
    from pydantic import TypeAdapter, ValidationError  # only where a file is validated

    globals().update(_constraints())
    data = read_yaml(path)
    if model is Plan:
        for upgrade in PLAN_UPGRADES:
            data = upgrade(data)
    try:
        return TypeAdapter(model).validate_python(data)
    except ValidationError as exc:
        problems = "; ".join(_problem(err) for err in exc.errors())
        raise PlanError(f"{path}: {problems}") from None


def _problem(err: ErrorDetails) -> str:
    """One pydantic error as "path: what"; a check of the whole plan names its own paths."""
    where = ".".join(str(part) for part in err["loc"])
    message = err["msg"].removeprefix("Value error, ")
    if not where and message.startswith("stages."):
        return message
    return f"{where or '(top level)'}: {message}"


def load_plan_file(path) -> Plan:
    """Load and validate one plan file from any path (used by tests and content authors)."""
    return validate_file(Plan, path)


@cache
def load_plan(plan_id: str = "business-hubs", lang: str = "en") -> Plan:
    """Load a shipped plan in one language."""
    compiled = compiled_content.lookup(("plan", plan_id, lang))
    if compiled is not None:
        return compiled
    plan = load_plan_file(content_file(f"{plan_id}.{lang}.yaml"))
    if plan.id != plan_id or plan.lang != lang:
        raise PlanError(f"{plan_id}.{lang}.yaml declares id={plan.id!r}, lang={plan.lang!r}")
    return plan


@cache
def load_personas(lang: str = "en") -> tuple[Persona, ...]:
    compiled = compiled_content.lookup(("personas", lang))
    if compiled is not None:
        return compiled
    return validate_file(PersonaFile, content_file(f"personas.{lang}.yaml")).personas


@cache
def load_ui(lang: str = "en") -> dict[str, str]:
    """The participant-facing words (labels, buttons, messages) in one language."""
    compiled = compiled_content.lookup(("ui", lang))
    if compiled is not None:
        return compiled
    path = content_file(f"ui.{lang}.yaml")
    data = read_yaml(path)
    if not isinstance(data, dict) or not all(
        isinstance(k, str) and isinstance(v, str) and v for k, v in data.items()
    ):
        raise PlanError(f"{path}: must map each key to a non-empty text")
    return data


def plan_personas(plan: Plan, exercise: Exercise | None = None) -> list[Persona]:
    """The personas the plan's canvases about people map (``exercise``: that canvas's only),
    in the plan's order (one rule for the form, the board and the report)."""
    by_id = {persona.id: persona for persona in load_personas(plan.lang)}
    if exercise is None:
        wanted = plan.persona_ids()
    else:
        wanted = list(exercise.canvas.personas) if exercise.canvas is not None else []
    return [by_id[pid] for pid in wanted if pid in by_id]


def available_plans() -> list[tuple[str, str]]:
    """``(plan id, language)`` for every plan file in the content folders."""
    found = set()
    for folder in content_folders():
        if not folder.is_dir():
            continue
        for entry in folder.iterdir():
            parts = entry.name.split(".")
            if len(parts) == 3 and parts[2] == "yaml" and parts[0] not in ("personas", "ui"):
                found.add((parts[0], parts[1]))
    return sorted(found)


def available_languages() -> list[str]:
    """Every language a workshop can run in: those with a plan file (``ui.<lang>.yaml`` is
    required beside it, as `cocreate plans check` says). A new language is files only."""
    return sorted({lang for _plan, lang in available_plans()})


def compile_content() -> dict:
    """Every shipped plan, persona file and UI text, validated: what ``cocreate serve`` hands its
    kernels (see ``compiled_content``). Raises ``PlanError`` on the first bad file."""
    content: dict = {}
    plans = available_plans()
    for plan_id, lang in plans:
        content[("plan", plan_id, lang)] = load_plan(plan_id, lang)
    for lang in sorted({lang for _plan, lang in plans}):  # available_languages(), one scan
        content[("ui", lang)] = load_ui(lang)
        if content_file(f"personas.{lang}.yaml").is_file():
            content[("personas", lang)] = load_personas(lang)
    return content
