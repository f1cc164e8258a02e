"""Every threshold of every program, exactly at and just past the stated number.

For each rule whose check is a threshold kind, two documents are derived from the program's
valid example: one exactly at the threshold (以上/以下/不少于/不低于/以内 include it, so it
passes) and one just past it (it fails). Nothing is hard-coded per program: adding a rule
adds its cases.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import math

import pytest

from generator.core import check
from generator.core._reader import Reader, split_pointer
from generator.core.rules import condition_holds
from generator.core.schema import application_schema, field_at
from generator.definitions import load_corpus
from generator.definitions.catalog import build_catalog
from tests.conftest import EXAMPLES, POLICIES

CATALOG = build_catalog(load_corpus(POLICIES, check_sources=False))


def _set(document: dict, pointer: str, value) -> None:
    *parents, last = split_pointer(pointer)
    node = document
    for token in parents:
        node = node[int(token)] if isinstance(node, list) else node.setdefault(token, {})
    if isinstance(node, list):
        node[int(last)] = value
    else:
        node[last] = value


def _get(document: dict, pointer: str, default=None):
    node = document
    for token in split_pointer(pointer):
        try:
            node = node[int(token)] if isinstance(node, list) else node[token]
        except (KeyError, IndexError, ValueError, TypeError):
            return default
    return node


def _step(schema: dict, pointer: str, value) -> float:
    field = field_at(schema, pointer) or {}
    return 1 if field.get("type") == "integer" or (isinstance(value, int) and field.get("type") != "number") else 0.01


def _variants(kind: str, params: dict, base: dict, schema: dict):
    """``(label, document, passes)`` around the threshold of one check."""

    def with_(pointer, value):
        document = copy.deepcopy(base)
        _set(document, pointer, value)
        return document

    if kind in ("at_least", "at_most"):
        value, step = params["value"], _step(schema, params["path"], params["value"])
        past = value - step if kind == "at_least" else value + step
        beyond = value + step if kind == "at_least" else value - step
        if params.get("exclusive"):
            yield "at (exclusive)", with_(params["path"], value), False
            yield "just inside", with_(params["path"], beyond), True
        else:
            yield "exactly at", with_(params["path"], value), True
            yield "just past", with_(params["path"], past), False
    elif kind == "count_at_least":
        items = _get(base, params["path"]) or []
        if items:
            make = lambda n: [copy.deepcopy(items[i % len(items)]) for i in range(n)]  # noqa: E731
            yield "exactly at", with_(params["path"], make(params["value"])), True
            yield "one short", with_(params["path"], make(params["value"] - 1)), False
    elif kind == "share_at_least":
        whole = _get(base, params["whole"]) or 100
        at = math.ceil(whole * params["value"] / 100)
        yield "exactly at", with_(params["part"], at), True
        if at >= 1:
            yield "one short", with_(params["part"], at - 1), False
    elif kind == "ratio_between":
        per = _get(base, params["per"]) or 10
        for label, count, passes in (
            ("lowest ratio", per * params["min"], True),
            ("below lowest", math.ceil(per * params["min"]) - 1, False),
            ("highest ratio", per * params["max"], True),
            ("above highest", math.floor(per * params["max"]) + 1, False),
        ):
            yield label, with_(params["count"], count), passes
    elif kind == "average_at_least":
        records = _get(base, params["items"]) or []
        last = params.get("last", len(records))
        if len(records) >= last:
            document = copy.deepcopy(base)
            chosen = sorted(_get(document, params["items"]), key=lambda r: r.get("year", 0))[-last:]
            for record in chosen:
                record[params["field"]] = params["value"]
            yield "average exactly at", document, True
            short = copy.deepcopy(document)
            sorted(_get(short, params["items"]), key=lambda r: r.get("year", 0))[-1][params["field"]] -= 1
            yield "average just below", short, False
    elif kind == "age_at_most":
        on = _get(base, params["on"])
        if isinstance(on, str) and len(on) == 10:
            day = dt.date.fromisoformat(on)
            born = day.replace(year=day.year - params["value"] - 1) if not (day.month == 2 and day.day == 29) else None
            if born:
                yield "oldest allowed", with_(params["birth"], (born + dt.timedelta(days=1)).isoformat()), True
                yield "one day too old", with_(params["birth"], born.isoformat()), False


def _cases():
    for program_id, program in sorted(CATALOG["programs"].items()):
        valid = sorted((EXAMPLES / program_id).glob("valid*.json"))
        if not valid:
            continue
        base = json.loads(valid[0].read_text("utf-8"))
        schema = application_schema(CATALOG, program_id)
        for rule in program["all_rules"]:
            if "check" not in rule:
                continue
            ((kind, params),) = rule["check"].items()
            if not isinstance(params, dict):
                continue
            if "when" in rule and not condition_holds(Reader(base, lambda p: {"zh": p, "en": p}), rule["when"]):
                continue
            for label, document, passes in _variants(kind, params, base, schema):
                yield pytest.param(program_id, rule["full_id"], document, passes, id=f"{rule['full_id']}:{label}")


CASES = list(_cases())


@pytest.mark.parametrize(("program_id", "rule_id", "document", "passes"), CASES)
def test_threshold_boundary(program_id, rule_id, document, passes):
    result = check(CATALOG, program_id, document, as_of=document.get("application_date") or "2025-03-15")
    fired = [f for f in result.findings if f.rule == rule_id and f.severity in ("error", "warning")]
    assert (not fired) is passes, [f.message["en"] for f in fired]


def test_boundaries_cover_the_threshold_rules_of_programs_with_examples():
    covered = {case.values[1] for case in CASES}
    assert "cn-nm-hohhot/master-studio/host-fund-share" in covered
