"""The participant page's routing and join flow, driven without a browser."""

from __future__ import annotations

import html
import subprocess
import sys
from urllib.parse import parse_qs

from cocreate_kit.apps.participant import ParticipantApp, participant_page
from cocreate_kit.server.join_throttle import CLIENT_ADDRESS_ENV, JOINS_DIR_ENV
from cocreate_kit.store import Store


def page_text(widget) -> str:
    """All HTML/label text under a widget tree, as a person would read it (roughly)."""
    parts = [getattr(widget, "value", "") if isinstance(getattr(widget, "value", ""), str) else ""]
    parts.append(getattr(widget, "description", "") or "")
    for child in getattr(widget, "children", ()):
        parts.append(page_text(child))
    return " ".join(parts)


def test_join_link_shows_join_form_with_code_filled(store, workshop):
    """The join link pre-fills the code; the participant only types a name."""
    app = ParticipantApp(store, {"workshop": workshop.workshop.id, "code": workshop.join_code})
    assert workshop.join_code == app.code_input.value
    assert "Join the workshop" in page_text(app.widget)


def test_joining_makes_a_participant_and_a_personal_link(store, workshop):
    """Join with a name: the participant exists, and the page shows a link holding their token."""
    app = ParticipantApp(store, {"workshop": workshop.workshop.id, "code": workshop.join_code})
    app.name_input.value = "Ann"
    app.join_button.click()
    assert ["Ann"] == [p.display_name for p in store.participants(workshop.workshop.id)]
    assert app.form is not None
    text = page_text(app.widget)
    assert "Welcome, Ann" in text
    href = text.split("href='")[1].split("'")[0]
    token = parse_qs(href.lstrip("?").replace("&amp;", "&"))["token"][0]
    assert app.participant == store.participant_by_token(workshop.workshop.id, token)


def test_a_second_tap_on_join_does_not_make_a_second_participant(store, workshop):
    """Join clicked twice before the page changed (both clicks reach the kernel): one participant,
    and the page keeps the first one's personal link."""
    app = ParticipantApp(store, {"workshop": workshop.workshop.id, "code": workshop.join_code})
    app.name_input.value = "Ann"
    button = app.join_button
    button.click()
    first = app.participant
    button.click()
    assert ["Ann"] == [p.display_name for p in store.participants(workshop.workshop.id)]
    assert first == app.participant


def test_personal_link_comes_back_as_the_same_participant_with_notes(store, workshop):
    """Reopening the personal link shows the same participant and the notes they wrote."""
    app = ParticipantApp(store, {"workshop": workshop.workshop.id, "code": workshop.join_code})
    app.anonymous.value = True
    app.join_button.click()
    app.form.persona.value = "shop-owner"
    app.form.panels["hears"].draft.value = "Customers ask for opening hours online"
    app.form.panels["hears"].add_button.click()

    again = ParticipantApp(store, {"workshop": workshop.workshop.id, "token": app.token})
    assert app.participant == again.participant
    assert "anonymous" in page_text(again.widget)
    again.form.persona.value = "shop-owner"
    assert ["Customers ask for opening hours online"] == [
        r.note.text for r in again.form.panels["hears"].rows
    ]


def test_code_typed_without_a_link_finds_the_workshop(store, workshop):
    """Opening the bare page and typing the code (any case) joins the right workshop."""
    app = ParticipantApp(store, {})
    app.code_input.value = workshop.join_code.lower()
    app.name_input.value = "Bo"
    app.join_button.click()
    assert app.workshop.id == workshop.workshop.id


def test_wrong_code_is_a_message_and_nobody_joins(store, workshop):
    """A wrong join code shows what to do and creates no participant."""
    app = ParticipantApp(store, {"workshop": workshop.workshop.id})
    app.code_input.value = "WRONG9"
    app.join_button.click()
    assert app.join_status.is_error and "join code does not match" in app.join_status.text
    assert [] == store.participants(workshop.workshop.id)


