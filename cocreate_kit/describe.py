"""An entry in words, for lists people read ("Everyone's entries"): the checklist item, question
or rated aspect it answers and the task a check-in is about, never a stored id.

Widget-free; the plan gives the words of keyed answers, the live state the names of tasks.
"""

from __future__ import annotations

from .models import Entry
from .plan import Plan
from .store.control import section_of
from .tally import entry_label

__all__ = ["about", "describe"]


def _key_words(plan: Plan, exercise: str, key: str) -> str | None:
    """The words behind a keyed answer's key: a checklist item, a question or a rated aspect."""
    stage_id, _, name = section_of(exercise).partition("/")
    try:
        stage = plan.stage(stage_id)
    except KeyError:
        return None
    for item in (*stage.checklist, *stage.questions):
        if item.id == key and name in ("checklist", "questions"):
            return item.text
    for exercise_def in stage.exercises:
        if exercise_def.id == name:
            for aspect in exercise_def.aspects:
                if aspect.id == key:
                    return aspect.label
    return None


def about(
    entry: Entry, plan: Plan, ui: dict[str, str], personas: dict, task_name=lambda _task_id: None
) -> str:
    """What an entry is about, in words, for a spreadsheet column: the question, checklist item or
    rated aspect it answers, the persona and area of a note, the value-map part, the task of a
    check-in ("" when there is nothing to say)."""
    payload = entry.payload
    key = payload.get("key")
    if isinstance(key, str):
        return _key_words(plan, entry.exercise, key) or ui.get(f"brief_{key}", key)
    if "area" in payload:
        area = next((a.label for a in plan.empathy_areas if a.id == payload["area"]), str(payload["area"]))
        persona = personas.get(payload.get("group"))
        return f"{persona.name} · {area}" if persona else area
    if "part" in payload:
        return ui.get(f"value_{payload['part']}", str(payload["part"]))
    if "task_id" in payload:
        return task_name(payload["task_id"]) or ""
    return ""


def describe(entry: Entry, plan: Plan, ui: dict[str, str], task_name=lambda _task_id: None) -> str:
    """What ``entry`` says, in the page's words; ``task_name(id)`` names a check-in's task."""
    payload = entry.payload
    key = payload.get("key")
    if isinstance(key, str):
        about = _key_words(plan, entry.exercise, key) or key
        if "state" in payload:
            said = ui.get(f"checklist_{payload['state']}", str(payload["state"]))
            return f"{about}: {said}" + (f" ({payload['comment']})" if payload.get("comment") else "")
        if "answer" in payload:
            return f"{about}: {payload['answer']}"
        if "rating" in payload:
            said = f"{payload['rating']}"
            return f"{about}: {said}" + (f" ({payload['note']})" if payload.get("note") else "")
    if "task_id" in payload:
        task = task_name(payload["task_id"]) or "—"
        status = ui.get(f"status_{payload.get('status')}", str(payload.get("status", "")))
        track = ui["progress_yes"] if payload.get("on_track") else ui["progress_no"]
        said = f"{task}: {status}, {ui['progress_on_track']} {track}"
        return said + (f" ({payload['changes']})" if payload.get("changes") else "")
    return entry_label(entry)


def author_name(display_name: str | None, participant_id: str | None, ui: dict[str, str]) -> str:
    """Who wrote an entry, in the given words: their name, "anonymous" without one, and the
    facilitator for entries with no participant (one rule for report and export)."""
    if participant_id is None:
        return ui["report_facilitator"]
    return display_name or ui["board_anonymous"]
