"""The materials checklist of a program page, in a real browser: its ticks are the validator's.

The program page (generator/site/checklist.py, web/checklist.js) and the validator read and
write the one saved draft of the program: ticked on the page, still ticked after a reload,
ticked in the validator's materials field; unticked there, unticked on the page. Real
Chromium, the built site, real Pyodide for the validator; nothing mocked.
"""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import Page, expect

from generator.core import application_schema
from tests.browser._helpers import PROGRAM, READY_TIMEOUT, serious_accessibility_violations

DRAFT = f"policy-site.draft:{PROGRAM}"
CSP_REPORT = """document.addEventListener("securitypolicyviolation", (e) =>
  window.__cspViolation({ page: location.pathname, directive: e.violatedDirective, blocked: e.blockedURI }));"""


def program_url(site_url: str, lang: str, program: str = PROGRAM) -> str:
    return f"{site_url}{'en/' if lang == 'en' else ''}programs/{program}/"


def boxes(page: Page):
    return page.locator("[data-materials-checklist] input[type=checkbox]")


def ticked(page: Page) -> list[str]:
    return boxes(page).evaluate_all("inputs => inputs.filter((i) => i.checked).map((i) => i.value)")


def draft_materials(page: Page):
    text = page.evaluate("key => localStorage.getItem(key)", DRAFT)
    return None if text is None else json.loads(json.loads(text)["text"]).get("materials")


@pytest.fixture
def policy_violations(context):
    """The page's Content-Security-Policy violations: the checklist runs under the site's policy."""
    seen = []
    context.expose_function("__cspViolation", lambda violation: seen.append(violation))
    context.add_init_script(CSP_REPORT)
    return seen


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_ticks_on_the_program_page_are_the_validators_materials_and_back(
    page, site_url, catalog, outside_requests, policy_violations, lang
):
    materials = catalog["programs"][PROGRAM]["materials"]
    choices = application_schema(catalog, PROGRAM)["properties"]["materials"]["items"]["enum"]
    page.goto(program_url(site_url, lang))
    expect(boxes(page)).to_have_count(len([m for m in materials if m["id"] in choices]))
    for item in materials:  # each box labelled with the definition's own words, in the page's language
        expect(page.get_by_label(item["text"][lang], exact=True)).not_to_be_checked()
    first, second, third = (m["text"][lang] for m in materials[:3])

    page.get_by_text(first, exact=True).click()  # the label ticks its box, as a reader clicks it
    page.get_by_label(third, exact=True).check()
    expect(page.get_by_test_id("checklist-state")).not_to_be_empty()
    assert draft_materials(page) == [materials[0]["id"], materials[2]["id"]]

    page.reload()
    expect(page.get_by_label(first, exact=True)).to_be_checked()
    expect(page.get_by_label(second, exact=True)).not_to_be_checked()
    expect(page.get_by_label(third, exact=True)).to_be_checked()

    page.get_by_test_id("checklist-validator").click()
    expect(page).to_have_url(f"{site_url}{'en/' if lang == 'en' else ''}validate/?program={PROGRAM}")
    expect(page.get_by_test_id("status")).to_have_attribute("data-state", "ready", timeout=READY_TIMEOUT)
    expect(page.get_by_test_id("form")).to_have_attribute("data-program", PROGRAM)
    field = page.locator('[data-pointer="/materials"]')
    expect(field.locator("input:checked")).to_have_count(2)
    expect(field.locator(f'input[value="{materials[0]["id"]}"]')).to_be_checked()
    expect(field.locator(f'input[value="{materials[2]["id"]}"]')).to_be_checked()

    field.locator(f'input[value="{materials[0]["id"]}"]').uncheck()
    page.wait_for_function(
        "([key, id]) => !JSON.parse(JSON.parse(localStorage.getItem(key)).text).materials.includes(id)",
        arg=[DRAFT, materials[0]["id"]],
    )
    page.go_back()
    expect(page).to_have_url(program_url(site_url, lang))
    expect(page.get_by_label(first, exact=True)).not_to_be_checked()
    expect(page.get_by_label(third, exact=True)).to_be_checked()

    page.get_by_label(third, exact=True).uncheck()  # the rest of the validator's draft is kept
    expect(page.get_by_label(third, exact=True)).not_to_be_checked()
    assert draft_materials(page) == []
    assert outside_requests == [], "requests left the site's origin"
    assert policy_violations == [], "Content-Security-Policy violations"


