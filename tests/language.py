"""Which words of a page are English leftovers in a Dutch, French or German workshop."""

from __future__ import annotations

import re

from cocreate_kit.content.plan import load_personas, load_plan, load_ui


def strings(value):
    """Every string inside a plan, persona or word list (dataclasses, dicts, lists)."""
    if hasattr(value, "__dataclass_fields__"):
        value = {name: getattr(value, name) for name in value.__dataclass_fields__}
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for inner in value.values():
            yield from strings(inner)
    elif isinstance(value, (list, tuple)):
        for inner in value:
            yield from strings(inner)


def words(texts) -> set[str]:
    """Words of four letters or more ({placeholders} are not words a reader sees); accented
    letters belong to the word ("über" is not "ber")."""
    found = (re.findall(r"[^\W\d_]{4,}", re.sub(r"{\w+}", " ", text)) for text in texts)
    return {w.lower() for ws in found for w in ws}


def english_leftovers(text: str, plan: str, typed=(), lang: str = "nl") -> set[str]:
    """Words of ``text`` that only the English UI words, plan or personas use (not those of
    ``lang``, and not what participants typed)."""
    english = words(strings([load_ui("en"), load_plan(plan, "en"), load_personas("en")]))
    own = words(strings([load_ui(lang), load_plan(plan, lang), load_personas(lang)]))
    return (words([text]) & english) - own - words(strings(typed)) - {"cocreate"}
