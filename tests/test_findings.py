"""Findings an applicant can rely on: no false pass, one finding per problem, a clear verdict,
and no input (NaN, Infinity, 1e400, a lone surrogate) that yields anything but JSON or a refusal."""

from __future__ import annotations

import copy
import json

import jsonschema
import pytest

from generator.core import browser, check, parse_application
from generator.core._required import rule_requirements
from generator.core.reads import alternatives
from generator.core.schema import application_schema, form_position, label_of
from generator.errors import UnusableInputError
from tests.conftest import EXAMPLES
from tests.test_cli import policy_site

AS_OF = "2025-03-15"


def _example(program_id: str, name: str) -> dict:
    return json.loads((EXAMPLES / program_id / f"{name}.json").read_text("utf-8"))


def _strict_json(text: str) -> object:
    """JSON as a browser's JSON.parse reads it: NaN and Infinity are not JSON."""

    def refuse(literal):
        raise AssertionError(f"non-JSON constant {literal} in the output")

    return json.loads(text, parse_constant=refuse)


# --- no false pass --------------------------------------------------------------------------


def test_an_existing_base_without_its_existing_blocks_has_errors(catalog):
    application = _example("cn/training-base", "valid-existing-at-thresholds")
    del application["training"], application["existing"]
    result = check(catalog, "cn/training-base", application, as_of=AS_OF)
    errors = {f.path: f for f in result.findings if f.severity == "error"}
    assert set(errors) == {"/training", "/existing"}
    assert errors["/training"].citation["label"]["zh"].startswith("二")  # 62号 二（一）2: the rule's own article
    assert "cn/training-base/existing-training-scale" in errors["/training"].trail["required_by"]
    assert not [f for f in result.findings if f.message["zh"].startswith("无法自动判断")]


@pytest.mark.parametrize(
    ("program_id", "example", "pointer"),
    [
        ("cn-nm/master-studio-national", "valid-enterprise-region-level-studio", "/host/education_fund_high_skill_share"),
        (
            "cn-nm/master-studio-regional",
            "valid-public-institution-fund-share-exactly-half",
            "/host/education_fund_high_skill_share",
        ),
        ("cn-nm-hohhot/master-studio", "valid-enterprise-national-expert", "/unit/education_fund_high_skill_share"),
    ],
)
def test_an_enterprise_host_must_give_its_education_fund_share(catalog, program_id, example, pointer):
    application = _example(program_id, example)
    parent, name = pointer.rsplit("/", 1)
    del application[parent.strip("/")][name]
    result = check(catalog, program_id, application, as_of=AS_OF)
    (error,) = [f for f in result.findings if f.severity == "error"]
    assert (error.path, error.rule) == (pointer, "schema/required")
    assert error.label["zh"] in error.message["zh"] and "%" in error.label["zh"]


def test_a_training_institution_host_need_not_give_the_share(catalog):
    application = _example("cn-nm-hohhot/master-studio", "valid-training-institution-folk-craft-master")
    application["unit"].pop("education_fund_high_skill_share", None)
    assert not check(catalog, "cn-nm-hohhot/master-studio", application, as_of=AS_OF).has_errors


def test_an_any_of_rule_requires_one_alternative_and_says_so(catalog):
    """Synthetic: a rule met by either of two values the form leaves optional."""
    schema = {
        "type": "object",
        "properties": {
            "a": {"type": "object", "properties": {"x": {"type": "integer"}, "y": {"type": "string"}}},
            "kind": {"enum": ["p", "q"]},
        },
    }
    rule = {
        "severity": "error",
        "when": {"path": "/kind", "in": ["p"]},
        "check": {"any_of": [{"at_least": {"path": "/a/x", "value": 1}}, {"one_of_values": {"path": "/a/y", "values": ["z"]}}]},
    }
    assert len(alternatives(rule["check"])) == 2
    (entry,) = rule_requirements(schema, [rule])
    assert entry["if"] == {"required": ["kind"], "properties": {"kind": {"enum": ["p"]}}}
    validator = jsonschema.Draft202012Validator({**schema, "allOf": [entry]})
    assert validator.is_valid({"kind": "q", "a": {}})
    assert validator.is_valid({"kind": "p", "a": {"y": "z"}})
    assert not validator.is_valid({"kind": "p", "a": {}})


