"""The "Learn more" links: plain links that open in a new tab, every text shown as text."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from cocreate_kit.apps.learn_more import learn_more_html
from cocreate_kit.content.plan import Resource, load_ui


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links, self.tags = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag == "a":
            self.links.append(dict(attrs))


def test_links_open_in_a_new_tab_and_load_nothing():
    """Each resource is a link to its https address with target=_blank and rel=noopener; the
    only elements are text and links (no image, frame or script the page would fetch)."""
    found = [
        Resource("Empathy mapping", "article", "https://www.nngroup.com/articles/empathy-mapping/", "Why."),
        Resource("<script>alert(1)</script>", "video", "https://example.org/a?b=1&c=2", "<img src=x>"),
    ]
    page = learn_more_html(found, load_ui("en"))
    parser = Links()
    parser.feed(page)
    assert [link["href"] for link in parser.links] == [r.url for r in found]
    assert all(link["target"] == "_blank" and "noopener" in link["rel"] for link in parser.links)
    assert set(parser.tags) <= {"details", "summary", "ul", "li", "a", "span", "br", "p"}
    assert "&lt;script&gt;" in page and "&lt;img src=x&gt;" in page
    assert learn_more_html((), load_ui("en")) == ""


@pytest.mark.parametrize(
    "url",
    ["http://example.org", "javascript:alert(1)", "https://exa mple.org", "https://x.org/'onmouseover=1"],
)
def test_a_plan_cannot_carry_a_link_that_is_not_plain_https(url):
    """The plan loader refuses any address but a plain https:// one, so no page gets another kind."""
    with pytest.raises(ValueError, match="https"):
        Resource("Bad", "guide", url, "Why.")
