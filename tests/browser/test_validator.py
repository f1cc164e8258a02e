"""The offline validator in a real browser: same findings as the CLI, nothing leaves the origin."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from playwright.sync_api import Page, expect

from generator.core import check
from tests.browser._helpers import PROGRAM, READY_TIMEOUT, open_validator
from tests.conftest import EXAMPLES


def run_check(page: Page, text: str) -> list[dict]:
    page.get_by_test_id("json-input").fill(text)
    page.get_by_test_id("check").click()
    expect(page.get_by_test_id("findings")).to_have_attribute("data-done", "true", timeout=30_000)
    return (
        page.get_by_test_id("findings")
        .locator(":scope > li")
        .evaluate_all(
            "items => items.map(i => ({rule: i.dataset.ruleId, path: i.dataset.path, severity: i.dataset.severity, text: i.textContent}))"
        )
    )


def cli_findings(catalog, application: dict) -> list[tuple]:
    result = check(catalog, PROGRAM, application, as_of=dt.date.today().isoformat())
    return sorted((f.rule, f.path, f.severity) for f in result.findings)


def test_every_example_gives_the_cli_findings_in_the_browser(page, site_url, catalog, outside_requests):
    open_validator(page, site_url)
    expect(page.get_by_test_id("program")).to_have_value(PROGRAM)
    examples = sorted((EXAMPLES / PROGRAM).glob("*.json"))
    assert any("invalid" in p.name for p in examples) and any(p.name.startswith("valid") for p in examples)
    for path in examples:
        text = path.read_text("utf-8")
        shown = run_check(page, text)
        assert sorted((f["rule"], f["path"], f["severity"]) for f in shown) == cli_findings(catalog, json.loads(text)), path.name
        if path.name.startswith("invalid"):
            assert any(f["severity"] == "error" for f in shown), path.name
    assert outside_requests == []


def test_the_english_page_shows_english_findings(page, site_url):
    open_validator(page, site_url, lang="en")
    shown = run_check(page, (EXAMPLES / PROGRAM / "invalid-education-fund-share-below-half.json").read_text("utf-8"))
    error = next(f for f in shown if f["severity"] == "error")
    assert "required: at least 50%" in error["text"]
    assert "Article 7" in error["text"]
    expect(page.get_by_test_id("summary")).to_contain_text("1 errors")


def test_unusable_input_is_refused_in_the_page_language(page, site_url):
    open_validator(page, site_url)
    shown = run_check(page, '{"program": ')
    assert [f["severity"] for f in shown] == ["unusable"]
    assert "不是有效的 JSON" in shown[0]["text"]


def test_application_text_is_shown_inert(page, site_url):
    open_validator(page, site_url)
    payload = '<img src=x onerror="document.body.dataset.pwned=1">'
    application = json.loads((EXAMPLES / PROGRAM / "valid-enterprise-national-expert.json").read_text("utf-8"))
    application["studio"]["name"] = payload
    shown = run_check(page, json.dumps(application, ensure_ascii=False))
    assert any(payload in f["text"] for f in shown)  # shown as text, in the studio-name finding
    assert page.evaluate("document.body.dataset.pwned") is None
    assert page.locator("[data-testid=findings] img").count() == 0


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_works_offline_after_one_visit(page, context, site_url, catalog, lang):
    open_validator(page, site_url, lang=lang)
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.wait_for_function("navigator.serviceWorker.controller !== null", timeout=60_000)
    # Wait until Workbox has precached everything (the wasm included) before cutting the network.
    page.wait_for_function(
        """async () => { const keys = await caches.keys(); for (const k of keys) {
             const c = await caches.open(k); const reqs = await c.keys();
             if (reqs.some(r => r.url.includes('pyodide.asm.wasm'))) return true; } return false; }""",
        timeout=60_000,
    )
    context.set_offline(True)
    page.reload()
    expect(page.get_by_test_id("status")).to_have_attribute("data-state", "ready", timeout=READY_TIMEOUT)
    text = (EXAMPLES / PROGRAM / "invalid-leader-without-qualification.json").read_text("utf-8")
    shown = run_check(page, text)
    assert sorted((f["rule"], f["path"], f["severity"]) for f in shown) == cli_findings(catalog, json.loads(text))
