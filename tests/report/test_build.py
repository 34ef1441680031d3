"""The HTML and PDF reports: self-contained, escaped, reproducible, readable as pages."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from datetime import date, datetime, timedelta, timezone
from html import unescape as html_unescape
from html.parser import HTMLParser

import pytest
from click.testing import CliRunner

from cocreate_kit.cli.main import main
from cocreate_kit.report.build import render_html
from cocreate_kit.report.pdf import html_to_pdf
from cocreate_kit.store import Store, dumps_export, export_workshop, import_workshop


class Elements(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.attributes = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attributes += [(tag, name, value or "") for name, value in attrs]


def parse(text):
    parser = Elements()
    parser.feed(text)
    return parser


@pytest.fixture
def report_html(store, filled, tmp_path):
    return render_html(filled, tmp_path / "out", store.url).read_text(encoding="utf-8")


def test_participant_markup_is_text_and_nothing_can_run(report_html):
    """Script and image payloads appear as text; no script element and no on* handler exists."""
    assert "&lt;script&gt;alert('x')&lt;/script&gt;" in report_html
    assert "&lt;img src=x onerror=alert(1)&gt;" in report_html
    elements = parse(report_html)
    assert "script" not in elements.tags
    assert [] == [a for a in elements.attributes if a[1].lower().startswith("on")]
    assert [] == [
        a
        for a in elements.attributes
        if a[:2] == ("img", "src") and not a[2].startswith("data:image/png;base64,")
    ]


def test_report_is_self_contained(report_html):
    """Nothing the report loads needs the network: every src is a data URI, no stylesheet link,
    @import or url(); the only hrefs are the resource appendix's https links a reader may follow."""
    elements = parse(report_html)
    sources = [value for _tag, name, value in elements.attributes if name == "src"]
    assert sources and all(v.startswith("data:") for v in sources)
    hrefs = [(tag, value) for tag, name, value in elements.attributes if name == "href"]
    assert hrefs and all(tag == "a" and value.startswith("https://") for tag, value in hrefs)
    assert not re.search(r"url\(\s*['\"]?https?:|@import", report_html)
    assert "<link" not in report_html


def test_report_has_every_section(report_html):
    """Cover, empathy maps, value map, answers, checklist, tasks, progress and evaluation are all there."""
    for heading in (
        "Report &lt;b&gt;test&lt;/b&gt;",
        "Empathy map of the people you serve",
        "Value map of the hub",
        "Self-reflective questions",
        "Checklist completion by stage",
        "Task plan",
        "Progress monitor",
        "Evaluation grid",
        "Strategic goals",
        "Improvement actions",
    ):
        assert heading in report_html, heading
    assert "Gains nothing creates yet:</b> Unaddressed gain" in report_html
    assert "Pains nothing relieves yet:</b> Pain with no reliever at all" in report_html


def test_traceability_flags_every_gap(report_html):
    """Pain → reliever → task → status: a pain with no reliever, a reliever with no task, and a task
    with no owner that is off track are each flagged in the table."""
    table = report_html.split("From pains to results")[1]
    rows = {}
    for row in table.split("<tr>")[1:]:  # the header row carries a style attribute
        cells = [c.split("</td>")[0] for c in row.split("<td>")[1:]]
        rows[cells[0]] = cells
    assert "no reliever for this pain" == rows["Pain with no reliever at all"][5]
    assert "no task delivers this reliever" == rows["Pain nobody relieves"][5]
    photos = rows["Pain &lt;img src=x onerror=alert(1)&gt;"]
    assert ["In progress", "No", "task has no owner; task is off track"] == photos[3:]


def test_rerun_on_an_imported_copy_gives_the_same_report(store, filled, tmp_path, report_html):
    """Export → import into a fresh database → report: the same content (only the timestamp differs)."""
    other = Store(f"sqlite:///{tmp_path / 'copy.db'}")
    import_workshop(other, json.loads(dumps_export(export_workshop(store, filled))))
    again = render_html(filled, tmp_path / "copy", other.url).read_text(encoding="utf-8")

    def without_stamp(text):
        return re.sub(r"cocreate-kit · [^<]+", "", text)

    assert without_stamp(report_html) == without_stamp(again)


