"""Tests written against the mutants of the rule engine that survived the fast tests (issue 21).

Each test pins one behaviour a surviving mutant changed without any test noticing: a dated
rule's end, an exclusive limit, rows taken by year rather than position, the row filter a
count makes the form require, the zero-denominator guards, a rule's ``when`` in deciding what
the form requires, and the depth scan of the JSON reader. ``make mutation`` runs them with the
other fast tests.
"""

from __future__ import annotations

import json

import pytest

from generator.core._reader import Reader
from generator.core.engine import _requiring_rules, in_force
from generator.core.inputs import MAX_DEPTH, parse_application
from generator.core.kinds import leaf_needs
from generator.core.rules import Undecided, run_check
from generator.errors import UnusableInputError


def _run(check, application):
    return list(run_check(Reader(application, lambda pointer: {"zh": pointer, "en": pointer}), check))


@pytest.mark.parametrize(
    ("item", "on", "applies"),
    [
        ({"until": "2025-12-31"}, "2025-12-31", True),  # both ends inclusive
        ({"until": "2025-12-31"}, "2026-01-01", False),
        ({"effective": "2025-01-01"}, "2024-12-31", False),
        ({"effective": "2025-01-01"}, "2025-01-01", True),
        ({"effective": "2025-01-01", "until": "2025-06-30"}, "2025-07-01", False),
        ({"effective": None, "until": None}, "2030-01-01", True),
        ({"until": "2020-01-01"}, None, True),  # no date: every version applies
    ],
)
def test_in_force_honours_both_ends(item, on, applies):
    assert in_force(item, on) is applies


@pytest.mark.parametrize(("value", "fails"), [(5, True), (4.99, False), (5.01, True)])
def test_an_exclusive_at_most_fails_at_the_limit(value, fails):
    messages = _run({"at_most": {"path": "/n", "value": 5, "exclusive": True}}, {"n": value})
    assert bool(messages) is fails
    assert not fails or ("less than 5" in messages[0].en and "低于 5" in messages[0].zh)


def test_at_least_exclusive_message_says_more_than():
    (message,) = _run({"at_least": {"path": "/n", "value": 5, "exclusive": True}}, {"n": 5})
    assert "more than 5" in message.en and "高于 5" in message.zh


def test_the_latest_rows_are_taken_by_year_not_by_position():
    check = {"average_at_least": {"items": "/t", "field": "n", "last": 1, "value": 3000, "name": {"zh": "年", "en": "yr"}}}
    rows = [{"year": 2024, "n": 3000}, {"year": 2022, "n": 0}, {"year": 2023, "n": 10}]
    assert _run(check, {"t": rows}) == []
    rows[0]["n"] = 2999
    (message,) = _run(check, {"t": rows})
    assert "2999" in message.en


def test_rows_without_a_year_are_not_among_the_latest():
    check = {"average_at_least": {"items": "/t", "field": "n", "last": 2, "value": 10, "name": {"zh": "年", "en": "yr"}}}
    rows = [{"year": 2023, "n": 10}, {"n": 0}, {"year": "2024", "n": 0}, {"year": 2024, "n": 10}]
    assert _run(check, {"t": rows}) == []


def test_a_count_with_a_row_filter_makes_the_form_require_the_filtered_field():
    params = {"path": "/p", "value": 3, "where": {"field": "kind", "in": ["enterprise"]}}
    assert leaf_needs("count_at_least", params) == {("/p", 0), ("/p/*/kind", 0)}
    assert leaf_needs("count_at_least", {"path": "/p", "value": 3}) == {("/p", 0)}


def test_rows_read_by_a_kind_are_required_with_their_fields():
    params = {"items": "/t", "field": "n", "last": 3, "value": 1, "name": {"zh": "年", "en": "yr"}}
    assert leaf_needs("average_at_least", params) == {("/t", 3), ("/t/*/n", 0), ("/t/*/year", 0)}
    assert leaf_needs("each_at_least", {"items": "/t", "field": "n", "value": 1}) == {("/t", 1), ("/t/*/n", 0)}


def test_a_share_of_nothing_is_undecided_at_the_whole():
    (message,) = _run({"share_at_least": {"part": "/p", "whole": "/w", "value": 20}}, {"p": 0, "w": 0})
    assert isinstance(message, Undecided) and message.path == "/w"
    assert "is 0" in message.en and "为 0" in message.zh


def test_a_ratio_per_none_is_an_error_at_the_denominator():
    check = {"ratio_between": {"per": "/t", "count": "/s", "min": 16, "max": 20, "name": {"zh": "师生比", "en": "ratio"}}}
    (message,) = _run(check, {"t": 0, "s": 100})
    assert not isinstance(message, Undecided) and message.path == "/t" and "is 0" in message.en


def test_a_rule_requires_its_data_only_when_it_applies():
    rule = {
        "full_id": "p/r",
        "severity": "requirement",
        "when": {"path": "/category", "in": ["existing"]},
        "check": {"at_least": {"path": "/n", "value": 1}},
    }
    plain = {"full_id": "p/s", "severity": "requirement", "check": {"at_least": {"path": "/m", "value": 1}}}
    program = {"all_rules": [rule, plain]}
    assert _requiring_rules(program, {"category": "new"}, "/n") == []
    assert _requiring_rules(program, {}, "/n") == []
    assert _requiring_rules(program, {"category": "existing"}, "/n") == [rule]
    assert _requiring_rules(program, {"category": "new"}, "/m") == [plain]
    assert _requiring_rules(program, {"category": "existing"}, "/other") == []


def _nested(depth: int, inside: str = "1") -> str:
    return '{"a":' * depth + inside + "}" * depth


@pytest.mark.parametrize(("depth", "refused"), [(MAX_DEPTH, False), (MAX_DEPTH + 1, True)])
def test_the_depth_limit_is_exact(depth, refused):
    text = _nested(depth)
    if refused:
        with pytest.raises(UnusableInputError, match=str(MAX_DEPTH)):
            parse_application(text)
    else:
        assert isinstance(parse_application(text), dict)


def test_brackets_inside_strings_and_closed_ones_do_not_count_towards_the_depth():
    many_closed = "[" + ",".join(["[]"] * (MAX_DEPTH * 2)) + "]"
    assert isinstance(parse_application('{"a": ' + many_closed + "}"), dict)
    in_strings = json.dumps({"text": "[" * (MAX_DEPTH * 2) + '\\"{' * MAX_DEPTH})
    assert isinstance(parse_application(in_strings), dict)
    escaped_quote = '{"a": "\\"[[[", "b": ' + _nested(MAX_DEPTH - 1) + "}"
    assert isinstance(parse_application(escaped_quote), dict)
