"""The form filled in as an applicant would (issue 22): paragraphs where the form expects them,
dates written the usual ways and said back as understood, labels instead of JSON pointers and
program ids, each finding saying its thing once, a one-of group not marked required, the
English form asking for Chinese values, and the match table's caption readable on a phone.

Real Chromium, real Pyodide, the built site; nothing mocked.
"""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.browser.test_app import (  # noqa: F401  (the CSP-applied site and its guard)
    PROGRAM,
    VALID,
    field,
    open_validator,
    site_url,
    stays_on_origin_and_within_policy,
)


def check(page: Page) -> None:
    page.get_by_test_id("check").click()
    expect(page.get_by_test_id("findings")).to_have_attribute("data-done", "true")


def test_paragraph_fields_are_text_areas_that_keep_line_breaks(page, site_url):  # noqa: F811
    open_validator(page, site_url)
    for pointer in ("/master/achievements", "/studio/facilities", "/unit/opinion"):
        expect(field(page, pointer).locator("textarea")).to_have_count(1)
    achievements = field(page, "/master/achievements").locator("textarea")
    achievements.click()
    achievements.press_sequentially("2015年获全国技术能手称号")
    achievements.press("Enter")
    achievements.press_sequentially("获专利3项")
    assert '"achievements": "2015年获全国技术能手称号\\n获专利3项"' in page.get_by_test_id("json-input").input_value()
    expect(field(page, "/master/name").locator("input")).to_have_count(1)  # a name stays one line


def test_a_date_written_the_usual_way_is_understood_and_said_back(page, site_url):  # noqa: F811
    open_validator(page, site_url)
    page.get_by_test_id("json-input").fill(VALID.read_text("utf-8").replace('"1980-03"', '"1980年3月"'))
    page.get_by_test_id("load-json").click()
    check(page)
    birth = field(page, "/master/birth_month")
    expect(birth.locator(".field__hint--understood")).to_have_text("理解为：1980年3月")
    expect(birth.locator(".field__message--error")).to_have_count(0)
    expect(page.get_by_test_id("summary")).to_contain_text("0")


def test_applicants_see_labels_not_pointers_or_program_ids(page, site_url):  # noqa: F811
    open_validator(page, site_url)
    options = page.get_by_test_id("program").locator("option").all_text_contents()
    assert options and not any("/" in option for option in options), options
    expect(field(page, "/program")).to_be_hidden()
    page.get_by_test_id("json-input").fill(VALID.read_text("utf-8"))
    page.get_by_test_id("load-json").click()
    check(page)
    findings = page.get_by_test_id("findings")
    shown = findings.inner_text()
    assert not re.search(r"(^|\s)/[a-z_]+/", shown), shown  # no /master/… in front of the applicant
    review = findings.locator('[data-path="/master/employer_and_position"]')
    expect(review).to_contain_text("工作单位及职务")
    assert review.inner_text().count("需人工审核") == 1


def test_one_of_two_groups_is_not_marked_required(page, site_url):  # noqa: F811
    open_validator(page, site_url)
    for pointer in ("/master/honours", "/master/folk_skill_grounds"):
        expect(field(page, pointer).locator("legend .field__required")).to_have_count(0)
    expect(field(page, "/master/name").locator(".field__required")).to_have_count(1)


def test_the_english_form_asks_for_values_in_chinese(page, site_url):  # noqa: F811
    open_validator(page, site_url, "en")
    intro = page.locator("#validator-form-heading + p")
    expect(intro).to_contain_text("Write the values in Chinese")


def test_the_match_tables_caption_reads_across_a_phone(page, site_url):  # noqa: F811
    page.set_viewport_size({"width": 390, "height": 844})
    open_validator(page, site_url, "zh", PROGRAM)
    page.get_by_test_id("json-input").fill(VALID.read_text("utf-8"))
    page.get_by_test_id("match").click()
    table = page.get_by_test_id("match-table")
    expect(table).to_have_attribute("data-done", "true")
    caption = table.locator("caption").bounding_box()
    assert caption["width"] > 300 and caption["height"] < 80, caption
