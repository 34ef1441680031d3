"""The programme view for the hub's facilitator: the roll-up across every collaboration, and
each collaboration's own report, in one Voila page. It opens only with the programme's key (or a
JupyterHub login); the sections are those of the programme report (``report.programme_report``),
so the page and the report never disagree.

A facilitator page, not a participant's: it may import pandas and matplotlib.
"""

from __future__ import annotations

import logging

import ipywidgets as widgets

from ..content.plan import available_languages, load_ui
from ..server.hub_login import hub_user
from ..store import Store
from ..store.programmes import check_programme_key
from .lifeline import exit_with_server
from .request import query_params
from .style import message_widget, page_style

__all__ = ["ProgrammeView", "programme_page"]

log = logging.getLogger(__name__)

ROLL_UP = ""  # the chooser's value for the whole programme

# The report's tables and pictures, as they look in the report, inside the page.
PROGRAMME_CSS = """
<style>
.cck-programme table.cck-table { border-collapse: collapse; margin: 0.5em 0 1em; font-size: 0.9em; }
.cck-programme table.cck-table th, .cck-programme table.cck-table td {
  border: 1px solid #bbb; padding: 3px 8px; text-align: left; vertical-align: top; }
.cck-programme table.cck-table th { background: #eee; }
.cck-programme table.cck-facts th { text-align: left; padding-right: 1em; }
.cck-programme figure { margin: 0.5em 0; }
.cck-programme img { max-width: 100%; height: auto; }
</style>
"""


class ProgrammeView:
    """The roll-up, or one collaboration picked from the chooser; Refresh re-reads the store."""

    def __init__(self, store: Store, programme_id: str, lang: str = "en"):
        from ..report.programme_data import ProgrammeData

        self.store, self.programme_id, self.lang = store, programme_id, lang
        self.ui = load_ui(lang)
        self._data_class = ProgrammeData
        self.chooser = widgets.Dropdown(
            description=self.ui["programme_collaborations"],
            layout=widgets.Layout(width="100%"),
            style={"description_width": "initial"},
        )
        self.refresh_button = widgets.Button(description=self.ui["programme_refresh"], icon="refresh")
        self.body = widgets.HTML()
        self.body.add_class("cck-programme")
        self.refresh_button.on_click(lambda _b: self.refresh())
        self.chooser.observe(lambda _c: self.show(), names="value")
        self.widget = widgets.VBox(
            [
                page_style(self.ui),
                widgets.HTML(PROGRAMME_CSS),
                widgets.HBox([self.chooser, self.refresh_button]),
                self.body,
            ]
        )
        self.refresh()

    def refresh(self) -> None:
        self.data = self._data_class(self.store, self.programme_id, self.lang)
        picked = self.chooser.value
        options = [(self.ui["programme_report"], ROLL_UP)] + [
            (self.data.pair_label(pair), pair.id) for pair in self.data.pairs
        ]
        self.chooser.options = options
        self.chooser.value = picked if picked in {value for _label, value in options} else ROLL_UP
        self.show()

    def show(self) -> None:
        from ..report.programme_report import collaboration_sections, programme_sections

        picked = self.chooser.value
        if picked in (None, ROLL_UP):
            sections = programme_sections(self.data)
        else:
            sections = collaboration_sections(self.data, picked)
        self.body.value = "".join(f"<section>{section}</section>" for section in sections)


def programme_page(store: Store | None = None, params: dict[str, str] | None = None):
    """The programme view for the current request, or a refusal without the programme's key."""
    exit_with_server()
    params = query_params("programme") if params is None else params
    try:
        store = store or Store()
        programme_id, key = params.get("programme", ""), params.get("key", "")
        if not (check_programme_key(store, programme_id, key) or hub_user()):
            return message_widget(load_ui("en")["programme_denied"])
        lang = params.get("lang", "en")
        return ProgrammeView(store, programme_id, lang if lang in available_languages() else "en").widget
    except Exception:
        log.exception("programme page failed")
        return message_widget(load_ui("en")["error_generic"])
