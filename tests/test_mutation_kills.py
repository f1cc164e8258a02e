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
from generator.core.engine import in_force
from generator.core.inputs import MAX_DEPTH, parse_application
from generator.core.kinds import Undecided, evaluate
from generator.core.reads import leaf_needs, requiring_rules
from generator.errors import UnusableInputError


def _run(check, application):
    return list(evaluate(Reader(application, lambda pointer: {"zh": pointer, "en": pointer}), check))


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
        "severity": "error",
        "when": {"path": "/category", "in": ["existing"]},
        "check": {"at_least": {"path": "/n", "value": 1}},
    }
    plain = {"full_id": "p/s", "severity": "error", "check": {"at_least": {"path": "/m", "value": 1}}}
    program = {"all_rules": [rule, plain]}
    assert requiring_rules(program, {"category": "new"}, "/n") == []
    assert requiring_rules(program, {}, "/n") == []
    assert requiring_rules(program, {"category": "existing"}, "/n") == [rule]
    assert requiring_rules(program, {"category": "new"}, "/m") == [plain]
    assert requiring_rules(program, {"category": "existing"}, "/other") == []


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


# ---- inputs.py: each refusal, its exact words and position -------------------------------------


def _refusal(data) -> dict[str, str]:
    with pytest.raises(UnusableInputError) as caught:
        parse_application(data)
    return caught.value.bilingual()


def test_a_duplicate_key_is_named():
    message = _refusal('{"a": 1, "b": 2, "a": 3}')
    assert message == {
        "zh": "JSON 中字段“a”重复出现，请只保留一个",
        "en": "The key 'a' appears twice in an object: keep only one",
    }
    assert parse_application('{"a": {"a": 1}, "b": [{"a": 2}]}') == {"a": {"a": 1}, "b": [{"a": 2}]}


@pytest.mark.parametrize(
    ("text", "literal", "line", "column"),
    [
        ('{"a": NaN}', "NaN", 1, 7),
        ('{\n  "b": "NaN x",\n  "a": -Infinity}', "-Infinity", 3, 8),
        ('{"a": 1e400}', "1e400", 1, 7),
        ('{"x": "1e400", "a": 1e400}', "1e400", 1, 21),
        ('{"a": 11e400}', "11e400", 1, 7),
        ('{"a": ' + "9" * 401 + "}", "9" * 20 + "…", 1, 7),
        ('{"a": ' + "9" * 310 + "}", "9" * 20 + "…", 1, 7),
    ],
)
def test_a_number_json_does_not_allow_is_named_with_its_line_and_column(text, literal, line, column):
    message = _refusal(text)
    assert f"第 {line} 行第 {column} 列的 {literal} 不是 JSON 允许的数值" in message["zh"], message
    assert f"{literal} at line {line}, column {column} is not a number JSON allows" in message["en"], message


def test_ordinary_numbers_pass_exactly():
    assert parse_application('{"a": 1.5e308, "b": -12, "c": 0.1, "d": ' + "9" * 300 + "}") == {
        "a": 1.5e308,
        "b": -12,
        "c": 0.1,
        "d": int("9" * 300),
    }


def test_a_lone_surrogate_is_named_with_its_position():
    message = _refusal('{\n "a": "x\\ud800y"}')
    assert "第 2 行第 9 列的 \\ud800 是不成对的 UTF-16 代理码" in message["zh"], message
    assert "\\ud800 at line 2, column 9 is an unpaired UTF-16 surrogate" in message["en"], message
    assert _refusal('{"\\udc00": 1}')["en"].startswith("Not usable JSON text: \\udc00 at line 1, column 3")
    assert parse_application('{"a": "\\ud83d\\ude00"}') == {"a": "😀"}


