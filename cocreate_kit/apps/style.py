"""Shared look of the pages: one small stylesheet, readable on a phone and on a projector."""

from __future__ import annotations

import html

import ipywidgets as widgets

__all__ = ["CSS", "message_widget", "page_style", "style_html"]

CSS = """
.cck-page { font-size: 16px; line-height: 1.45; padding: 4px; box-sizing: border-box; }
.cck-page h2 { margin: 0.3em 0; }
.cck-area { border: 1px solid #c8c8c8; border-radius: 6px; background: #fffbe6; }
.cck-area h4 { margin: 0.2em 0; }
.cck-area-head { border-radius: 4px; padding: 2px 6px; }
.cck-prompt { color: #444; margin: 0 0 0.4em 0; font-size: 0.95em; }
.cck-note { background: #fff3a8; border-radius: 4px; padding: 6px 8px; margin: 4px 0;
            white-space: pre-wrap; overflow-wrap: anywhere; }
.cck-persona { border-left: 4px solid #3b6ea5; padding: 0 12px; margin: 8px 0; }
.cck-ok { color: #1d6b2f; font-weight: 600; min-height: 1.4em; }
.cck-error { color: #a11a1a; font-weight: 600; min-height: 1.4em; }
.cck-message { font-size: 1.15em; padding: 16px; margin: 16px 0;
               border: 2px solid #a11a1a; border-radius: 6px; }
.cck-link a { font-weight: 600; }
.cck-board { font-size: 18px; }
.cck-board-grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(230px, 1fr)); gap: 10px; }
.cck-board-area { border: 1px solid #bbb; border-radius: 6px; padding: 8px; background: #fffbe6; }
.cck-board-area :is(h2, h3, h4) { margin: 0 0 6px 0; display: flex; justify-content: space-between; }
.cck-board-centre { display: flex; align-items: center; justify-content: center; text-align: center;
                     border: 2px solid #3b6ea5; border-radius: 50%; padding: 8px; }
.cck-count { background: #3b6ea5; color: #fff; border-radius: 10px; padding: 0 8px; font-size: 0.9em; }
.cck-author { display: block; color: #555; font-size: 0.85em; }
.cck-meta { color: #444; }
.cck-learn { margin: 4px 0 10px; }
.cck-learn summary { cursor: pointer; font-weight: 600; color: #1a5fb4; padding: 4px 0; }
.cck-learn li { margin: 4px 0; overflow-wrap: anywhere; }
.cck-learn a { color: #1a5fb4; text-decoration: underline; font-weight: 600; }
.cck-task-row, .cck-check-row { border: 1px solid #ccc; border-radius: 6px; padding: 6px 10px;
                                margin: 6px 0; }
.cck-timer { font-size: 1.3em; font-weight: 700; padding: 6px 10px; border: 2px solid #1a1a1a;
             border-radius: 6px; display: inline-block; margin: 4px 0; }
.cck-locked { background: #fff0c2; border-left: 5px solid #8a4b00; padding: 8px 12px; margin: 6px 0;
              font-weight: 600; }
/* Panel titles (Moderation, Report): JupyterLab's grey on grey is below 4.5:1. */
.cck-page .jupyter-widget-Collapse-header { color: #1a1a1a; }
.cck-controls { border: 1px solid #bbb; border-radius: 6px; padding: 8px; margin: 8px 0;
                background: #f6f8fb; }
.cck-hints { color: #8a4b00; margin: 4px 0; }
.cck-page .widget-textarea, .cck-page .widget-text { width: 100%; max-width: 640px; box-sizing: border-box; }
.cck-page .widget-text input { min-width: 0; }
.cck-page .widget-text, .cck-page .widget-textarea { width: calc(100% - 8px) !important; }
.cck-page .cck-narrow { width: 190px !important; }
/* Labels above the boxes: side-by-side labels squeeze the text box on a phone. */
.cck-page .widget-textarea { flex-direction: column; align-items: stretch; }
.cck-page .widget-textarea .widget-label { width: auto; max-width: none; text-align: left;
  white-space: normal; overflow: visible; text-overflow: clip; height: auto; line-height: 1.4; }
.cck-page button:focus-visible, .cck-page textarea:focus-visible, .cck-page input:focus-visible {
  outline: 3px solid #1a5fb4; outline-offset: 1px; }
.cck-join-screen { text-align: center; }
.cck-join-screen h1 { font-size: 2.6em; margin: 0.3em 0; }
.cck-join-how { font-size: 1.4em; }
.cck-qr { width: min(60vh, 90vw); height: auto; image-rendering: pixelated; }
.cck-join-code { font-size: 2.2em; letter-spacing: 0.08em; margin: 0.3em 0; }
.cck-join-link { font-size: 1.1em; overflow-wrap: anywhere; }
.cck-gone { position: fixed; top: 0; left: 0; right: 0; z-index: 1000; background: #fff0c2;
            border-bottom: 3px solid #8a4b00; padding: 12px 16px; font-size: 1.1em; font-weight: 600; }
/* Fixed to the bottom of the screen: a phone anywhere in a long form still sees "Undo".
   Voila's scroller is a containing block (contain: strict), which would pin a fixed bar to the
   scrolled page instead; the panel around it fills the screen and does not scroll. */
.lm-BoxPanel-child { contain: none !important; }
.cck-page .cck-undo { position: fixed !important; bottom: 12px; left: 8px; right: 8px; z-index: 900;
  margin: 0 auto; width: fit-content; max-width: calc(100% - 16px); background: #1a1a1a;
  color: #fff; border-radius: 8px; padding: 6px 10px; box-sizing: border-box; align-items: center; }
/* The room's state (timer, lock, an open vote) sticks to the top of the screen while the
   person scrolls through a long form; the boxes around the page must not clip it. */
.cck-page, .jp-OutputArea, .jp-OutputArea-child, .jp-OutputArea-output { overflow: visible !important; }
.cck-page .cck-banner { position: sticky !important; top: 0; z-index: 950; background: #fff; }
.cck-vote-on { background: #e3eefa; border-left: 5px solid #1a5fb4; padding: 8px 12px; margin: 6px 0;
               font-weight: 600; }
.cck-undo .widget-html-content { color: #fff; overflow-wrap: anywhere; }
.cck-deleted li { margin: 4px 0; overflow-wrap: anywhere; }
.cck-gone button { margin-left: 12px; font-size: 1em; padding: 6px 14px; }
@media (max-width: 600px) { .cck-page { font-size: 17px; } .cck-page .widget-label { min-width: 0; } }
/* On a phone a picker's label sits above it and the picker takes the whole width, so the
   chosen option is never cut off ("— not lin"); a button's words wrap instead of being cut. */
@media (max-width: 600px) {
  .cck-page .widget-dropdown { flex-direction: column; align-items: stretch; width: 100% !important;
    max-width: none !important; height: auto; }
  .cck-page .widget-dropdown > .widget-label { width: auto !important; max-width: none; text-align: left;
    white-space: normal; overflow: visible; height: auto; line-height: 1.4; }
  .cck-page .widget-dropdown > select { width: 100% !important; max-width: none; flex: none; height: 34px; }
  .cck-page .jupyter-button { white-space: normal; height: auto; min-height: 32px; max-width: 100%; }
}
"""


def page_style(ui: dict[str, str] | None = None) -> widgets.HTML:
    """The stylesheet, and the words the kit's page script shows when the page's kernel has
    stopped (see offline_template.py); English until the page knows its workshop's language."""
    return widgets.HTML(style_html(ui))


def style_html(ui: dict[str, str] | None = None) -> str:
    words = ""
    if ui is not None:
        reload = html.escape(ui["page_gone_reload"], quote=True)
        text = html.escape(ui["page_gone"])
        words = f"<span class='cck-gone-words' hidden data-reload='{reload}'>{text}</span>"
    return f"<style>{CSS}</style>{words}"


def message_widget(text: str) -> widgets.HTML:
    """A clear, friendly message in place of the page (wrong link, unknown workshop, ...)."""
    return widgets.HTML(f"<div class='cck-message' role='alert'>{html.escape(text)}</div>")
