"""The validator page's answer to what a new user tries first: an empty form, odd JSON.

An empty application gets one finding per missing field, each naming its own field; JSON
that once made a rule raise gets findings, never a raw Python error; numbers JSON does not
have (NaN, Infinity, 1e400) are refused with line and column, not a page error.
"""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import Page, expect

from generator.core import check
from tests.browser._helpers import open_validator

RAW_ERRORS = ("Traceback", "TypeError", "PythonError", "Error:", "unhashable")


def _checked(page: Page, text: str) -> list[dict]:
    page.get_by_test_id("json-input").fill(text)
    page.get_by_test_id("check").click()
    findings = page.get_by_test_id("findings")
    expect(findings).to_have_attribute("data-done", "true", timeout=30_000)
    return [
        {"path": item.get_attribute("data-path"), "severity": item.get_attribute("data-severity"), "text": item.text_content()}
        for item in findings.locator(":scope > li").all()
    ]


@pytest.mark.parametrize("program", ["cn-nm-chifeng/master-studio", "cn-nm-hohhot/master-studio"])
def test_an_empty_form_names_each_missing_field_once(page, site_url, catalog, program):
    open_validator(page, site_url, program=program)
    expect(page.get_by_test_id("program")).to_have_value(program)
    # Today a program may be closed (Chifeng's 2025 plan): that error stands apart, at the top.
    shown = [f for f in _checked(page, "{}") if f["severity"] == "error" and f["path"]]
    found = check(catalog, program, {}, as_of=dt.date.today().isoformat()).findings
    expected = [f for f in found if f.severity == "error" and f.path]
    assert [f["path"] for f in shown] == [f.path for f in expected]  # the form's order, one each
    assert len({f["path"] for f in shown}) == len(shown) > 1
    for item, finding in zip(shown, expected, strict=True):
        assert f"缺少必填项“{finding.label['zh']}”" in item["text"]
    labels = [f.label["zh"] for f in expected]
    assert len(set(labels)) == len(labels)


def test_an_empty_form_in_english_names_the_fields_in_english(page, site_url, catalog):
    program = "cn-nm-hohhot/master-studio"
    open_validator(page, site_url, lang="en", program=program)
    shown = [f for f in _checked(page, "{}") if f["severity"] == "error"]
    expected = [f for f in check(catalog, program, {}, as_of=dt.date.today().isoformat()).findings if f.severity == "error"]
    assert [item["text"].count("Required field missing") for item in shown] == [1] * len(expected)
    for item, finding in zip(shown, expected, strict=True):
        assert f"“{finding.label['en']}”" in item["text"]


def test_json_that_once_raised_gets_findings_not_a_raw_error(page, site_url):
    open_validator(page, site_url)
    shown = _checked(page, '{"master": {"honours": [{"a": 1}]}}')
    assert shown and all(f["severity"] in ("error", "warning", "review") for f in shown)
    assert any(f["path"].startswith("/master/honours") for f in shown)
    page_text = page.get_by_test_id("findings").text_content() + page.get_by_test_id("status").text_content()
    assert not any(word in page_text for word in RAW_ERRORS), page_text


@pytest.mark.parametrize(("text", "where"), [('{"a": NaN}', "第 1 行第 7 列"), ('{\n "a": 1e400}', "第 2 行第 7 列")])
def test_numbers_json_does_not_have_are_refused_with_their_place(page, site_url, text, where):
    open_validator(page, site_url)
    (shown,) = _checked(page, text)
    assert shown["severity"] == "unusable"
    assert where in shown["text"] and "不是有效的 JSON" in shown["text"]
    assert not any(word in shown["text"] for word in RAW_ERRORS)
