"""The checking pipeline as a newcomer reads it: one way, findings made once, one home per concept.

inputs → schema findings → rule findings → one merge → reporters (generator/core/engine.py);
pointers escaped by RFC 6901 everywhere; a rule's ``when`` defined once for the runtime test
and the schema's ``if``; no import cycle, no private module used from outside its package.
"""

from __future__ import annotations

import ast
import copy
import dataclasses
from pathlib import Path

import jsonschema
import pytest

import generator
from generator.core._reader import MISSING, Reader
from generator.core.engine import check, findings_of_rules
from generator.core.pointers import join_pointer, split_pointer
from generator.core.reads import matches_pattern
from generator.core.schema import field_at, form_position, label_of
from generator.core.when import applies, schema_condition

# --- pointers: a key may hold "/" and "~" (RFC 6901 writes them ~1 and ~0) ----------------------

ODD = "a/b~c"  # a property name holding both characters an unescaped split gets wrong
SCHEMA = {
    "type": "object",
    "properties": {
        "first": {"type": "string", "x-title": {"zh": "首项", "en": "First"}},
        ODD: {
            "type": "array",
            "x-title": {"zh": "行", "en": "Rows"},
            "items": {"type": "object", "properties": {"x~y": {"type": "integer", "x-title": {"zh": "甲", "en": "A"}}}},
        },
    },
}


def test_a_key_holding_slash_and_tilde_is_read_by_every_pointer_reader():
    pointer = join_pointer([ODD, 0, "x~y"])
    assert pointer == "/a~1b~0c/0/x~0y" and split_pointer(pointer) == [ODD, "0", "x~y"]
    assert field_at(SCHEMA, pointer)["x-title"] == {"zh": "甲", "en": "A"}
    assert label_of(SCHEMA, pointer) == {"zh": "甲（第 1 项）", "en": "A (item 1)"}
    assert label_of(SCHEMA, join_pointer([ODD])) == {"zh": "行", "en": "Rows"}
    assert form_position(SCHEMA, join_pointer([ODD])) > form_position(SCHEMA, "/first")
    assert Reader({ODD: [{"x~y": 5}]}, lambda p: {}).get(pointer) == 5
    assert matches_pattern(join_pointer([ODD, "*", "x~y"]), pointer)
    assert not matches_pattern(join_pointer([ODD, "*", "x~y"]), join_pointer(["a", "b~c", "0", "x~y"]))


def test_a_rule_about_a_key_holding_slash_and_tilde_names_its_field():
    catalog = {"programs": {"p": {"all_rules": [_rule({"at_least": {"path": join_pointer([ODD, 0, "x~y"]), "value": 9}})]}}}
    (finding,), _ = findings_of_rules(catalog, "p", SCHEMA, {ODD: [{"x~y": 5}]}, (), "2025-01-01")
    assert finding.path == "/a~1b~0c/0/x~0y" and finding.label == {"zh": "甲（第 1 项）", "en": "A (item 1)"}
    assert "“A (item 1)” is 5" in finding.message["en"]


# --- findings: immutable values, each made once ----------------------------------------------


def _rule(test: dict, **more) -> dict:
    return {
        "full_id": "p/r",
        "severity": "error",
        "cite": None,
        "text": {"zh": "规则", "en": "rule"},
        "check": test,
        **more,
    }


def test_each_finding_is_made_once_with_its_own_trail_and_label():
    both = {"all_of": [{"at_least": {"path": "/first", "value": 2}}, {"at_least": {"path": "/second", "value": 2}}]}
    schema = {"type": "object", "properties": {"first": {"type": "integer"}, "second": {"type": "integer"}}}
    catalog = {"programs": {"p": {"all_rules": [_rule(both)]}}}
    findings, passed = findings_of_rules(catalog, "p", schema, {"first": 1, "second": 1}, (), "2025-01-01")
    assert [f.path for f in findings] == ["/first", "/second"] and passed == []
    assert findings[0].trail is not findings[1].trail  # not one dict shared by all of a rule's findings
    assert all(f.label is not None for f in findings)  # set when made, not patched on by the caller
    with pytest.raises(dataclasses.FrozenInstanceError):
        findings[0].label = {"zh": "改", "en": "changed"}


