"""Text checks shared by every form."""

from __future__ import annotations

import pytest

from cocreate_kit.forms.validation import InputError, clean_text
from cocreate_kit.plan import load_ui


def test_clean_text_trims_and_keeps_newlines():
    """Surrounding space goes, inner newlines and tabs stay."""
    assert "line one\n\tline two" == clean_text("  line one\n\tline two  ")


@pytest.mark.parametrize(
    ("value", "key"),
    [("", "error_empty"), (None, "error_empty"), (42, "error_not_text"), ("a\x07b", "error_control_chars")],
)
def test_clean_text_refuses(value, key):
    """Empty, non-text and control characters each get their own message key."""
    with pytest.raises(InputError) as caught:
        clean_text(value)
    assert key == caught.value.key


def test_too_long_message_names_the_limit():
    """The English message for a long text says how long it was and the limit."""
    with pytest.raises(InputError) as caught:
        clean_text("x" * 11, limit=10)
    assert "That is 11 characters; a note can be at most 10. Please shorten it." == caught.value.message(
        load_ui("en")
    )
