"""The board's overview of every exercise kind, across participants, participant text escaped."""

from __future__ import annotations

import pytest

from cocreate_kit.apps.facilitator import FacilitatorBoard
from cocreate_kit.content.plan import load_plan
from cocreate_kit.forms.scorecard import PartnerScorecard

from ..report.conftest import fill_every_exercise


@pytest.fixture
def board(store, workshop):
    fill_every_exercise(store, workshop.workshop.id, workshop.join_code)
    return FacilitatorBoard(store, workshop.workshop.id)


def overview(board, section):
    board.controls.section.value = section
    return board.overview.value


def test_checklist_completion_across_participants(board):
    """Each checklist item shows how many marked it done, N/A or open, and the comments (escaped)."""
    html = overview(board, "preparation/checklist")
    assert (
        "<td>Write a detailed plan for how the hub will support partnerships</td><td>1</td><td>0</td>" in html
    )
    assert "&lt;img src=x onerror=alert(1)&gt;" in html and "<img" not in html


def test_answers_list_who_said_what(board):
    """Questions show every participant's answer under its question."""
    html = overview(board, "ideation/questions")
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html and "<script>" not in html


def test_ratings_as_distributions(board):
    """The evaluation grid shows each aspect's ratings per scale step and the average."""
    html = overview(board, "evaluation/evaluation-grid")
    row = html.split("<td>Engagement</td>")[1].split("</tr>")[0]
    assert "Good: ■1" in row and "<td>4.0</td>" in row


def test_tasks_as_a_table_and_latest_check_in(board):
    """Tasks appear in a table with owner, deadline and status; progress shows the latest check-in."""
    tasks = overview(board, "preparation/task-plan")
    assert "Shoot photos &lt;script&gt;" in tasks and "<td>In progress</td>" in tasks
    progress = overview(board, "implementation/progress")
    assert "<td>No</td>" in progress


def test_value_map_counts_each_part(board):
    """The value map overview lists each part with its count."""
    html = overview(board, "ideation/value-map")
    assert "Pains <span class='cck-count'>3</span>" in html


def test_scorecard_ranks_candidates_over_participants(store):
    """A shop workshop's scorecard overview ranks candidates by their average weighted score."""
    created = store.create_workshop("Shops", plan="small-commerce")
    ref = "preparation/partner-scorecard"
    exercise = load_plan("small-commerce", "en").exercise(ref)
    for name, score in (("Ann", 5), ("Bo", 3)):
        person, _ = store.join(created.workshop.id, created.join_code, name)
        card = PartnerScorecard(store, person, ref, exercise)
        card.score(card.add_candidate("Pixel Studio"), "peers", score)
    board = FacilitatorBoard(store, created.workshop.id)
    assert "<td>Pixel Studio</td><td>4.00</td><td>2</td>" in overview(board, ref)


def test_empathy_map_has_no_separate_overview(board):
    """The empathy map is the main board, so its overview stays empty."""
    assert "" == overview(board, "ideation/empathy-map")


def test_overview_names_who_contributed(store, workshop, board):
    """The overview says who has written in the chosen exercise."""
    assert "Contributed (1): Ann &lt;img src=x onerror=alert(1)&gt;" in overview(
        board, "preparation/checklist"
    )


def test_the_progress_overview_follows_a_task_renamed_in_the_task_plan(store, board):
    """The progress monitor's overview names the task plan's tasks: when a task is renamed, the
    open overview shows the new name at the next tick (a task-plan write touches it)."""
    overview(board, "implementation/progress")
    task = store.entries(board.workshop.id, exercise="preparation/task-plan")[0]
    store.revise_entry(
        task.entry_id, task.participant_id, {**task.payload, "task": "Shoot 30 photos"}, task.revision
    )
    board.refresh()
    assert "Shoot 30 photos" in board.overview.value
