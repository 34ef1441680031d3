"""Follow-through across a collaboration's workshops: what stays open, and how each task moved.

Widget-free and pandas-free (participant pages use it). A collaboration's workshops form a chain:
a new workshop starts with the open tasks, the value map and the goals of the earlier ones,
carried as new entries that record their origin (``store.programmes.carry_entries``). A task's
*lineage* is that chain of entries back to the workshop where it was first written; its
*snapshots* are its status when it was written or carried, then at every check-in, in any
workshop of the collaboration. Visibility is the live state's rule: what the facilitator's
board of each workshop shows (hidden and merged-away entries are not carried).
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial

from ..content.plan import Plan, load_plan
from ..kinds import KINDS, Kind
from ..kinds.base import Place, sub_ref
from ..kinds.registry import places_by_kind
from ..kinds.tasks import overdue
from ..models import Entry, NewWorkshop, Workshop
from ..store import Store
from ..store.programmes import (
    Carry,
    carry_entries,
    collaboration_workshops,
    discard_empty_workshop,
    get_collaboration,
    origins,
)
from ..store.writers import one_at_a_time
from ..visibility import FACILITATOR, ROOM
from .workshop import LiveWorkshop

__all__ = [
    "ROOM",
    "CarryReport",
    "CollaborationThread",
    "Snapshot",
    "overdue",
    "start_workshop",
]


@dataclass(frozen=True)
class Snapshot:
    """A task's status at one moment: when written or carried, or at a check-in."""

    workshop_id: str
    at: str
    status: str
    on_track: bool | None  # None: not said (written, edited or carried; no check-in)
    changes: str = ""
    check_in: bool = False
    seq: int = 0  # the store's write counter: orders moments whose clocks tie or disagree


@dataclass
class CarryReport:
    """What a new workshop started with, and what had no place in its plan."""

    # What each carried part counts as (``Kind.carried``: "task-plan", "value-map", ...) -> count.
    carried: dict[str, int] = field(default_factory=dict)
    left: dict[str, int] = field(default_factory=dict)  # the same, for what the new plan has no place for


