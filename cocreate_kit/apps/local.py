"""Run one exercise on a single laptop, in JupyterLab, without a server.

``local_exercise("preparation/task-plan")`` creates a small workshop in the local store
(``cocreate.db`` or ``$COCREATE_DB``), joins it as one participant and returns the form, whose
``.widget`` the notebook displays. Everything typed is stored like any participant's entries.
"""

from __future__ import annotations

from ..plan import load_plan, load_ui
from ..store import Store
from .sections import sections_for

__all__ = ["local_exercise"]


def local_exercise(
    section: str,
    plan: str = "business-hubs",
    lang: str = "en",
    store: Store | None = None,
    name: str = "Facilitator",
):
    store = store or Store()
    content = load_plan(plan, lang)
    created = store.create_workshop(f"{content.title} (on this laptop)", plan=plan, lang=lang)
    participant, _token = store.join(created.workshop.id, created.join_code, name)
    found = {s.key: s for s in sections_for(store, participant, content, load_ui(lang))}
    if section not in found:
        raise KeyError(f"{section!r} is not a section of {plan}; choose one of: {', '.join(found)}")
    return found[section].build()
