"""`cocreate`: a thin shell over the library; each command parses, calls one function, prints."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from ..content.plan import available_languages, available_plans, load_plan
from ..content.resources import sample_workshop
from ..kinds.registry import shipped_entry_problem
from ..live.facilitation import add_criterion
from ..live.followup import start_workshop
from ..live.reuse import run_again
from ..models import SESSIONS
from ..report.export import write_csv, write_csv_per_exercise, write_xlsx
from ..server import voila as server
from ..settings import (
    CONFIG_ENV,
    CocreateSettings,
    SettingsError,
    current_settings,
    environment_name,
    load_settings,
    use_settings,
)
from ..store import Store, StoreError, dumps_export, export_workshop, import_workshop
from ..store.engine import ENV_VAR
from ..store.programmes import collaboration_workshops, list_programmes
from .common import _fail_cleanly, _open_store
from .programme import collab, describe_carry, programme


class LanguageOption(click.Option):
    """An option whose help names the installed languages when the help is shown (a new
    language is files only: nothing here lists them)."""

    def get_help_record(self, ctx):
        record = super().get_help_record(ctx)
        if record is None:
            return None
        names, text = record
        return names, text.format(languages=", ".join(available_languages()))


__all__ = ["main"]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--db",
    default=None,
    metavar="URL",
    help=f"SQLAlchemy URL of the workshop store (default: ${ENV_VAR}, else sqlite:///cocreate.db).",
)
@click.option(
    "--config",
    "config_file",
    default=None,
    type=click.Path(dir_okay=False, path_type=Path),
    help=f"A settings file (.py or .json, c.CocreateSettings.room = 40; default: ${CONFIG_ENV}). "
    "`cocreate settings` lists every setting.",
)
@click.pass_context
def main(ctx: click.Context, db: str | None, config_file: Path | None) -> None:
    """Run live co-creation workshops: create them, serve them, export what people wrote."""
    ctx.ensure_object(dict)
    ctx.obj["config_file"] = config_file
    ctx.obj["command_line"] = {"db": db} if db else {}  # and --plans, once a command reads it
    _use_settings(ctx, {})
    ctx.call_on_close(lambda: use_settings(None))  # a command run in-process leaves none behind
    ctx.obj["db"] = current_settings().db


def _use_settings(ctx: click.Context, command_line: dict) -> CocreateSettings:
    """Read the settings (file, environment, these options) for this run, or stop with the line
    that says which value is wrong."""
    given = {name: value for name, value in command_line.items() if value not in (None, ())}
    try:
        settings = load_settings(ctx.obj["config_file"], {**ctx.obj["command_line"], **given})
    except SettingsError as problem:
        raise click.UsageError(str(problem)) from None
    use_settings(settings)
    return settings


@main.command(name="settings")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object instead of text.")
def settings_(as_json):
    """List every setting: its value, where that came from, how to set it, and what it does."""
    settings = current_settings()
    traits = settings.traits(config=True)
    if as_json:
        click.echo(
            json.dumps(
                {n: {"value": getattr(settings, n), "source": settings.source(n)} for n in settings.names()},
                indent=2,
            )
        )
        return
    for name in settings.names():
        trait = traits[name]
        flag = trait.metadata.get("cli")
        ways = [f"c.CocreateSettings.{name}", f"${environment_name(name)}"] + ([flag] if flag else [])
        click.echo(f"{name} = {getattr(settings, name)!r}  ({settings.source(name)})")
        click.echo(f"    {trait.help}")
        click.echo(f"    set with: {', '.join(ways)}")


def _use_plans(ctx, _param, folder):
    """``--plans DIR``: look for plans, personas and UI words in DIR before the kit's own (the
    ``plans`` setting, from the command line); processes this one starts (the server's page
    kernels, a report notebook's kernel) get it through ``$COCREATE_PLANS``."""
    if folder is not None:
        from ..content.check import check_folder
        from ..content.plan import PLANS_ENV, forget_loaded_content

        problems = check_folder(folder)
        if problems:
            raise click.ClickException(
                f"{folder} has {len(problems)} problem(s); see `cocreate plans check {folder}`:\n"
                + "\n".join(problems[:10])
            )
        os.environ[PLANS_ENV] = str(folder.resolve())
        root = ctx.find_root()
        root.obj["command_line"]["plans"] = str(folder.resolve())
        _use_settings(root, {})
        forget_loaded_content()
    return folder


plans_option = click.option(
    "--plans",
    "plans_folder",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=None,
    expose_value=False,
    is_eager=True,
    callback=_use_plans,
    help="A folder of your own plans, personas or UI words (checked first), used before the kit's.",
)


@main.group()
def plans():
    """The workshop content: list the plans, check a folder of your own."""


@plans.command(name="check")
@click.argument("folder", type=click.Path(path_type=Path))
def plans_check(folder):
    """Check a folder of plan, persona and UI files; print each problem with file and path."""
    from ..content.check import check_folder

    problems = check_folder(folder)
    for problem in problems:
        click.echo(problem)
    if problems:
        raise click.ClickException(f"{len(problems)} problem(s) in {folder}")
    count = len(list(Path(folder).glob("*.yaml")))
    click.echo(f"OK: {count} file(s) in {folder}; use them with `cocreate new --plans {folder}`")


@plans.command(name="list")
@plans_option
def plans_list():
    """List the plans and their languages (with --plans DIR: yours too)."""
    for plan_id, lang in available_plans():
        click.echo(f"{plan_id}  {lang}  {load_plan(plan_id, lang).title}")


@main.command()
@click.argument("title")
@click.option(
    "--plan",
    default=None,
    help="Which action plan the workshop follows [default: business-hubs; with --collab: the "
    "collaboration's last one].",
)
@click.option(
    "--lang",
    default=None,
    cls=LanguageOption,
    help="Language participants see ({languages}) [default: en; with --collab: as before].",
)
@click.option(
    "--collab",
    "collaboration",
    default=None,
    metavar="ID",
    help="Make it a session of this collaboration: it starts with the open tasks, value map and goals "
    "of the earlier ones.",
)
@click.option(
    "--session",
    type=click.Choice(SESSIONS),
    default=None,
    help="With --collab: which session this is [default: check-in once the collaboration has one].",
)
@click.option(
    "--from",
    "source_id",
    default=None,
    metavar="ID",
    help="Run workshop ID again: the same plan, language, added criteria and private rounds, none "
    "of its entries.",
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object instead of text.")
@plans_option
@click.pass_context
@_fail_cleanly
def new(ctx, title, plan, lang, collaboration, session, source_id, as_json):
    """Create a workshop; print its id, join code and facilitator key (shown only now)."""
    if source_id is not None:
        if plan or lang or collaboration or session:
            raise click.ClickException(
                "--from copies the plan and language; leave out --plan, --lang and --collab."
            )
        again = run_again(_open_store(ctx), source_id, title)
        _print_new(again.created, as_json, {"from": source_id, "copied": again.setup_entries})
        if not as_json:
            click.echo(
                f"Copied from:     {source_id} ({again.setup_entries} setup entries, "
                f"{again.private_rounds} private rounds; no entries)"
            )
        return
    if collaboration is None:
        if session is not None:
            raise click.ClickException("--session needs --collab ID (a session of a collaboration).")
        plan, lang = plan or "business-hubs", lang or "en"
    else:
        store = _open_store(ctx)
        earlier = collaboration_workshops(store, collaboration)
        if earlier:
            plan, lang = plan or earlier[-1].plan, lang or earlier[-1].lang
        plan, lang = plan or "business-hubs", lang or "en"
        session = session or ("check-in" if earlier else "ideation")
    shipped = available_plans()
    if (plan, lang) not in shipped:  # refuse before creating anything, and say what exists
        choices = ", ".join(
            f"{name} ({'/'.join(sorted(lang_ for plan_, lang_ in shipped if plan_ == name))})"
            for name in sorted({plan_ for plan_, _ in shipped})
        )
        raise click.ClickException(f"There is no plan {plan!r} in {lang!r}. Plans: {choices}.")
    load_plan(plan, lang)
    carried = None
    if collaboration is None:
        created = _open_store(ctx).create_workshop(title, plan=plan, lang=lang)
    else:
        created, carried = start_workshop(store, collaboration, title, session, plan, lang)
    extra = {}
    if carried is not None:
        extra = dict(collaboration=collaboration, session=session, carried=carried.carried, left=carried.left)
    _print_new(created, as_json, extra)
    if carried is not None and not as_json:
        click.echo(f"Session:         {session} of collaboration {collaboration}")
        click.echo(f"Carried forward: {describe_carry(carried)}")


def _print_new(created, as_json: bool, extra: dict) -> None:
    """What `new` prints: the workshop, its join code and its key (shown only now)."""
    if as_json:
        found = {
            "workshop": created.workshop.id,
            "title": created.workshop.title,
            "plan": created.workshop.plan,
            "lang": created.workshop.lang,
            "join_code": created.join_code,
            "facilitator_key": created.facilitator_key,
            **extra,
        }
        click.echo(json.dumps(found))
        return
    click.echo(f"Workshop:        {created.workshop.id}  ({created.workshop.title})")
    click.echo(f"Join code:       {created.join_code}")
    click.echo(f"Facilitator key: {created.facilitator_key}   (keep it secret; it is not shown again)")


@main.command(name="list")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array instead of a table.")
@click.pass_context
@_fail_cleanly
def list_(ctx, as_json):
    """List the workshops in the store."""
    store = _open_store(ctx)
    workshops = store.list_workshops()
    ended = {w.id for w in workshops if store.ended(w.id)}
    if as_json:
        click.echo(
            json.dumps(
                [
                    {
                        "workshop": w.id,
                        "title": w.title,
                        "plan": w.plan,
                        "lang": w.lang,
                        "join_code": w.join_code,
                        "created_at": w.created_at,
                        "collaboration": w.collaboration_id,
                        "session": w.session,
                        "ended": w.id in ended,
                    }
                    for w in workshops
                ]
            )
        )
        return
    if not workshops:
        click.echo('No workshops yet. Create one with: cocreate new "Title"')
    for w in workshops:
        state = "ended" if w.id in ended else "open "
        click.echo(f"{w.id}  {w.join_code}  {state}  {w.plan}/{w.lang}  {w.created_at[:16]}  {w.title}")


@main.command()
@click.argument("workshop")
@click.option(
    "--format", "fmt", type=click.Choice(["json", "csv", "xlsx"]), default="json", show_default=True
)
@click.option(
    "--out", type=click.Path(path_type=Path), required=True, help="File (or folder, for CSV per exercise)."
)
@click.option(
    "--delimiter",
    type=click.Choice([",", ";", "tab"]),
    default=",",
    show_default=True,
    help="Between CSV cells: ';' for spreadsheet programs set to Dutch or Belgian (comma decimals).",
)
@click.option(
    "--internal",
    is_flag=True,
    help="CSV/XLSX: also the facilitator's records (settings, moderation log, vote dots).",
)
@plans_option
@click.pass_context
@_fail_cleanly
def export(ctx, workshop, fmt, out, delimiter, internal):
    """Export a workshop: JSON (lossless, with history), CSV or XLSX (tidy tables).

    XLSX has one sheet per exercise. CSV writes one combined table to a file, or one table per
    exercise when --out is a folder (an existing one, or a name without a suffix).
    """
    store = _open_store(ctx)
    delimiter = "\t" if delimiter == "tab" else delimiter
    if fmt == "json":
        out.write_text(dumps_export(export_workshop(store, workshop)), encoding="utf-8")
        written = [out]
    elif fmt == "csv" and (out.is_dir() or not out.suffix):
        written = write_csv_per_exercise(store, workshop, out, delimiter, internal)
    elif fmt == "csv":
        written = write_csv(store, workshop, out, delimiter, internal)
    else:
        written = write_xlsx(store, workshop, out, internal)
    for path in written:
        click.echo(f"Wrote {path}")


@main.command(name="import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.pass_context
@_fail_cleanly
def import_(ctx, file):
    """Load a workshop from a JSON export into the store."""
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise click.ClickException(f"{file} is not a JSON export: {exc}") from None
    except RecursionError:
        raise click.ClickException(f"{file} is not a JSON export: it is nested too deeply.") from None
    notes: list[str] = []
    workshop = import_workshop(
        _open_store(ctx),
        data,
        known_plans=set(available_plans()),
        notes=notes,
        entry_problem=shipped_entry_problem,  # the forms' rules, entry by entry
    )
    click.echo(f"Imported workshop {workshop.id} ({workshop.title})")
    for note in notes:
        click.echo(note)


@main.command(name="add-criterion")
@click.argument("workshop")
@click.argument("label")
@click.option(
    "--exercise",
    default="preparation/partner-scorecard",
    show_default=True,
    help="The scorecard exercise (stage/exercise) that gets the criterion.",
)
@click.pass_context
@_fail_cleanly
def add_criterion_(ctx, workshop, label, exercise):
    """Add a criterion to every participant's partner scorecard in a workshop."""
    add_criterion(_open_store(ctx), workshop, exercise, label)
    click.echo(f"Added criterion {label!r} to {exercise}")


@main.command()
@click.argument("workshops", nargs=-1)
@click.option("--all", "every", is_flag=True, help="Report on every workshop in the store.")
@click.option(
    "--format",
    "formats",
    default="html,pdf",
    show_default=True,
    help="Comma-separated: html, pdf, ipynb (the filled report notebook, re-runnable in Jupyter).",
)
@click.option(
    "--out", type=click.Path(file_okay=False, path_type=Path), default=Path("reports"), show_default=True
)
@click.option("--lang", default=None, help="Report language (default: each workshop's own).")
@click.option(
    "--programme",
    "programme_id",
    default=None,
    metavar="ID",
    help="Report on a whole programme: its roll-up, one report per collaboration, and one XLSX.",
)
@plans_option
@click.pass_context
@_fail_cleanly
def report(ctx, workshops, every, formats, out, lang, programme_id):
    """Write the post-session report of one or more workshops as self-contained HTML and/or PDF."""
    from ..report.build import render_html, write_notebook
    from ..report.pdf import html_to_pdf

    wanted = {f.strip() for f in formats.split(",") if f.strip()}
    if not wanted or wanted - {"html", "pdf", "ipynb"}:
        raise click.BadParameter("use html, pdf, ipynb or a comma-separated mix", param_hint="--format")
    store = _open_store(ctx)
    if programme_id is not None:
        if workshops or every:
            raise click.UsageError("Use --programme on its own, without workshop ids or --all.")
        _programme_report(store, programme_id, wanted - {"ipynb"} or {"html"}, out, lang)
        return
    ids = [w.id for w in store.list_workshops()] if every else list(workshops)
    if not ids:
        raise click.UsageError("Name a workshop, or use --all.")
    for workshop_id in ids:
        store.get_workshop(workshop_id)  # fail on a typo before any work
    with click.progressbar(ids, label="Reports", file=sys.stderr, hidden=len(ids) < 2) as bar:
        for workshop_id in bar:
            written = []
            if wanted & {"html", "pdf"}:
                html_file = render_html(workshop_id, out, store.url, lang)
                written = [html_file] if "html" in wanted else []
                if "pdf" in wanted:
                    written.append(html_to_pdf(html_file, html_file.with_suffix(".pdf")))
                if "html" not in wanted:
                    html_file.unlink()
            if "ipynb" in wanted:
                written.append(write_notebook(workshop_id, out, store.url, lang))
            for path in written:
                click.echo(f"Wrote {path}")


def _networks(_ctx, param, values):
    import ipaddress

    for value in values:
        try:
            ipaddress.ip_network(value, strict=False)
        except ValueError:
            raise click.BadParameter(f"{value!r} is not an address or network", param=param) from None
    return tuple(values)


ROOM_SETTINGS = [
    name for name, trait in CocreateSettings.class_traits(config=True).items() if trait.metadata.get("cli")
]


def _room_options(command):
    """The options `serve` and `demo` share, made from the settings tagged ``cli`` (where to
    listen, how big the room is, how to reach it): their help is the setting's own, and one
    not given leaves the config file's or the environment's value."""
    traits = CocreateSettings.class_traits(config=True)
    options = []
    for name in sorted(ROOM_SETTINGS, key=lambda n: list(traits).index(n)):
        trait = traits[name]
        many = isinstance(trait.default(), list)
        shown = "none" if many or trait.default() is None else trait.default()
        options.append(
            click.option(
                trait.metadata["cli"],
                name,
                default=None,
                multiple=many,
                callback=_networks if name == "trusted_proxies" else None,
                metavar=trait.metadata.get("metavar") or ("N" if isinstance(trait.default(), int) else None),
                help=f"{trait.help} [default: {shown}]",
            )
        )
    options.append(
        click.option(
            "--verbose",
            is_flag=True,
            help="Print every setting and where it came from, and show Voila's own log "
            "(every page view, kernel starts).",
        )
    )
    for option in reversed(options):
        command = option(command)
    return command


def _programme_report(store, programme_id, formats, out, lang):
    from ..report.programme_data import ProgrammeData
    from ..report.programme_report import write_programme_reports
    from ..store.programmes import collaborations

    pairs = collaborations(store, programme_id)  # a clear error for an unknown id, before any work
    data = ProgrammeData(store, programme_id, lang or "en")
    steps = len(pairs) + 2  # the roll-up, each collaboration, the workbook
    with click.progressbar(length=steps, label="Programme reports", file=sys.stderr) as bar:
        written = write_programme_reports(
            data, out, set(formats) | {"xlsx"}, progress=lambda _s: bar.update(1)
        )
    for path in written[:3]:
        click.echo(f"Wrote {path}")
    if len(written) > 3:
        click.echo(f"... and {len(written) - 3} more in {out}")


@main.command()
@_room_options
@click.option("--workshop", "workshop_id", default=None, help="Print links for this workshop only.")
@click.option(
    "--new-key", is_flag=True, help="Issue a fresh facilitator key so the Facilitator link is complete."
)
@plans_option
@click.pass_context
@_fail_cleanly
def serve(ctx, workshop_id, new_key, verbose, **room_options):
    """Start the live server (participant pages and facilitator board) and print the links."""
    settings = _use_settings(ctx, room_options)
    store = _open_store(ctx)
    workshops = [store.get_workshop(workshop_id)] if workshop_id else store.list_workshops()
    keys = {w.id: store.reset_facilitator_key(w.id) for w in workshops} if new_key else {}
    programmes = [] if workshop_id else list_programmes(store)
    raise SystemExit(
        server.serve(
            store.url,
            workshops=workshops,
            keys=keys,
            programmes=programmes,
            settings=settings,
            verbose=verbose,
        )
    )


@main.command()
@_room_options
@click.option(
    "--db-file",
    default="demo.db",
    show_default=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="SQLite file for the demo; it is replaced on every run.",
)
@click.pass_context
def demo(ctx, db_file, verbose, **room_options):
    """Load the sample workshop into a fresh SQLite file and serve it."""
    settings = _use_settings(ctx, room_options)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db_file}{suffix}").unlink(missing_ok=True)
    try:
        store = Store(f"sqlite:///{db_file.resolve()}")
        workshop = import_workshop(store, json.loads(sample_workshop().read_text(encoding="utf-8")))
        keys = {workshop.id: store.reset_facilitator_key(workshop.id)}
    except StoreError as exc:
        raise click.ClickException(str(exc)) from None
    raise SystemExit(
        server.serve(store.url, workshops=[workshop], keys=keys, settings=settings, verbose=verbose)
    )


main.add_command(programme)
main.add_command(collab)

if __name__ == "__main__":
    main()