class CollaborationThread:
    """Every workshop of one collaboration, read once: lineages, check-ins and what is open.

    ``until`` (a workshop id) reads only the workshops created before it and itself, so a
    check-in page sees its own past, not a later session's. ``viewer``: whose view of each
    workshop (``FACILITATOR`` sees private rounds; ``ROOM`` only what everyone may see).
    """

    def __init__(
        self, store: Store, collaboration_id: str, until: str | None = None, viewer: str | None = FACILITATOR
    ):
        self.store = store
        self.collaboration = get_collaboration(store, collaboration_id)
        workshops = collaboration_workshops(store, collaboration_id)
        if until is not None:
            ids = [w.id for w in workshops]
            workshops = workshops[: ids.index(until) + 1] if until in ids else workshops
        self.workshops: list[Workshop] = workshops
        self.by_id = {w.id: w for w in workshops}
        self.plans: dict[str, Plan] = {w.id: load_plan(w.plan, w.lang) for w in workshops}
        self.places = {wid: places_by_kind(plan) for wid, plan in self.plans.items()}  # read once
        # Every workshop read by the one visibility rule, for ``viewer``: the facilitator (the
        # roll-up) or ROOM (what everyone may see: carrying, participants' pages).
        self.live = {w.id: LiveWorkshop(store, w.id, viewer=viewer) for w in workshops}
        self.origin = {
            entry: origin for entry, (origin, _w) in origins(store, [w.id for w in workshops]).items()
        }
        self.carried_on = set(self.origin.values())  # entries that a later workshop continues
        self._first_written: dict[str, Entry] = {}

    # -- lineage --------------------------------------------------------------------------

    def lineage(self, entry_id: str) -> list[str]:
        """Entry ids from the first written to ``entry_id`` (a carried task's whole chain)."""
        chain = [entry_id]
        while chain[-1] in self.origin and len(chain) <= len(self.workshops):
            chain.append(self.origin[chain[-1]])
        return list(reversed(chain))

    def root(self, entry_id: str) -> str:
        return self.lineage(entry_id)[0]

    def created_in(self, entry_id: str) -> Workshop | None:
        """The workshop where an item was first written."""
        first = self.store.latest(self.root(entry_id))
        return self.by_id.get(first.workshop_id) if first is not None else None

    # -- entries by kind ------------------------------------------------------------------

    def entries(
        self, workshop_id: str, wanted: Callable[[Kind], bool], suffix: str = ""
    ) -> list[tuple[str, Entry]]:
        """``(exercise ref, entry)`` of every visible entry, in one workshop, of the exercises
        whose kind is ``wanted`` (``suffix``: one of its sub-lists, "/goals")."""
        return [(place.ref + suffix, entry) for place, entry in self._placed(workshop_id, wanted, suffix)]

    def _placed(
        self, workshop_id: str, wanted: Callable[[Kind], bool], suffix: str
    ) -> list[tuple[Place, Entry]]:
        live = self.live[workshop_id]
        return [
            (place, entry)
            for kind, places in self.places[workshop_id]
            if wanted(kind)
            for place in places
            for entry in live.visible(place.ref + suffix)
        ]

    def tasks(self, workshop_id: str) -> list[Entry]:
        return [entry for _ref, entry in self.entries(workshop_id, lambda kind: kind.holds_tasks)]

    def check_ins(self) -> list[tuple[Workshop, Entry]]:
        """Every visible check-in of the collaboration, oldest first."""
        found = [
            (self.by_id[wid], entry)
            for wid in self.by_id
            for _ref, entry in self.entries(wid, lambda kind: kind.checks_in)
        ]
        return sorted(found, key=lambda pair: (pair[1].created_at, pair[1].seq))

    # -- a task over time -----------------------------------------------------------------

    def snapshots(self, task: Entry) -> list[Snapshot]:
        """The task's status over time, oldest first: every revision of every copy (written, edited
        on the task plan, carried) and every check-in, in any session read. The last one is where
        the task stands: the newer of its last check-in and its last edit."""
        chain = self.lineage(task.entry_id)
        found = []
        for entry_id in chain:
            for revision in self.store.history(entry_id):
                if not revision.deleted:
                    status = revision.payload.get("status", "todo")
                    found.append(
                        Snapshot(revision.workshop_id, revision.created_at, status, None, seq=revision.seq)
                    )
        ids = set(chain)
        for workshop, check_in in self.check_ins():
            payload = check_in.payload
            if payload.get("task_id") in ids:
                found.append(
                    Snapshot(
                        workshop.id,
                        check_in.created_at,
                        str(payload.get("status", "todo")),
                        bool(payload.get("on_track")),
                        str(payload.get("changes") or ""),
                        check_in=True,
                        seq=check_in.seq,
                    )
                )
        found.sort(key=lambda snap: (snap.at, snap.seq))
        # Edits that keep the status (a new deadline) and carried copies repeat it: keep the
        # moments that say something.
        return [s for i, s in enumerate(found) if s.check_in or i == 0 or s.status != found[i - 1].status]

    def current(self, task: Entry) -> Snapshot:
        return self.snapshots(task)[-1]

    def open_tasks(self) -> list[Entry]:
        """Tasks not done and not yet carried into a later workshop, in every workshop read."""
        return [
            task
            for workshop in self.workshops
            for task in self.tasks(workshop.id)
            if task.entry_id not in self.carried_on and self.current(task).status != "done"
        ]

    def leaves(self, wanted: Callable[[Kind], bool], suffix: str = "") -> list[tuple[str, Entry]]:
        """Visible entries of the ``wanted`` kinds that no later workshop continues yet."""
        return [(place.ref + suffix, entry) for place, entry in self.placed_leaves(wanted, suffix)]

    def placed_leaves(self, wanted: Callable[[Kind], bool], suffix: str = "") -> list[tuple[Place, Entry]]:
        """``leaves`` with the place (exercise declaration) of each entry's own workshop."""
        return [
            (place, entry)
            for workshop in self.workshops
            for place, entry in self._placed(workshop.id, wanted, suffix)
            if entry.entry_id not in self.carried_on
        ]


