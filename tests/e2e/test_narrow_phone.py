"""Every control on every participant section is usable on a 360 px phone, in English, Dutch,
French and German:
no button, picker or label has its text cut off, and nothing reaches past the screen's edge."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest

from .conftest import LIVE_WAIT, screenshot
from .pages import eventually, join

pytestmark = pytest.mark.browser

# For each control a person reads: is its text wider than its box (cut off, "Stippenstemmin…"),
# or does its box reach past the screen? Hidden controls (another area's) are skipped.
CLIPPED = """() => {
  const found = [];
  const wide = document.documentElement.clientWidth;
  const ruler = document.createElement('span');
  ruler.style.cssText = 'position:absolute;visibility:hidden;white-space:pre';
  document.body.appendChild(ruler);
  const picks = '.cck-page button, .cck-page select, .cck-page .widget-label, .cck-page label, .cck-page a';
  for (const el of document.querySelectorAll(picks)) {
    const box = el.getBoundingClientRect();
    if (!box.width || !el.offsetParent) continue;
    const text = (el.innerText || el.value || '').trim().slice(0, 40);
    let needs = el.scrollWidth;
    if (el.tagName === 'SELECT' && !el.multiple && el.selectedIndex >= 0) {
      // A picker shows its chosen option's text; it is cut when wider than the box (arrow aside).
      ruler.style.font = getComputedStyle(el).font;
      ruler.textContent = el.options[el.selectedIndex].text;
      needs = ruler.offsetWidth + 24;
    } else if (el.tagName === 'SELECT' && (el.multiple || el.size > 1)) {
      // A list shows every option: the longest must fit its width.
      ruler.style.font = getComputedStyle(el).font;
      needs = 0;
      for (const option of el.options) {
        ruler.textContent = option.text;
        needs = Math.max(needs, ruler.offsetWidth + 12);
      }
    }
    if (needs > el.clientWidth + 1) found.push(`cut off: ${el.tagName} "${text}" ${needs}>${el.clientWidth}`);
    if (box.right > wide + 1) found.push(`past the edge: ${el.tagName} "${text}" ${Math.round(box.right)}`);
  }
  ruler.remove();
  return found;
}"""


@pytest.mark.parametrize("lang", ["en", "nl", "fr", "de"])
def test_no_control_is_cut_off_on_a_360px_phone(live, new_page, lang):
    """Join a business-hubs workshop at 360 px and open each section: every control's text fits."""
    server, store, _created = live
    made = store.create_workshop(f"Narrow phone {lang}", lang=lang)
    # A long pain on the empathy map: the value map's and the task plan's pickers list it.
    pia, _ = store.join(made.workshop.id, made.join_code, "Pia")
    pain = {"group": "shop-owner", "area": "pains", "text": "Customers cannot find our opening hours online"}
    store.add_entry(made.workshop.id, pia.id, "ideation/empathy-map", pain)
    base = server.link("Participants").split("/participant.ipynb")[0]
    link = f"{base}/participant.ipynb?" + urlencode({"workshop": made.workshop.id, "code": made.join_code})
    phone = new_page(width=360, height=740)
    if lang == "en":
        join(phone, link, None)
    else:
        _join_in(phone, link, lang)
    problems = {}
    nav = phone.locator(".cck-page select").first
    labels = nav.locator("option").all_inner_texts()
    heading = phone.locator(".cck-page h3").first
    for index, label in enumerate(labels):
        before = heading.inner_text()
        nav.select_option(index=index)
        if index:  # the first section is on screen already
            assert eventually(lambda before=before: heading.inner_text() != before, LIVE_WAIT / 1000), label
        found = phone.evaluate(CLIPPED)
        screenshot(phone, f"narrow-{lang}-{index:02d}")
        if found:
            problems[label] = found
    assert not problems, "\n".join(
        f"{section}: {what}" for section, found in problems.items() for what in found
    )


def _join_in(page, link, lang):
    from cocreate_kit.content.plan import load_ui

    ui = load_ui(lang)
    page.goto(link)
    page.get_by_text(ui["join_title"]).wait_for()
    page.get_by_text(ui["anonymous_label"]).click()
    page.get_by_role("button", name=ui["join_button"]).click()
    page.locator(".cck-greeting").wait_for()