def test_report_in_dutch(store, filled, tmp_path):
    """--lang nl on an English workshop: headings and the plan's own words (stages, questions,
    checklist items, exercise titles) are Dutch; none of the English plan's words remain."""
    from cocreate_kit.content.plan import load_plan

    text = render_html(filled, tmp_path / "nl", store.url, "nl").read_text(encoding="utf-8")
    assert 'lang="nl"' in text and "Reflectievragen" in text
    english = load_plan("business-hubs", "en")
    dutch = load_plan("business-hubs", "nl")
    assert dutch.stages[0].title in text and dutch.stages[1].checklist[2].text in text
    for stage in english.stages:
        assert f">{stage.title}<" not in text
        assert stage.questions[0].text not in text and stage.checklist[0].text not in text


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils not installed")
def test_pdf_is_a4_with_page_numbers_and_the_content(store, filled, tmp_path):
    """The PDF has A4 pages numbered 'n / N' and the report's text, payloads as plain text."""
    html_file = render_html(filled, tmp_path, store.url)
    pdf = html_to_pdf(html_file, tmp_path / "report.pdf")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)", info)
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert re.search(rf"\b1 ?/ ?{pages}\b", text) and re.search(rf"\b{pages} ?/ ?{pages}\b", text)
    assert "Report <b>test</b>" in text and "Goal <script>alert('x')" in text


def test_cli_report_writes_both_files(db_url, tmp_path):
    """`cocreate report ID --out DIR` writes HTML and PDF and says where."""
    from .conftest import fill_every_exercise

    store = Store(db_url)
    created = store.create_workshop("CLI report")
    fill_every_exercise(store, created.workshop.id, created.join_code)
    result = CliRunner().invoke(main, ["--db", db_url, "report", created.workshop.id, "--out", str(tmp_path)])
    assert 0 == result.exit_code, result.output
    assert f"Wrote {tmp_path / created.workshop.id}.html" in result.output
    assert (tmp_path / f"{created.workshop.id}.pdf").stat().st_size > 10_000
    bad = CliRunner().invoke(main, ["--db", db_url, "report", "nope", "--out", str(tmp_path)])
    assert 0 != bad.exit_code and "no workshop" in bad.output


def test_shop_report_ranks_scorecard_candidates(store, tmp_path):
    """A small-commerce report shows the partner ranking chart built from participants' scores."""
    from cocreate_kit.content.plan import load_plan
    from cocreate_kit.forms.scorecard import PartnerScorecard

    created = store.create_workshop("Shops", plan="small-commerce")
    ann, _ = store.join(created.workshop.id, created.join_code, "Ann")
    ref = "preparation/partner-scorecard"
    card = PartnerScorecard(store, ann, ref, load_plan("small-commerce", "en").exercise(ref))
    card.score(card.add_candidate("Pixel <i>Studio</i>"), "peers", 4)
    text = render_html(created.workshop.id, tmp_path, store.url).read_text(encoding="utf-8")
    ranking = text.split("<h2>Partner scorecard</h2>")[1].split("<h2>")[0]
    assert "data:image/png;base64," in ranking and "Ranking (weighted average score)" in ranking


def test_report_code_never_imports_widgets():
    """Reports read the store; building one loads no ipywidgets (layering: reports never import widgets)."""
    script = "import sys, cocreate_kit.report.build, cocreate_kit.report.sections\n"
    script += "print('ipywidgets' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert "False" == out.stdout.strip()


def test_idea_call_report_lists_ideas_and_ranks_the_poll(store, tmp_path):
    """An idea call's report has the ideas by topic and the poll as a ranked bar chart, and no
    section the idea-call plan does not have."""
    from cocreate_kit.forms.voting import DotVote
    from cocreate_kit.live.facilitation import WorkshopControl
    from cocreate_kit.live.workshop import LiveWorkshop

    created = store.create_workshop("What should we add?", plan="idea-call")
    lea, _ = store.join(created.workshop.id, created.join_code, "Lea")
    honey = store.add_entry(
        created.workshop.id, lea.id, "ideas/ideas", {"text": "Local honey", "category": "Products"}
    )
    store.add_entry(
        created.workshop.id, lea.id, "ideas/ideas", {"text": "<i>Loyalty</i> card", "category": ""}
    )
    WorkshopControl(store, created.workshop.id).start_vote("ideas/ideas", 3)
    DotVote(LiveWorkshop(store, lea.workshop_id, lea.id), lea).place(honey.entry_id)
    WorkshopControl(store, created.workshop.id).close_vote()
    text = render_html(created.workshop.id, tmp_path, store.url).read_text(encoding="utf-8")
    assert "Local honey" in text and "&lt;i&gt;Loyalty&lt;/i&gt; card" in text and "Other ideas" in text
    assert re.search(
        r"Dot vote on Your ideas for the shop \(3 dots each\)</h2>"
        r"<figure class=.cck-rows.><img [^>]*src=\"data:image/png;base64,",
        text,
    )
    # Only what the idea-call plan has: no questions, checklists or traceability, no empty charts.
    readable = html_text(text)
    for absent in ("Self-reflective questions", "Checklist completion", "From pains to results"):
        assert absent not in readable
    assert 1 == text.count("<img")


