"""What a participant does on the page, as Playwright steps shared by the browser tests."""

from __future__ import annotations


def join(page, link, name=None):
    page.goto(link, wait_until="commit")
    finish_join(page, name)


def join_all(people, link):
    """Join several pages at once, as a room does: every page opens the link before the first
    fills in its form, so their loads overlap. ``people``: (page, name or None) pairs."""
    for page, _name in people:
        page.goto(link, wait_until="commit")
    for page, name in people:
        finish_join(page, name)


def finish_join(page, name=None):
    """The join form of a page that is opening the join link: a name (or anonymous), Join."""
    page.get_by_text("Join the workshop").wait_for()
    if name is None:
        page.get_by_text("Stay anonymous").click()
    else:
        page.get_by_label("Your name").fill(name)
    page.get_by_role("button", name="Join").click()
    # The greeting, not any text that happens to contain "welcome" (an exercise prompt may).
    greeting = "Welcome (you are anonymous)" if name is None else f"Welcome, {name}"
    page.locator(".cck-greeting").filter(has_text=greeting).wait_for()


def add_note(page, area_label, text):
    area = page.locator(".cck-area").filter(has_text=area_label)
    area.get_by_label(f"New note for {area_label}").fill(text)
    area.get_by_role("button", name="Add note").click()
    area.locator(".cck-note").filter(has_text=text).wait_for()


def go_to(page, label):
    """Open a section from the "Go to" menu by its label ("2. Preparation: Task plan")."""
    page.get_by_role("combobox", name="Go to").select_option(label=label)
    page.locator("h3").filter(has_text=label.split(". ", 1)[1]).wait_for()


def pick_persona(page, index=0):
    page.get_by_label("Persona").select_option(index=index)
    page.locator(".cck-area").first.wait_for()


def eventually(check, timeout=10.0, interval=0.1):
    """Poll ``check()`` until it returns a truthy value (what a kernel saved arrives a moment later)."""
    import time

    deadline = time.monotonic() + timeout
    while True:
        result = check()
        if result or time.monotonic() > deadline:
            return result
        time.sleep(interval)
