"""A rule's ``when``: the condition under which it applies, defined once.

``{path, in: [...]}`` (the value at ``path`` is one of these) or ``{path, present: true}``.
Each form is one entry of ``_FORMS``: the JSON Schema of the value at ``path`` and the same
test in Python, side by side. The ``if`` of the application schema (``schema_condition``,
used by ``_required.py``) and the runtime test (``applies``, used by the engine) both come
from that entry, so the form and the checks agree on whether a rule applies (``0`` is not
``false`` in either; tests/test_pipeline.py proves the two agree for every rule's ``when``).
Absent data never makes a rule apply.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from generator.core._reader import MISSING, Reader
from generator.core.pointers import split_pointer


def _json_equal(one: object, other: object) -> bool:
    """Equality as JSON Schema's ``enum`` has it: ``true`` is not ``1``, ``1`` is ``1.0``."""
    if isinstance(one, bool) or isinstance(other, bool):
        return one is other
    if isinstance(one, list) and isinstance(other, list):
        return len(one) == len(other) and all(map(_json_equal, one, other))
    if isinstance(one, dict) and isinstance(other, dict):
        return one.keys() == other.keys() and all(_json_equal(one[key], other[key]) for key in one)
    return one == other


@dataclass(frozen=True)
class _Form:
    value_schema: Callable[[dict], dict]  # what the value at ``path`` must be, as JSON Schema
    accepts: Callable[[object, dict], bool]  # the same test of a value that is present


_FORMS = {
    "present": _Form(lambda when: {}, lambda value, when: True),
    "in": _Form(lambda when: {"enum": list(when["in"])}, lambda value, when: any(_json_equal(value, v) for v in when["in"])),
}


def _form(when: dict) -> _Form:
    return _FORMS["present" if when.get("present") else "in"]


def applies(reader: Reader, when: dict) -> bool:
    """Whether the rule applies to the application ``reader`` reads (the value read is in its trail)."""
    value = reader.get(when["path"])
    return value is not MISSING and _form(when).accepts(value, when)


def schema_condition(when: dict) -> dict:
    """The same test as the ``if`` of a schema: every object on the way to ``path`` has the
    next name, and the value there is what the form accepts."""
    inner = _form(when).value_schema(when)
    for token in reversed(split_pointer(when["path"])):
        inner = {"required": [token], "properties": {token: inner}} if inner else {"required": [token]}
    return inner