def test_value_canvas_names_the_links(store, filled):
    """On the canvas each reliever says which numbered pain it relieves (P1, P2, ...)."""
    from cocreate_kit.kinds.value_map import canvas_items
    from cocreate_kit.report.data import WorkshopData

    data = WorkshopData(store, filled)
    items = canvas_items(data.live.visible("ideation/value-map"))
    assert items["pains"][0].startswith("P1 Pain <img")
    assert "Reliever <script>alert('x')</script> → P1" in items["relievers"]
    assert "Reliever without a task → P2" in items["relievers"]


def test_a_hidden_note_never_reaches_the_report(store, filled, tmp_path):
    """The facilitator hid an offensive note on the board: the report's canvas list, note list and
    entry count leave it out, as the board does."""
    from cocreate_kit.live.moderation import Moderation

    ann = store.participants(filled)[0]
    before = render_html(filled, tmp_path / "before", store.url).read_text(encoding="utf-8")
    note = store.add_entry(
        filled,
        ann.id,
        "ideation/empathy-map",
        {"group": "shop-owner", "area": "says", "text": "Offensive words"},
    )
    shown = render_html(filled, tmp_path / "shown", store.url).read_text(encoding="utf-8")
    Moderation(store, filled).hide(note)
    hidden = render_html(filled, tmp_path / "hidden", store.url).read_text(encoding="utf-8")
    assert "Offensive words" in shown
    assert "Offensive words" not in hidden
    assert "Offensive words" not in before


def test_what_nobody_did_is_one_short_line_not_empty_rows(report_html):
    """Unanswered questions are counted, not listed with a dash; checklist items nobody touched
    are named in one line per stage; every answered item is in the table."""
    text = html_text(report_html)
    assert "Not answered: 3 of 4 questions." in text  # the ideation stage: one answered
    assert "—" not in text.split("Self-reflective questions")[1].split("Checklist completion")[0]
    assert "Nobody has answered yet in Preparation (6):" in text  # of 8: c1 done, c2 open
    table = report_html.split("s answers, item by item")[1].split("Nobody has answered")[0]
    assert 2 == table.count("</tr>") - 1  # besides the header: c1 (done) and c2 (open, commented)


def test_every_voice_reaches_the_report(store, tmp_path):
    """The checklist counts every person's answer (two people disagreeing on an item are both
    counted and the item is named as answered differently) with every comment and its author;
    a rating's note is listed under its aspect with the rating; a candidate nobody scored is
    listed as not rated."""
    from cocreate_kit.content.plan import load_plan
    from cocreate_kit.forms.answers import KeyedAnswers
    from cocreate_kit.forms.evaluation import EvaluationGrid
    from cocreate_kit.forms.scorecard import PartnerScorecard

    created = store.create_workshop("Voices", plan="small-commerce")
    plan = load_plan("small-commerce", "en")
    wid, code = created.workshop.id, created.join_code
    ann, _ = store.join(wid, code, "Ann")
    ben, _ = store.join(wid, code, "Ben")
    item = plan.stage("preparation").checklist[0]
    KeyedAnswers(store, ann, "preparation/checklist", [item.id]).save(
        item.id, {"state": "done", "comment": "Did it"}
    )
    KeyedAnswers(store, ben, "preparation/checklist", [item.id]).save(
        item.id, {"state": "open", "comment": "Not yet"}
    )
    grid_ref = "evaluation/evaluation-grid"
    aspect = plan.exercise(grid_ref).aspects[0]
    EvaluationGrid(store, ann, grid_ref, plan.exercise(grid_ref)).rate(aspect.id, 2, "Too slow at first")
    card = PartnerScorecard(
        store, ann, "preparation/partner-scorecard", plan.exercise("preparation/partner-scorecard")
    )
    card.add_candidate("Nobody scored us")
    text = html_text(render_html(wid, tmp_path, store.url).read_text(encoding="utf-8"))
    row = text.split(item.text)[1].split("Nobody has answered")[0]
    assert row.split()[:3] == ["1", "0", "1"]  # done by one, N/A by none, open for one
    assert "Ann: Did it" in row and "Ben: Not yet" in row
    assert f"People answered differently in Preparation: {item.text}." in text
    notes = text.split("What people said with their ratings")[1]
    assert aspect.label in notes and "Ann: " in notes and "(2/" in notes and "Too slow at first" in notes
    assert "Nobody scored us not rated yet 0" in text