def test_overlong_name_is_refused(store, workshop):
    """A display name over 80 characters is refused with a message."""
    app = ParticipantApp(store, {"workshop": workshop.workshop.id, "code": workshop.join_code})
    app.name_input.value = "x" * 81
    app.join_button.click()
    assert app.join_status.is_error and "80" in app.join_status.text
    assert [] == store.participants(workshop.workshop.id)


def test_bad_token_and_unknown_workshop_get_friendly_pages(store, workshop):
    """A forged token, a token without workshop, and an unknown workshop each get a clear message."""
    cases = [
        ({"workshop": workshop.workshop.id, "token": "forged"}, "personal link is not valid"),
        ({"token": "forged"}, "personal link is not valid"),
        ({"workshop": "nope", "code": "ABCDEF"}, "workshop does not exist"),
    ]
    for params, expected in cases:
        text = page_text(participant_page(store, params))
        assert expected in text, params
        assert "Traceback" not in text


def test_participant_page_does_not_import_pandas_or_matplotlib(tmp_path):
    """Building a whole participant page (join + empathy map, then the progress monitor) on an
    existing store loads neither pandas nor matplotlib, nor the schema-migration tool."""
    url = f"sqlite:///{tmp_path / 'light.db'}"
    created = Store(url).create_workshop("Light")  # the store exists, as it does when pages open
    script = f"""
import sys
from cocreate_kit.store import Store
from cocreate_kit.apps.participant import ParticipantApp
store = Store("{url}")
app = ParticipantApp(store, {{"workshop": "{created.workshop.id}", "code": "{created.join_code}"}})
app.name_input.value = "Ann"; app.join_button.click()
app.form.persona.value = "shop-owner"
app.nav.value = "implementation/progress"
heavy = sorted(m for m in ("pandas", "matplotlib", "numpy", "alembic", "mako") if m in sys.modules)
print(",".join(heavy) or "none")
"""
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert "none" == out.stdout.strip()