# --- one clear finding per problem ------------------------------------------------------------


@pytest.mark.parametrize("program_id", ["cn-nm-chifeng/master-studio", "cn-nm-hohhot/master-studio"])
def test_an_empty_form_names_each_missing_field_once_in_form_order(catalog, program_id):
    schema = application_schema(catalog, program_id)
    result = check(catalog, program_id, {}, as_of=AS_OF)
    errors = [f for f in result.findings if f.severity == "error"]
    wanted = [name for name in schema["properties"] if name in schema["required"]]
    assert [f.path for f in errors] == [f"/{name}" for name in wanted]
    for finding in errors:
        assert finding.label == label_of(schema, finding.path)
        assert finding.message["zh"] == f"缺少必填项“{finding.label['zh']}”"
        assert finding.message["en"] == f"Required field missing: “{finding.label['en']}”"
    assert len({f.message["zh"] for f in errors}) == len(errors)


def test_a_bad_credit_code_is_one_finding_by_the_rule_that_says_more(catalog):
    program_id = "cn-nm/master-studio-regional"
    application = _example(program_id, "valid-public-institution-fund-share-exactly-half")
    application["unit"]["credit_code"] = "ABC"
    result = check(catalog, program_id, application, as_of=AS_OF)
    (finding,) = [f for f in result.findings if f.path == "/unit/credit_code"]
    assert finding.rule == f"{program_id}/unit-credit-code"
    assert "大写字母" in finding.message["zh"]
    assert finding.trail["schema"]  # the form's own message is kept, not lost


def test_findings_follow_the_form_not_the_alphabet(catalog):
    application = _example("cn-nm-hohhot/master-studio", "valid-enterprise-national-expert")
    schema = application_schema(catalog, "cn-nm-hohhot/master-studio")
    application["unit"]["credit_code"] = "ABC"
    application["contact"]["email"] = "nobody"
    application["application_date"] = "soon"
    result = check(catalog, "cn-nm-hohhot/master-studio", application, as_of=AS_OF)
    errors = [f.path for f in result.findings if f.severity == "error"]
    assert errors == sorted(errors, key=lambda p: form_position(schema, p))
    assert errors != sorted(errors)  # /application_date comes before /contact and /unit only by the form
    assert errors[0] == "/application_date"


def test_enum_values_are_shown_by_their_labels(catalog):
    application = _example("cn-nm-hohhot/master-studio", "valid-enterprise-national-expert")
    application["materials"] = ["no-such-paper"]
    result = check(catalog, "cn-nm-hohhot/master-studio", application, as_of=AS_OF)
    (finding,) = [f for f in result.findings if f.path == "/materials/0"]
    titles = application_schema(catalog, "cn-nm-hohhot/master-studio")["properties"]["materials"]["x-enum-titles"]
    assert all(title["zh"] in finding.message["zh"] for title in titles.values())
    assert all(title["en"] in finding.message["en"] for title in titles.values())
    # the raw values (application-form…) never show; one that is also a word of a title (certificates) cannot be told apart
    raw = [value for value in titles if not any(value in title["en"].lower() for title in titles.values())]
    assert len(raw) > 1 and not any(value in finding.message["en"] or value in finding.message["zh"] for value in raw)


def test_the_verdict_says_errors_or_no_errors_in_both_languages(catalog):
    valid = check(
        catalog,
        "cn-nm-hohhot/master-studio",
        _example("cn-nm-hohhot/master-studio", "valid-enterprise-national-expert"),
        as_of=AS_OF,
    )
    verdict = valid.as_dict()["verdict"]
    reviews = valid.counts()["review"]
    assert verdict["status"] == "no-errors"
    assert verdict["message"] == {
        "zh": f"没有错误：0 项提醒，{reviews} 项需人工审核",
        "en": f"No errors: 0 warnings, {reviews} for a person to review",
    }
    invalid = check(catalog, "cn-nm-hohhot/master-studio", {}, as_of=AS_OF).as_dict()["verdict"]
    assert invalid["status"] == "errors"
    assert invalid["message"]["zh"].startswith(f"{invalid['counts']['error']} 项错误")
    assert invalid["message"]["en"].startswith(f"{invalid['counts']['error']} errors")


