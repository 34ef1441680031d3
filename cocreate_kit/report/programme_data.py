"""The hub analyst's Python API: a programme's collaborations, tasks with their history and
evaluations as pandas DataFrames (the programme report and its XLSX read the same frames).

from cocreate_kit.report.programme_data import open_programme
hub = open_programme("a1b2c3d4e5f60718")       # store from $COCREATE_DB or cocreate.db
hub.collaborations()                           # one row per shop–digital pair
hub.tasks()                                    # one row per task, where it stands now
hub.task_history()                             # one row per task per status snapshot
hub.evaluations()                              # collaborations × the seven aspects

What counts is what each workshop's board shows (``followup.CollaborationThread`` reads every
workshop through the live state: hidden and merged-away entries are left out). A task carried
from session to session is one task, counted once, in its newest copy.
"""

from __future__ import annotations

import re
from datetime import date
from functools import cached_property, partial

import pandas as pd

from ..content.plan import load_plan, load_ui
from ..kinds import KINDS
from ..kinds.base import Kind, sub_ref
from ..kinds.registry import evaluations_of
from ..live import trace
from ..live.followup import CollaborationThread, overdue
from ..models import SESSIONS
from ..store import Store
from ..store.programmes import collaborations, get_programme

__all__ = ["TASK_STATES", "ProgrammeData", "open_programme", "task_state"]

# Where a task stands, for roll-ups: done, late (past its deadline), off track (said so at the
# last check-in), on track (everything else that is planned).
TASK_STATES = ("done", "late", "off-track", "on-track")


def task_state(status: str, on_track: bool | None, late: bool) -> str:
    if status == "done":
        return "done"
    if late:
        return "late"
    return "off-track" if on_track is False else "on-track"