@pytest.mark.parametrize(
    ("data", "zh", "en"),
    [
        (b"", "文件为空：请提供申请书 JSON", "The file is empty: provide the application JSON"),
        (b" \n\t", "文件为空：请提供申请书 JSON", "The file is empty: provide the application JSON"),
        (
            b'{"a": "\xff"}',
            "文件不是 UTF-8 编码（第 8 个字节处无法解码）：请以 UTF-8 保存后重试",
            "The file is not UTF-8 (undecodable byte at offset 8): save it as UTF-8 and retry",
        ),
        (
            b"[1]",
            "申请书应为 JSON 对象（{…}），而文件顶层是数组",
            "An application must be a JSON object ({…}); the file holds an array at the top level",
        ),
        (
            b'"x"',
            "申请书应为 JSON 对象（{…}），而文件顶层是字符串",
            "An application must be a JSON object ({…}); the file holds a string at the top level",
        ),
        (
            b"3",
            "申请书应为 JSON 对象（{…}），而文件顶层是单个值",
            "An application must be a JSON object ({…}); the file holds a single value at the top level",
        ),
        (
            b'{"a": 1,}',
            "不是有效的 JSON：第 1 行第 8 列，对象或数组末尾多了逗号",
            "Not valid JSON: line 1, column 8: Illegal trailing comma before end of object",
        ),
        (
            b'{"a" 1}',
            "不是有效的 JSON：第 1 行第 6 列，此处缺少冒号",
            "Not valid JSON: line 1, column 6: Expecting ':' delimiter",
        ),
        (b"{} x", "不是有效的 JSON：第 1 行第 4 列，JSON 结束后还有多余内容", "Not valid JSON: line 1, column 4: Extra data"),
        (
            b"{'a': 1}",
            "不是有效的 JSON：第 1 行第 2 列，字段名应使用双引号",
            "Not valid JSON: line 1, column 2: Expecting property name enclosed in double quotes",
        ),
    ],
)
def test_each_refusal_says_what_and_where_in_both_languages(data, zh, en):
    assert _refusal(data) == {"zh": zh, "en": en}


def test_a_byte_order_mark_is_dropped_and_the_size_limit_is_exact():
    from generator.core.inputs import MAX_BYTES

    assert parse_application(b'\xef\xbb\xbf{"a": 1}') == {"a": 1}
    at_limit = b'{"a": "' + b"x" * (MAX_BYTES - 9) + b'"}'
    assert len(at_limit) == MAX_BYTES and parse_application(at_limit)["a"].startswith("x")
    message = _refusal(at_limit + b" ")
    assert f"{MAX_BYTES + 1:,} 字节" in message["zh"] and f"{MAX_BYTES + 1:,} bytes; the limit is {MAX_BYTES:,}" in message["en"]


@pytest.mark.parametrize(("depth", "refused"), [(MAX_DEPTH - 1, False), (MAX_DEPTH, True)])
def test_the_depth_limit_counts_arrays_too(depth, refused):
    text = '{"a": ' + "[" * depth + "]" * depth + "}"  # the object is one level more
    if refused:
        with pytest.raises(UnusableInputError, match=str(MAX_DEPTH)):
            parse_application(text)
    else:
        assert isinstance(parse_application(text), dict)


def test_ratio_messages_state_the_ratio_and_the_range_or_single_value():
    name = {"zh": "师生比", "en": "The teacher-student ratio"}
    ranged = {"ratio_between": {"per": "/t", "count": "/s", "min": 16, "max": 20, "name": name}}
    (message,) = _run(ranged, {"t": 10, "s": 150})
    assert (message.zh, message.en, message.path) == (
        "师生比为 1:15，要求 1:16-1:20",
        "The teacher-student ratio is 1:15; required: 1:16-1:20",
        "/t",
    )
    single = {"ratio_between": {"per": "/t", "count": "/s", "min": 20, "max": 20, "name": name}}
    (message,) = _run(single, {"t": 10, "s": 150})
    assert message.zh == "师生比为 1:15，要求 1:20" and message.en == "The teacher-student ratio is 1:15; required: 1:20"
    (message,) = _run(single, {"t": 0, "s": 150})
    assert (message.zh, message.en) == ("“/t”为 0", "“/t” is 0")