def test_a_dutch_report_writes_numbers_with_a_decimal_comma(store, tmp_path):
    """Scores in a Dutch report read 3,50 (two decimals for a weighted score, one for a
    criterion's average), never 3.5 or 3.50."""
    from cocreate_kit.content.plan import load_plan
    from cocreate_kit.forms.scorecard import PartnerScorecard

    created = store.create_workshop("Cijfers", plan="small-commerce", lang="nl")
    ref = "preparation/partner-scorecard"
    plan = load_plan("small-commerce", "nl")
    person, _ = store.join(created.workshop.id, created.join_code, "An")
    card = PartnerScorecard(store, person, ref, plan.exercise(ref))
    candidate = card.add_candidate("Bureau Noord")
    first, second = [c.id for c in card.criteria()][:2]
    candidate = card.score(candidate, first, 3)
    card.score(candidate, second, 4)
    text = html_text(render_html(created.workshop.id, tmp_path, store.url).read_text(encoding="utf-8"))
    assert "Bureau Noord 3,50 1 3,0 4,0" in text
    assert "3.50" not in text and "3.5 " not in text


def test_a_dutch_report_writes_days_as_dutch_readers_do(store, tmp_path):
    """Deadlines and the workshop's day read "15 jan 2027" in a Dutch report (never the stored
    2027-01-15), and a deadline typed as words stays as typed."""
    created = store.create_workshop("Data", plan="small-commerce", lang="nl")
    ann, _ = store.join(created.workshop.id, created.join_code, "An")
    for task, deadline in (("Fotos", "2027-01-15"), ("Bank", "volgende week")):
        payload = {"task": task, "owner": "An", "deadline": deadline, "outcome": "x", "status": "todo"}
        store.add_entry(created.workshop.id, ann.id, "preparation/task-plan", payload)
    text = html_text(render_html(created.workshop.id, tmp_path, store.url).read_text(encoding="utf-8"))
    assert "Fotos — An, 15 jan 2027" in text  # the cover's next deadlines
    assert "2027-01-15" not in text
    assert "volgende week" in text
    months = "jan feb mrt apr mei jun jul aug sep okt nov dec".split()
    today = datetime.now(timezone.utc)
    assert f"{today.day} {months[today.month - 1]} {today.year}" in text  # the day it was held


def english_day(day) -> str:
    """A day as an English reader expects it on the report: "Dec 7, 2026"."""
    return f"{day:%b} {day.day}, {day.year}"


def html_text(html: str) -> str:
    import re

    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_two_anonymous_raters_rank_the_same_in_the_report_as_on_the_board(store, tmp_path):
    """Each rater's own weights count (anonymous people never share them): the report's table has
    the board's score, the number of raters and each criterion's average score."""
    from cocreate_kit.apps.overview import render_overview
    from cocreate_kit.content.plan import load_plan, load_ui
    from cocreate_kit.forms.scorecard import PartnerScorecard
    from cocreate_kit.live.workshop import LiveWorkshop

    created = store.create_workshop("Shops", plan="small-commerce")
    ref = "preparation/partner-scorecard"
    plan = load_plan("small-commerce", "en")
    for peers, cases, heavy in ((5, 1, "peers"), (1, 5, "sector")):
        person, _ = store.join(created.workshop.id, created.join_code, None)
        card = PartnerScorecard(store, person, ref, plan.exercise(ref))
        studio = card.score(card.add_candidate("Pixel Studio"), "peers", peers)
        card.score(studio, "sector", cases)
        card.set_weight(heavy, 5)
        card.set_weight("sector" if heavy == "peers" else "peers", 0)
    board = render_overview(LiveWorkshop(store, created.workshop.id), plan, ref, load_ui("en"))
    assert "<td>Pixel Studio</td><td>5.00</td><td>2</td>" in board  # each counted its own weights
    text = render_html(created.workshop.id, tmp_path, store.url).read_text(encoding="utf-8")
    table = text.split("<h2>Partner scorecard</h2>")[1].split("<h2>")[0]
    assert "<td>Pixel Studio</td>\n<td>5.00</td>\n<td>2</td>\n<td>3.0</td>\n<td>3.0</td>" in table