def test_a_material_the_applicant_does_not_enclose_is_listed_without_a_box(page, site_url, catalog):
    program = "cn-nm/master-studio-national"
    choices = set(application_schema(catalog, program)["properties"]["materials"]["items"]["enum"])
    materials = catalog["programs"][program]["materials"]
    page.goto(program_url(site_url, "zh", program))
    expect(boxes(page)).to_have_count(len([m for m in materials if m["id"] in choices]))
    assert len(choices) < len(materials), "the test needs a material outside the application's field"
    checklist = page.locator("[data-materials-checklist] > ul > li")
    expect(checklist).to_have_count(len(materials))
    for item, row in zip(materials, checklist.all(), strict=True):
        expect(row).to_contain_text(item["text"]["zh"])
        expect(row.locator("input[type=checkbox]")).to_have_count(1 if item["id"] in choices else 0)
    expect(page.get_by_test_id("checklist-note")).to_be_visible()


def test_a_draft_that_is_not_an_application_is_left_untouched_and_said(page, site_url):
    page.goto(program_url(site_url, "en"))
    page.evaluate(
        "key => localStorage.setItem(key, JSON.stringify({ text: '{\"materials\": [', saved: new Date().toISOString() }))", DRAFT
    )
    page.reload()
    expect(boxes(page).first).to_be_disabled()
    expect(page.get_by_test_id("checklist-state")).to_contain_text("not a readable application")
    assert json.loads(page.evaluate("key => localStorage.getItem(key)", DRAFT))["text"] == '{"materials": ['


def test_without_javascript_the_checklist_reads_as_a_list(browser, site_url, catalog):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(program_url(site_url, "zh"))
        items = page.locator("[data-materials-checklist] > ul > li")
        expect(items).to_have_count(len(catalog["programs"][PROGRAM]["materials"]))
        expect(items.first).to_contain_text(catalog["programs"][PROGRAM]["materials"][0]["text"]["zh"])
        expect(boxes(page)).to_have_count(0)  # no box that would not keep its tick
        expect(page.get_by_test_id("checklist-note")).to_be_hidden()  # it speaks of saved ticks
        expect(page.get_by_test_id("checklist-validator")).to_be_visible()
    finally:
        context.close()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_on_a_phone_the_checklist_fits_ticks_by_touch_and_passes_axe(browser, site_url, lang):
    # axe-core is injected as an inline script, which the site's policy rightly refuses: this
    # context bypasses it (the test above holds the checklist to the policy).
    phone = browser.new_context(
        viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True, has_touch=True, bypass_csp=True
    )
    page = phone.new_page()
    try:
        page.goto(program_url(site_url, lang))
        expect(boxes(page).first).to_be_visible()
        for index in range(boxes(page).count()):
            boxes(page).nth(index).tap()
        assert len(ticked(page)) == boxes(page).count()
        assert page.evaluate("key => localStorage.getItem(key)", DRAFT) is not None
        width = page.evaluate("() => document.documentElement.scrollWidth")
        assert width <= 390, f"the program page is {width} px wide on a 390 px screen"
        box = boxes(page).first.bounding_box()
        assert box["width"] >= 20 and box["x"] >= 0, "a box to touch, inside the screen"
        serious = serious_accessibility_violations(page, "[data-materials-checklist]")
        assert serious == [], "\n".join(serious)
        for index in range(boxes(page).count()):
            boxes(page).nth(index).tap()
        # Nothing ticked and nothing else typed: no draft, as the validator keeps none for an empty form.
        assert ticked(page) == []
        assert page.evaluate("key => localStorage.getItem(key)", DRAFT) is None
    finally:
        phone.close()