@pytest.mark.parametrize(
    ("check", "value", "zh", "en"),
    [
        ({"at_least": {"path": "/n", "value": 5}}, 4, "“/n”为 4，要求不少于 5", "“/n” is 4; required: at least 5"),
        ({"at_most": {"path": "/n", "value": 5}}, 6, "“/n”为 6，要求不超过 5", "“/n” is 6; required: at most 5"),
        (
            {"at_most": {"path": "/n", "value": 5, "exclusive": True}},
            5,
            "“/n”为 5，要求低于 5",
            "“/n” is 5; required: less than 5",
        ),
    ],
)
def test_threshold_messages_say_which_way_in_both_languages(check, value, zh, en):
    (message,) = _run(check, {"n": value})
    assert (message.zh, message.en) == (zh, en)


def test_share_messages_name_part_and_whole_in_each_language():
    check = {"share_at_least": {"part": "/p", "whole": "/w", "value": 40}}
    (message,) = _run(check, {"p": 1, "w": 4})
    assert (message.zh, message.en) == ("“/p”占“/w”的 25%，要求不低于 40%", "“/p” is 25% of “/w”; required: at least 40%")
    (message,) = _run(check, {"p": 0, "w": 0})
    assert (message.zh, message.en) == ("“/w”为 0，无法计算占比", "“/w” is 0, so the share cannot be computed")
    (message,) = _run({"share_at_least": {**check["share_at_least"], "within": True}}, {"p": 0, "w": 0})
    assert (message.zh, message.en) == ("“/w”为 0，“/p”的占比达不到 40%", "“/w” is 0, so “/p” cannot make up 40%")


@pytest.mark.parametrize(("value", "undecided"), [(0, True), (1, False)])
def test_an_empty_whole_fails_a_share_within_it_only_when_the_share_asks_for_something(value, undecided):
    (message,) = _run({"share_at_least": {"part": "/p", "whole": "/w", "value": value, "within": True}}, {"p": 0, "w": 0})
    assert isinstance(message, Undecided) is undecided


def test_leaf_needs_is_total_over_unknown_kinds_and_checks_without_rows():
    assert leaf_needs("no_such_kind", {"path": "/a"}) == {("/a", 0)}
    assert leaf_needs("average_at_least", {"field": "x", "value": 1}) == set()


def test_a_lone_surrogate_on_the_first_line_is_placed_by_its_own_line_not_the_last():
    message = _refusal('{"a": "\\ud800",\n "b": 1}')
    assert "第 1 行第 8 列的 \\ud800" in message["zh"] and "\\ud800 at line 1, column 8" in message["en"], message


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ('{"a": NaN,\n "b": 1}', 1, 7),  # a newline after it does not move it
        ('{"a": 1.5e400}', 1, 7),  # a decimal point inside the literal is part of it
        (" NaN", 1, 2),  # the literal ends the file
    ],
)
def test_a_number_json_does_not_allow_is_placed_exactly(text, line, column):
    message = _refusal(text)
    assert f"at line {line}, column {column} is not a number JSON allows" in message["en"], message


def test_a_number_json_does_not_allow_is_refused_with_the_whole_explanation():
    assert _refusal('{"a": NaN}') == {
        "zh": "不是有效的 JSON：第 1 行第 7 列的 NaN 不是 JSON 允许的数值（JSON 没有 NaN、Infinity，数值也不能超出 ±1.8×10³⁰⁸）：请填写一个普通数字",
        "en": "Not valid JSON: NaN at line 1, column 7 is not a number JSON allows"
        " (JSON has no NaN or Infinity, and numbers stay within ±1.8×10³⁰⁸): give an ordinary number",
    }


def test_brackets_after_an_escaped_quote_are_still_inside_the_string():
    text = json.dumps({"text": '\\"[' * (MAX_DEPTH * 3)})  # each \" is a quote inside the text
    assert isinstance(parse_application(text), dict)


# ---- engine.py: what the schema's findings become -----------------------------------------------


def test_a_missing_field_keeps_its_own_finding_beside_a_rules_error_on_it(catalog):
    from generator.core import check
    from tests.conftest import EXAMPLES

    program_id = "cn-nm-hohhot/master-studio"
    application = json.loads((EXAMPLES / program_id / "invalid-leader-without-qualification.json").read_text("utf-8"))
    del application["master"]["honours"]
    findings = check(catalog, program_id, application, as_of="2025-03-15").findings
    at_honours = [(f.rule, f.severity) for f in findings if f.path == "/master/honours" and f.severity == "error"]
    assert at_honours == [("schema/required", "error"), (f"{program_id}/leader-qualification", "error")]
    rule_error = next(f for f in findings if f.rule == f"{program_id}/leader-qualification")
    assert "schema" not in rule_error.trail  # "missing" is its own finding, not the form's word on a value