def test_the_co_creation_brief_is_in_the_report(store, tmp_path):
    """A shop's brief answers appear under their questions, as text; unanswered ones are counted."""
    from cocreate_kit.forms.answers import KeyedAnswers
    from cocreate_kit.kinds.brief import FIELDS as BRIEF_FIELDS

    created = store.create_workshop("Shops", plan="small-commerce")
    ann, _ = store.join(created.workshop.id, created.join_code, "Ann")
    brief = KeyedAnswers(store, ann, "ideation/brief", list(BRIEF_FIELDS))
    brief.save("motivation", {"text": "Customers ask to <b>reserve</b> online"})
    text = render_html(created.workshop.id, tmp_path, store.url).read_text(encoding="utf-8")
    section = text.split("Why do we want to co-create?")[1]
    assert "Customers ask to &lt;b&gt;reserve&lt;/b&gt; online" in section.split("</ul>")[0]
    assert "Not answered: 3 of 4 questions." in html_text(text)


def test_a_task_has_one_status_in_the_whole_report(store, filled, tmp_path):
    """After a check-in says 'done', the task table, the timeline's data and the traceability table
    all say Done (before, the task table kept the plan's 'In progress')."""
    from cocreate_kit.content.plan import load_ui
    from cocreate_kit.forms.progress import ProgressMonitor

    ann = store.participants(filled)[0]
    task = store.entries(filled, exercise="preparation/task-plan")[0]
    ProgressMonitor(store, ann, "implementation/progress", ["preparation/task-plan"]).check_in(
        task.entry_id, "done", True, "Photos delivered"
    )
    text = render_html(filled, tmp_path, store.url).read_text(encoding="utf-8")
    task_table = text.split("<h2>Task plan</h2>")[1].split("</table>")[0]
    trace_table = text.split(f"<h2>{load_ui('en')['trace_title']}</h2>")[1].split("</table>")[0]
    assert "<td>Done</td>" in task_table and "In progress" not in task_table
    assert "<td>Done</td>" in trace_table


def test_every_value_map_item_is_text_and_unmapped_personas_are_one_line(store, tmp_path):
    """Eight products (more than the canvas picture holds) are each in the report as text; with no
    empathy notes, the report names the personas nobody mapped instead of drawing empty canvases."""
    from cocreate_kit.forms.value_map import ValueMap

    created = store.create_workshop("Values")
    ann, _ = store.join(created.workshop.id, created.join_code, "Ann")
    value_map = ValueMap(store, ann, "ideation/value-map")
    products = [f"Product number {n}" for n in range(8)]
    for product in products:
        value_map.add("products", product)
    text = render_html(created.workshop.id, tmp_path, store.url).read_text(encoding="utf-8")
    readable = html_text(text)
    assert all(product in readable for product in products)
    assert "No notes yet for: Marta Lindqvist" in readable
    assert 1 == text.count("<img")  # the value canvas only: no empty canvases or charts of zeros


def test_the_cover_leads_with_what_was_ranked_and_what_comes_next(store, filled, tmp_path):
    """Before the detail: the vote's leaders with their dots, the tasks already past their
    deadline named as overdue and listed first, then the open tasks with owner and deadline,
    soonest first (done tasks left out)."""
    from cocreate_kit.forms.records import Records
    from cocreate_kit.forms.task_plan import validate_task
    from cocreate_kit.live.facilitation import WorkshopControl

    ann = store.participants(filled)[0]
    tasks = Records(store, ann, "preparation/task-plan", validate_task)
    soon, late = date.today() + timedelta(days=10), date.today() - timedelta(days=30)
    tasks.add(task="Order the tablet", owner="Ben", deadline=soon, outcome="1 tablet", status="todo")
    tasks.add(task="Call the bank", owner="Ann", deadline=late, outcome="1 call", status="doing")
    tasks.add(task="Old chore", owner="Ben", deadline=late, outcome="done", status="done")
    note = store.add_entry(
        filled, ann.id, "ideation/empathy-map", {"group": "shop-owner", "area": "pains", "text": "No time"}
    )
    control = WorkshopControl(store, filled)
    vote = control.start_vote("ideation/empathy-map", 2)
    store.add_entry(filled, ann.id, f"_vote/{vote['id']}", {"target": note.entry_id}, max_per_participant=2)
    control.close_vote()
    page = render_html(filled, tmp_path, store.url).read_text(encoding="utf-8")
    glance = html_text(page.split("At a glance")[1].split("</section>")[0])
    assert "Ranked highest in the vote on Empathy map of the people you serve: No time (1)." in glance
    overdue = f"Overdue: 1, the oldest first: Call the bank — Ann, {english_day(late)}."
    upcoming = f"Tasks still to do: 2. Next by deadline: Order the tablet — Ben, {english_day(soon)}; Shoot"
    assert overdue in glance and upcoming in glance
    assert glance.index(overdue) < glance.index(upcoming)
    assert "Old chore" not in glance


