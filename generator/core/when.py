"""A rule's ``when``: the condition under which it applies.

``{path, in: [...]}`` (the value at ``path`` is one of these) or ``{path, present: true}``.
"""

from __future__ import annotations

from generator.core._reader import MISSING, Reader
from generator.core.pointers import split_pointer


def condition_holds(reader: Reader, condition: dict) -> bool:
    """``when: {path, in: [...]}`` or ``{path, present: true}``: whether a rule applies."""
    value = reader.get(condition["path"])
    if value is MISSING:
        return False
    return condition.get("present", False) or value in condition["in"]


def condition(when: dict) -> dict:
    """``when: {path, in}`` / ``{path, present: true}`` as the ``if`` of a schema."""
    tokens = split_pointer(when["path"])
    inner: dict = {} if when.get("present") else {"enum": list(when["in"])}
    for token in reversed(tokens):
        inner = {"required": [token], "properties": {token: inner}} if inner else {"required": [token]}
    return inner
