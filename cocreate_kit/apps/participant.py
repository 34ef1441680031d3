"""The participant page: join with a code, come back through a personal link, fill exercises.

Stays light on purpose: no pandas, no matplotlib (a phone on café Wi-Fi waits for every import).
"""

from __future__ import annotations

import html
import logging
from urllib.parse import urlencode

import ipywidgets as widgets

from ..content.plan import Plan, load_plan, load_ui
from ..forms.closing import close_trees_later
from ..forms.status import StatusLine
from ..live.describe import describe
from ..models import Participant, Workshop
from ..server.join_throttle import AddressThrottle, JoinThrottle
from ..store import AccessDeniedError, EndedError, Store, StoreError, UnknownWorkshopError
from ..store.control import section_of
from ..validation import InputError, clean_text
from .deleted import DeletedNotes
from .follow import Follower
from .learn_more import learn_more_html
from .lifeline import exit_with_server
from .memory import release_free_memory
from .oplog import operator_log
from .request import query_params
from .sections import Form, sections_for
from .style import message_widget, page_style, style_html

__all__ = ["ParticipantApp", "participant_page", "personal_link"]

log = logging.getLogger(__name__)


def personal_link(workshop_id: str, token: str) -> str:
    """The participant's own address, relative to the participant page."""
    return "?" + urlencode({"workshop": workshop_id, "token": token})


