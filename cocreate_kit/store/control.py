"""Live workshop state kept as facilitator entries in the ``_control`` exercise.

Each setting (the section everyone is brought to, a lock, a timer) is one entry with a fixed id
derived from its key, revised on every change: participants' pages see changes through
``changes_since`` like any entry, and the history of every facilitator action is kept.
The lock check lives here because the store enforces it on every participant write.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime, timezone

from ..visibility import ModerationState, is_shared, may_see, may_vote_on, vote_exercise
from .current import latest_row, select_current
from .errors import NotOnBallotError, StoreError

__all__ = [
    "CONTROL_EXERCISE",
    "EndedError",
    "LockedError",
    "SESSION_KEY",
    "MODERATION_EXERCISE",
    "clock_text",
    "control_entry_id",
    "is_ended",
    "is_locked",
    "latest_payload",
    "lock_key",
    "require_open",
    "require_unlocked",
    "require_votable",
    "require_vote_open",
    "seconds_left",
    "section_of",
    "section_visibility",
    "visibility_key",
]

CONTROL_EXERCISE = "_control"
MODERATION_EXERCISE = "_moderation"  # the facilitator's log of hides, merges and corrections
SESSION_KEY = "session"  # the control setting that ends (and reopens) the session


class LockedError(StoreError):
    """The facilitator has locked this exercise (or its timer ran out with lock-at-zero)."""


class EndedError(StoreError):
    """The facilitator has ended the session: the workshop takes no more writes until reopened."""


def control_entry_id(workshop_id: str, key: str) -> str:
    return "c" + hashlib.sha256(f"{workshop_id}:{key}".encode()).hexdigest()[:31]


def lock_key(section: str) -> str:
    """The control setting that locks a section."""
    return f"lock:{section}"


def visibility_key(section: str) -> str:
    """The control setting that makes a section's round private (and reveals it)."""
    return f"visibility:{section}"


def section_of(exercise: str) -> str:
    """``stage/exercise`` of any exercise reference (``evaluation/evaluation-grid/goals`` → its grid)."""
    return "/".join(str(exercise).split("/")[:2])


def is_locked(lock: dict | None, timer: dict | None, now: datetime | None = None) -> bool:
    """Locked by hand, or by a lock-at-zero timer whose time is up."""
    if lock and lock.get("locked"):
        return True
    if timer and timer.get("lock_at_zero") and timer.get("ends_at"):
        now = now or datetime.now(timezone.utc)
        return datetime.fromisoformat(timer["ends_at"]) <= now
    return False


def is_ended(setting: dict | None) -> bool:
    """Has the session setting ended the workshop?"""
    return bool(setting and setting.get("ended"))


def require_open(conn, workshop_id: str, exercise: str | None = None) -> None:
    """Refuse a write to an ended workshop; the facilitator's controls (``exercise`` is the
    control exercise) still work, so the session can be reopened."""
    if exercise == CONTROL_EXERCISE:
        return
    if is_ended(latest_payload(conn, control_entry_id(workshop_id, SESSION_KEY))):
        raise EndedError(
            "This session has ended: nothing more can be written. The facilitator can reopen it."
        )


def section_visibility(setting: dict | None) -> dict:
    """``{"private": bool, "revealed": bool}`` from a section's visibility setting (open if unset)."""
    found = setting or {}
    return {"private": bool(found.get("private")), "revealed": bool(found.get("revealed"))}


def seconds_left(timer: dict, now: datetime | None = None) -> int:
    """Whole seconds until the timer's end (rounded up, never below zero)."""
    now = now or datetime.now(timezone.utc)
    return max(0, int((datetime.fromisoformat(timer["ends_at"]) - now).total_seconds() + 0.999))


def clock_text(left: int, ui: dict[str, str]) -> str:
    """What a page shows for a running timer: "Time left: 4:05", or that time is up."""
    return ui["timer_over"] if left == 0 else ui["timer_banner"].format(time=f"{left // 60}:{left % 60:02d}")


def latest_payload(conn, entry_id: str) -> dict | None:
    row = latest_row(conn, entry_id)
    if row is None or row["deleted"]:
        return None
    return json.loads(row["payload"])


def require_unlocked(conn, workshop_id: str, exercise: str) -> None:
    section = section_of(exercise)
    lock = latest_payload(conn, control_entry_id(workshop_id, lock_key(section)))
    timer = latest_payload(conn, control_entry_id(workshop_id, "timer"))
    if timer and timer.get("section") != section:
        timer = None
    if is_locked(lock, timer):
        raise LockedError("The facilitator has locked this exercise.")


def _open_vote_for(conn, workshop_id: str, exercise: str) -> dict:
    vote = latest_payload(conn, control_entry_id(workshop_id, "vote"))
    if not vote or not vote.get("open") or vote_exercise(vote) != exercise:
        raise NotOnBallotError("This vote is closed.")
    return vote


def require_votable(conn, workshop_id: str, voter: str, exercise: str, payload: dict) -> int:
    """Refuse a participant's dot unless its vote is open and its target is on the voter's
    ballot (``visibility.may_see``: not hidden or merged, not someone else's private entry).
    Returns the vote's dot budget. Runs inside the write's transaction."""
    vote = _open_vote_for(conn, workshop_id, exercise)
    target = latest_row(conn, str(payload.get("target", "")))
    if target is None or target["deleted"] or target["workshop_id"] != workshop_id:
        raise NotOnBallotError("This entry is not on the ballot.")
    moderation = ModerationState.from_log(
        json.loads(row.payload) for row in conn.execute(select_current(workshop_id, MODERATION_EXERCISE))
    )
    section = section_of(target["exercise"])
    shared = is_shared(
        section_visibility(latest_payload(conn, control_entry_id(workshop_id, visibility_key(section))))
    )
    visible = may_see(target["entry_id"], target["participant_id"], voter, moderation, shared)
    if not may_vote_on(vote, target["exercise"], json.loads(target["payload"]), visible):
        raise NotOnBallotError("This entry is not on the ballot.")
    return int(vote.get("dots", 0))


def require_vote_open(conn, workshop_id: str, exercise: str) -> None:
    """A dot is taken back only while its vote is open (a closed tally stays as it was)."""
    _open_vote_for(conn, workshop_id, exercise)
