"""Workshop content as data: load and validate the plan, persona and UI-text files.

Every plan lives in ``cocreate_kit/plans/`` as one YAML file per plan and language
(``business-hubs.en.yaml``), beside ``personas.<lang>.yaml`` and ``ui.<lang>.yaml``.
A file that does not match the schema fails at load with its path and the dotted
path of the bad field, so a typo in content never reaches a participant.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

__all__ = [
    "Area",
    "ChecklistItem",
    "Exercise",
    "Persona",
    "Plan",
    "PlanError",
    "Question",
    "Stage",
    "available_plans",
    "load_personas",
    "load_plan",
    "load_plan_file",
    "load_ui",
]

PLANS_DIR = resources.files("cocreate_kit") / "plans"

ExerciseKind = Literal[
    "empathy-map",
    "value-map",
    "brief",
    "partner-scorecard",
    "task-plan",
    "progress-monitor",
    "evaluation-grid",
    "ideas",
]

RATED_KINDS = ("evaluation-grid", "partner-scorecard")

Slug = Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=60)
Text = Field(min_length=1, max_length=4000)


class PlanError(ValueError):
    """A plan, persona or UI file is missing or does not match the schema."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Area(_Strict):
    """One region of the empathy map canvas (thinks, feels, ..., pains, gains)."""

    id: str = Slug
    label: str = Text
    prompt: str = Text


class Question(_Strict):
    id: str = Slug
    text: str = Text


class ChecklistItem(_Strict):
    id: str = Slug
    text: str = Text


class Exercise(_Strict):
    id: str = Slug
    kind: ExerciseKind
    title: str = Text
    instructions: str = Text
    # Rated exercises only (evaluation grid, partner scorecard): what is rated, and the labels
    # of the rating scale, lowest first.
    aspects: tuple[Area, ...] = ()
    scale: tuple[str, ...] = ()
    # Ideas only: the categories a customer may file an idea under (optional).
    categories: tuple[str, ...] = ()

    @model_validator(mode="after")
    def _rated_kinds_need_aspects_and_scale(self):
        rated = self.kind in RATED_KINDS
        if rated and (not self.aspects or len(self.scale) < 2):
            raise ValueError(f"a {self.kind} exercise needs aspects and a scale of at least two steps")
        if not rated and (self.aspects or self.scale):
            raise ValueError(f"a {self.kind} exercise has no aspects or scale")
        _require_unique(self.aspects, "aspects")
        if self.categories and self.kind != "ideas":
            raise ValueError(f"a {self.kind} exercise has no categories")
        return self


class Stage(_Strict):
    id: str = Slug
    title: str = Text
    intro: str = Text
    exercises: tuple[Exercise, ...] = Field(min_length=1)
    # Plans for customers (an idea call) may leave out questions and checklists.
    questions: tuple[Question, ...] = ()
    checklist: tuple[ChecklistItem, ...] = ()

    @model_validator(mode="after")
    def _unique_ids(self):
        for name in ("exercises", "questions", "checklist"):
            _require_unique(getattr(self, name), f"{name}")
        return self


class Plan(_Strict):
    """A complete action plan: who it is for and its stages in order."""

    id: str = Slug
    lang: str = Field(pattern=r"^[a-z]{2}$")
    title: str = Text
    audience: str = Text
    summary: str = Text
    empathy_areas: tuple[Area, ...] = ()
    stages: tuple[Stage, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_ids(self):
        _require_unique(self.stages, "stages")
        _require_unique(self.empathy_areas, "empathy_areas")
        if self.exercises_of_kind("empathy-map") and not self.empathy_areas:
            raise ValueError("a plan with an empathy map needs empathy_areas")
        return self

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

    def area_ids(self) -> list[str]:
        return [area.id for area in self.empathy_areas]


class Persona(_Strict):
    id: str = Slug
    name: str = Text
    role: str = Text
    sector: Literal["commerce", "digital"]
    story: str = Text
    goals: tuple[str, ...] = Field(min_length=1)
    frustrations: tuple[str, ...] = Field(min_length=1)
    digital_habits: str = Text


class _PersonaFile(_Strict):
    lang: str = Field(pattern=r"^[a-z]{2}$")
    personas: tuple[Persona, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_ids(self):
        _require_unique(self.personas, "personas")
        return self


def _require_unique(items, where: str) -> None:
    seen = set()
    for item in items:
        if item.id in seen:
            raise ValueError(f"duplicate id {item.id!r} in {where}")
        seen.add(item.id)


def _read_yaml(path) -> object:
    try:
        return yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise PlanError(f"{path}: file not found") from None
    except yaml.YAMLError as exc:
        raise PlanError(f"{path}: not valid YAML: {exc}") from None


def _validate(model: type[BaseModel], path) -> BaseModel:
    data = _read_yaml(path)
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(part) for part in err['loc']) or '(top level)'}: {err['msg']}"
            for err in exc.errors()
        )
        raise PlanError(f"{path}: {problems}") from None


def load_plan_file(path) -> Plan:
    """Load and validate one plan file from any path (used by tests and content authors)."""
    return _validate(Plan, path)


@cache
def load_plan(plan_id: str = "business-hubs", lang: str = "en") -> Plan:
    """Load a shipped plan in one language."""
    plan = load_plan_file(PLANS_DIR / f"{plan_id}.{lang}.yaml")
    if plan.id != plan_id or plan.lang != lang:
        raise PlanError(f"{plan_id}.{lang}.yaml declares id={plan.id!r}, lang={plan.lang!r}")
    return plan


@cache
def load_personas(lang: str = "en") -> tuple[Persona, ...]:
    return _validate(_PersonaFile, PLANS_DIR / f"personas.{lang}.yaml").personas


@cache
def load_ui(lang: str = "en") -> dict[str, str]:
    """The participant-facing words (labels, buttons, messages) in one language."""
    path = PLANS_DIR / f"ui.{lang}.yaml"
    data = _read_yaml(path)
    if not isinstance(data, dict) or not all(
        isinstance(k, str) and isinstance(v, str) and v for k, v in data.items()
    ):
        raise PlanError(f"{path}: must map each key to a non-empty text")
    return data


def available_plans() -> list[tuple[str, str]]:
    """``(plan id, language)`` for every shipped plan file."""
    found = []
    for entry in PLANS_DIR.iterdir():
        parts = entry.name.split(".")
        if len(parts) == 3 and parts[2] == "yaml" and parts[0] not in ("personas", "ui"):
            found.append((parts[0], parts[1]))
    return sorted(found)
