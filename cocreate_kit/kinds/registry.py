"""The registry of exercise kinds, after papermill's engine registry: the kit's own kinds are
registered here, and an installed package adds its own through the entry-point group
``cocreate_kit.kinds`` (each entry point names a ``Kind`` subclass or instance).

Board, overview, report, export, tally and follow-through code asks ``KINDS`` (or ``place_of``)
and never names a kind.
"""

from __future__ import annotations

import functools
import logging
from importlib import import_module

from ..content.plan import Plan
from .base import Kind, Place

__all__ = [
    "ENTRY_POINT_GROUP",
    "KINDS",
    "STAGE_PARTS",
    "KindRegistry",
    "UnknownKindError",
    "entry_problem",
    "place_of",
    "shipped_entry_problem",
    "places_by_kind",
]

ENTRY_POINT_GROUP = "cocreate_kit.kinds"
# A stage's questions and checklist are stored under "stage/questions" and "stage/checklist".
STAGE_PARTS = {"questions": "questions", "checklist": "checklist"}
# The kit's own kinds, imported the first time a plan names one: a participant's kernel loads
# only the kinds of its workshop's plan (memory is counted per kernel).
BUILT_IN = {
    "value-map": "value_map:ValueMap",
    "brief": "brief:Brief",
    "partner-scorecard": "scorecard:PartnerScorecard",
    "task-plan": "task_plan:TaskPlan",
    "progress-monitor": "progress:ProgressMonitor",
    "evaluation-grid": "evaluation:EvaluationGrid",
    "ideas": "ideas:Ideas",
    "canvas": "canvas:CanvasKind",
    "questions": "questions:Questions",
    "checklist": "checklist:Checklist",
}

log = logging.getLogger(__name__)


class UnknownKindError(KeyError):
    """No kind of that name is registered (nor offered by an installed package)."""


class KindRegistry:
    def __init__(self, kinds: tuple[Kind, ...] = (), built_in: dict[str, str] | None = None):
        self._kinds: dict[str, Kind] = {}
        self._built_in = dict(built_in or {})  # name -> "module:class" in this package, not yet imported
        self._entry_points_read = False
        for kind in kinds:
            self.register(kind)

    def register(self, kind: Kind | type[Kind]) -> Kind:
        """Add a kind (an instance, or a class made with no arguments); a later one of the same
        name replaces the earlier (a package may refine a kit kind). Returns it."""
        instance = kind() if isinstance(kind, type) else kind
        if not isinstance(instance, Kind) or not getattr(instance, "name", ""):
            raise TypeError(f"{kind!r} is not an exercise kind (a cocreate_kit.kinds.Kind with a name)")
        self._kinds[instance.name] = instance
        return instance

    def unregister(self, name: str) -> None:
        self._kinds.pop(name, None)
        self._built_in.pop(name, None)

    def _import_built_in(self, name: str) -> None:
        module, _, attribute = self._built_in.pop(name).partition(":")
        self.register(getattr(import_module(f"{__package__}.{module}"), attribute))

    def register_entry_points(self) -> None:
        """The kinds installed packages offer; one that fails to load is logged and left out."""
        from importlib.metadata import entry_points  # read once, only when a name is not built in

        self._entry_points_read = True
        for point in entry_points(group=ENTRY_POINT_GROUP):
            try:
                self.register(point.load())
            except Exception:
                log.exception("exercise kind %r from %s could not be loaded", point.name, point.value)

    def get(self, name: str) -> Kind:
        if name not in self._kinds and name in self._built_in:
            self._import_built_in(name)
        if name not in self._kinds and not self._entry_points_read:
            self.register_entry_points()
        try:
            return self._kinds[name]
        except KeyError:
            raise UnknownKindError(name) from None

    def names(self) -> list[str]:
        for name in list(self._built_in):
            self._import_built_in(name)
        if not self._entry_points_read:
            self.register_entry_points()
        return sorted(self._kinds)

    def __contains__(self, name: object) -> bool:
        try:
            self.get(str(name))
        except UnknownKindError:
            return False
        return True


KINDS = KindRegistry(built_in=BUILT_IN)


def place_of(plan: Plan, ref: str, registry: KindRegistry = KINDS) -> Place | None:
    """Where ``ref`` ("stage/exercise", "stage/exercise/goals", "stage/questions") points in the
    plan, with its kind; None for a reference the plan (or the registry) does not know."""
    stage_id, _, rest = ref.partition("/")
    name, _, part = rest.partition("/")
    try:
        stage = plan.stage(stage_id)
    except KeyError:
        return None
    own = f"{stage_id}/{name}"
    if name in STAGE_PARTS and not part:
        return Place(registry.get(STAGE_PARTS[name]), own, stage, None)
    exercise = next((e for e in stage.exercises if e.id == name), None)
    if exercise is None or exercise.kind not in registry:
        return None
    kind = registry.get(exercise.kind)
    if part and part not in kind.sub_lists:
        return None
    return Place(kind, own, stage, exercise, part)


def places_by_kind(plan: Plan, registry: KindRegistry = KINDS) -> list[tuple[Kind, list[Place]]]:
    """Every exercise, question list and checklist of the plan, grouped by kind (kinds in the
    order the plan first uses them, places in plan order); kinds not installed are left out."""
    grouped: dict[str, tuple[Kind, list[Place]]] = {}
    for stage in plan.stages:
        refs = [f"{stage.id}/{e.id}" for e in stage.exercises]
        refs += [f"{stage.id}/{part}" for part in STAGE_PARTS if getattr(stage, part)]
        for ref in refs:
            place = place_of(plan, ref, registry)
            if place is not None:
                grouped.setdefault(place.kind.name, (place.kind, []))[1].append(place)
    return list(grouped.values())


def evaluations_of(plan: Plan, registry: KindRegistry = KINDS) -> list[Place]:
    """The plan's exercises in which a collaboration rates itself (the programme averages them)."""
    return [
        place
        for kind, places in places_by_kind(plan, registry)
        if kind.rates_collaboration
        for place in places
    ]


def entry_problem(
    plan: Plan, ref: str, payload: dict, ui: dict[str, str], registry: KindRegistry = KINDS
) -> str | None:
    """What the form of ``ref``'s kind would refuse in an imported entry, in words; None when a
    page could have written it (or ``ref`` is not an exercise of the plan: the store's own
    records, such as votes and controls, are checked by the store)."""
    place = place_of(plan, ref, registry)
    if place is None:
        return None
    found = place.kind.entry_problem(payload, place, plan)
    return found.message(ui) if found is not None else None


def shipped_entry_problem(plan_id: str, lang: str, ref: str, payload: dict) -> str | None:
    """``entry_problem`` for an entry of a shipped plan, in the plan's language: what an import
    of a file hands to ``store.import_workshop``."""
    plan, ui = _shipped(plan_id, lang)
    return entry_problem(plan, ref, payload, ui)


@functools.lru_cache(maxsize=8)
def _shipped(plan_id: str, lang: str) -> tuple[Plan, dict[str, str]]:
    from ..content.plan import load_plan, load_ui

    return load_plan(plan_id, lang), load_ui(lang)
