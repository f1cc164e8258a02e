"""The vocabulary of rule kinds, one record each; everything else derives from the records.

``KINDS`` maps a kind's name to its ``Kind`` record (see ``_base``). From the records come:
the meta-schema of a rule's ``check`` (``check_metaschema``), the application pointers a check
reads (``generator.core.reads``), the short threshold text of comparison tables
(``summary``) and the field a comparison row is about (``main_pointer``). Adding a kind is
adding one record (and its boundary cases beside the tests, tests/_boundaries.py).

``evaluate`` is the one guard for missing data: a kind's value readers raise ``Undecidable``,
and it becomes an ``Undecided`` message here, never an exception.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial

from generator.core._reader import Reader
from generator.core.kinds import _choices, _identity, _numbers, _rows
from generator.core.kinds._base import Kind, Message, Param, Undecidable, Undecided, parse_date, pointer
from generator.core.kinds._identity import TEMPLATE_FIELD
from generator.core.kinds._rows import latest_rows, rows_total

__all__ = [
    "KINDS",
    "TEMPLATE_FIELD",
    "Kind",
    "Message",
    "Param",
    "Undecided",
    "check_metaschema",
    "evaluate",
    "latest_rows",
    "main_pointer",
    "parse_date",
    "pointer",
    "rows_total",
    "summary",
]


def evaluate(reader: Reader, check: dict) -> Iterator[Message]:
    """Run one check, a mapping of a single kind name to its parameters."""
    ((kind, params),) = check.items()
    messages = KINDS[kind].failures(reader, params)
    while True:
        try:
            message = next(messages)
        except StopIteration:
            return
        except Undecidable as undecidable:
            message = undecidable.undecided
            messages = iter(())
        path = message.path or (params.get("path") if isinstance(params, dict) else None)
        yield type(message)(message.zh, message.en, path)


def _one_list_per_field(params: list) -> list:
    """The alternatives with every ``includes_any`` on one list field made one (national
    honours or regional ones: one field, one list of what counts), so a failure names the
    field once. The same condition: holding any of X or any of Y is holding any of X and Y."""
    merged: list = []
    by_path: dict[str, dict] = {}
    for check in params:
        kind, sub = next(iter(check.items())) if isinstance(check, dict) and len(check) == 1 else (None, None)
        if kind != "includes_any" or not isinstance(sub, dict):
            merged.append(check)
        elif sub.get("path") in by_path:
            into = by_path[sub["path"]]
            into["values"] += [v for v in sub.get("values", []) if v not in into["values"]]
            into["names"] = {**into.get("names", {}), **sub.get("names", {})}
        else:
            by_path[sub.get("path")] = {**sub, "values": list(sub.get("values", []))}
            merged.append({kind: by_path[sub.get("path")]})
    return merged


def any_of(reader: Reader, params: list) -> Iterator[Message]:
    """Met when any one of the listed checks is met (领办人应具备以下条件之一)."""
    failures = []
    for check in _one_list_per_field(params):
        messages = list(evaluate(reader, check))
        if not messages:
            return
        failures.extend(messages)
    if all(isinstance(m, Undecided) for m in failures):
        yield failures[0]
        return
    yield Message(
        "以下条件均未满足（满足其一即可）：" + "；".join(m.zh for m in failures),
        "None of these is met (one suffices): " + "; ".join(m.en for m in failures),
        next((m.path for m in failures if m.path), None),
    )


def all_of(reader: Reader, params: list) -> Iterator[Message]:
    """Met when every listed check is met."""
    for check in params:
        yield from evaluate(reader, check)


def _joined(zh: str, en: str, params: list, lang: str, field_at) -> str:  # bound by partial (see _choices)
    return (zh if lang == "zh" else en).join(_summary(sub, lang, field_at) for sub in params)


KINDS: dict[str, Kind] = {
    kind.name: kind
    for kind in [
        *_numbers.KINDS,
        *_rows.KINDS,
        *_choices.KINDS,
        *_identity.KINDS,
        Kind("any_of", any_of, None, partial(_joined, " 或 ", " or "), min_checks=2),
        Kind("all_of", all_of, None, partial(_joined, " 且 ", " and ")),
    ]
}


def check_metaschema() -> dict:
    """The meta-schema of a rule's ``check`` (``$defs/check`` of program.schema.json)."""
    return {
        "type": "object",
        "minProperties": 1,
        "maxProperties": 1,
        "properties": {name: kind.param_schema() for name, kind in KINDS.items()},
        "additionalProperties": False,
    }


def _no_field(pointer: str) -> dict:
    return {}


def _summary(check: dict, lang: str, field_at: Callable[[str], dict]) -> str:
    ((kind, params),) = check.items()
    return KINDS[kind].summary(params, lang, field_at)


def summary(check: dict, lang: str, field_at: Callable[[str], dict] | None = None) -> str:
    """A short statement of what a check requires, e.g. ``≥ 1000人次`` or ``1:16–1:20``;
    ``field_at(pointer)`` gives form fields, for their titles and enum labels."""
    return _summary(check, lang, field_at or _no_field)


def main_pointer(check: dict) -> str:
    """The field a check is mainly about (what its comparison row is labelled by)."""
    ((kind, params),) = check.items()
    if isinstance(params, list):
        return main_pointer(params[0])
    main = KINDS[kind].main
    if isinstance(main, tuple):
        return f"{params[main[0]]}/*/{params[main[1]]}"
    value = params.get(main, "")
    return value[0] if isinstance(value, list) else value
