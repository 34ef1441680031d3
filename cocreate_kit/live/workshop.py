"""The live state of one workshop, as one page sees it: kept in memory, grown by one question to
the store per tick ("what changed since my cursor"), and the one place where visibility is
applied (moderation, private rounds, votes open or closed; the rule itself is in
:mod:`cocreate_kit.visibility`, which the store also applies to every dot).

No widgets and no SQL: the participant page, the board, its overview and moderation panel, the
ballot and the tally all read what they show from here, so a hidden note or a private round
looks the same everywhere. Reports build one from a snapshot and read the same rule.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from ..models import Entry, Participant
from ..store import CONTROL_EXERCISE, Store
from ..store.control import (
    MODERATION_EXERCISE,
    SESSION_KEY,
    is_ended,
    is_locked,
    lock_key,
    section_of,
    section_visibility,
    visibility_key,
)
from ..visibility import (
    FACILITATOR,
    ModerationState,
    in_vote,
    is_internal,
    is_shared,
    may_see,
    may_vote_on,
    vote_exercise,
)

__all__ = ["FACILITATOR", "Changes", "LiveWorkshop", "PlacedNote"]


@dataclass(frozen=True)
class Changes:
    """What one poll brought: which exercises, control settings, moderation and people changed."""

    exercises: frozenset[str] = frozenset()
    settings: frozenset[str] = frozenset()
    moderation: bool = False
    people: bool = False

    def __bool__(self) -> bool:
        return bool(self.exercises or self.settings or self.moderation or self.people)

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            self.exercises | other.exercises,
            self.settings | other.settings,
            self.moderation or other.moderation,
            self.people or other.people,
        )

    def touches(self, section: str, reads=()) -> bool:
        """Could what a view of ``section`` shows have changed? ``reads``: other exercises the view
        shows entries of (``Plan.reads``)."""
        shown = {section, *(section_of(ref) for ref in reads)}
        return (
            self.moderation
            or self.people
            or any(section_of(ref) in shown for ref in self.exercises)
            or any(key.endswith(f":{section}") for key in self.settings)
        )


@dataclass(frozen=True)
class PlacedNote:
    text: str
    author: str | None  # None: written by a participant who stays anonymous
    seq: int
    group: int = 1  # how many duplicates were merged into this note (itself included)


class LiveWorkshop:
    """Current entries, control settings, moderation and people of one workshop, for one viewer
    (a participant's id, or ``FACILITATOR``)."""

    def __init__(self, store: Store, workshop_id: str, viewer: str | None = FACILITATOR):
        self.store, self.workshop_id, self.viewer = store, workshop_id, viewer
        self.settings: dict[str, dict] = {}  # control key -> latest payload
        self.moderation = ModerationState()
        self.people: dict[str, Participant] = {}
        self._by_exercise: dict[str, dict[str, Entry]] = {}  # insertion order = first written
        self._revision: dict[str, int] = {}  # newest revision applied, tombstones included
        self._unseen = Changes()  # what polls brought since the page last redrew
        self.own_deletes: list[Entry] = []  # the viewer's deletes seen by polls, newest last (Undo)
        self.cursor, entries = store.snapshot(workshop_id)
        for entry in entries:
            self._apply(entry)
        self._moderation_changed()
        self.refresh_people()

    # -- keeping up -----------------------------------------------------------------------

    def take_changes(self) -> Changes:
        """Everything the polls since the last call brought, including polls a click made on the
        way (so the page's next redraw still sees what the click's poll applied)."""
        changes, self._unseen = self._unseen, Changes()
        return changes

    def poll(self) -> Changes:
        """One indexed query for what was written since the cursor; applies it and says what changed
        (also kept for :meth:`take_changes`)."""
        exercises, settings, moderation = set(), set(), False
        for entry in self.store.changes_since(self.workshop_id, self.cursor):
            self.cursor = max(self.cursor, entry.seq)
            if not self._apply(entry):
                continue
            if entry.exercise == CONTROL_EXERCISE:
                settings.add(entry.payload.get("key", ""))
            elif entry.exercise == MODERATION_EXERCISE:
                moderation = True
            else:
                exercises.add(entry.exercise)
        if moderation:
            self._moderation_changed()
        people = any(pid not in self.people for pid in self._authors(exercises)) and self.refresh_people()
        changes = Changes(frozenset(exercises), frozenset(settings), moderation, bool(people))
        self._unseen = self._unseen | changes
        return changes

    def refresh_people(self) -> bool:
        """Re-read who has joined (a join is not a revision); True when someone new came."""
        people = {person.id: person for person in self.store.participants(self.workshop_id)}
        changed = people.keys() != self.people.keys()
        self.people = people
        if changed:
            self._unseen = self._unseen | Changes(people=True)
        return changed

    def _apply(self, entry: Entry) -> bool:
        if self._revision.get(entry.entry_id, 0) >= entry.revision:
            return False  # already seen (the snapshot and the first poll may overlap)
        self._revision[entry.entry_id] = entry.revision
        entries = self._by_exercise.setdefault(entry.exercise, {})
        if entry.deleted:
            entries.pop(entry.entry_id, None)
            if entry.participant_id is not None and entry.participant_id == self.viewer:
                if not is_internal(entry.exercise):  # not a dot taken back
                    self.own_deletes = [*self.own_deletes[-9:], entry]
        else:
            entries[entry.entry_id] = entry
        if entry.exercise == CONTROL_EXERCISE and not entry.deleted:
            self.settings[entry.payload.get("key", "")] = entry.payload
        return True

    def _moderation_changed(self) -> None:
        self.moderation = ModerationState.from_log(
            action.payload for action in self._by_exercise.get(MODERATION_EXERCISE, {}).values()
        )

    def _authors(self, exercises) -> set[str]:
        return {
            e.participant_id
            for ref in exercises
            for e in self._by_exercise.get(ref, {}).values()
            if e.participant_id is not None
        }

    # -- control settings -----------------------------------------------------------------

    def focus(self) -> dict | None:
        """``{"section", "at"}``: where the facilitator last brought everyone."""
        return self.settings.get("focus")

    def timer(self) -> dict | None:
        timer = self.settings.get("timer")
        return timer if timer and timer.get("section") else None

    def timer_of(self, section: str) -> dict | None:
        timer = self.timer()
        return timer if timer and timer["section"] == section else None

    def ended(self) -> bool:
        """Has the facilitator ended the session (every page read-only, a thank-you shown)?"""
        return is_ended(self.settings.get(SESSION_KEY))

    def locked(self, section: str, now: datetime | None = None) -> bool:
        return is_locked(self.settings.get(lock_key(section)), self.timer_of(section), now)

    def visibility(self, section: str) -> dict:
        """``{"private": bool, "revealed": bool}`` of a section."""
        return section_visibility(self.settings.get(visibility_key(section)))

    def shared(self, section: str) -> bool:
        """Do participants see each other's entries in this section now?"""
        return is_shared(self.visibility(section))

    def vote(self) -> dict | None:
        """The current (or last) dot vote: ``{"id", "section", "dots", "open"}``."""
        return self.settings.get("vote")

    # -- entries, as this viewer may see them ---------------------------------------------

    def visible(self, exercise: str) -> list[Entry]:
        """Entries of ``exercise`` this viewer may see (``visibility.may_see``), first written first."""
        shared = self.shared(section_of(exercise))
        return [
            e
            for e in self.all_entries(exercise)
            if may_see(e.entry_id, e.participant_id, self.viewer, self.moderation, shared)
        ]

    def exercise_refs(self) -> list[str]:
        """Every exercise (control logs and votes' dots included) that holds a current entry."""
        return [ref for ref, entries in self._by_exercise.items() if entries]

    def entry(self, entry_id: str) -> Entry | None:
        """One current entry by id, whatever its exercise (a check-in's task, say), or None."""
        for entries in self._by_exercise.values():
            if entry_id in entries:
                return entries[entry_id]
        return None

    def own_entries(self) -> list[Entry]:
        """The viewer's own current entries in every exercise (not their vote's dots), oldest first."""
        return sorted(
            (
                e
                for ref, entries in self._by_exercise.items()
                if not is_internal(ref)
                for e in entries.values()
                if e.participant_id is not None and e.participant_id == self.viewer
            ),
            key=lambda e: e.seq,
        )

    def all_entries(self, exercise: str) -> list[Entry]:
        """Every current entry of ``exercise``, hidden ones included (moderation and exports)."""
        return list(self._by_exercise.get(exercise, {}).values())

    def group_size(self, entry_id: str) -> int:
        return self.moderation.group_size(entry_id)

    def name(self, participant_id: str | None) -> str | None:
        """A participant's display name; None for anonymous people (and the facilitator)."""
        person = self.people.get(participant_id) if participant_id is not None else None
        return person.display_name if person else None

    # -- votes ----------------------------------------------------------------------------

    def ballot(self, vote: dict) -> list[Entry]:
        """What this viewer may place dots on: what they can see in the voted section, and only
        while the vote is open."""
        return [e for e in self.visible(vote["section"]) if may_vote_on(vote, e.exercise, e.payload, True)]

    def dots(self, vote: dict, mine: bool = False) -> list[Entry]:
        dots = self.all_entries(vote_exercise(vote))
        return [d for d in dots if d.participant_id == self.viewer] if mine else dots

    def tally(self, vote: dict) -> list[tuple[Entry, int]]:
        """Every entry in the vote (as the facilitator sees them) with its dots, most first; dots on
        entries hidden or merged away since do not count."""
        counts = Counter(d.payload.get("target") for d in self.dots(vote))
        targets = [
            e
            for e in self.all_entries(vote["section"])
            if self.moderation.visible(e.entry_id) and in_vote(vote, e.exercise, e.payload)
        ]
        return sorted(((t, counts.get(t.entry_id, 0)) for t in targets), key=lambda pair: -pair[1])

    # -- the board's sticky notes ---------------------------------------------------------

    def placed(self, exercise: str, key=lambda payload: (payload.get("group", ""), payload.get("area", ""))):
        """Visible notes grouped by ``key(payload)``, merged groups counted on the kept note."""
        grouped: dict[tuple, list[PlacedNote]] = {}
        for entry in self.visible(exercise):
            note = PlacedNote(
                text=str(entry.payload.get("text", "")),
                author=self.name(entry.participant_id),
                seq=entry.seq,
                group=self.group_size(entry.entry_id),
            )
            grouped.setdefault(key(entry.payload), []).append(note)
        return grouped