def test_the_cover_shows_a_far_deadline_as_a_date_and_undated_tasks_last(store, tmp_path):
    """A stored deadline of 9999-12-31 (an imported file may hold one) reads as that date, and a
    task without a deadline comes after every dated one."""
    created = store.create_workshop("Far")
    ann, _ = store.join(created.workshop.id, created.join_code, "Ann")
    for task, deadline in (("Undated", None), ("Far away", "9999-12-31"), ("Soon", "2027-01-01")):
        payload = {"task": task, "owner": "Ann", "deadline": deadline, "outcome": "x", "status": "todo"}
        store.add_entry(created.workshop.id, ann.id, "preparation/task-plan", payload)
    page = render_html(created.workshop.id, tmp_path, store.url).read_text(encoding="utf-8")
    glance = html_text(page.split("At a glance")[1].split("</section>")[0])
    assert "Soon — Ann, Jan 1, 2027; Far away — Ann, Dec 31, 9999; Undated — Ann, —" in glance


@pytest.mark.parametrize("lang", ["nl", "fr", "de"])
@pytest.mark.parametrize("plan", ["business-hubs", "small-commerce", "small-digital"])
def test_a_translated_workshops_report_has_no_english_word(store, tmp_path, plan, lang):
    """A Dutch, French or German workshop with an entry in every exercise: no word of the
    report's text comes from the English words or plan unless the language's own (or what
    participants typed) use it too."""
    from cocreate_kit.content.plan import load_plan
    from cocreate_kit.forms.answers import KeyedAnswers
    from cocreate_kit.store import export_workshop

    from ..language import english_leftovers
    from .conftest import fill_every_exercise

    created = store.create_workshop("Winkelstraat gaat online", plan=plan, lang=lang)
    fill_every_exercise(store, created.workshop.id, created.join_code)
    anonymous, _ = store.join(created.workshop.id, created.join_code, None)  # shown as "anoniem"
    stage = load_plan(plan, lang).stages[0]
    KeyedAnswers(store, anonymous, f"{stage.id}/questions", [stage.questions[0].id]).save(
        stage.questions[0].id, {"answer": "Ja"}
    )
    page = render_html(created.workshop.id, tmp_path, store.url).read_text(encoding="utf-8")
    visible = re.sub(r"<style.*?</style>|<[^>]+>|data:image/png;base64,[^'\"]+", " ", page, flags=re.S)

    assert f'lang="{lang}"' in page
    leaks = english_leftovers(visible, plan, export_workshop(store, created.workshop.id), lang)
    assert not leaks


def test_exercises_nobody_did_are_one_line_under_the_cover_not_empty_sections(store, tmp_path):
    """Only the empathy map was filled: the value map, task plan, progress, scorecard and
    evaluation have no heading of their own; one line under the cover names them all."""
    from cocreate_kit.content.plan import load_plan

    created = store.create_workshop("Only notes")
    ann, _ = store.join(created.workshop.id, created.join_code, "Ann")
    payload = {"group": "shop-owner", "area": "says", "text": "Too busy for social media"}
    store.add_entry(created.workshop.id, ann.id, "ideation/empathy-map", payload)
    page = render_html(created.workshop.id, tmp_path, store.url).read_text(encoding="utf-8")

    plan = load_plan("business-hubs", "en")
    skipped = [
        exercise.title
        for stage in plan.stages
        for exercise in stage.exercises
        if exercise.kind in {"value-map", "task-plan", "progress-monitor", "evaluation-grid"}
    ]
    assert len(skipped) >= 4
    [line] = re.findall(r"<p class=[\"']cck-empty cck-not-done[\"']>(.*?)</p>", page)
    headings = [html_unescape(h) for h in re.findall(r"<h2>(.*?)</h2>", page)]
    for title in skipped:
        assert title not in headings
        assert title in html_unescape(line)
    assert "Too busy for social media" in page and "Nothing recorded yet" not in page
