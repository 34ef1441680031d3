"""The "Learn more" links under an exercise or a stage's questions.

Links only: nothing is fetched by the page (it stays offline-first); each opens in a new tab,
so the form and what was typed in it stay where they are. Every text is escaped, and the
plan loader accepts only plain https:// addresses.
"""

from __future__ import annotations

from html import escape

__all__ = ["learn_more_html"]


def learn_more_html(resources, ui: dict[str, str]) -> str:
    """A folded "Learn more" list, or "" when there is nothing to read."""
    if not resources:
        return ""
    items = "".join(
        f"<li><a href='{escape(r.url, quote=True)}' target='_blank' rel='noopener noreferrer'>"
        f"{escape(r.title)}</a> <span class='cck-meta'>({escape(ui[f'resource_{r.kind}'])})</span>"
        f"<br>{escape(r.why)}</li>"
        for r in resources
    )
    return (
        f"<details class='cck-learn'><summary>{escape(ui['learn_more'])}</summary>"
        f"<ul>{items}</ul><p class='cck-meta'>{escape(ui['learn_more_hint'])}</p></details>"
    )
