"""What a rule reads of an application: the one place that knows it.

From a rule's check (through the kind records' declared parameters): every pointer it reads
(``locate_pointers``, ``read_pointers``: the definition checks prove the form defines them),
what it needs to be decided (``alternatives``: the schema requires it, ``_required.py``), and
which rules read a given value (``requiring_rules``: the engine cites them when it is missing).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

from generator.core._reader import Reader
from generator.core.kinds import KINDS, TEMPLATE_FIELD, pointer
from generator.core.pointers import split_pointer
from generator.core.when import applies


def locate_pointers(check: dict, at: str = "") -> Iterator[tuple[str, str]]:
    """``(pointer, where)`` for every application pointer a check reads, ``where`` being the
    JSON pointer of the parameter inside the check (prefixed by ``at``). Placeholders
    ``{/master/name}`` of a template count, and every alternative of ``any_of``/``all_of``."""
    ((kind, params),) = check.items()
    if isinstance(params, list):
        for index, sub in enumerate(params):
            yield from locate_pointers(sub, f"{at}/{kind}/{index}")
        return
    record = KINDS.get(kind)  # an unknown kind (a rule's ``when`` or review ``path``) reads ``path``
    declared = record.params if record and record.params is not None else {"path": pointer()}
    for key, param in declared.items():
        if key not in params:
            continue
        if param.pointer:
            yield params[key], f"{at}/{kind}/{key}"
        elif param.pointers:
            for index, item in enumerate(params[key]):
                yield item, f"{at}/{kind}/{key}/{index}"
    if isinstance(params.get("template"), str):
        for found in TEMPLATE_FIELD.findall(params["template"]):
            yield found, f"{at}/{kind}/template"


def read_pointers(check: dict) -> Iterator[str]:
    """Every application pointer a check reads (template placeholders included), in order."""
    for found, _ in locate_pointers(check):
        yield found


def leaf_needs(kind: str, params: dict) -> set[tuple[str, int]]:
    """What one non-combining check needs of the application, from its record: each pointer it
    reads (``*`` for every row), with the fewest items an array there must hold."""
    needs = {(found, 0) for found in read_pointers({kind: params}) if isinstance(found, str)}
    record = KINDS.get(kind)
    declared = (record.params or {}) if record else {}
    rows, by_year = params.get("items"), bool(record and record.rows_by_year)
    row_fields = [params[name] for name, param in declared.items() if param.row_field and isinstance(params.get(name), str)]
    if isinstance(rows, str) and (row_fields or by_year):
        needs.discard((rows, 0))
        fewest = 1 if record and record.last_is_window else max(1, int(params.get("last") or 1))
        needs.add((rows, fewest))
        needs.update((f"{rows}/*/{name}", 0) for name in [*row_fields, *(["year"] if by_year else [])])
    for name, param in declared.items():
        where = params.get(name) if param.row_filter else None
        if isinstance(where, dict) and isinstance(where.get("field"), str) and isinstance(params.get("path"), str):
            needs.add((f"{params['path']}/*/{where['field']}", 0))
    return needs


# One need: (pointer with ``*`` for every item of an array, fewest items the array must hold).
Need = tuple[str, int]
Alternative = frozenset[Need]


def alternatives(check: dict) -> list[Alternative]:
    """The check's needs as alternatives: meeting any one lets the check be decided."""
    ((kind, params),) = check.items()
    if kind == "any_of":
        found = [alt for sub in params for alt in alternatives(sub)]
        minimal = [alt for alt in found if not any(other < alt for other in found)]
        return list(dict.fromkeys(minimal))
    if kind == "all_of":
        combined = [frozenset().union(*combo) for combo in itertools.product(*(alternatives(sub) for sub in params))]
        return list(dict.fromkeys(combined)) or [frozenset()]
    return [frozenset(leaf_needs(kind, params))]


def rules_reading(rules: list[dict]) -> list[tuple[dict, list[Alternative]]]:
    """The rules whose data the form must require, each with its alternatives."""
    chosen = []
    for rule in rules:
        if "check" not in rule or rule.get("severity") == "review":
            continue
        if rule.get("until"):  # a rule that ends on a date cannot be expressed by a static schema
            continue
        chosen.append((rule, alternatives(rule["check"])))
    return chosen


def matches_pattern(pattern: str, pointer: str) -> bool:
    """Whether a rule's pointer (``*`` for every item) names the concrete ``pointer``."""
    want, got = split_pointer(pattern), split_pointer(pointer)
    return len(want) == len(got) and all(w == g or (w == "*" and g.isdigit()) for w, g in zip(want, got, strict=True))


def requiring_rules(program: dict, application: object, pointer: str) -> list[dict]:
    """The rules that apply and read the missing value at ``pointer``, so the form requires it."""
    reader = Reader(application, lambda _pointer: {})
    return [
        rule
        for rule, alternatives in rules_reading(program.get("all_rules", []))
        if any(matches_pattern(need, pointer) for alternative in alternatives for need, _ in alternative)
        and ("when" not in rule or applies(reader, rule["when"]))
    ]
