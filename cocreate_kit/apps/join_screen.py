"""The join screen for the projector: the join code, the join link and a QR code of it.

Public by design: it shows only what the room needs to join (the code is on the wall anyway),
never the facilitator key. Open it with ``join.ipynb?workshop=ID``.
"""

from __future__ import annotations

import base64
import html
import io
import os
from urllib.parse import urlencode

import ipywidgets as widgets
import qrcode
import qrcode.image.svg

from ..content.plan import load_ui
from ..models import Workshop
from ..store import Store, UnknownWorkshopError
from .lifeline import exit_with_server
from .request import query_params
from .style import message_widget, page_style

__all__ = ["join_link", "join_screen_html", "join_screen_page"]

BASE_URL_ENV = "COCREATE_BASE_URL"  # set by `cocreate serve`: http://host:port/voila/render


def join_link(workshop: Workshop, base_url: str | None = None) -> str:
    base = base_url if base_url is not None else os.environ.get(BASE_URL_ENV, "")
    query = urlencode({"workshop": workshop.id, "code": workshop.join_code})
    return f"{base}/participant.ipynb?{query}" if base else f"participant.ipynb?{query}"


def qr_data_uri(text: str) -> str:
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=20, border=2)
    buffer = io.BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def join_screen_html(workshop: Workshop, ui: dict[str, str], base_url: str | None = None) -> str:
    link = join_link(workshop, base_url)
    alt = html.escape(ui["join_screen_qr"], quote=True)
    code = f"{html.escape(ui['join_code_label'])}: <b>{html.escape(workshop.join_code)}</b>"
    return (
        "<div class='cck-join-screen'>"
        f"<h1>{html.escape(workshop.title)}</h1>"
        f"<p class='cck-join-how'>{html.escape(ui['join_screen_how'])}</p>"
        f"<img class='cck-qr' alt='{alt}' src='{qr_data_uri(link)}'>"
        f"<p class='cck-join-code'>{code}</p>"
        f"<p class='cck-join-link'><a href='{html.escape(link, quote=True)}'>{html.escape(link)}</a></p>"
        "</div>"
    )


def join_screen_page(store: Store | None = None, params: dict[str, str] | None = None) -> widgets.Widget:
    exit_with_server()
    params = query_params("join-screen") if params is None else params
    try:
        workshop = (store or Store()).get_workshop(params.get("workshop", ""))
    except UnknownWorkshopError:
        return message_widget(load_ui("en")["error_unknown_workshop"])
    ui = load_ui(workshop.lang)
    page = widgets.VBox([page_style(ui), widgets.HTML(join_screen_html(workshop, ui))])
    page.add_class("cck-page")
    return page
