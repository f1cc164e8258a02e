"""No false pass: the data every rule reads is required whenever the rule applies.

Walks every rule with a check of every program: take a valid example where the rule
applies, remove what the rule reads, and the application must get an error finding at
that field (or at the object that holds it, when the whole object is gone), never a
"cannot be decided" review and never 0 errors.
"""

from __future__ import annotations

import copy
import json

import pytest

from generator.core import check
from generator.core._reader import Reader
from generator.core.pointers import split_pointer
from generator.core.reads import rules_reading
from generator.core.schema import application_schema, label_of
from generator.core.when import applies
from tests.conftest import EXAMPLES

AS_OF = "2025-03-15"


def _valid_examples(program_id: str) -> list[dict]:
    paths = sorted(p for p in (EXAMPLES / program_id).glob("valid-*.json"))
    return [json.loads(p.read_text("utf-8")) for p in paths]


def _holds(application: dict, when: dict | None) -> bool:
    return when is None or applies(Reader(application, lambda _p: {}), when)


def _set(application: dict, pointer: str, value: object) -> None:
    *parents, last = split_pointer(pointer)
    node = application
    for token in parents:
        node = node.setdefault(token, {})
    node[last] = value


def _remove(node: object, tokens: list[str]) -> None:
    """Delete the value at ``tokens`` (``*``: from every item of the array)."""
    head, rest = tokens[0], tokens[1:]
    if head == "*":
        for item in node if isinstance(node, list) else []:
            _remove(item, rest) if rest else None
        return
    if not isinstance(node, dict) or head not in node:
        return
    if rest:
        _remove(node[head], rest)
    else:
        del node[head]


def _holds_value(node: object, tokens: list[str]) -> bool:
    """Whether the application has a value at ``tokens`` (``*``: in some item of the array)."""
    if not tokens:
        return True
    head, rest = tokens[0], tokens[1:]
    if head == "*":
        return isinstance(node, list) and any(_holds_value(item, rest) for item in node)
    return isinstance(node, dict) and head in node and _holds_value(node[head], rest)


def _application_where_rule_applies(program_id: str, when: dict | None) -> dict:
    examples = _valid_examples(program_id)
    applying = [a for a in examples if _holds(a, when)]
    if applying:
        return copy.deepcopy(applying[0])
    application = copy.deepcopy(examples[0])
    _set(application, when["path"], when["in"][0] if "in" in when else 1)
    return application


def _names_the_field(finding, pointer: str) -> bool:
    """The finding is at ``pointer`` (``*`` matching any index) or at a missing object holding it."""
    want, got = split_pointer(pointer), split_pointer(finding.path)
    if len(got) > len(want):
        return False
    return all(w == g or (w == "*" and g.isdigit()) for w, g in zip(want, got, strict=False))


def _cases(catalog):
    for program_id, program in sorted(catalog["programs"].items()):
        for rule, alternatives in rules_reading(program["all_rules"]):
            yield pytest.param(program_id, rule, alternatives, id=f"{program_id}:{rule['full_id']}")


def pytest_generate_tests(metafunc):
    if "rule" in metafunc.fixturenames:
        from generator.definitions import load_corpus
        from generator.definitions.catalog import build_catalog, site_url_from
        from tests.conftest import POLICIES, ROOT

        catalog = build_catalog(load_corpus(POLICIES), site_url=site_url_from(ROOT / "mkdocs.yml"))
        metafunc.parametrize(("program_id", "rule", "alternatives"), list(_cases(catalog)))


def test_removing_what_a_rule_reads_is_an_error_at_that_field(catalog, program_id, rule, alternatives):
    when = rule.get("when")
    base = _application_where_rule_applies(program_id, when)
    schema = application_schema(catalog, program_id)
    needs = sorted({need for alternative in alternatives for need in alternative})
    pointers = [pointer for pointer, _ in needs if not when or pointer != when["path"]]
    if not pointers:
        pytest.skip("the rule reads only the value that decides whether it applies")
    # one alternative: remove each value in turn; several (any_of): remove them all at once
    trials = [[p] for p in pointers] if len(alternatives) == 1 else [pointers]
    for removed in trials:
        application = copy.deepcopy(base)
        for pointer in removed:
            _remove(application, split_pointer(pointer))
        if not any(_holds_value(base, split_pointer(p)) for p in removed):
            continue  # the example does not hold this value (an optional alternative)
        result = check(catalog, program_id, application, as_of=AS_OF)
        errors = [f for f in result.findings if f.severity == "error"]
        ours = [f for f in errors if f.rule.startswith("schema/") or f.rule == rule["full_id"]]
        naming = [f for f in ours if any(_names_the_field(f, p) for p in removed)]
        assert naming, f"{rule['full_id']}: removing {removed} gives no error naming it: {[f.path for f in result.findings]}"
        for finding in naming:
            assert finding.label == label_of(schema, finding.path)
            assert finding.label["zh"] in finding.message["zh"] or finding.rule != "schema/required"
        undecided = [f for f in result.findings if f.rule == rule["full_id"] and f.severity == "review"]
        assert not undecided, f"{rule['full_id']}: still 'cannot be decided' beside the error: {undecided}"


def test_rows_a_rule_averages_over_are_required(catalog):
    """An existing base must give its training rows: none at all is an error, not a review."""
    (application,) = [a for a in _valid_examples("cn/training-base") if a.get("category") == "existing"]
    application = copy.deepcopy(application)
    application["training"] = []
    result = check(catalog, "cn/training-base", application, as_of=AS_OF)
    assert [f.rule for f in result.findings if f.path == "/training" and f.severity == "error"] == ["schema/minItems"]
    assert result.has_errors


def test_every_kind_that_reads_rows_says_which_row_fields_it_reads():
    """A rows kind's record must name its row fields (or read rows by year), or the form
    would not require them."""
    from generator.core.kinds import KINDS
    from generator.core.reads import leaf_needs

    for name, kind in KINDS.items():
        if kind.params and "items" in kind.params:
            params = {key: f"/{key}" if param.pointer else 1 for key, param in kind.params.items() if param.required}
            params.update({key: "x" for key, param in kind.params.items() if param.row_field})
            assert any("/*/" in pointer for pointer, _ in leaf_needs(name, params)), name
