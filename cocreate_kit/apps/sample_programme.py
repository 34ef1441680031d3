"""A small sample programme to try the programme views on: three shop–digital collaborations
at different points of the cycle, written the way the kit writes them (sessions started with
``followup.start_workshop``, entries through the forms' models).

``sample_programme_id()`` returns the first programme in the store, and builds this one in a
store that has none (the example notebook ``notebooks/analysis/programme.ipynb`` uses it).
"""

from __future__ import annotations

from ..content.plan import load_plan
from ..forms.evaluation import EvaluationGrid
from ..forms.progress import ProgressMonitor
from ..forms.records import Records
from ..forms.task_plan import validate_task
from ..forms.value_map import ValueMap
from ..live.followup import start_workshop
from ..store import Store
from ..store.programmes import add_collaboration, create_programme, list_programmes

__all__ = ["build_sample_programme", "sample_programme_id"]

TITLE = "Main Street goes online (sample programme)"
# shop, digital firm, contact, pains, tasks (task, owner, deadline, status),
# check-ins (task, status, on track, note)
PAIRS = [
    (
        "Bakery Bo",
        "Pixel & Co",
        "ann@hub.example",
        ["No time to keep a web shop up to date", "Customers ask for opening hours by phone"],
        [
            ("Put opening hours on the map listing", "Bo", "2027-01-20", "todo"),
            ("Shoot 20 product photos", "Pixel & Co", "2027-02-15", "todo"),
            ("Open an order-ahead page", "", "2027-04-30", "todo"),
        ],
        [
            ("Put opening hours on the map listing", "done", True, "Listed on two map services"),
            ("Shoot 20 product photos", "doing", False, "Photographer ill for two weeks"),
        ],
    ),
    (
        "Florist Flo",
        "Webbers",
        "bo@hub.example",
        ["No time to keep a web shop up to date", "Orders by phone get lost"],
        [
            ("Choose an order form tool", "Webbers", "2027-01-31", "doing"),
            ("Train staff on the order form", "Flo", "2027-03-15", "todo"),
        ],
        [("Choose an order form tool", "done", True, "Picked a form with payment")],
    ),
    (
        "Bike Repair Cy",
        "Freelance Dev",
        "cy@hub.example",
        ["Customers cannot book a repair slot online"],
        [("Online booking calendar", "Freelance Dev", "2027-05-01", "todo")],
        [],
    ),
]
SESSIONS_HELD = [
    ("ideation", "Ideas"),
    ("preparation", "Plan"),
    ("check-in", "March check-in"),
    ("evaluation", "Closing"),
]


def sample_programme_id(store: Store | None = None) -> str:
    store = store or Store()
    found = list_programmes(store)
    return found[0].id if found else build_sample_programme(store)


def build_sample_programme(store: Store) -> str:
    plan = load_plan("business-hubs", "en")
    programme = create_programme(store, TITLE).programme
    for number, (shop, firm, contact, pains, tasks, check_ins) in enumerate(PAIRS):
        pair = add_collaboration(store, programme.id, shop, firm, contact)
        # The first pair went through the whole cycle, the second to its check-in, the third is planning.
        for session, title in SESSIONS_HELD[: len(SESSIONS_HELD) - number]:
            created, _ = start_workshop(store, pair.id, f"{shop}: {title}", session)
            person, _ = store.join(created.workshop.id, created.join_code, contact.split("@")[0].title())
            if session == "ideation":
                value_map = ValueMap(store, person, "ideation/value-map")
                for pain in pains:
                    item = value_map.add("pains", pain)
                    value_map.link(value_map.add("relievers", f"Help with: {pain.lower()}"), [item.entry_id])
            elif session == "preparation":
                relievers = [
                    e.entry_id
                    for e in store.entries(created.workshop.id, "ideation/value-map")
                    if e.payload["part"] == "relievers"
                ]
                records = Records(
                    store,
                    person,
                    "preparation/task-plan",
                    lambda f, ok=frozenset(relievers): validate_task(f, ok),
                )
                for index, (task, owner, deadline, status) in enumerate(tasks):
                    reliever = relievers[index] if index < len(relievers) else ""
                    records.add(
                        task=task,
                        owner=owner,
                        deadline=deadline,
                        outcome="1 done",
                        status=status,
                        reliever=reliever,
                    )
            elif session == "check-in":
                monitor = ProgressMonitor(store, person, "implementation/progress", ["preparation/task-plan"])
                by_name = {t.payload["task"]: t.entry_id for t in monitor.tasks()}
                for task, status, on_track, note in check_ins:
                    monitor.check_in(by_name[task], status, on_track, note)
            else:
                grid = EvaluationGrid(
                    store, person, "evaluation/evaluation-grid", plan.exercise("evaluation/evaluation-grid")
                )
                for aspect, rating in zip(
                    [a.id for a in grid.exercise.aspects], [4, 3, 4, 3, 2, 4, 3], strict=True
                ):
                    grid.rate(aspect, rating, "")
                grid.goals.add(goal="Take orders online", result="partly", reason="Photos still missing")
    return programme.id
