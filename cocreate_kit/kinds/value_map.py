"""The value map: the customer's jobs, pains and gains beside the offer's products, pain
relievers and gain creators; each reliever or creator names the pains or gains it answers."""

from __future__ import annotations

from typing import cast

from ..content.plan import Plan
from ..models import Entry
from ..validation import InputError
from .base import Kind, Place, Reader, Words
from .blocks import Areas, Block, Figure, Heading, Line, NotDone, notes_by_area

__all__ = ["LINK_TARGET", "PARTS", "ValueMap"]

PARTS = ("jobs", "pains", "gains", "products", "relievers", "creators")  # words: UI texts value_<part>
LINK_TARGET = {"relievers": "pains", "creators": "gains"}  # what each linking part answers


class ValueMap(Kind):
    name = "value-map"
    view = "cocreate_kit.forms.value_map:open_view"
    vote_field = "part"
    pointers = {"links": "addresses"}
    report_order = 40
    carried = {"": ("value-map", "value-map item(s)")}
    carry_order = 10  # tasks point at relievers: the map goes first

    def entry_problem(self, payload: dict, place: Place, plan: Plan) -> InputError | None:
        return self.note_problem(payload, "part", PARTS, limit=300)

    def carry_sequence(self, found: list) -> list:
        """Pains and gains before the relievers and creators that link to them."""
        return [f for f in found if "links" not in f[1].payload] + [
            f for f in found if "links" in f[1].payload
        ]

    def carry_payload(self, entry: Entry, part: str, status: str, new_ids: dict[str, str]) -> dict | None:
        payload = dict(entry.payload)
        if "links" in payload:
            payload["links"] = [new_ids[i] for i in payload["links"] if i in new_ids]
        return payload

    def pain_of(self, entry: Entry, place: Place) -> str | None:
        return entry.payload.get("text", "") if entry.payload.get("part") == "pains" else None

    def about(self, entry: Entry, place: Place, words: Words) -> str:
        part = str(entry.payload.get("part"))
        return words.ui.get(f"value_{part}", part)

    def vote_parts(self, place: Place, words: Words) -> list[tuple[str, dict]]:
        return [(words.ui[f"value_{part}"], {"part": part}) for part in PARTS]

    def overview(self, place: Place, read: Reader, words: Words) -> list[Block]:
        entries = read.visible(place.ref)
        return [
            Areas(
                [
                    (
                        words.ui[f"value_{part}"],
                        [e.payload["text"] for e in entries if e.payload.get("part") == part],
                    )
                    for part in PARTS
                ]
            )
        ]

    def report(self, places: list[Place], read: Reader, words: Words) -> list[Block]:
        """The canvas (pains and gains numbered, each reliever and creator naming what it answers),
        every item as text, and the pains and gains nothing answers."""
        ui = words.ui
        blocks: list[Block] = []
        labels = {part: ui[f"value_{part}"] for part in PARTS}
        for place in places:
            entries = read.visible(place.ref)
            if not entries:
                blocks.append(NotDone(place.title))
                continue
            items = canvas_items(entries)
            blocks += [
                Heading(place.title),
                Figure("value_canvas", (labels, items), place.title),
                notes_by_area(list(labels.items()), items),
            ]
            for source, target in LINK_TARGET.items():
                linked = {
                    t
                    for e in entries
                    if e.payload.get("part") == source
                    for t in e.payload.get("links") or []
                }
                # Texts as the form stores them: one imported without text fails the join, as always
                # (cast: a Line takes text, so None cannot be typed).
                gaps = [
                    cast(str, e.payload.get("text"))
                    for e in entries
                    if e.payload.get("part") == target and e.entry_id not in linked
                ]
                blocks.append(
                    Line(", ".join(gaps) or ui["value_none"], lead=ui[f"value_unaddressed_{target}"])
                )
        return blocks


def canvas_items(entries: list[Entry]) -> dict[str, list[str]]:
    """Canvas texts: pains P1.., gains G1..; each reliever and creator says which it addresses."""
    of = {part: [e for e in entries if e.payload.get("part") == part] for part in PARTS}
    numbers: dict[str, str] = {}  # a pain's or gain's entry id -> P1, G1..
    items: dict[str, list[str]] = {part: [] for part in PARTS}
    for part, prefix in (("pains", "P"), ("gains", "G")):
        for n, entry in enumerate(of[part], start=1):
            numbers[entry.entry_id] = f"{prefix}{n}"
            items[part].append(f"{prefix}{n} {entry.payload.get('text')}")
    # Texts as the form stores them: one imported without text stays None, as always (cast:
    # Notes and the renderers take text, so None cannot be typed).
    for part in ("jobs", "products"):
        items[part] = [cast(str, e.payload.get("text")) for e in of[part]]
    for part in LINK_TARGET:
        for entry in of[part]:
            targets = [numbers[t] for t in entry.payload.get("links") or [] if t in numbers]
            text = cast(str, entry.payload.get("text"))
            items[part].append(f"{text} → {', '.join(targets)}" if targets else text)
    return items
