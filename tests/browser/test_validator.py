"""The offline validator in a real browser: same findings as the CLI, nothing leaves the origin.

The worker starts one of two ways (web/worker.mjs): by restoring a memory snapshot this
browser made on an earlier visit, or normally (``?snapshot=off`` forces it; a restore that
fails falls back to it). The findings must be the same either way, online and offline.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from playwright.sync_api import Page, expect

from generator.core import check
from tests.browser._helpers import PROGRAM, READY_TIMEOUT, open_validator
from tests.conftest import EXAMPLES

QUERY = {"restored": "", "normal": "&snapshot=off"}  # start-up path -> the page's query


def root(page: Page):
    return page.locator("[data-validator]")


def started(context, site_url: str, startup: str, lang: str = "zh") -> Page:
    """A validator page whose worker started the ``startup`` way.

    "restored": a first visit starts normally and stores a snapshot ("made"), then a new tab
    restores it. "normal": ``?snapshot=off``, no snapshot made or read.
    """
    page = context.new_page()
    open_validator(page, site_url, lang, query=QUERY[startup])
    expect(root(page)).to_have_attribute("data-startup", "made" if startup == "restored" else "normal")
    if startup == "restored":
        expect(root(page)).to_have_attribute("data-stored", "true", timeout=READY_TIMEOUT)
        page.close()
        page = context.new_page()
        open_validator(page, site_url, lang)
        expect(root(page)).to_have_attribute("data-startup", "restored")
    return page


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


@pytest.mark.parametrize("startup", ["restored", "normal"])
def test_every_example_gives_the_cli_findings_in_the_browser(context, site_url, catalog, outside_requests, startup):
    page = started(context, site_url, startup)
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
    # The start-up's progress bar: named in the page's language, gone once ready.
    expect(page.get_by_test_id("progress")).to_have_attribute("aria-label", "Validator loading progress")
    expect(page.get_by_test_id("progress")).to_be_hidden()
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


CACHED_SNAPSHOTS = r"""async () => {
  const found = [];
  for (const name of await caches.keys()) {
    for (const request of await (await caches.open(name)).keys()) {
      if (/snapshot-[0-9a-f]+\.bin$/.test(request.url)) found.push([name, request.url]);
    }
  }
  return found;
}"""


@pytest.mark.parametrize(("lang", "startup"), [("zh", "restored"), ("en", "normal")])
def test_works_offline_after_one_visit(context, site_url, catalog, lang, startup):
    page = context.new_page()
    open_validator(page, site_url, lang=lang, query=QUERY[startup])
    expect(root(page)).to_have_attribute("data-stored", "true", timeout=READY_TIMEOUT)
    # The first page is fetched before the service worker runs; it keeps a copy of itself.
    expect(page.locator("html")).to_have_attribute("data-offline-kept", "true", timeout=60_000)
    assert page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    # A page visited once the service worker runs is cached as it is visited.
    document = f"{site_url}{'en/' if lang == 'en' else ''}documents/cn-nm-hohhot/master-studio-rules/"
    other = context.new_page()
    other.goto(document)
    other.wait_for_load_state("networkidle")
    other.close()
    context.set_offline(True)
    page.reload()
    expect(page.get_by_test_id("status")).to_have_attribute("data-state", "ready", timeout=READY_TIMEOUT)
    expect(root(page)).to_have_attribute("data-startup", startup)
    text = (EXAMPLES / PROGRAM / "invalid-leader-without-qualification.json").read_text("utf-8")
    shown = run_check(page, text)
    assert sorted((f["rule"], f["path"], f["severity"]) for f in shown) == cli_findings(catalog, json.loads(text))
    page.goto(document)
    expect(page.locator("article h1").first).to_be_visible()


def test_a_snapshot_that_fails_to_restore_falls_back_to_a_normal_start(context, site_url, catalog):
    page = context.new_page()
    open_validator(page, site_url)
    expect(root(page)).to_have_attribute("data-stored", "true", timeout=READY_TIMEOUT)
    [(cache, key)] = page.evaluate(CACHED_SNAPSHOTS)
    # A snapshot Pyodide cannot restore, and a cache left by an older bundle.
    page.evaluate(
        """async ([cache, key]) => {
          await (await caches.open(cache)).put(key, new Response(new Uint8Array(4096).fill(7)));
          await (await caches.open("validator-0123456789abcdef")).put("old", new Response("x"));
        }""",
        [cache, key],
    )
    page.close()
    page = context.new_page()
    open_validator(page, site_url)
    expect(root(page)).to_have_attribute("data-startup", "made")  # fell back, then made a new one
    text = (EXAMPLES / PROGRAM / "invalid-leader-without-qualification.json").read_text("utf-8")
    shown = run_check(page, text)
    assert sorted((f["rule"], f["path"], f["severity"]) for f in shown) == cli_findings(catalog, json.loads(text))
    expect(root(page)).to_have_attribute("data-stored", "true", timeout=READY_TIMEOUT)
    assert page.evaluate(CACHED_SNAPSHOTS) == [[cache, key]]
    assert "validator-0123456789abcdef" not in page.evaluate("caches.keys()")


# Set before any page script: whether the validator's worker has said "ready" yet, who created
# it and whether the page's body had been parsed then.
SEE_WORKER = """(() => {
  const NativeWorker = window.Worker;
  window.Worker = class extends NativeWorker {
    constructor(...args) {
      super(...args);
      if (!String(args[0]).endsWith("/worker.mjs")) return; // not the theme's search worker
      window.__workerStart = { stack: new Error().stack, bodyParsed: document.body !== null };
      this.addEventListener("message", ({ data }) => data.type === "ready" && (window.__workerReady = true));
    }
  };
})();"""


def _returning_visitor(browser, site_url, **options):
    """A browser context that has opened the validator once and kept it (Cache Storage, and the
    service worker unless ``options`` block it), watched by SEE_WORKER."""
    context = browser.new_context(**options)
    context.add_init_script(SEE_WORKER)
    first = context.new_page()
    open_validator(first, site_url, "zh")
    expect(root(first)).to_have_attribute("data-stored", "true", timeout=READY_TIMEOUT)
    first.close()
    return context


def test_a_worker_ready_before_the_page_script_loads_still_gives_the_form(browser, site_url):
    """validate.js starts the worker before app.js loads: on a fast start (or a slow network)
    the worker's "ready" comes first, and is handed to app.js once app.js has set itself up."""
    # Service workers blocked: a route sees every request; bypass_csp for wait_for_function.
    context = browser.new_context(service_workers="block", bypass_csp=True)
    context.add_init_script(SEE_WORKER)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    held = []
    page.route("**/assets/validator/app.js", lambda route: held.append(route))
    page.goto(f"{site_url}validate/?program={PROGRAM}&snapshot=off", wait_until="commit")
    page.wait_for_function("window.__workerReady === true", timeout=READY_TIMEOUT)
    assert len(held) == 1, "app.js should have been held back until the worker was ready"
    held[0].continue_()
    expect(page.get_by_test_id("status")).to_have_attribute("data-state", "ready", timeout=READY_TIMEOUT)
    expect(page.get_by_test_id("form")).to_have_attribute("data-program", PROGRAM, timeout=30_000)
    assert errors == []
    context.close()


