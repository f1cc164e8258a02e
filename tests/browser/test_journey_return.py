"""A returning applicant's journey: the validator restored from its memory snapshot still
makes the papers to file. Real Chromium, real Pyodide, the built site; nothing mocked.

The snapshot keeps the interpreter's memory, not the files it unpacked: whatever the papers
read from the package must be read before it is taken (generator/papers/layout.py).
"""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from tests.browser._helpers import PROGRAM, READY_TIMEOUT, open_validator
from tests.conftest import EXAMPLES

VALID = EXAMPLES / PROGRAM / "valid-enterprise-national-expert.json"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_returning_visit_restored_from_the_snapshot_still_makes_the_papers(context, site_url, lang):
    first = context.new_page()
    open_validator(first, site_url, lang)
    root = first.locator("[data-validator]")
    expect(root).to_have_attribute("data-stored", "true", timeout=READY_TIMEOUT)
    first.close()

    page = context.new_page()
    open_validator(page, site_url, lang)
    expect(page.locator("[data-validator]")).to_have_attribute("data-startup", "restored")
    page.get_by_test_id("json-input").fill(VALID.read_text("utf-8"))
    page.get_by_test_id("load-json").click()
    with page.expect_popup() as popup:
        page.get_by_test_id("papers-print").click()
    view = popup.value
    view.wait_for_url("blob:**")
    view.wait_for_load_state()
    status = page.get_by_test_id("papers-status")
    expect(status).to_have_attribute("data-done", "true")
    expect(status).not_to_contain_text("Error")
    expect(view.locator("body")).to_contain_text(json.loads(VALID.read_text("utf-8"))["unit"]["name"])