def _anyof_errors(instance):
    import jsonschema

    schema = {
        "type": "object",
        "anyOf": [{"required": ["x"]}, {"required": ["y"]}],
        "properties": {"n": {"anyOf": [{"type": "integer", "minimum": 10}, {"type": "string"}]}},
    }
    return list(jsonschema.Draft202012Validator(schema).iter_errors(instance))


def test_alternatives_all_left_out_are_reported_whole_and_a_wrong_value_by_its_closest_alternative():
    from generator.core.engine import _leaf_errors

    (missing,) = _anyof_errors({})
    assert [leaf.validator for leaf in _leaf_errors(missing)] == ["anyOf"]  # "fill in at least one of …"
    (wrong,) = _anyof_errors({"x": 1, "n": 3})
    (leaf,) = _leaf_errors(wrong)
    assert leaf.validator != "anyOf" and leaf in wrong.context  # an alternative's own keyword says what is wrong


def test_a_check_before_the_plan_applies_is_one_cited_review_at_the_whole_application(catalog):
    from generator.core import check
    from tests.conftest import EXAMPLES

    program_id = "cn-nm-chifeng/master-studio"
    application = json.loads(next((EXAMPLES / program_id).glob("valid*.json")).read_text("utf-8"))
    (finding,) = [f for f in check(catalog, program_id, application, as_of="2024-12-31").findings if f.rule.startswith("time/")]
    assert (finding.rule, finding.path, finding.severity) == ("time/period-not-started", "", "review")
    assert "2025-01-01" in finding.message["zh"] and "2025-01-01" in finding.message["en"]
    assert finding.citation["document"] == "cn-nm-chifeng/2025-city-projects-plan"


def test_a_check_after_the_plan_has_ended_is_one_cited_error_at_the_whole_application(catalog):
    from generator.core import check
    from tests.conftest import EXAMPLES

    program_id = "cn-nm-chifeng/master-studio"
    application = json.loads(next((EXAMPLES / program_id).glob("valid*.json")).read_text("utf-8"))
    result = check(catalog, program_id, application, as_of="2026-01-01")
    (finding,) = [f for f in result.findings if f.rule.startswith("time/")]
    assert (finding.rule, finding.path, finding.severity) == ("time/closed", "", "error")
    assert "2025-12-31" in finding.message["zh"] and "2025-12-31" in finding.message["en"]
    assert finding.citation["document"] == "cn-nm-chifeng/2025-city-projects-plan"


def test_a_missing_field_no_rule_reads_cites_the_programs_published_form(catalog):
    from generator.core import check

    findings = check(catalog, "cn-nm-hohhot/master-studio", {}, as_of="2025-03-15").findings
    (program,) = [f for f in findings if f.path == "/program"]
    assert program.rule == "schema/required" and "required_by" not in program.trail
    assert program.citation["document"] == "cn-nm-hohhot/master-studio-rules"
    assert program.citation["label"] == {"zh": "附件2 申报表", "en": "Annex 2, Application form"}


def _rules_found(rules, application):
    from generator.core.engine import findings_of_rules

    catalog = {"programs": {"p": {"all_rules": rules}}}
    return findings_of_rules(catalog, "p", {}, application, cite=lambda given: {"cited": given})


_TEXT = {"zh": "规则", "en": "the rule"}


def test_a_rule_that_cannot_be_decided_is_a_cited_review_saying_so_with_what_it_read():
    rule = {
        "full_id": "p/n",
        "severity": "error",
        "text": _TEXT,
        "cite": "art-1",
        "check": {"at_least": {"path": "/n", "value": 5}},
    }
    (finding,), passed = _rules_found([rule], {})
    assert (finding.path, finding.rule, finding.severity, finding.citation) == ("/n", "p/n", "review", {"cited": "art-1"})
    assert finding.message["zh"].startswith("无法自动判断：") and finding.message["en"].startswith(
        "Cannot be decided automatically: "
    )
    assert finding.trail == {"rule": _TEXT, "read": {"/n": None}} and passed == []