class ProgrammeData:
    """Read-only views of one programme. ``today`` fixes the date deadlines are judged by."""

    def __init__(self, store: Store, programme_id: str, lang: str = "en", today: date | None = None):
        self.store = store
        self.programme = get_programme(store, programme_id)
        self.lang = lang
        self.ui = load_ui(lang)
        self.today = today or date.today()
        self.pairs = collaborations(store, programme_id)
        self.threads = {pair.id: CollaborationThread(store, pair.id) for pair in self.pairs}

    @staticmethod
    def pair_label(pair) -> str:
        """How a collaboration is named in every view: its shop and its digital firm."""
        return f"{pair.shop} × {pair.digital_firm}"

    # -- collaborations -------------------------------------------------------------------

    def collaborations(self) -> pd.DataFrame:
        """One row per collaboration: who, how many workshops, the stage it has reached."""
        rows = []
        for pair in self.pairs:
            workshops = self.threads[pair.id].workshops
            sessions = [w.session for w in workshops if w.session in SESSIONS]
            rows.append(
                {
                    "collaboration": pair.id,
                    "shop": pair.shop,
                    "digital_firm": pair.digital_firm,
                    "contact": pair.contact,
                    "workshops": len(workshops),
                    # The furthest session held: a check-in after an evaluation does not undo it.
                    "stage": max(sessions, key=SESSIONS.index) if sessions else "",
                    "last_workshop": workshops[-1].created_at[:10] if workshops else "",
                }
            )
        return pd.DataFrame(rows, columns=_COLLAB_COLUMNS)

    # -- tasks ----------------------------------------------------------------------------

    @cached_property
    def _tasks(self) -> list[dict]:
        rows = []
        for pair in self.pairs:
            thread = self.threads[pair.id]
            for workshop in thread.workshops:
                for task in thread.tasks(workshop.id):
                    if task.entry_id in thread.carried_on:
                        continue  # a later session holds its newer copy
                    snaps = thread.snapshots(task)
                    now = snaps[-1]
                    on_track = next((s.on_track for s in reversed(snaps) if s.check_in), None)
                    late = overdue(task.payload, now.status, self.today)
                    first = thread.created_in(task.entry_id)
                    rows.append(
                        {
                            "collaboration": pair.id,
                            "pair": self.pair_label(pair),
                            "task_id": thread.root(task.entry_id),
                            "task": task.payload.get("task", ""),
                            "owner": task.payload.get("owner", ""),
                            "deadline": task.payload.get("deadline", ""),
                            "status": now.status,
                            "on_track": on_track,
                            "late": late,
                            "state": task_state(now.status, on_track, late),
                            "created_in": first.title if first else "",
                            "check_ins": sum(1 for s in snaps if s.check_in),
                            "_entry": task,
                            "_snapshots": snaps,
                        }
                    )
        return rows

    def tasks(self) -> pd.DataFrame:
        """One row per task (a carried task once), with where it stands now."""
        rows = [{k: v for k, v in row.items() if not k.startswith("_")} for row in self._tasks]
        return pd.DataFrame(rows, columns=_TASK_COLUMNS)

    def task_history(self) -> pd.DataFrame:
        """One row per task per snapshot (written, carried with a new status, each check-in)."""
        rows = []
        for row in self._tasks:
            thread = self.threads[row["collaboration"]]
            for snap in row["_snapshots"]:
                workshop = thread.by_id[snap.workshop_id]
                rows.append(
                    {
                        "collaboration": row["collaboration"],
                        "pair": row["pair"],
                        "task_id": row["task_id"],
                        "task": row["task"],
                        "workshop": workshop.title,
                        "session": workshop.session or "",
                        "at": snap.at,
                        "status": snap.status,
                        "on_track": snap.on_track,
                        "changes": snap.changes,
                        "check_in": snap.check_in,
                    }
                )
        return pd.DataFrame(rows, columns=_HISTORY_COLUMNS)

    def task_summary(self) -> pd.DataFrame:
        """Per collaboration, how many tasks are done, late, off track and on track."""
        tasks = self.tasks()
        counts = pd.crosstab(tasks["collaboration"], tasks["state"]) if not tasks.empty else pd.DataFrame()
        frame = self.collaborations()[["collaboration", "shop", "digital_firm"]].copy()
        for state in TASK_STATES:
            column = counts[state] if state in counts else pd.Series(dtype=int)
            frame[state] = frame["collaboration"].map(column).fillna(0).astype(int)
        return frame

    def status_over_time(self, collaboration_id: str) -> pd.DataFrame:
        """Rows: the collaboration's workshops in order; columns: how many of its tasks were in
        each state when that workshop was held (its last snapshot by then)."""
        thread = self.threads[collaboration_id]
        rows = []
        for workshop in thread.workshops:
            ends = _end_of(thread, workshop)
            counts = dict.fromkeys(TASK_STATES, 0)
            for row in self._tasks:
                if row["collaboration"] != collaboration_id:
                    continue
                known = [s for s in row["_snapshots"] if s.at <= ends]
                if not known:
                    continue  # not written yet
                on_track = next((s.on_track for s in reversed(known) if s.check_in), None)
                held = date.fromisoformat(workshop.created_at[:10])
                late = overdue(row["_entry"].payload, known[-1].status, held)
                counts[task_state(known[-1].status, on_track, late)] += 1
            rows.append(
                {
                    "workshop": workshop.title,
                    "session": workshop.session or "",
                    "date": workshop.created_at[:10],
                    **counts,
                }
            )
        return pd.DataFrame(rows, columns=["workshop", "session", "date", *TASK_STATES])

    # -- evaluations, goals, pains, gaps --------------------------------------------------

    def evaluations(self) -> pd.DataFrame:
        """Collaborations × aspects: the mean rating each collaboration gave (blank: not rated)."""
        rows = []
        aspects: dict[str, str] = {}  # aspect id: label, in the order the plans name them
        for pair in self.pairs:
            thread = self.threads[pair.id]
            ratings: dict[str | None, list[int]] = {}  # by the entry's "key" (None: it has none)
            for workshop in thread.workshops:
                for place in evaluations_of(load_plan(workshop.plan, self.lang)):
                    assert place.exercise is not None  # an evaluation grid is an exercise, not a stage's list
                    for aspect in place.exercise.aspects:
                        aspects.setdefault(aspect.id, aspect.label)
                    for entry in thread.live[workshop.id].visible(place.ref):
                        if isinstance(entry.payload.get("rating"), int):
                            ratings.setdefault(entry.payload.get("key"), []).append(entry.payload["rating"])
            means = {aspects[key]: sum(v) / len(v) for key, v in ratings.items() if key in aspects}
            rows.append({"collaboration": pair.id, "pair": self.pair_label(pair), **means})
        # Columns by aspect label (an aspect may be called "collaboration": labels are capitalised).
        return pd.DataFrame(rows, columns=["collaboration", "pair", *aspects.values()])

    def goals(self) -> pd.DataFrame:
        """Every goal (a carried goal once, in its newest copy) with its last result."""
        rows = []
        for pair in self.pairs:
            for _ref, goal in self.threads[pair.id].leaves(
                lambda kind: kind.rates_collaboration, sub_ref("", "goals")
            ):
                rows.append(
                    {
                        "collaboration": pair.id,
                        "pair": self.pair_label(pair),
                        "goal": goal.payload.get("goal", ""),
                        "result": goal.payload.get("result", ""),
                        "reason": goal.payload.get("reason", ""),
                    }
                )
        return pd.DataFrame(rows, columns=["collaboration", "pair", "goal", "result", "reason"])

    def goal_summary(self) -> pd.DataFrame:
        goals = self.goals()
        frame = self.collaborations()[["collaboration", "shop", "digital_firm"]].copy()
        for result in ("achieved", "partly", "not"):
            counts = goals[goals["result"] == result].groupby("collaboration").size()
            frame[result] = frame["collaboration"].map(counts).fillna(0).astype(int)
        return frame

    def pains(self, top: int = 10) -> pd.DataFrame:
        """The pains named by the most collaborations (canvases' pain areas, value maps), wording
        compared without case, spacing or end punctuation."""
        named: dict[str, dict] = {}
        for pair in self.pairs:
            thread = self.threads[pair.id]
            # Each pain in its newest copy (a carried map counts once), as its kind names it;
            # carried kinds first, so a wording seen twice is shown as the carried one says it.
            texts = [
                pain
                for name in sorted(KINDS.names(), key=lambda n: KINDS.get(n).carry_order)
                for place, e in thread.placed_leaves(partial(_named, name))
                if (pain := KINDS.get(name).pain_of(e, place)) is not None
            ]
            for text in texts:
                key = _same_words(text)
                if not key:
                    continue
                found = named.setdefault(key, {"pain": text.strip(), "pairs": set(), "mentions": 0})
                found["pairs"].add(pair.id)
                found["mentions"] += 1
        rows = [
            {"pain": v["pain"], "collaborations": len(v["pairs"]), "mentions": v["mentions"]}
            for v in named.values()
        ]
        frame = pd.DataFrame(rows, columns=["pain", "collaborations", "mentions"])
        return frame.sort_values(["collaborations", "mentions", "pain"], ascending=[False, False, True]).head(
            top
        )

    def gaps(self) -> pd.DataFrame:
        """Every gap the traceability chain flags (pain → reliever → task → status), per collaboration."""
        return self._gaps.copy()

    @cached_property
    def _gaps(self) -> pd.DataFrame:
        rows = []
        for pair in self.pairs:
            thread = self.threads[pair.id]
            items = thread.leaves(trace.feeds_chain)
            root = thread.root  # across sessions, items and pointers meet by where they began
            pains = [
                (root(e.entry_id), str(e.payload.get("text", "")))
                for _r, e in items
                if e.payload.get("part") == "pains"
            ]
            relievers = [
                (
                    root(e.entry_id),
                    str(e.payload.get("text", "")),
                    [root(i) for i in e.payload.get("links") or []],
                )
                for _r, e in items
                if e.payload.get("part") == "relievers"
            ]
            tasks = {row["_entry"].entry_id: row for row in self._tasks if row["collaboration"] == pair.id}
            pointing = {
                tid: {**row["_entry"].payload, "reliever": root(row["_entry"].payload.get("reliever") or "")}
                for tid, row in tasks.items()
            }
            links = trace.chain(
                pains,
                relievers,
                list(pointing.items()),
                partial(_standing, tasks),
            )
            for link in links:
                for gap in link.gaps:
                    rows.append(
                        {
                            "collaboration": pair.id,
                            "pair": self.pair_label(pair),
                            "gap": self.ui[gap],
                            "pain": link.pain,
                            "reliever": link.reliever,
                            "task": link.task,
                        }
                    )
        return pd.DataFrame(rows, columns=["collaboration", "pair", "gap", "pain", "reliever", "task"])


