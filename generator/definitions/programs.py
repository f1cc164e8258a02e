"""The form pointers a rule's check reads, for the checker to find in the program's form."""

from __future__ import annotations

_POINTER_KEYS = ("path", "part", "whole", "per", "count", "items", "birth", "on")


def _pointers(check: dict, pointer: str):
    ((kind, params),) = check.items()
    if isinstance(params, list):
        for index, sub in enumerate(params):
            yield from _pointers(sub, f"{pointer}/{kind}/{index}")
        return
    for key in _POINTER_KEYS:
        if key in params:
            yield params[key], f"{pointer}/{kind}/{key}"
    if kind == "matches_template":
        import re

        for found in re.findall(r"\{(/[^}]*)\}", params["template"]):
            yield found, f"{pointer}/{kind}/template"