def test_a_check_returns_findings_nobody_can_change(catalog):
    result = check(catalog, "cn-nm-hohhot/master-studio", {}, as_of="2025-03-15")
    assert result.findings
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.findings[0].trail = {}
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.findings = []


# --- when: one definition, the runtime test and the schema's ``if`` ----------------------------


def _with(document: dict, pointer: str, value: object) -> dict:
    document = copy.deepcopy(document)
    *parents, last = split_pointer(pointer)
    node = document
    for token in parents:
        node = node.setdefault(token, {})
    if value is not MISSING:
        node[last] = value
    return document


def test_a_rules_when_decides_alike_at_run_time_and_in_the_schema(catalog):
    conditions = [rule["when"] for program in catalog["programs"].values() for rule in program["all_rules"] if "when" in rule] + [
        {"path": "/a/b", "present": True},
        {"path": "/k", "in": ["x", "y"]},
    ]
    seen = 0
    for when in conditions:
        condition = jsonschema.Draft202012Validator(schema_condition(when))
        for value in [*when.get("in", []), "not-listed", None, 0, False, [], {}, MISSING]:
            document = _with({}, when["path"], value)
            assert applies(Reader(document, lambda p: {}), when) is condition.is_valid(document), (when, value)
            seen += 1
    assert seen > 50


# --- modules: one way, no cycle, nothing private used from outside -----------------------------

ROOT = Path(generator.__file__).parent


def _module(path: Path) -> str:
    parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports() -> dict[str, set[str]]:
    """Every generator module's imports of generator modules (inside functions too)."""
    graph = {}
    for path in sorted(ROOT.rglob("*.py")):
        found = set()
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("generator"):
                for alias in node.names:
                    name = f"{node.module}.{alias.name}"
                    is_module = (ROOT.parent / f"{name.replace('.', '/')}.py").exists()
                    found.add(name if is_module or (ROOT.parent / name.replace(".", "/")).is_dir() else node.module)
        graph[_module(path)] = found
    return graph


def test_no_private_module_is_imported_from_outside_its_package():
    wrong = []
    for importer, imported in _imports().items():
        for name in imported:
            tokens = name.split(".")
            for index, token in enumerate(tokens):
                owner = ".".join(tokens[:index])
                if token.startswith("_") and not token.startswith("__") and not f"{importer}.".startswith(f"{owner}."):
                    wrong.append(f"{importer} imports {name}")
    assert wrong == []


def test_the_generator_has_no_import_cycle():
    graph = _imports()
    state: dict[str, str] = {}

    def visit(module: str, path: list[str]) -> None:
        state[module] = "open"
        for name in sorted(graph.get(module, ())):
            if name == module or module.startswith(f"{name}."):  # a package's own __init__
                continue
            assert state.get(name) != "open", " → ".join([*path, module, name])
            if name in graph and name not in state:
                visit(name, [*path, module])
        state[module] = "done"

    for module in graph:
        if module not in state:
            visit(module, [])


def test_checking_flows_one_way():
    """The engine uses the findings, the verdict and the compiled program; none of them, nor
    the kinds, the reads or the schema, uses the engine; the verdict's wording stands alone."""
    graph = _imports()
    for module in ("findings", "verdict", "compiled", "reads", "when", "schema", "_required", "kinds", "severity"):
        assert "generator.core.engine" not in graph[f"generator.core.{module}"], module
    assert not {name for name in graph["generator.core.verdict"] if name.startswith("generator.")}
    assert {"generator.core.findings", "generator.core.compiled"} <= graph["generator.core.engine"]
    assert "generator.core.rules" not in graph  # no second import path for the same names