def test_a_rule_for_a_person_is_a_review_at_its_field_or_else_at_the_whole_application():
    at_field = {"full_id": "p/a", "severity": "review", "text": _TEXT, "cite": "art-2", "path": "/unit"}
    anywhere = {"full_id": "p/b", "severity": "review", "text": _TEXT, "cite": "art-3"}
    found, _ = _rules_found([at_field, anywhere], {})
    assert [(f.path, f.severity, f.message["en"]) for f in found] == [
        ("/unit", "review", "Needs human review: the rule"),
        ("", "review", "Needs human review: the rule"),
    ]


def test_a_rule_met_is_listed_as_passed_with_its_text_at_no_field():
    rule = {
        "full_id": "p/n",
        "severity": "error",
        "text": _TEXT,
        "cite": "art-1",
        "check": {"at_least": {"path": "/n", "value": 5}},
    }
    found, (met,) = _rules_found([rule], {"n": 5})
    assert found == [] and (met.status, met.path, met.label, met.message) == ("passed", "", None, _TEXT)
    assert met.trail["read"] == {"/n": 5}


def test_without_a_compiled_program_the_rules_cite_their_articles_from_the_catalog(catalog):
    from generator.core import check
    from generator.core.engine import findings_of_rules

    program_id = "cn-nm-hohhot/master-studio"
    found, _ = findings_of_rules(catalog, program_id, {}, {})
    assert found and all(f.citation for f in found)
    assert {f.citation.get("document") for f in found} >= {"cn-nm-hohhot/master-studio-rules"}
    assert check(catalog, program_id, {}, as_of="2025-03-15").program == program_id


def test_alternatives_all_left_out_are_one_required_finding_naming_each():
    import jsonschema

    from generator.core.compiled import CompiledProgram
    from generator.core.engine import schema_findings

    schema = {
        "type": "object",
        "properties": {"x": {"x-title": {"zh": "甲", "en": "X"}}, "y": {"x-title": {"zh": "乙", "en": "Y"}}},
        "anyOf": [{"required": ["x"]}, {"required": ["y"]}],
    }
    catalog = {"programs": {"p": {"all_rules": []}}}
    compiled = CompiledProgram(catalog, "p", jsonschema.Draft202012Validator(schema))
    (finding,) = schema_findings(compiled, {})
    assert (finding.rule, finding.severity) == ("schema/required", "error")
    assert "甲" in finding.message["zh"] and "乙" in finding.message["zh"] and "X" in finding.message["en"]


# ---- the rule kinds over rows: which rows, and rows that are no objects --------------------------


def test_latest_rows_without_a_count_are_every_dated_row_in_year_order():
    from generator.core.kinds import latest_rows

    rows = [{"year": 2024}, "2023", {"n": 1}, {"year": 2022}]
    assert latest_rows(rows, None) == [(3, {"year": 2022}), (0, {"year": 2024})]


def test_an_average_without_last_needs_a_year_in_every_row():
    check = {"average_at_least": {"items": "/t", "field": "n", "value": 5, "name": {"zh": "年", "en": "yr"}}}
    (message,) = _run(check, {"t": [{"year": 2023, "n": 10}, {"n": 0}]})
    assert isinstance(message, Undecided) and message.path == "/t"
    assert _run(check, {"t": [{"year": 2023, "n": 10}, {"year": 2024, "n": 0}]}) == []


def test_rows_given_as_arrays_are_no_rows_to_bound_and_raise_nothing():
    # field "0" reads the first item of an array row; the 其中 bound is checked on object rows only
    check = {"each_at_least": {"items": "/t", "field": "0", "value": 1, "within": "1"}}
    assert _run(check, {"t": [[5, 3]]}) == []


# ---- the meta-schema of a rule's check ------------------------------------------------------------