_COLLAB_COLUMNS = ["collaboration", "shop", "digital_firm", "contact", "workshops", "stage", "last_workshop"]
_TASK_COLUMNS = [
    "collaboration",
    "pair",
    "task_id",
    "task",
    "owner",
    "deadline",
    "status",
    "on_track",
    "late",
    "state",
    "created_in",
    "check_ins",
]
_HISTORY_COLUMNS = [
    "collaboration",
    "pair",
    "task_id",
    "task",
    "workshop",
    "session",
    "at",
    "status",
    "on_track",
    "changes",
    "check_in",
]


def _named(name: str, kind: Kind) -> bool:
    """A ``leaves`` filter: the kind called ``name``."""
    return kind.name == name


def _standing(tasks: dict[str, dict], task_id: str, _payload: dict) -> tuple[str, bool | None]:
    """A task's status and on-track, for ``trace.chain``."""
    return tasks[task_id]["status"], tasks[task_id]["on_track"]


def _same_words(text: str) -> str:
    return re.sub(r"\s+", " ", (text or "").casefold()).strip().rstrip(".!?;:").strip()


def _end_of(thread: CollaborationThread, workshop) -> str:
    """The moment a workshop's snapshots end: when the next workshop of the collaboration began."""
    later = [w.created_at for w in thread.workshops if w.created_at > workshop.created_at]
    return min(later) if later else "9999"


def open_programme(
    programme_id: str, db: str | None = None, lang: str = "en", today: date | None = None
) -> ProgrammeData:
    """The programme in the store at ``db`` (default: ``$COCREATE_DB``, else ``cocreate.db``);
    ``today`` fixes the date deadlines are judged by (default: today)."""
    return ProgrammeData(Store(db), programme_id, lang, today)
