"""A big, hostile workshop for reading reports on paper: 45 partner candidates (some never
scored) and added criteria, tasks with long words, links and e-mail addresses (some
overdue, one at the far end of the calendar), long check-ins, six people's checklist answers
and rating notes, a canvas of 60 notes of which 30 got dots, a vote nobody voted in, and emoji
in names and notes. Built through the kit's forms."""

from __future__ import annotations

from datetime import date, timedelta

from cocreate_kit.content.plan import load_plan
from cocreate_kit.forms.answers import KeyedAnswers
from cocreate_kit.forms.evaluation import EvaluationGrid
from cocreate_kit.forms.progress import ProgressMonitor
from cocreate_kit.forms.records import Records
from cocreate_kit.forms.scorecard import PartnerScorecard
from cocreate_kit.forms.task_plan import validate_task
from cocreate_kit.forms.voting import DotVote
from cocreate_kit.live.facilitation import WorkshopControl, add_criterion
from cocreate_kit.live.workshop import LiveWorkshop

__all__ = ["ADDED_CRITERIA", "ADDED_CRITERION", "LONG_WORD", "URL", "WIDE_CRITERIA", "paper_workshop"]

LONG_WORD = "Onderhoudsinformatiesysteemcontractvoorwaardenoverzichtsdocumentversie" * 2
URL = "https://www.example.org/winkel/assortiment/produkten/categorie/zomercollectie?pagina=12&sorteer=prijs"
EMAIL = "klantenservice.afdeling.noord@heel-lange-domeinnaam-voor-een-winkel.example.nl"
ADDED_CRITERION = "Bereikbaarheid in het weekend"
# The one criterion a hub adds, in each language the paper test prints (German's long compounds).
ADDED_CRITERIA = {
    "nl": ADDED_CRITERION,
    "de": "Am Wochenende und an Feiertagen erreichbar",
    "fr": "Joignable le week-end et les jours fériés",
}
# Six criteria a hub adds: with the plan's four, a scorecard too wide for one table on A4.
WIDE_CRITERIA = (
    "Reachable at weekends",
    "Knows our street",
    "Speaks Luxembourgish",
    "Fixed monthly price",
    "Hosting in the EU",
    "Trains our staff",
)
EMOJI = "🛍️ Bakkerij Zoet 🍰"


def paper_workshop(store, lang: str = "nl", added: tuple[str, ...] = (ADDED_CRITERION,)) -> str:
    """The workshop's id; ``lang`` is the plan's and the report's language, ``added`` the
    criteria the facilitator adds to the scorecard."""
    plan = load_plan("small-commerce", lang)
    created = store.create_workshop("Papieren proef " + EMOJI, plan="small-commerce", lang=lang)
    wid = created.workshop.id
    people = [store.join(wid, created.join_code, f"Deelnemer {n} 🙂")[0] for n in range(1, 7)]
    ann = people[0]

    ref = "preparation/partner-scorecard"
    for criterion in added:
        add_criterion(store, wid, ref, criterion)
    card = PartnerScorecard(store, ann, ref, plan.exercise(ref))
    criteria = [c.id for c in card.criteria()]
    for n in range(45):
        name = f"Bureau {n} {LONG_WORD[:40]}" if n % 7 == 0 else f"Digitaal bureau nummer {n}"
        candidate = card.add_candidate(URL if n == 3 else name, note=EMAIL if n % 5 == 0 else "")
        if n % 4 != 3:  # every fourth candidate is never scored
            for k, criterion in enumerate(criteria):
                candidate = card.score(candidate, criterion, 1 + (n + k) % 5)

    today = date.today()
    tasks = Records(store, ann, "preparation/task-plan", validate_task)
    added = []
    for n in range(14):
        deadline = (today + timedelta(days=20 * n - 100)).isoformat() if n != 13 else "2099-12-31"
        added.append(
            tasks.add(
                task=[LONG_WORD, URL, EMAIL, "Foto's maken van het assortiment"][n % 4] + f" ({n})",
                owner=EMAIL if n % 3 == 0 else "Deelnemer 2 🙂",
                deadline=deadline,
                outcome=f"{LONG_WORD} {URL}" if n % 2 else "20 foto's online",
                status=["todo", "doing", "done"][n % 3],
                reliever="",
            )
        )
    monitor = ProgressMonitor(store, ann, "implementation/progress", ["preparation/task-plan"])
    for n, task in enumerate(added[:8]):
        monitor.check_in(task.entry_id, "doing", n % 2 == 0, f"{LONG_WORD} {URL} {EMAIL}")

    for n, person in enumerate(people):  # every checklist voice, people disagreeing
        stage = plan.stage("preparation")
        answers = KeyedAnswers(store, person, "preparation/checklist", [i.id for i in stage.checklist])
        for k, item in enumerate(stage.checklist):
            comment = f"{LONG_WORD[: 20 + 10 * k]} {URL}" if (n + k) % 3 == 0 else ""
            answers.save(item.id, {"state": ["done", "na", "open"][(n + k) % 3], "comment": comment})
    grid_ref = "evaluation/evaluation-grid"
    for n, person in enumerate(people):
        grid = EvaluationGrid(store, person, grid_ref, plan.exercise(grid_ref))
        for k, aspect in enumerate(plan.exercise(grid_ref).aspects):
            grid.rate(aspect.id, 1 + (n + k) % 5, f"{LONG_WORD} 🙂 {EMAIL}" if n % 2 else "")

    journey = "ideation/customer-journey"
    areas = [a.id for a in plan.exercise(journey).canvas.areas]
    notes = []
    for n in range(60):
        person = people[n % len(people)]
        text = [LONG_WORD, URL, "Bestellen 📦 gaat traag", "Te weinig foto's"][n % 4] + f" {n}"
        notes.append(store.add_entry(wid, person.id, journey, {"area": areas[n % len(areas)], "text": text}))
    control = WorkshopControl(store, wid)
    control.start_vote(journey, 5)
    for n, note in enumerate(notes[:30]):
        voter = people[n % len(people)]
        DotVote(LiveWorkshop(store, wid, voter.id), voter).place(note.entry_id)
    control.close_vote()
    control.start_vote("evaluation/swot", 3)  # a vote nobody voted in
    control.close_vote()
    return wid