def start_workshop(
    store: Store,
    collaboration_id: str,
    title: str,
    session: str,
    plan: str | None = None,
    lang: str | None = None,
) -> tuple[NewWorkshop, CarryReport]:
    """A new workshop of the collaboration, starting with its open tasks, value map, goals and
    improvement actions.

    ``plan`` and ``lang`` default to those of the collaboration's latest workshop.
    """
    # Read what is open, create the session and carry, as one turn of this collaboration: the
    # decision spans several transactions, so without the turn a second session started at the
    # same moment could read the collaboration while the first is half written. With it the
    # sessions take turns and the later one continues the earlier one's copies (a task's line
    # never forks, and the next session carries each task once), whatever the machine's load.
    get_collaboration(store, collaboration_id)  # an unknown id says so before anyone waits
    with one_at_a_time(store.engine, "collaboration", collaboration_id):
        # What everyone may see: a private round nobody revealed is not published by carrying it.
        thread = CollaborationThread(store, collaboration_id, viewer=ROOM)
        latest = thread.workshops[-1] if thread.workshops else None
        plan_id = plan or (latest.plan if latest else "business-hubs")
        lang = lang or (latest.lang if latest else "en")
        target = load_plan(plan_id, lang)
        carries, counted_as, report = _what_to_carry(thread, target)
        created = store.create_workshop(
            title, plan_id, lang, collaboration_id=collaboration_id, session=session
        )
        try:
            written = carry_entries(store, created.workshop.id, carries) if carries else []
        except BaseException:
            discard_empty_workshop(store, created.workshop.id)  # no session without what it carries
            raise
    for entry_id in written:  # what was written (an import may have taken some meanwhile)
        said = counted_as[entry_id]
        report.carried[said] = report.carried.get(said, 0) + 1
    return created, report


def _target_ref(source_ref: str, kind: str, target: Plan) -> str | None:
    """Where an exercise's entries go in the new plan: the same exercise if it has it, else the
    first exercise of that kind; None when the new plan has none."""
    same = [ref for ref, _e in target.exercises_of_kind(kind) if ref == source_ref]
    if same:
        return same[0]
    others = target.exercises_of_kind(kind)
    return others[0][0] if others else None


def _what_to_carry(
    thread: CollaborationThread, target: Plan
) -> tuple[list[Carry], dict[str, str], CarryReport]:
    """The entries to carry, what each counts as (``CarryReport`` keys), and what stays behind:
    every kind's carried parts (``Kind.carried``), in the kinds' carry order."""
    report = CarryReport()
    carries: list[Carry] = []
    counted_as: dict[str, str] = {}  # carried entry id -> what it counts as
    new_ids: dict[str, str] = {}  # old entry id -> the carried entry's id (to re-point links)
    carrying = sorted((KINDS.get(name) for name in KINDS.names()), key=lambda kind: kind.carry_order)
    for kind in [k for k in carrying if k.carried]:
        for part, (said, _words) in kind.carried.items():
            suffix = sub_ref("", part)  # "/goals", or "" for the exercise's own list
            found = thread.leaves(partial(operator.is_, kind), suffix)  # this loop's kind only
            for ref, entry in kind.carry_sequence(found):
                status = thread.current(entry).status if kind.holds_tasks else ""
                payload = kind.carry_payload(entry, part, status, new_ids)
                if payload is None:
                    continue  # stays behind (a done task)
                where = _target_ref(ref[: -len(suffix)] if suffix else ref, kind.name, target)
                if where is None:
                    report.left[said] = report.left.get(said, 0) + 1
                    continue
                carry = Carry(entry, where + suffix, payload)
                new_ids[entry.entry_id] = carry.entry_id
                counted_as[carry.entry_id] = said
                carries.append(carry)
    return carries, counted_as, report