def _check_validator():
    import jsonschema

    from generator.definitions._metaschema import metaschema

    defs = metaschema("program")["$defs"]
    return jsonschema.Draft202012Validator({"$defs": defs, "$ref": "#/$defs/check"})


_AT_LEAST = {"at_least": {"path": "/a", "value": 1}}
_AT_MOST = {"at_most": {"path": "/b", "value": 5}}


@pytest.mark.parametrize(
    "check",
    [
        {"any_of": [_AT_LEAST, _AT_MOST]},
        {"all_of": [_AT_LEAST]},
        {"any_of": [_AT_LEAST, {"all_of": [_AT_MOST, _AT_LEAST]}]},
    ],
)
def test_a_check_of_one_kind_with_its_parameters_is_accepted(check):
    assert _check_validator().is_valid(check)


@pytest.mark.parametrize(
    "check",
    [
        "at_least",  # a check is an object
        [_AT_LEAST],
        {**_AT_LEAST, **_AT_MOST},  # of one kind
        {"at_least": "/a"},  # a kind's parameters are an object
        {"any_of": _AT_LEAST},  # alternatives are a list
        {"any_of": [_AT_LEAST]},  # of two at least
        {"any_of": [_AT_LEAST, {"no_such_kind": {}}]},  # each a check
        {"all_of": [_AT_LEAST, {"at_least": {"path": "/a"}}]},
    ],
)
def test_the_check_meta_schema_refuses_what_is_no_check(check):
    assert not _check_validator().is_valid(check)


# ---- engine.py: which finding says what ---------------------------------------------------------


def test_a_wrong_value_is_the_forms_own_finding_not_one_a_rule_requires():
    import jsonschema

    from generator.core.compiled import CompiledProgram
    from generator.core.engine import schema_findings

    schema = {"type": "object", "properties": {"n": {"type": "number"}}}
    rule = {"full_id": "p/n", "severity": "error", "cite": None, "check": {"at_least": {"path": "/n", "value": 5}}}
    catalog = {"programs": {"p": {"all_rules": [rule]}}}
    compiled = CompiledProgram(catalog, "p", jsonschema.Draft202012Validator(schema))
    (finding,) = schema_findings(compiled, {"n": "five"})
    assert (finding.rule, finding.path, finding.trail) == ("schema/type", "/n", {"read": {"/n": "five"}})


@pytest.mark.parametrize(
    ("severity", "prefix"),
    [("error", ""), ("warning", "Stated in principle or approximately (a warning, not a refusal): ")],
)
def test_only_an_advisory_rules_failure_says_it_is_a_warning_not_a_refusal(severity, prefix):
    rule = {
        "full_id": "p/n",
        "severity": severity,
        "text": _TEXT,
        "cite": "art-1",
        "check": {"at_least": {"path": "/n", "value": 5}},
    }
    (finding,), _ = _rules_found([rule], {"n": 3})
    assert (finding.severity, finding.message["en"]) == (severity, prefix + "“/n” is 3; required: at least 5")


def test_a_check_before_the_plan_applies_is_labelled_with_the_forms_title(catalog):
    from generator.core import check
    from tests.conftest import EXAMPLES

    program_id = "cn-nm-chifeng/master-studio"
    application = json.loads(next((EXAMPLES / program_id).glob("valid*.json")).read_text("utf-8"))
    (finding,) = [f for f in check(catalog, program_id, application, as_of="2024-12-31").findings if f.rule.startswith("time/")]
    assert finding.label == {"zh": "赤峰市市级技能大师工作室（2025年）", "en": "Chifeng city-level skill master studio (2025)"}


def test_a_valid_application_lists_the_rules_it_meets(catalog):
    from generator.core import check
    from tests.conftest import EXAMPLES

    program_id = "cn-nm-chifeng/master-studio"
    application = json.loads(next((EXAMPLES / program_id).glob("valid*.json")).read_text("utf-8"))
    passed = check(catalog, program_id, application, as_of="2025-03-15").passed
    met = {f.rule for f in passed if f.status == "passed"}
    assert {f"{program_id}/master-age", f"{program_id}/master-id-number", f"{program_id}/unit-credit-code"} <= met
