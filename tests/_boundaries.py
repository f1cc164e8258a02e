"""Boundary cases of every rule kind, for the generated tests (tests/test_boundaries.py).

For a rule's check and a valid application (``Probe``), each kind's function yields edits
that put the application exactly at the threshold (以上/以下/不少于/不低于/以内 include it, so
it passes) and just past it (it fails). Only the tests use these, so they live beside them;
``BOUNDARIES`` holds one function per kind of ``generator.core.kinds.KINDS`` (a kind without
one fails ``test_every_kind_has_boundary_cases``).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from generator.core.identifiers import credit_code_problem, resident_id_birth_date, resident_id_problem
from generator.core.kinds import TEMPLATE_FIELD, latest_rows, parse_date
from generator.core.reads import read_pointers

# A boundary case: a label, the edits {pointer: value} to make to a valid application, and
# whether the edited application passes the check. ``Probe`` gives the base values and fields.
Case = tuple[str, dict[str, object], bool]


@dataclass(frozen=True)
class Probe:
    value_at: Callable[[str], object]  # the base application's value at a pointer (None if absent)
    field_at: Callable[[str], dict]  # the form field at a pointer ({} if none)


def step(probe: Probe, pointer: str, value: object) -> float:
    """The smallest change of a value the form can hold: 1 for integers, 0.01 otherwise."""
    kind = probe.field_at(pointer).get("type")
    return 1 if kind == "integer" or (isinstance(value, int) and kind != "number") else 0.01


def resident_id_with_birth_date(value: str, birth: str) -> str:
    """``value`` with its birth date (characters 7-14) replaced, and the one check character
    GB 11643 accepts for the new number (found by the product's own check)."""
    body = value[:6] + birth.replace("-", "") + value[14:17]
    return next(body + last for last in "0123456789X" if resident_id_problem(body + last) is None)


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _within_item(item: object, field: str) -> object:
    """The value at ``field`` (``name``, or ``occupation/name`` a level down) of one item."""
    for token in field.split("/"):
        item = item.get(token) if isinstance(item, dict) else None
    return item


def _renamed(item: object, field: str, value: str) -> object:
    """``item`` with ``value`` at ``field`` (a copy)."""
    head, _, rest = field.partition("/")
    inner = item.get(head) if isinstance(item, dict) else None
    return {**(item if isinstance(item, dict) else {}), head: _renamed(inner, rest, value) if rest else value}


# ---- figures compared with a threshold ------------------------------------------------------


def _threshold_cases(upward: bool):
    def cases(params: dict, probe: Probe):
        value, delta = params["value"], step(probe, params["path"], params["value"])
        inside, outside = (value + delta, value - delta) if upward else (value - delta, value + delta)
        if params.get("exclusive"):
            yield "at (exclusive)", {params["path"]: value}, False
            yield "just inside", {params["path"]: inside}, True
        else:
            yield "exactly at", {params["path"]: value}, True
            yield "just past", {params["path"]: outside}, False

    return cases


def _sum_cases(params: dict, probe: Probe):
    first, *rest = params["paths"]
    others = sum(v for v in (probe.value_at(p) for p in rest) if isinstance(v, (int, float)))
    at = params["value"] - others
    if at >= 0:
        yield "sum exactly at", {first: at}, True
        if at - step(probe, first, at) >= 0:
            yield "sum just below", {first: at - step(probe, first, at)}, False


def _count_cases(params: dict, probe: Probe):
    items = probe.value_at(params["path"]) or []
    where = params.get("where")
    if where:
        items = [i for i in items if isinstance(i, dict) and i.get(where["field"]) in where["in"]]
    if not items:
        return
    distinct = params.get("distinct")

    def make(n: int) -> list:
        made = [items[i % len(items)] for i in range(n)]
        if distinct:  # each one a different name, so every one counts
            made = [_renamed(item, distinct, f"{_within_item(item, distinct)} {i + 1}") for i, item in enumerate(made)]
        return made

    yield "exactly at", {params["path"]: make(params["value"])}, True
    yield "one short", {params["path"]: make(params["value"] - 1)}, False
    if distinct and params["value"] >= 2:
        twice = make(params["value"])
        yield "at the count, one listed twice", {params["path"]: [*twice[:-1], twice[0]]}, False
    others = (
        [v for v in probe.field_at(f"{params['path']}/0/{where['field']}").get("enum", []) if v not in where["in"]]
        if where
        else []
    )
    if others:  # an item of another kind does not count
        other = {**items[0], where["field"]: others[0]}
        yield "one short, plus one of another kind", {params["path"]: [*make(params["value"] - 1), other]}, False


def _share_cases(params: dict, probe: Probe):
    whole = probe.value_at(params["whole"]) or 100
    at = math.ceil(whole * params["value"] / 100)
    yield "exactly at", {params["part"]: at}, True
    if at >= 1:
        yield "one short", {params["part"]: at - 1}, False
    if params.get("within"):
        yield "part above its whole", {params["part"]: whole + 1}, False
        if params["value"] > 0:
            yield "none of the whole", {params["part"]: 0, params["whole"]: 0}, False


def _ratio_cases(params: dict, probe: Probe):
    per = probe.value_at(params["per"]) or 10
    yield "lowest ratio", {params["count"]: per * params["min"]}, True
    yield "below lowest", {params["count"]: math.ceil(per * params["min"]) - 1}, False
    yield "highest ratio", {params["count"]: per * params["max"]}, True
    yield "above highest", {params["count"]: math.floor(per * params["max"]) + 1}, False


# ---- itemised rows --------------------------------------------------------------------------


def _average_cases(params: dict, probe: Probe):
    rows = probe.value_at(params["items"]) or []
    chosen = latest_rows(rows, params.get("last", len(rows)))
    if len(chosen) < params.get("last", len(rows)) or not chosen:
        return
    at = {f"{params['items']}/{i}/{params['field']}": params["value"] for i, _ in chosen}
    yield "average exactly at", at, True
    last_index = chosen[-1][0]
    yield "average just below", {**at, f"{params['items']}/{last_index}/{params['field']}": params["value"] - 1}, False
    whole = chosen[-1][1].get(params.get("within"))
    if _is_number(whole) and whole >= params["value"]:
        above = f"{params['items']}/{last_index}/{params['field']}"
        yield "其中 figure above its row's whole", {**at, above: whole + 1}, False


def _each_cases(params: dict, probe: Probe):
    rows = probe.value_at(params["items"]) or []
    if rows:
        at = {f"{params['items']}/{i}/{params['field']}": params["value"] for i in range(len(rows))}
        yield "every row exactly at", at, True
        yield "one row one short", {**at, f"{params['items']}/{len(rows) - 1}/{params['field']}": params["value"] - 1}, False
        whole = rows[0].get(params.get("within")) if isinstance(rows[0], dict) else None
        if _is_number(whole) and whole + 1 >= params["value"]:
            yield "a row above its whole", {**at, f"{params['items']}/0/{params['field']}": whole + 1}, False


def _rows_share_cases(params: dict, probe: Probe):
    rows = probe.value_at(params["items"]) or []
    wholes = [r.get(params["whole"]) for r in rows if isinstance(r, dict)]
    if not rows or not all(_is_number(w) for w in wholes) or not sum(wholes):
        return
    at = math.ceil(sum(wholes) * params["value"] / 100)
    edits = {f"{params['items']}/{i}/{params['part']}": 0 for i in range(len(rows))}
    first = f"{params['items']}/0/{params['part']}"
    if at <= wholes[0]:
        yield "share exactly at", {**edits, first: at}, True
        if at >= 1:
            yield "share one short", {**edits, first: at - 1}, False


def _agree_cases(params: dict, probe: Probe):
    rows = probe.value_at(params["items"]) or []
    values = [r.get(params["field"]) for r in rows if isinstance(r, dict)]
    if rows and all(_is_number(v) for v in values):
        computed = sum(values) if params.get("how", "sum") == "sum" else min(values)
        yield "total equal to the rows", {params["total"]: computed}, True
        yield "total one more than the rows", {params["total"]: computed + 1}, False


def _years_cases(params: dict, probe: Probe):
    on = probe.value_at(params["on"])
    rows = probe.value_at(params["items"]) or []
    if isinstance(on, str) and on[:4].isdigit() and rows:
        year = int(on[:4])
        at = {f"{params['items']}/{i}/year": year - params["last"] + i % params["last"] for i in range(len(rows))}
        yield "rows in the years before", at, True
        yield "a row in the application year", {**at, f"{params['items']}/{len(rows) - 1}/year": year}, False
        yield "a row one year too early", {**at, f"{params['items']}/0/year": year - params["last"] - 1}, False
        if params.get("distinct") and 1 < len(rows) <= params["last"]:
            yield "two rows for the same year", {**at, f"{params['items']}/1/year": at[f"{params['items']}/0/year"]}, False


# ---- chosen values --------------------------------------------------------------------------


def _other_value(params: dict, probe: Probe) -> str | None:
    field = probe.field_at(params["path"])
    options = field.get("enum") or (field.get("items") or {}).get("enum") or []
    return next((v for v in options if v not in params["values"]), None)


def _any_cases(params: dict, probe: Probe):
    yield "one listed value", {params["path"]: [params["values"][0]]}, True
    other = _other_value(params, probe)
    yield "no listed value", {params["path"]: [other] if other else []}, False


def _all_cases(params: dict, probe: Probe):
    yield "every listed value", {params["path"]: list(params["values"])}, True
    yield "one listed value missing", {params["path"]: list(params["values"][1:])}, False


def _one_cases(params: dict, probe: Probe):
    yield "a listed value", {params["path"]: params["values"][0]}, True
    other = _other_value(params, probe)
    if other is not None:
        yield "another value", {params["path"]: other}, False


# ---- who applies ----------------------------------------------------------------------------


def _flip_check(value: str) -> str:
    return value[:-1] + ("0" if value[-1] != "0" else "1")


def _code_cases(problem):
    def cases(params: dict, probe: Probe):
        value = probe.value_at(params["path"])
        if isinstance(value, str) and problem(value) is None:
            yield "a valid number", {params["path"]: value}, True
            yield "the check character changed", {params["path"]: _flip_check(value)}, False

    return cases


def _template_cases(params: dict, probe: Probe):
    fields = {p: probe.value_at(p) for p in TEMPLATE_FIELD.findall(params["template"])}
    if all(isinstance(v, str) and v for v in fields.values()):
        expected = TEMPLATE_FIELD.sub(lambda m: fields[m[1]], params["template"])
        yield "the filled template", {params["path"]: expected}, True
        yield "the filled template with a suffix", {params["path"]: expected + "一"}, False


def _born(on: str, years: int, days: int) -> str | None:
    day = dt.date.fromisoformat(on)
    if day.month == 2 and day.day == 29:
        return None
    return (day.replace(year=day.year - years) + dt.timedelta(days=days)).isoformat()


def _with_birth(params: dict, probe: Probe, birth: str) -> dict[str, object]:
    edits = {params["birth"]: birth}
    number_at = probe.value_at(params["id"]) if "id" in params else None
    if isinstance(number_at, str) and resident_id_problem(number_at) is None:
        edits[params["id"]] = resident_id_with_birth_date(number_at, birth)
    return edits


def _age_cases(params: dict, probe: Probe):
    on = probe.value_at(params["on"])
    if isinstance(on, str) and parse_date(on) and len(on) == 10:
        oldest, too_old = _born(on, params["value"] + 1, 1), _born(on, params["value"] + 1, 0)
        if oldest and too_old:
            yield "oldest allowed", _with_birth(params, probe, oldest), True
            yield "one day too old", _with_birth(params, probe, too_old), False
            number_at = probe.value_at(params["id"]) if "id" in params else None
            if isinstance(number_at, str) and resident_id_problem(number_at) is None:  # the ID's date decides
                yield (
                    "typed date young, ID one day too old",
                    {
                        params["birth"]: oldest,
                        params["id"]: resident_id_with_birth_date(number_at, too_old),
                    },
                    False,
                )


def _birth_cases(params: dict, probe: Probe):
    number_at, typed = probe.value_at(params["id"]), probe.value_at(params["birth"])
    if isinstance(number_at, str) and resident_id_problem(number_at) is None and isinstance(typed, str):
        birth = resident_id_birth_date(number_at)[: len(typed)]
        yield "the ID's birth date", {params["birth"]: birth}, True
        later = (dt.date.fromisoformat(resident_id_birth_date(number_at)) + dt.timedelta(days=40)).isoformat()
        yield "another birth date", {params["birth"]: later[: len(typed)]}, False


# ---- combinators and the table --------------------------------------------------------------


@dataclass(frozen=True)
class BoundaryCase:
    """Edits ``{pointer: value}`` to a valid application, and whether the check then passes."""

    label: str
    edits: dict
    passes: bool
    kinds: frozenset[str]  # the kinds whose boundary this case tests
    reads: frozenset[str]  # what the deciding checks read


def boundary_cases(check: dict, probe: Probe) -> Iterator[BoundaryCase]:
    """Cases around the thresholds of a check, for an application that meets it."""
    ((kind, params),) = check.items()
    if kind == "all_of":  # one failing part fails the whole; a passing part keeps it passing
        for sub in params:
            for case in boundary_cases(sub, probe):
                yield BoundaryCase(case.label, case.edits, case.passes, case.kinds | {"all_of"}, case.reads)
        return
    if kind == "any_of":
        yield from _any_of_cases(params, probe)
        return
    reads = frozenset(read_pointers(check))
    for label, edits, passes in BOUNDARIES[kind](params, probe):
        yield BoundaryCase(label, edits, passes, frozenset({kind}), reads)


def _any_of_cases(params: list, probe: Probe) -> Iterator[BoundaryCase]:
    for sub in params:  # a simple alternative met meets the whole
        if not isinstance(next(iter(sub.values())), list):
            yield from (case for case in boundary_cases(sub, probe) if case.passes)
    edits, reads, kinds, labels = {}, set(), {"any_of"}, []
    for sub in params:  # every alternative failed, by edits that leave the others' failures alone
        choice = next(
            (
                case
                for case in boundary_cases(sub, probe)
                if not case.passes and not (set(case.edits) & reads) and not (set(edits) & case.reads)
            ),
            None,
        )
        if choice is None:
            return
        edits.update(choice.edits)
        reads |= choice.reads
        kinds |= choice.kinds
        labels.append(choice.label)
    yield BoundaryCase("every alternative failed: " + "; ".join(labels), edits, False, frozenset(kinds), frozenset(reads))


BOUNDARIES: dict[str, Callable[[dict, Probe], Iterator[Case]]] = {
    "at_least": _threshold_cases(True),
    "at_most": _threshold_cases(False),
    "sum_at_least": _sum_cases,
    "count_at_least": _count_cases,
    "share_at_least": _share_cases,
    "ratio_between": _ratio_cases,
    "average_at_least": _average_cases,
    "each_at_least": _each_cases,
    "rows_share_at_least": _rows_share_cases,
    "rows_agree": _agree_cases,
    "years_within": _years_cases,
    "includes_any": _any_cases,
    "includes_all": _all_cases,
    "one_of_values": _one_cases,
    "resident_id": _code_cases(resident_id_problem),
    "credit_code": _code_cases(credit_code_problem),
    "matches_template": _template_cases,
    "age_at_most": _age_cases,
    "birth_matches_id": _birth_cases,
}
