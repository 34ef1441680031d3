"""What every `cocreate` command shares: opening the store, and one-line errors."""

from __future__ import annotations

import click
from sqlalchemy.exc import DBAPIError

from ..content.plan import PlanError
from ..store import Store, StoreError
from ..store.engine import describe_open_error, resolve_url

__all__ = ["_fail_cleanly", "_open_store"]


def _open_store(ctx: click.Context) -> Store:
    try:
        return Store(ctx.obj["db"])
    except StoreError as exc:
        raise click.ClickException(str(exc)) from None


def _fail_cleanly(fn):
    """Turn the kit's own errors into a one-line message instead of a traceback."""

    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except (StoreError, PlanError) as exc:
            raise click.ClickException(str(exc)) from None
        except DBAPIError as exc:  # e.g. a read-only database refuses the first write
            url = click.get_current_context().find_root().obj.get("db") or resolve_url(None)
            raise click.ClickException(describe_open_error(url, exc)) from None
        except OSError as exc:  # a missing folder, a folder where a file goes, a full disk
            where = exc.filename if exc.filename is not None else "a file"
            raise click.ClickException(f"Cannot write or read {where}: {exc.strerror or exc}") from None

    wrapper.__name__ = fn.__name__
    wrapper.__doc__ = fn.__doc__
    return wrapper