def walk(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from walk(child)


def test_joining_sends_a_light_workspace_and_the_empathy_areas_come_with_a_persona(store, workshop):
    """Join builds the section a person lands on, not what it hides: every widget is a model the
    phone must receive and draw in a busy room. The empathy map's seven areas (over a hundred
    widgets) are built when a persona is picked, and then all seven are there."""
    from ipywidgets.widgets.widget import _instances

    app = ParticipantApp(store, {"workshop": workshop.workshop.id, "code": workshop.join_code})
    app.name_input.value = "Ann"
    before = set(_instances)
    app.join_button.click()
    built = len(set(_instances) - before)
    assert "ideation/empathy-map" == app.nav.value
    assert built <= 50, f"joining built {built} widgets"
    assert () == app.form.canvas.children
    app.form.persona.value = "shop-owner"
    assert 7 == len(app.form.canvas.children)
    assert 100 <= len(set(_instances) - before) - built


def test_every_section_opens_and_no_text_box_sends_each_keystroke(store):
    """Every section of every plan opens, and all its text boxes send text once, not per keystroke
    (the empathy map's boxes once a persona is picked, as a person does first)."""
    import ipywidgets as widgets

    for plan in ("business-hubs", "small-commerce", "small-digital"):
        created = store.create_workshop(plan, plan=plan)
        app = ParticipantApp(store, {"workshop": created.workshop.id, "code": created.join_code})
        app.name_input.value = "Ann"
        app.join_button.click()
        for key in app.sections:
            app.open_section(key)
            if persona := getattr(app.form, "persona", None):
                persona.value = persona.options[0][1]
            boxes = [w for w in walk(app.widget) if isinstance(w, (widgets.Text, widgets.Textarea))]
            assert boxes, key
            assert all(not box.continuous_update for box in boxes), key
            unlabeled = [
                w
                for w in walk(app.widget)
                if isinstance(w, (widgets.Text, widgets.Textarea)) and not w.description
            ]
            assert [] == unlabeled, key


def test_a_name_with_control_characters_gets_a_message_and_nobody_joins(store, workshop):
    """NUL, BEL or a line break in a display name is refused at the page, with a message, and the
    store refuses it too (a second line of defence for scripts)."""
    import pytest

    from cocreate_kit.store import StoreError
    from tests.hostile import REFUSED

    for name in [*REFUSED, "two\nlines"]:
        app = ParticipantApp(store, {"workshop": workshop.workshop.id, "code": workshop.join_code})
        app.name_input.value = name
        app.join_button.click()
        assert "control characters" in page_text(app.widget)
        assert app.participant is None
        with pytest.raises(StoreError, match="control characters"):
            store.join(workshop.workshop.id, workshop.join_code, name)
    assert [] == store.participants(workshop.workshop.id)


def test_guessing_join_codes_slows_down_then_stops_on_the_page(store, workshop):
    """Three slips are free; then each wrong code makes the page wait longer before the next try,
    and after ten the page stops taking codes. The right code during a wait is refused too."""
    now = [0.0]
    app = ParticipantApp(store, {"workshop": workshop.workshop.id})
    app.throttle.clock = lambda: now[0]
    tried = 0

    def try_code(code):
        app.code_input.value = code
        app.join_button.click()
        return app.join_status.text

    for tried in range(1, 3):
        assert "try again" in try_code(f"WRONG{tried}") and "wait" not in app.join_status.text
    assert "wait 1 s" in try_code("WRONG3")
    assert "wait 1 s" in try_code(workshop.join_code)  # too soon: not even the right code
    waits = []
    for tried in range(4, 10):
        now[0] += 120
        waits.append(int(try_code(f"WRONG{tried}").split("wait ")[1].split(" s")[0]))
    assert [2, 4, 8, 16, 32, 60] == waits
    now[0] += 120
    assert "Too many wrong codes" in try_code("WRONGX")
    now[0] += 3600
    assert "Too many wrong codes" in try_code(workshop.join_code)
    assert [] == store.participants(workshop.workshop.id)


def test_a_mistyped_code_then_the_right_one_joins(store, workshop):
    """Ordinary slips cost nothing: two wrong codes, then the right one, and the person is in."""
    app = ParticipantApp(store, {"workshop": workshop.workshop.id})
    for code in ("WRONG1", "WRONG2", workshop.join_code):
        app.code_input.value = code
        app.name_input.value = "Ann"
        app.join_button.click()
    assert ["Ann"] == [p.display_name for p in store.participants(workshop.workshop.id)]


def test_typing_when_the_lock_comes_is_kept_and_saved_when_it_lifts(store, workshop):
    """An answer being typed as the facilitator locks the questions: the box stays open, the text
    is kept (with a message saying so), nothing reaches the store while locked, and the answer is
    saved by itself once the lock lifts."""
    from cocreate_kit.live.facilitation import WorkshopControl

    app = ParticipantApp(store, {"workshop": workshop.workshop.id, "code": workshop.join_code})
    app.name_input.value = "Ann"
    app.join_button.click()
    app.open_section("ideation/questions")
    control = WorkshopControl(store, workshop.workshop.id)
    control.set_locked("ideation/questions", True)
    app.follower.tick()
    box = next(iter(app.form.boxes.values()))
    assert not box.disabled
    box.value = "We open on Sundays"  # what the browser sends when the person leaves the box
    assert "stays here" in app.form.status.text
    assert [] == store.entries(workshop.workshop.id, exercise="ideation/questions")
    control.set_locked("ideation/questions", False)
    app.follower.tick()
    answers = store.entries(workshop.workshop.id, exercise="ideation/questions")
    assert ["We open on Sundays"] == [e.payload["answer"] for e in answers]
    assert "We open on Sundays" == box.value and "Saved" in app.form.status.text


def test_everyones_entries_are_words_not_ids(store, workshop):
    """Checklist answers, question answers, ratings and check-ins by someone else read as the
    item, question, aspect or task they are about (never a stored id)."""
    from cocreate_kit.content.plan import load_plan
    from cocreate_kit.forms.answers import KeyedAnswers
    from cocreate_kit.forms.progress import ProgressMonitor
    from cocreate_kit.forms.records import Records
    from cocreate_kit.forms.task_plan import validate_task

    plan = load_plan("business-hubs", "en")
    bob, _ = store.join(workshop.workshop.id, workshop.join_code, "Bob")
    item = plan.stage("preparation").checklist[0]
    KeyedAnswers(store, bob, "preparation/checklist", [item.id]).save(
        item.id, {"state": "done", "comment": ""}
    )
    question = plan.stage("ideation").questions[0]
    KeyedAnswers(store, bob, "ideation/questions", [question.id]).save(question.id, {"answer": "Yes, twice"})
    task = Records(store, bob, "preparation/task-plan", validate_task).add(
        task="Open the web shop", owner="", deadline="", outcome="", status="doing"
    )
    monitor = ProgressMonitor(store, bob, "implementation/progress", ["preparation/task-plan"])
    monitor.check_in(task.entry_id, "doing", True, "")

    app = ParticipantApp(store, {"workshop": workshop.workshop.id, "code": workshop.join_code})
    app.name_input.value = "Ann"
    app.join_button.click()
    for section, words in (
        ("preparation/checklist", f"{item.text}: Done"),
        ("ideation/questions", f"{question.text}: Yes, twice"),
        ("implementation/progress", "Open the web shop: In progress, On track? Yes"),
    ):
        app.open_section(section)
        shared = app.follower.shared.value
        assert html.escape(words, quote=False) in shared.replace("&#x27;", "'"), (section, shared)
        assert task.entry_id not in shared


def test_an_empty_name_asks_for_a_name_or_anonymity(store, workshop):
    """Join with no name and no "Stay anonymous" tick: the page asks which, and nobody joins;
    ticking it joins anonymously."""
    app = ParticipantApp(store, {"workshop": workshop.workshop.id, "code": workshop.join_code})
    app.name_input.value = "   "
    app.join_button.click()
    assert "Stay anonymous" in app.join_status.text and app.participant is None
    assert [] == store.participants(workshop.workshop.id)
    app.anonymous.value = True
    app.join_button.click()
    assert app.participant is not None and app.participant.anonymous


def test_fresh_pages_from_one_address_do_not_reset_the_guessing(store, workshop, tmp_path, monkeypatch):
    """A guesser who opens page after page from one address: after 10 wrong codes in all the
    address waits between tries, after 40 it is refused on any page (even with the right code),
    while a person at another address joins; 15 quiet minutes later the address may try again."""
    now = [1_000_000.0]
    monkeypatch.setenv(JOINS_DIR_ENV, str(tmp_path))

    def page_from(address):
        monkeypatch.setenv(CLIENT_ADDRESS_ENV, address)
        app = ParticipantApp(store, {"workshop": workshop.workshop.id})
        app.throttle.clock = app.address_throttle.clock = lambda: now[0]
        return app

    def try_code(app, code):
        now[0] += 61  # past any wait
        app.code_input.value = code
        app.name_input.value = "Mallory"
        app.join_button.click()
        return app.join_status.text

    guesses = [try_code(page_from("203.0.113.9"), f"WRONG{n}") for n in range(3)]
    assert all("wait" not in text for text in guesses)
    for _page in range(4):
        app = page_from("203.0.113.9")
        for n in range(10):
            try_code(app, f"WRONG{n}")
    fresh = page_from("203.0.113.9")
    assert "from this network" in try_code(fresh, workshop.join_code)
    assert [] == store.participants(workshop.workshop.id)

    assert "Welcome, Ann" in page_text(_join(page_from("198.51.100.7"), workshop.join_code, now).widget)

    now[0] += 15 * 60 + 1
    assert "Welcome, Ann" in page_text(_join(page_from("203.0.113.9"), workshop.join_code, now).widget)


def _join(app, code, now):
    now[0] += 61
    app.code_input.value = code
    app.name_input.value = "Ann"
    app.join_button.click()
    return app
