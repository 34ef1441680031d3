"""The visibility rule, once: which entries a viewer may see, and so put a dot on.

Pure (no widgets, no SQL): :class:`~cocreate_kit.live.workshop.LiveWorkshop` applies it to everything a
page shows, and the store applies it to each dot before storing it, so a stale ballot button or
a forged message cannot vote on a hidden note, another person's private note or a closed vote.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = [
    "is_internal",
    "FACILITATOR",
    "ROOM",
    "VOTE_PREFIX",
    "ModerationState",
    "is_shared",
    "may_see",
    "in_vote",
    "may_vote_on",
    "vote_exercise",
]

FACILITATOR = None  # the viewer who sees every participant's entries (moderated)
ROOM = "room"  # a viewer id no participant has: sees only what is shared with everyone
VOTE_PREFIX = "_vote/"  # a vote's dots are entries of the exercise "_vote/<vote id>"


@dataclass
class ModerationState:
    hidden: set[str] = field(default_factory=set)
    merged_into: dict[str, str] = field(default_factory=dict)  # duplicate id -> id it was merged into

    def visible(self, entry_id: str) -> bool:
        return entry_id not in self.hidden and entry_id not in self.merged_into

    def group_size(self, entry_id: str) -> int:
        return 1 + sum(1 for keep in self.merged_into.values() if keep == entry_id)

    @classmethod
    def from_log(cls, payloads) -> ModerationState:
        """Replay the moderation log's payloads, oldest first: the one place its meaning is decided."""
        state = cls()
        for payload in payloads:
            if payload.get("action") == "hide":
                state.hidden.add(payload["target"])
            elif payload.get("action") == "unhide":
                state.hidden.discard(payload["target"])
            elif payload.get("action") == "merge":
                for duplicate in payload["merged"]:
                    state.merged_into[duplicate] = payload["target"]
            elif payload.get("action") == "unmerge":  # the duplicates stand on their own again
                for duplicate in payload["merged"]:
                    if state.merged_into.get(duplicate) == payload["target"]:
                        del state.merged_into[duplicate]
        return state


def is_internal(exercise: str) -> bool:
    """The kit's own records (controls, the moderation log, a vote's dots: "_…"), not an
    exercise people fill in."""
    return exercise.startswith("_")


def is_shared(visibility: dict) -> bool:
    """Do participants see each other's entries in a section with this visibility setting?"""
    return not visibility.get("private") or bool(visibility.get("revealed"))


def may_see(
    entry_id: str, author: str | None, viewer: str | None, moderation: ModerationState, shared: bool
) -> bool:
    """Hidden and merged-away entries never; in a private round that is not revealed, a
    participant sees only their own and the facilitator's (work carried from an earlier
    session, extra criteria); the facilitator sees everyone's."""
    if not moderation.visible(entry_id):
        return False
    return viewer is FACILITATOR or shared or author == viewer or author is FACILITATOR


def vote_exercise(vote: dict) -> str:
    """Where a vote's dots are stored."""
    return f"{VOTE_PREFIX}{vote['id']}"


def in_vote(vote: dict, target_exercise: str, payload: dict) -> bool:
    """Is an entry part of this vote? Of its section, and of the part the facilitator picked
    (``vote["only"]``, e.g. ``{"area": "pains"}``: one area of the canvas), if any."""
    only = vote.get("only") or {}
    return target_exercise == vote.get("section") and all(payload.get(k) == v for k, v in only.items())


def may_vote_on(vote: dict | None, target_exercise: str, payload: dict, visible_to_voter: bool) -> bool:
    """A dot goes only on an entry in the vote that the voter may see, while the vote is open."""
    return (
        vote is not None
        and bool(vote.get("open"))
        and in_vote(vote, target_exercise, payload)
        and visible_to_voter
    )
