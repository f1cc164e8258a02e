"""Worked cases: every example application with the findings it must produce.

Each ``examples/<program id>/<name>.json`` (downloadable from the site) has a
``<name>.yaml`` beside it: a full-sentence ``name``, the ``as_of`` date and the expected
``output``: exit code and the exact findings (rule, path, severity) in the order the check
gives them: errors, warnings, reviews, each in the form's field order.
"""

from __future__ import annotations

import json

import pytest
import yaml

from generator.core import check
from tests.conftest import EXAMPLES

CASES = sorted(EXAMPLES.glob("*/*/*.yaml"))


def _program(case) -> str:
    return f"{case.parent.parent.name}/{case.parent.name}"


@pytest.mark.parametrize("case", CASES, ids=lambda case: f"{_program(case)}/{case.stem}")
def test_example_gives_exactly_its_expected_findings(case, catalog):
    spec = yaml.safe_load(case.read_text("utf-8"))
    application = json.loads(case.with_suffix(".json").read_text("utf-8"))
    result = check(catalog, _program(case), application, as_of=spec["as_of"])
    got = [(f.rule, f.path, f.severity) for f in result.findings]
    want = [(f["rule"], f["path"], f["severity"]) for f in spec["output"]["findings"]]
    assert sorted(got) == sorted(want), spec["name"]
    assert got == want, f"{spec['name']}: the findings are right but not in the form's order"
    assert (1 if result.has_errors else 0) == spec["output"]["exit_code"]


def test_every_program_has_a_valid_and_an_invalid_example(catalog):
    for program_id in catalog["programs"]:
        names = [p.stem for p in (EXAMPLES / program_id).glob("*.json")]
        assert any("invalid" in n for n in names), f"{program_id}: no invalid example"
        assert any("valid" in n and "invalid" not in n for n in names), f"{program_id}: no valid example"


def test_every_example_has_its_expectation():
    for application in EXAMPLES.glob("*/*/*.json"):
        assert application.with_suffix(".yaml").is_file(), f"{application} has no expectation file beside it"
