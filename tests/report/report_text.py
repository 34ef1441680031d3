"""A report as a reader reads it: the text of every section in order, one line per block of
text, with each picture's alternative text in its place (what a refactoring must not change)."""

from __future__ import annotations

import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

from cocreate_kit.content.resources import sample_workshop
from cocreate_kit.report.build import report_sections
from cocreate_kit.store import Store, import_workshop

BLOCKS = {
    "p",
    "li",
    "tr",
    "h1",
    "h2",
    "h3",
    "h4",
    "figure",
    "figcaption",
    "section",
    "header",
    "ul",
    "ol",
    "table",
}


class _Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.lines, self.line = [], []

    def handle_starttag(self, tag, attrs):
        if tag in BLOCKS:
            self._end()
        if tag == "img":
            self.line.append(f"[picture: {dict(attrs).get('alt', '')}]")
        if tag in ("td", "th"):
            self.line.append("|")

    def handle_endtag(self, tag):
        if tag in BLOCKS:
            self._end()

    def handle_data(self, data):
        if data.strip():
            self.line.append(" ".join(data.split()))

    def _end(self):
        if self.line:
            self.lines.append(" ".join(self.line))
        self.line = []


def report_text(sections: list[str]) -> str:
    parser = _Text()
    for section in sections:
        parser.feed(section)
        parser._end()
    return "\n".join(parser.lines) + "\n"


# Days and moments as the reports write them: ISO, English ("Dec 7, 2026 2:19 AM") and Dutch
# ("7 dec 2026 02:19").
DATES = re.compile(
    r"\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2})?"
    r"|[A-Z][a-z]{2} \d{1,2}, \d{4}(?: \d{1,2}:\d{2} [AP]M)?"
    r"|\d{1,2} [a-z]{3}\.? \d{4}(?: \d{2}:\d{2})?"
)


def _masked(text: str) -> str:
    """The text with its days masked; a workshop run across midnight is one day like any other."""
    return DATES.sub("<date>", text).replace("<date> – <date>", "<date>")


FILES = Path(__file__).resolve().parent.parent / "files"


def _shop_workshop(store: Store) -> str:
    """A shop's workshop: the brief answered, two people rating candidates with their own
    weights, a criterion the room added, a task, a note on the customer journey each."""
    from cocreate_kit.content.plan import load_plan
    from cocreate_kit.forms.answers import KeyedAnswers
    from cocreate_kit.forms.scorecard import PartnerScorecard
    from cocreate_kit.live.facilitation import add_criterion

    created = store.create_workshop("Shops <b>day</b>", plan="small-commerce")
    wid, ref = created.workshop.id, "preparation/partner-scorecard"
    add_criterion(store, wid, ref, "Answers within a day")
    exercise = load_plan("small-commerce", "en").exercise(ref)
    for name, ratings in (("Ann", (4, 2)), (None, (3, 5))):
        person, _ = store.join(wid, created.join_code, name)
        brief = KeyedAnswers(store, person, "ideation/brief", ["motivation", "success"])
        brief.save("motivation", {"text": f"More regulars online ({name or 'anon'})"})
        card = PartnerScorecard(store, person, ref, exercise)
        card.set_weight("peers", 3)
        for candidate, rating in zip(("Pixel <i>Studio</i>", "Web & Co"), ratings, strict=True):
            card.score(card.add_candidate(candidate), "peers", rating)
        journey = {"area": "buy-pains", "text": f"No $5 <b>card</b> ({name or 'anon'})"}
        store.add_entry(wid, person.id, "ideation/customer-journey", journey)
        store.add_entry(
            wid,
            person.id,
            "preparation/task-plan",
            {
                "task": "Pick a partner",
                "owner": "Bo",
                "deadline": "",
                "outcome": "",
                "status": "todo",
                "reliever": "",
            },
        )
    return wid


def _idea_call(store: Store) -> str:
    """An idea call: ideas with and without a topic, and a closed dot vote."""
    from cocreate_kit.forms.voting import DotVote
    from cocreate_kit.live.facilitation import WorkshopControl
    from cocreate_kit.live.workshop import LiveWorkshop

    created = store.create_workshop("What should we add?", plan="idea-call")
    wid = created.workshop.id
    lea, _ = store.join(wid, created.join_code, "Lea")
    honey = store.add_entry(wid, lea.id, "ideas/ideas", {"text": "Local honey", "category": "Products"})
    store.add_entry(wid, lea.id, "ideas/ideas", {"text": "<i>Loyalty</i> card", "category": ""})
    control = WorkshopControl(store, wid)
    control.start_vote("ideas/ideas", 3)
    DotVote(LiveWorkshop(store, wid, lea.id), lea).place(honey.entry_id)
    control.close_vote()
    return wid


def reference_reports(folder: Path) -> dict[str, str]:
    """The report text of the sample workshop, a store of the last schema with every exercise
    filled, a hub workshop with hostile text in every kind, a shop's and an idea call, in English
    and Dutch: ``{name: text}``, dates masked (the day a test runs is no content)."""
    from .conftest import fill_every_exercise

    shutil.copy(FILES / "schema-2.db", folder / "schema-2.db")
    store = Store(f"sqlite:///{folder / 'schema-2.db'}")
    workshops = {"schema-2": store.list_workshops()[0].id}
    workshops["sample"] = import_workshop(store, json.loads(sample_workshop().read_text(encoding="utf-8"))).id
    hub = store.create_workshop("Report <b>test</b>")
    fill_every_exercise(store, hub.workshop.id, hub.join_code)
    workshops |= {"hub": hub.workshop.id, "shop": _shop_workshop(store), "idea-call": _idea_call(store)}
    return {
        f"{name}.{lang}": _masked(report_text(report_sections(wid, lang=lang, store=store)))
        for name, wid in workshops.items()
        for lang in ("en", "nl")
    }