def test_a_returning_visit_starts_the_worker_while_the_head_is_parsed(browser, site_url):
    """With the service worker in charge (this browser has been here), the page's head starts
    the worker as it is parsed, from an inline script: a script file, even an async one, runs
    only after the page's first layout, about 0.2 s later on a returning visit."""
    context = _returning_visitor(browser, site_url)
    page = context.new_page()
    page.goto(f"{site_url}validate/?program={PROGRAM}", wait_until="commit")
    # The site's Content-Security-Policy stays on (it must allow the head's script): no
    # wait_for_function, which evaluates a string.
    expect(page.get_by_test_id("status")).to_have_attribute("data-state", "ready", timeout=READY_TIMEOUT)
    assert page.evaluate("navigator.serviceWorker.controller !== null"), "the service worker should control a returning visit"
    started = page.evaluate("window.__workerStart")
    assert started["bodyParsed"] is False, "the worker should start while the head is parsed"
    creator = [line for line in started["stack"].splitlines()[1:] if "at " in line][1]  # [0]: SEE_WORKER's wrapper
    assert "/validate/?program=" in creator and ".js" not in creator, f"created by {creator.strip()}, not the page's head"
    expect(root(page)).to_have_attribute("data-startup", "restored")
    context.close()


def test_a_returning_visit_starts_the_worker_before_the_page_scripts_load(browser, site_url):
    """On a returning visit the page's head starts the worker (worker-start.js), before the
    page is parsed: the validator's start does not wait for validate.js, the deferred module
    every page loads. Held back here, validate.js never runs, yet the worker gets ready."""
    # Service workers blocked: a route sees every request; the first visit keeps a version
    # of the validator in Cache Storage, which lets the next visit start the worker at once.
    context = _returning_visitor(browser, site_url, service_workers="block", bypass_csp=True)
    page = context.new_page()
    held = []
    page.route("**/assets/validator/validate.js", lambda route: held.append(route))
    page.goto(f"{site_url}validate/?program={PROGRAM}", wait_until="commit")
    page.wait_for_function("window.__workerReady === true", timeout=READY_TIMEOUT)
    assert len(held) == 1, "validate.js should still be held back when the worker is ready"
    held[0].continue_()
    expect(page.get_by_test_id("status")).to_have_attribute("data-state", "ready", timeout=READY_TIMEOUT)
    expect(root(page)).to_have_attribute("data-startup", "restored")
    context.close()
