"""Every rule of every program, exactly at and just past what it requires.

The cases come from the rule-kind records (``Kind.boundaries`` in generator/core/kinds/): for
each rule with a check, edits to the program's valid example put it exactly at the threshold
(以上/以下/不少于/不低于/以内 include it, so it passes) and just past it (it fails). Nothing is
written per program or per rule: adding a rule adds its cases, and adding a kind without
boundary cases fails ``test_every_kind_has_boundary_cases``.
"""

from __future__ import annotations

import copy
import json

import pytest

from generator.core import check
from generator.core._reader import Reader
from generator.core.kinds import KINDS, Probe, boundary_cases
from generator.core.pointers import split_pointer
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


def _get(document: dict, pointer: str):
    node = document
    for token in split_pointer(pointer):
        try:
            node = node[int(token)] if isinstance(node, list) else node[token]
        except (KeyError, IndexError, ValueError, TypeError):
            return None
    return node


def _valid_examples():
    for program_id in sorted(CATALOG["programs"]):
        for path in sorted((EXAMPLES / program_id).glob("valid*.json")):
            yield program_id, path


def _cases():
    for program_id, path in _valid_examples():
        base = json.loads(path.read_text("utf-8"))
        schema = application_schema(CATALOG, program_id)
        probe = Probe(lambda p, base=base: copy.deepcopy(_get(base, p)), lambda p, schema=schema: field_at(schema, p) or {})
        for rule in CATALOG["programs"][program_id]["all_rules"]:
            if "check" not in rule:
                continue
            if "when" in rule and not condition_holds(Reader(base, lambda p: {"zh": p, "en": p}), rule["when"]):
                continue
            for case in boundary_cases(rule["check"], probe):
                document = copy.deepcopy(base)
                for pointer, value in case.edits.items():
                    _set(document, pointer, copy.deepcopy(value))
                yield pytest.param(
                    program_id,
                    rule["full_id"],
                    document,
                    case.passes,
                    case.kinds,
                    id=f"{path.stem}:{rule['full_id']}:{case.label}",
                )


CASES = list(_cases())


@pytest.mark.parametrize(("program_id", "rule_id", "document", "passes", "kinds"), CASES)
def test_rule_boundary(program_id, rule_id, document, passes, kinds):
    result = check(CATALOG, program_id, document, as_of=document.get("application_date") or "2025-03-15")
    fired = [f for f in result.findings if f.rule == rule_id]
    if passes:
        assert fired == [], [f.message["en"] for f in fired]
    else:
        expected = {"advisory": "warning", "review": "review"}.get(_rule(program_id, rule_id)["severity"], "error")
        assert {f.severity for f in fired} == {expected}, [(f.severity, f.message["en"]) for f in fired]


def _rule(program_id: str, rule_id: str) -> dict:
    return next(r for r in CATALOG["programs"][program_id]["all_rules"] if r["full_id"] == rule_id)


def test_every_kind_has_boundary_cases():
    """Each kind's record yields cases on some program's valid example (a kind no program uses
    is dead vocabulary and fails here too)."""
    covered = set().union(*(case.values[4] for case in CASES))
    assert covered == set(KINDS), f"kinds without a boundary case: {sorted(set(KINDS) - covered)}"


def test_every_rule_with_a_check_has_boundary_cases_in_some_valid_example():
    covered = {case.values[1] for case in CASES}
    rules = {
        rule["full_id"]
        for program_id, _ in _valid_examples()
        for rule in CATALOG["programs"][program_id]["all_rules"]
        if "check" in rule and "when" not in rule
    }
    assert rules - covered == set()
