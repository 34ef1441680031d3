"""The hostile-input corpus (tests/files/hostile-inputs.json), shared by the tests that run every
text field, chart, report and export through it."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

CORPUS = json.loads((Path(__file__).parent / "files" / "hostile-inputs.json").read_text(encoding="utf-8"))
TEXTS: list[str] = CORPUS["texts"]


def has_control_chars(text: str) -> bool:
    return any(unicodedata.category(ch) == "Cc" and ch not in "\n\t" for ch in text)


# What a form accepts (the rest must be refused with a message): no control characters.
STORABLE: list[str] = [text for text in TEXTS if not has_control_chars(text)]
REFUSED: list[str] = [text for text in TEXTS if has_control_chars(text)]