def test_the_cli_ends_with_the_verdict(tmp_path):
    empty = tmp_path / "empty.json"
    empty.write_text("{}", "utf-8")
    run = policy_site("check", "--program", "cn-nm-hohhot/master-studio", "--as-of", AS_OF, empty)
    assert run.returncode == 1
    zh, en = run.stdout.splitlines()[-2:]
    assert zh.startswith("  结果：7 项错误") and en.startswith("  Result: 7 errors")


# --- input that is not JSON, output that always is ------------------------------------------


@pytest.mark.parametrize(
    ("text", "where", "literal"),
    [
        ('{"a": NaN}', "第 1 行第 7 列", "NaN"),
        ('{\n  "s": "NaN",\n  "b": [1, -Infinity]}', "第 3 行第 12 列", "-Infinity"),
        ('{"x": 1e400}', "第 1 行第 7 列", "1e400"),
        ('{"x":\n' + "9" * 5000 + "}", "第 2 行第 1 列", "99999"),
    ],
)
def test_numbers_json_does_not_have_are_unusable_input_with_line_and_column(text, where, literal):
    with pytest.raises(UnusableInputError) as raised:
        parse_application(text)
    message = raised.value.bilingual()
    assert where in message["zh"] and literal in message["zh"]
    line, column = where.replace("第 ", "").replace(" 列", "").split(" 行")
    assert f"line {line}, column {column}" in message["en"]


def test_ordinary_large_numbers_are_still_read():
    assert parse_application('{"x": 1e308, "y": 100000000000000000000000}') == {"x": 1e308, "y": 10**23}


def test_a_lone_surrogate_is_unusable_input():
    with pytest.raises(UnusableInputError) as raised:
        parse_application('{"x":\n "a\\ud800b"}')
    assert "第 2 行" in raised.value.bilingual()["zh"] and "\\ud800" in raised.value.bilingual()["en"]


@pytest.mark.parametrize("text", ['{"x": NaN}', '{"x": Infinity}', '{"x": 1e400}', '{"x": "\\udc00"}'])
def test_the_cli_refuses_them_with_exit_2_and_no_traceback(tmp_path, text):
    path = tmp_path / "odd.json"
    path.write_text(text, "utf-8")
    for command in (["check", "--program", "cn-nm-hohhot/master-studio"], ["match"]):
        run = policy_site(*command, path)
        assert run.returncode == 2, run.stderr
        assert "Traceback" not in run.stderr and "不是" in run.stderr and "Not" in run.stderr


def test_the_browser_entry_answers_json_for_them(catalog):
    browser.load_catalog(json.dumps(catalog))
    for text in ('{"x": NaN}', '{"x": -Infinity}', '{"x": 1e400}'):
        assert set(_strict_json(browser.check_text("cn-nm-hohhot/master-studio", text))) == {"unusable"}
        assert set(_strict_json(browser.match_text(text))) == {"unusable"}
    answer = _strict_json(browser.check_text("cn-nm-hohhot/master-studio", '{"master": {"honours": [{"a": 1}]}}', AS_OF))
    assert answer["verdict"]["status"] == "errors"


def test_match_answers_any_program_value(catalog):
    browser.load_catalog(json.dumps(catalog))
    for value in (["x"], {"a": 1}, 3, None, "no/such-program"):
        answer = _strict_json(browser.match_text(json.dumps({"program": value})))
        assert len(answer["programs"]) == len(catalog["programs"])


def test_match_cli_on_a_list_as_program(tmp_path):
    path = tmp_path / "odd.json"
    path.write_text('{"program": ["x"]}', "utf-8")
    run = policy_site("match", path)
    assert run.returncode == 2, run.stderr  # not a program id: unusable, never a silent match of every kind
    assert "Traceback" not in run.stderr and "“program” must be one of the known program ids" in run.stderr


def test_results_are_strict_json_for_every_example(catalog):
    for path in sorted(EXAMPLES.glob("*/*/*.json")):
        program_id = f"{path.parent.parent.name}/{path.parent.name}"
        result = check(catalog, program_id, copy.deepcopy(json.loads(path.read_text("utf-8"))), as_of=AS_OF)
        json.dumps(result.as_dict(explain=True), allow_nan=False)
        assert all(f.label and f.label["zh"] and f.label["en"] for f in result.findings)
