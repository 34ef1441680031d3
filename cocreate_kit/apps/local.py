"""Run one exercise on a single laptop, in JupyterLab, without a server.

``local_exercise("preparation/task-plan")`` opens the notebook's own workshop in the local store
(``cocreate.db`` or ``$COCREATE_DB``), as one participant, and returns the form, whose
``.widget`` the notebook displays. Everything typed is stored like any participant's entries.

Running the notebook again continues the same workshop (found by its title, which names the
exercise and plan) instead of starting a new one each time; it says which workshop it is, so
``cocreate report ID`` or ``cocreate export ID`` can find it. ``workshop="ID"`` picks another,
``workshop="new"`` starts afresh.
"""

from __future__ import annotations

from ..content.plan import load_plan, load_ui
from ..models import NOTEBOOK_MARK, Workshop
from ..store import Store
from ..store.engine import absolute_db_url
from .sections import section_labels, sections_for

__all__ = ["local_exercise"]

NEW = "new"


def local_exercise(
    section: str,
    plan: str = "business-hubs",
    lang: str = "en",
    store: Store | None = None,
    name: str = "Facilitator",
    workshop: str | None = None,
):
    store = store or Store()
    content = load_plan(plan, lang)
    ui = load_ui(lang)
    label = dict(section_labels(content, ui)).get(section, section)  # "2. Preparation: Task plan"
    title = f"{label} · {content.title} (on this laptop)"
    earlier = f"{section} · {content.title} (on this laptop)"  # how kits before 0.2 named it
    chosen = _notebook_workshop(store, (title, earlier), plan, lang, workshop)
    if (chosen.plan, chosen.lang) != (plan, lang):  # an older workshop picked by id
        content = load_plan(chosen.plan, chosen.lang)
    participant = next((p for p in store.participants(chosen.id) if p.display_name == name), None)
    if participant is None:
        participant, _token = store.join(chosen.id, chosen.join_code, name)
    found = {s.key: s for s in sections_for(store, participant, content, load_ui(chosen.lang))}
    if section not in found:
        raise KeyError(f"{section!r} is not a section of {chosen.plan}; choose one of: {', '.join(found)}")
    _say_which(chosen, store)
    return found[section].build()


def _say_which(workshop: Workshop, store: Store) -> None:
    """Show the workshop's id, and record it (and the store, never a password) in the output's
    metadata, which the saved notebook keeps: ``jupyter nbconvert --to cocreate-report`` reads it."""
    from IPython import get_ipython
    from IPython.display import display
    from sqlalchemy.engine import make_url

    line = (
        f"Workshop {workshop.id}: {workshop.title}. Run again to continue it; workshop='new' starts afresh."
    )
    if getattr(get_ipython(), "kernel", None) is None:  # a script or terminal: no notebook to mark
        print(line)
        return
    where = make_url(absolute_db_url(store.url)).render_as_string(hide_password=True)
    display(
        {"text/plain": line}, raw=True, metadata={NOTEBOOK_MARK: {"workshop": workshop.id, "store": where}}
    )


def _notebook_workshop(
    store: Store, titles: tuple[str, str], plan: str, lang: str, wanted: str | None
) -> Workshop:
    """The workshop asked for by id, else the newest with this notebook's title (or the title
    an older kit gave it), else a new one under the first title."""
    if wanted and wanted != NEW:
        return store.get_workshop(wanted)
    if wanted is None:
        mine = [w for w in store.list_workshops() if w.title in titles and (w.plan, w.lang) == (plan, lang)]
        if mine:
            return mine[-1]  # the newest, if "new" was asked before
    return store.create_workshop(titles[0], plan=plan, lang=lang).workshop
