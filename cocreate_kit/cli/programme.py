"""`cocreate programme ...` and `cocreate collab ...`: the hub's programme and its collaborations."""

from __future__ import annotations

import json

import click

from ..kinds import carry_words
from ..live.followup import CarryReport
from ..store.programmes import (
    add_collaboration,
    collaboration_workshops,
    collaborations,
    create_programme,
    list_programmes,
    reset_programme_key,
)
from .common import _fail_cleanly, _open_store

__all__ = ["collab", "describe_carry", "programme"]

_json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")


def describe_carry(report: CarryReport) -> str:
    """One line: what a new session of a collaboration started with, and what had no place."""
    words = carry_words()
    said = (
        ", ".join(f"{count} {words.get(kind, kind)}" for kind, count in report.carried.items()) or "nothing"
    )
    if report.left:
        said += "; left in earlier sessions (the new plan has no such exercise): " + ", ".join(
            f"{count} {words.get(kind, kind)}" for kind, count in report.left.items()
        )
    return said


@click.group()
def programme():
    """A hub's programme (cohort) of shop–digital collaborations."""


@programme.command(name="new")
@click.argument("title")
@_json_option
@click.pass_context
@_fail_cleanly
def programme_new(ctx, title, as_json):
    """Create a programme; print its id and facilitator key (shown only now)."""
    created = create_programme(_open_store(ctx), title)
    if as_json:
        click.echo(
            json.dumps(
                {
                    "programme": created.programme.id,
                    "title": created.programme.title,
                    "facilitator_key": created.facilitator_key,
                }
            )
        )
        return
    click.echo(f"Programme:       {created.programme.id}  ({created.programme.title})")
    click.echo(f"Facilitator key: {created.facilitator_key}   (keep it secret; it is not shown again)")
    click.echo(
        f"Add collaborations with: cocreate collab add {created.programme.id} "
        '--shop "..." --digital "..." --contact "..."'
    )


@programme.command(name="list")
@_json_option
@click.pass_context
@_fail_cleanly
def programme_list(ctx, as_json):
    """List the programmes in the store, with how many collaborations each holds."""
    store = _open_store(ctx)
    rows = [(p, len(collaborations(store, p.id))) for p in list_programmes(store)]
    if as_json:
        click.echo(
            json.dumps(
                [
                    {"programme": p.id, "title": p.title, "created_at": p.created_at, "collaborations": n}
                    for p, n in rows
                ]
            )
        )
        return
    if not rows:
        click.echo('No programmes yet. Create one with: cocreate programme new "Title"')
    for p, n in rows:
        click.echo(f"{p.id}  {p.created_at[:10]}  {n:>3} collaboration(s)  {p.title}")


@programme.command(name="new-key")
@click.argument("programme_id", metavar="PROGRAMME")
@click.pass_context
@_fail_cleanly
def programme_new_key(ctx, programme_id):
    """Replace a programme's key (the old one stops working); print the new one."""
    key = reset_programme_key(_open_store(ctx), programme_id)
    click.echo(f"Facilitator key: {key}   (keep it secret; the old key no longer opens the programme)")


@click.group()
def collab():
    """Collaborations: one small shop with one small digital firm, followed over months."""


@collab.command(name="add")
@click.argument("programme_id", metavar="PROGRAMME")
@click.option("--shop", required=True, help="The small shop's name.")
@click.option("--digital", "digital_firm", required=True, help="The small digital firm's name.")
@click.option("--contact", required=True, help="The collaboration's point of contact (name or e-mail).")
@_json_option
@click.pass_context
@_fail_cleanly
def collab_add(ctx, programme_id, shop, digital_firm, contact, as_json):
    """Add a collaboration to a programme; print its id."""
    made = add_collaboration(_open_store(ctx), programme_id, shop, digital_firm, contact)
    if as_json:
        click.echo(json.dumps(_collab_json(made, [])))
        return
    click.echo(f"Collaboration:   {made.id}  ({made.shop} with {made.digital_firm}; contact {made.contact})")
    click.echo(f'Start its first workshop with: cocreate new "Title" --collab {made.id} --session ideation')


@collab.command(name="list")
@click.argument("programme_id", metavar="[PROGRAMME]", required=False)
@_json_option
@click.pass_context
@_fail_cleanly
def collab_list(ctx, programme_id, as_json):
    """List collaborations (of one programme, or all) with their workshops."""
    store = _open_store(ctx)
    found = [(c, collaboration_workshops(store, c.id)) for c in collaborations(store, programme_id)]
    if as_json:
        click.echo(json.dumps([_collab_json(c, ws) for c, ws in found]))
        return
    if not found:
        click.echo(
            "No collaborations yet. Add one with: cocreate collab add PROGRAMME --shop ... --digital ..."
        )
    for c, ws in found:
        last = f"last: {ws[-1].session} {ws[-1].created_at[:10]}" if ws else "no workshop yet"
        click.echo(
            f"{c.id}  {c.shop} with {c.digital_firm}  (contact {c.contact})  {len(ws)} workshop(s), {last}"
        )


def _collab_json(c, workshops) -> dict:
    return {
        "collaboration": c.id,
        "programme": c.programme_id,
        "shop": c.shop,
        "digital_firm": c.digital_firm,
        "contact": c.contact,
        "created_at": c.created_at,
        "workshops": [
            {
                "workshop": w.id,
                "title": w.title,
                "session": w.session,
                "join_code": w.join_code,
                "created_at": w.created_at,
            }
            for w in workshops
        ],
    }