class ParticipantApp:
    """Decides from the page address what to show: the join form, the workspace, or a message."""

    def __init__(self, store: Store, params: dict[str, str], follow_live: bool = False):
        self.store = store
        self.follow_live = follow_live  # the served page follows the facilitator from a thread
        self.follower: Follower | None = None
        self.ui = load_ui("en")
        self.workshop: Workshop | None = None
        self.plan: Plan | None = None  # the workshop's plan, once the workspace is shown
        self.participant: Participant | None = None
        self.token: str | None = None
        self.throttle = JoinThrottle()
        self.address_throttle = AddressThrottle.for_this_page()
        self.form: Form | None = None  # the form on screen
        self._shown_key: str | None = None  # the section on screen (the menu is put back on it)
        self.style = page_style()
        self.widget = widgets.VBox([self.style], layout=widgets.Layout(width="100%", max_width="1100px"))
        self.widget.add_class("cck-page")
        self._route(params)
        self.style.value = style_html(self.ui)  # in the workshop's language, now that it is known

    # -- routing --------------------------------------------------------------------------

    def _route(self, params: dict[str, str]) -> None:
        workshop_id = params.get("workshop")
        try:
            if workshop_id:
                self.workshop = self.store.get_workshop(workshop_id)
                self.ui = load_ui(self.workshop.lang)
            if params.get("token"):
                if self.workshop is None:
                    raise AccessDeniedError("token without workshop")
                self.participant = self.store.participant_by_token(self.workshop.id, params["token"])
                self.token = params["token"]
                self._show_workspace(new=False)
            else:
                self._show_join(params.get("code", ""))
        except UnknownWorkshopError:
            self._show_message(self.ui["error_unknown_workshop"])
        except AccessDeniedError:
            self._show_message(self.ui["error_bad_link"])

    # -- join -----------------------------------------------------------------------------

    def _show_join(self, code: str) -> None:
        ui = self.ui
        self.code_input = widgets.Text(
            value=code[:16], description=ui["join_code_label"], continuous_update=False
        )
        self.name_input = widgets.Text(
            placeholder=ui["name_placeholder"], description=ui["name_label"], continuous_update=False
        )
        self.anonymous = widgets.Checkbox(value=False, description=ui["anonymous_label"], indent=False)
        self.join_button = widgets.Button(description=ui["join_button"], button_style="primary")
        self.join_status = StatusLine(ui)
        self.join_button.on_click(lambda _b: self.join())
        self.anonymous.observe(lambda change: self._toggle_name(change["new"]), names="value")
        for box in (self.code_input, self.name_input):
            box.style.description_width = "initial"
        self._set_body(
            widgets.HTML(f"<h2>{html.escape(ui['join_title'])}</h2><p>{html.escape(ui['join_intro'])}</p>"),
            self.code_input,
            self.name_input,
            self.anonymous,
            self.join_button,
            self.join_status.widget,
        )

    def _toggle_name(self, anonymous: bool) -> None:
        self.name_input.disabled = bool(anonymous)

    def join(self) -> None:
        """Join with what the form holds; on success the page becomes the participant's workspace."""
        if self.participant is not None:
            return  # a second tap on Join, queued before the page changed: one person, one join
        if refusal := self._refusal():
            self.join_status.error(refusal[1])
            return
        try:
            workshop = self._workshop_for_code(self.code_input.value)
            name = None if self.anonymous.value else self.name_input.value
            if name is not None and not isinstance(name, str):
                raise InputError("error_not_text")
            if name is not None and not name.strip():
                raise InputError("error_name_or_anonymous")  # never anonymous by accident
            if name is not None and len(name.strip()) > 80:
                raise InputError("error_name_too_long")
            if name is not None and any(ch in name for ch in "\n\t"):
                raise InputError("error_control_chars")  # one line on every board
            if name is not None:
                name = clean_text(name, limit=80, required=False)  # NUL, BEL and the like
            participant, token = self.store.join(workshop.id, self.code_input.value, name)
        except InputError as exc:
            self.join_status.error(exc.message(self.ui))
            return
        except (UnknownWorkshopError, AccessDeniedError):
            for throttle in self._throttles():
                throttle.failed()
            message = self.ui["error_wrong_code"]
            if refusal := self._refusal():
                stopped, words = refusal
                if stopped:
                    operator_log().warning("a page stopped taking join codes: too many wrong ones")
                message = words if stopped else f"{message} {words}"
            self.join_status.error(message)
            return
        except EndedError:
            self.join_status.error(self.ui["error_ended_join"])
            return
        except StoreError:
            log.exception("join failed")
            self.join_status.error(self.ui["error_generic"])
            return
        self.workshop, self.participant, self.token = workshop, participant, token
        # The facilitator's terminal says who came in (a name typed holds no control character).
        operator_log().info("%s joined %r", repr(name) if name else "someone anonymous", workshop.title)
        self.ui = load_ui(workshop.lang)
        self._show_workspace(new=True)

    def _throttles(self):
        return [t for t in (self.throttle, self.address_throttle) if t is not None]

    def _refusal(self) -> tuple[bool, str] | None:
        """Too many wrong codes on this page or from this address: (stopped for good?, words)."""
        if self.throttle.exhausted():
            return True, self.ui["error_too_many_codes"]
        if self.address_throttle is not None and self.address_throttle.exhausted():
            return True, self.ui["error_too_many_codes_network"]
        if wait := max(t.wait_left() for t in self._throttles()):
            return False, self.ui["error_wait_for_code"].format(seconds=wait)
        return None

    def _workshop_for_code(self, code) -> Workshop:
        if not isinstance(code, str):
            raise UnknownWorkshopError("bad code")
        if self.workshop is not None:
            if self.workshop.join_code != code.strip().upper():
                raise AccessDeniedError("wrong code")
            return self.workshop
        return self.store.workshop_by_join_code(code)

    # -- workspace ------------------------------------------------------------------------

    def _show_workspace(self, new: bool) -> None:
        ui, workshop, participant, token = self.ui, self.workshop, self.participant, self.token
        # Both callers set all three first (a link's token, or a join).
        assert workshop is not None and participant is not None and token is not None
        plan = self.plan = load_plan(workshop.plan, workshop.lang)
        greeting = (
            ui["hello_anonymous"]
            if participant.anonymous
            else ui["hello"].format(name=participant.display_name)
        )
        link = personal_link(workshop.id, token)
        header = widgets.HTML(
            f"<h2>{html.escape(workshop.title)}</h2><p class='cck-greeting'>{html.escape(greeting)}</p>"
            f"<p class='cck-link'>{html.escape(ui['personal_link_intro'])} "
            f"<a class='cck-personal-link' href='{html.escape(link, quote=True)}'>"
            f"{html.escape(ui['personal_link_text'])}</a></p>"
        )
        self.follower = Follower(self, self.store, participant, ui)
        self.sections = {
            section.key: section
            for section in sections_for(self.store, participant, plan, ui, self.follower.live)
        }
        self._built: dict[str, Form] = {}
        self.nav = widgets.Dropdown(
            options=[(section.label, key) for key, section in self.sections.items()],
            value=next(iter(self.sections)),
            description=ui["nav_label"],
            layout=widgets.Layout(width="100%", max_width="640px"),
        )
        self.nav.add_class("cck-nav")  # a landmark: the page script makes it the page's navigation
        self.section_intro = widgets.HTML()
        self.section_body = widgets.Box(layout=widgets.Layout(width="100%"))
        self.section_body.add_class("cck-section-body")
        self.nav.observe(lambda change: self.open_section(change["new"]), names="value")
        self.deleted = DeletedNotes(self.follower.live, plan, ui, restored=self._refresh_form)
        # What the ended session hides (and keeps, typed text included, should it reopen).
        self._working = [
            self.nav,
            self.follower.banner,
            self.follower.vote_box,
            self.section_intro,
            self.section_body,
            self.deleted.widget,
            self.follower.shared,
            self.deleted.undo_bar,  # last: it sticks to the bottom of the screen
        ]
        self.ended_box: widgets.HTML | None = None  # made when a session ends (few do while joining)
        self.ended = False
        self._set_body(header, *self._working)
        self.open_section(self.nav.value)
        self.follower.tick()  # a latecomer lands where the facilitator brought everyone
        if self.follow_live:
            self.follower.start()
            release_free_memory()  # what building the workspace freed (one kernel per person)

    def show_ended(self, ended: bool) -> None:
        """While the session is ended: a thank-you and what this person contributed, read-only,
        instead of the workspace; the workspace comes back as it was when it is reopened."""
        self.ended = ended
        for part in self._working:
            part.layout.display = "none" if ended else ""
        if ended and self.ended_box is None:
            self.ended_box = widgets.HTML()
            self.ended_box.add_class("cck-ended")
            self.widget.children = [*self.widget.children, self.ended_box]
        if self.ended_box is not None:
            self.ended_box.value = self._ended_html() if ended else ""
            self.ended_box.layout.display = "" if ended else "none"

    def _ended_html(self) -> str:
        ui, plan = self.ui, self.plan
        assert plan is not None and self.follower is not None  # the workspace was built first
        live = self.follower.live
        labels = {key: section.label for key, section in self.sections.items()}
        items = "".join(
            f"<li><span class='cck-meta'>{html.escape(labels.get(section_of(e.exercise), ''))}</span><br>"
            f"{html.escape(describe(e, plan, ui))}</li>"
            for e in live.own_entries()
        )
        yours = f"<ul>{items}</ul>" if items else f"<p>{html.escape(ui['ended_none'])}</p>"
        return (
            f"<div role='status'><h3>{html.escape(ui['ended_title'])}</h3>"
            f"<p>{html.escape(ui['ended_text'])}</p></div>"
            f"<h4>{html.escape(ui['ended_yours'])}</h4>{yours}"
        )

    def _refresh_form(self) -> None:
        """Show the section's form as stored (after a restore)."""
        if self.form is not None and hasattr(self.form, "refresh"):
            self.form.refresh()

    def built_forms(self) -> list:
        """Every form this page has built (each keeps what was typed in it)."""
        return list(getattr(self, "_built", {}).values())

    def open_section(self, key) -> None:
        """Show one exercise, question list or checklist; forms are built once and kept."""
        section = self.sections.get(key)
        if section is None:  # the page can send any value: put the menu back on what is shown
            if self._shown_key is not None and self.nav.value != self._shown_key:
                self.nav.value = self._shown_key
            return
        self._shown_key = key
        if key not in self._built:
            form = self._built[key] = section.build()
            if hasattr(form, "grew") and self.follower is not None:
                form.grew = self.follower.follow_lock
        self.form = self._built[key]
        if hasattr(self.form, "on_show"):  # e.g. the progress monitor re-reads the planned tasks
            self.form.on_show()
        self.section_intro.value = (
            f"<h3>{html.escape(section.title)}</h3><p>{html.escape(section.instructions)}</p>"
            + learn_more_html(section.resources, self.ui)
        )
        self.section_body.children = [self.form.widget]
        self.deleted.show_section(key)
        if self.nav.value != key:
            self.nav.value = key
        if self.follower is not None:
            self.follower.read_only = False  # a freshly shown form starts editable
            self.follower.show_state()

    # -- helpers --------------------------------------------------------------------------

    def _show_message(self, text: str) -> None:
        self._set_body(message_widget(text))

    def _set_body(self, *children) -> None:
        old = [widget for widget in self.widget.children[1:] if widget not in children]
        self.widget.children = [self.widget.children[0], *children]
        # The join form, once joined: freed in the kernel and the browser, after the workspace
        # (in a burst of phones, its close messages came before the workspace could draw).
        close_trees_later(old)


def participant_page(store: Store | None = None, params: dict[str, str] | None = None) -> widgets.Widget:
    """The participant page for the current request (what the notebook displays)."""
    exit_with_server()
    try:
        # Everything that does not depend on who asks happens before the wait for the request,
        # while the kernel is preheating: the store's connection and the page's words.
        store = store or Store()
        load_ui("en")
        app = ParticipantApp(
            store, query_params("participant") if params is None else params, follow_live=True
        )
        return app.widget
    except Exception:  # the page shows a message, never a traceback
        log.exception("participant page failed")
        return message_widget(load_ui("en")["error_generic"])
