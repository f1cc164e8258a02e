"""The validator app in a real browser: form, drafts, download, all programs, parity, safety.

Real Chromium, real Pyodide, the built site; nothing mocked. Every test here also fails if a
request leaves the site's origin or the Content-Security-Policy reports a violation.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import ClassVar

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis_jsonschema import from_schema
from playwright.sync_api import Page, expect

from generator.core import application_schema, check, parse_application
from generator.core.inputs import MAX_BYTES
from generator.core.match import match
from generator.core.money import format_amount
from generator.site.csp import apply_to_site
from tests.browser import _helpers
from tests.browser._helpers import PROGRAM, READY_TIMEOUT, QuietHandler, serious_accessibility_violations, serving
from tests.browser.conftest import SITE
from tests.conftest import EXAMPLES

VALID = EXAMPLES / PROGRAM / "valid-enterprise-national-expert.json"
AS_OF = "2025-03-15"
PER_PROGRAM = 20  # hypothesis documents per program: 11 programs, 220 documents
PAYLOADS = ('<img src=x onerror="window.__pwned=1">', '"><svg onload="window.__pwned=2"><script>window.__pwned=3</script>')
DRAFT_PREFIX = "policy-site.draft:"

# Before any page script: report CSP violations to the test, and keep a handle on the
# validator's worker (and the message types the page posts to it) for the parity test.
INIT = """
document.addEventListener("securitypolicyviolation", (e) =>
  window.__cspViolation({ page: location.pathname, directive: e.violatedDirective, blocked: e.blockedURI, sample: e.sample }));
const NativeWorker = window.Worker;
window.__posted = [];
window.Worker = class extends NativeWorker {
  constructor(url, options) {
    super(url, options);
    if (!String(url).endsWith("/worker.mjs")) return;
    window.__validator = this;
    const post = this.postMessage.bind(this);
    this.postMessage = (message, ...rest) => (window.__posted.push(message.type), post(message, ...rest));
  }
};
"""


class _RecordingHandler(QuietHandler):
    """Also notes each path served and who asked (the service worker's precache sends Referer sw.js)."""

    served: ClassVar[list[tuple[str, str]]] = []

    def do_GET(self):
        self.served.append((self.path, self.headers.get("Referer", "")))
        super().do_GET()


@pytest.fixture(scope="session")
def site_url(site_url, tmp_path_factory):
    """The built site with its Content-Security-Policy, served from a copy on loopback.

    `policy-site csp site` belongs in the site build (after mkdocs, before the
    service worker); running it here on a copy means these tests hold the pages to the
    policy whether or not the build has done it yet (it is idempotent), without touching site/.
    """
    copy = tmp_path_factory.mktemp("csp") / "site"
    shutil.copytree(SITE, copy)
    apply_to_site(copy)
    with serving(copy, _RecordingHandler) as url:
        yield url


@pytest.fixture(autouse=True)
def stays_on_origin_and_within_policy(context, outside_requests):
    violations = []
    context.expose_function("__cspViolation", lambda violation: violations.append(violation))
    context.add_init_script(INIT)
    yield
    assert outside_requests == [], "requests left the site's origin"
    assert violations == [], "Content-Security-Policy violations"


def open_validator(page: Page, site_url: str, lang: str = "zh", program: str = PROGRAM) -> None:
    """The validator ready, with the form of ``program`` drawn."""
    _helpers.open_validator(page, site_url, lang, program)
    expect(page.get_by_test_id("form")).to_have_attribute("data-program", program)


def field(page: Page, pointer: str):
    return page.locator(f'[data-pointer="{pointer}"]')


def fill_form(page: Page, pointer: str, value) -> None:
    """Types `value` into the form the way an applicant would: one control at a time."""
    here = field(page, pointer)
    if isinstance(value, dict):
        for key, sub in value.items():
            fill_form(page, f"{pointer}/{key}", sub)
    elif isinstance(value, list) and here.locator(":scope > .field__choices").count():
        for choice in value:
            here.locator(f'input[value="{choice}"]').check()
    elif isinstance(value, list):
        while here.locator(":scope > .field__rows > .field--row").count() < len(value):
            here.locator(":scope > [data-action=add]").click()
        for index, item in enumerate(value):
            fill_form(page, f"{pointer}/{index}", item)
    else:
        control = here.locator(":scope > .field__control")
        if control.get_attribute("readonly") is not None or control.get_attribute("type") == "hidden":
            assert control.input_value() == str(value), pointer  # computed, or fixed (the program)
        elif control.evaluate("c => c.tagName") == "SELECT":
            control.select_option(json.dumps(value) if isinstance(value, bool) else str(value))
        else:
            control.fill(str(value))


def form_json(page: Page) -> dict:
    return json.loads(page.get_by_test_id("json-input").input_value())


def findings_of(catalog, program: str, text: str) -> list[tuple]:
    result = check(catalog, program, parse_application(text), as_of=AS_OF)
    return [(f.rule, f.path, f.severity, f.message["zh"], f.message["en"]) for f in result.findings]


def run_check(page: Page) -> list[dict]:
    page.get_by_test_id("check").click()
    expect(page.get_by_test_id("findings")).to_have_attribute("data-done", "true", timeout=30_000)
    return page.locator("[data-testid=findings] > li").evaluate_all(
        "items => items.map(i => ({rule: i.dataset.ruleId, path: i.dataset.path, severity: i.dataset.severity, text: i.textContent}))"
    )


def test_the_form_builds_a_complete_application_the_core_judges_as_the_example(page, site_url, catalog):
    open_validator(page, site_url)
    example = json.loads(VALID.read_text("utf-8"))
    fill_form(page, "", {key: value for key, value in example.items() if key != "program"})
    produced = form_json(page)
    assert produced == example
    text = json.dumps(produced, ensure_ascii=False)
    assert findings_of(catalog, PROGRAM, text) == findings_of(catalog, PROGRAM, VALID.read_text("utf-8"))
    shown = run_check(page)
    assert not any(f["severity"] == "error" for f in shown)
    expect(page.get_by_test_id("error-summary")).to_be_hidden()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_example_loads_into_the_form_and_reads_back_unchanged(page, site_url, lang):
    """JSON → form → JSON is the identity for every example of every program, in both languages."""
    open_validator(page, site_url, lang=lang)
    programs = sorted({path.parent.relative_to(EXAMPLES).as_posix() for path in EXAMPLES.glob("*/*/*.json")})
    assert len(programs) > 1
    for program in programs:
        page.get_by_test_id("program").select_option(program)
        expect(page.get_by_test_id("form")).to_have_attribute("data-program", program)
        for path in sorted((EXAMPLES / program).glob("*.json")):
            page.get_by_test_id("json-input").fill(path.read_text("utf-8"))
            page.get_by_test_id("load-json").click()
            # Nothing the form cannot hold but the empty texts: an empty box is no answer, and the notice says so.
            expect(page.get_by_test_id("form-notice").locator("q")).to_have_text(
                _empty_texts(json.loads(path.read_text("utf-8")))
            )
            page.get_by_test_id("form").dispatch_event("input")  # what any edit does: form → JSON
            assert form_json(page) == _without_empty_text(json.loads(path.read_text("utf-8"))), path


def _empty_texts(value, trail=()):
    """Where ``value`` holds "", named as the validator's notice names keys: ``unit › bank_account``."""
    if value == "":
        return [" › ".join(trail)]
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    return [name for key, item in items for name in _empty_texts(item, (*trail, str(key)))]


def _without_empty_text(value):
    """An empty box is no answer: the form reads "" as left out (an example that files "" for a
    box the form requires, such as 账号, gets the same error either way)."""
    if isinstance(value, dict):
        return {key: _without_empty_text(item) for key, item in value.items() if item != ""}
    if isinstance(value, list):
        return [_without_empty_text(item) for item in value]
    return value


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_labels_help_and_required_marks_come_from_the_schema_in_the_page_language(page, site_url, catalog, lang):
    open_validator(page, site_url, lang=lang)
    schema = application_schema(catalog, PROGRAM)
    unit = schema["properties"]["unit"]
    for name in ("name", "host_type", "credit_code"):
        label = field(page, f"/unit/{name}").locator(":scope > label")
        expect(label).to_contain_text(unit["properties"][name]["x-title"][lang])
        assert (label.locator(".field__required").count() == 1) == (name in unit["required"])
        expect(field(page, f"/unit/{name}").locator(":scope > .field__control")).to_be_visible()
    control = field(page, "/unit/host_type").locator(":scope > .field__control")
    assert control.get_attribute("aria-describedby").split()[0] == field(page, "/unit/host_type").locator(
        ".field__hint"
    ).get_attribute("id")
    expect(control.locator("option[value=enterprise]")).to_have_text(
        unit["properties"]["host_type"]["x-enum-titles"]["enterprise"][lang]
    )
    expect(field(page, "/unit").locator(":scope > legend")).to_contain_text(unit["x-title"][lang])
    expect(field(page, "/application_date").locator("input")).to_have_attribute("type", "date")
    assert field(page, "/materials").locator("input[type=checkbox]").count() == len(
        schema["properties"]["materials"]["items"]["enum"]
    )


def test_rows_are_added_and_removed_and_findings_land_in_their_row(page, site_url):
    open_validator(page, site_url)
    page.get_by_test_id("json-input").fill(VALID.read_text("utf-8"))
    page.get_by_test_id("load-json").click()
    members = field(page, "/studio/members")
    count = members.locator(":scope > .field__rows > .field--row").count()
    members.locator(":scope > [data-action=add]").click()
    new_name = field(page, f"/studio/members/{count}/name").locator(".field__control")
    expect(new_name).to_be_focused()
    # left empty: a member's name is required (no source sets a length, so a short name is no error)
    shown = run_check(page)
    assert {f["path"] for f in shown if f["severity"] == "error"} == {f"/studio/members/{count}/name"}
    expect(field(page, f"/studio/members/{count}/name").locator(".field__message--error")).to_have_count(1)
    expect(new_name).to_have_attribute("aria-invalid", "true")
    summary = page.get_by_test_id("error-summary")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("alert")).to_be_visible()
    summary.get_by_role("link").first.click()
    expect(new_name).to_be_focused()
    members.locator(":scope > .field__rows > .field--row").first.locator(":scope > [data-action=remove]").click()
    assert len(form_json(page)["studio"]["members"]) == count
    assert form_json(page)["studio"]["members"][-1] == {}
    expect(field(page, "/studio/members/0/name").locator(".field__control")).to_be_focused()


def tab_to(page: Page, selector: str, limit: int = 600) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    pytest.fail(f"Tab never reached {selector}")


def test_keyboard_only_fill_check_and_reach_the_field_from_the_summary(page, site_url):
    open_validator(page, site_url)
    tab_to(page, '[data-pointer="/unit/name"] > .field__control')
    page.keyboard.type("呼和浩特某装备制造有限公司")
    tab_to(page, '[data-pointer="/unit/host_type"] > .field__control')
    page.keyboard.press("ArrowDown")  # the first choice after "choose…"
    tab_to(page, '[data-pointer="/materials"] input[value="commitment-letter"]')
    page.keyboard.press("Space")
    tab_to(page, "[data-testid=check]")
    page.keyboard.press("Enter")
    expect(page.get_by_test_id("findings")).to_have_attribute("data-done", "true", timeout=30_000)
    assert page.locator("[data-testid=findings] > li").count() > 0
    produced = form_json(page)
    assert produced["unit"]["name"] == "呼和浩特某装备制造有限公司"
    assert produced["unit"]["host_type"] == "enterprise"
    assert produced["materials"] == ["commitment-letter"]
    expect(page.get_by_test_id("error-summary")).to_be_focused()
    page.keyboard.press("Tab")
    first = page.evaluate("document.activeElement.getAttribute('href')")
    page.keyboard.press("Enter")
    assert page.evaluate("'#' + document.activeElement.id") == first
    assert page.evaluate("document.activeElement.closest('[data-testid=form]') !== null")


def poisoned(value):
    if isinstance(value, dict):
        return {key: poisoned(sub) for key, sub in value.items()}
    if isinstance(value, list):
        return [poisoned(item) for item in value]
    return PAYLOADS[len(str(value)) % 2] if isinstance(value, str) else value


def test_markup_in_every_string_of_an_application_stays_text(page, site_url):
    application = poisoned(json.loads(VALID.read_text("utf-8")))
    application["unit"][PAYLOADS[0]] = PAYLOADS[1]  # a key the form does not know, too
    open_validator(page, site_url)
    page.get_by_test_id("json-input").fill(json.dumps(application, ensure_ascii=False))
    page.get_by_test_id("load-json").click()
    shown = run_check(page)
    page.get_by_test_id("match").click()
    expect(page.get_by_test_id("match-table")).to_have_attribute("data-done", "true", timeout=60_000)
    page.wait_for_timeout(500)  # an injected image would have failed to load by now
    assert any(payload in f["text"] for f in shown for payload in PAYLOADS)
    expect(field(page, "/unit/name").locator(".field__control")).to_have_value(application["unit"]["name"])
    expect(field(page, "/unit/host_type").locator("option:checked")).to_contain_text(application["unit"]["host_type"])
    choices = field(page, "/materials").locator(".choice label").all_text_contents()
    assert all(any(payload in choice for choice in choices) for payload in set(application["materials"]))
    assert (
        page.locator("[data-validator]").evaluate("root => root.querySelectorAll('img, svg, script, iframe, object').length") == 0
    )
    assert page.evaluate("window.__pwned") is None


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_filled_checked_page_has_no_serious_accessibility_violation(page, site_url, lang):
    """axe-core over the validator once the form, the messages, the summary and the table are all shown."""
    open_validator(page, site_url, lang=lang)
    page.get_by_test_id("json-input").fill((EXAMPLES / PROGRAM / "invalid-leader-without-qualification.json").read_text("utf-8"))
    run_check(page)
    page.get_by_test_id("match").click()
    expect(page.get_by_test_id("match-table")).to_have_attribute("data-done", "true", timeout=60_000)
    serious = serious_accessibility_violations(page, "[data-validator]")
    assert serious == [], "\n".join(serious)


def drawn_documents(schema: dict) -> list[dict]:
    """PER_PROGRAM schema-valid documents, the same on every run (derandomized)."""
    drawn = []

    @settings(max_examples=PER_PROGRAM, derandomize=True, database=None, deadline=None, suppress_health_check=list(HealthCheck))
    @given(from_schema(schema))
    def collect(document):
        drawn.append(document)

    collect()
    return drawn


def test_parity_with_the_cli_for_every_example_and_generated_documents(page, site_url, catalog):
    documents = [(p.parent.relative_to(EXAMPLES).as_posix(), p.read_text("utf-8")) for p in sorted(EXAMPLES.glob("*/*/*.json"))]
    for program in sorted(catalog["programs"]):
        documents += [(program, json.dumps(d, ensure_ascii=False)) for d in drawn_documents(application_schema(catalog, program))]
    assert len(documents) >= 200 + len(list(EXAMPLES.glob("*/*/*.json")))
    open_validator(page, site_url)
    results = page.evaluate(
        """async ({ documents, asOf }) => {
          const worker = window.__validator;
          const answers = new Map();
          const done = new Promise((resolve) => worker.addEventListener("message", ({ data }) => {
            if (data.type !== "result" || !String(data.id).startsWith("parity-")) return;
            answers.set(data.id, data);
            if (answers.size === documents.length) resolve();
          }));
          documents.forEach(([program, text], i) => worker.postMessage({ type: "check", id: `parity-${i}`, program, text, asOf }));
          await done;
          return documents.map((_, i) => answers.get(`parity-${i}`));
        }""",
        {"documents": documents, "asOf": AS_OF},
    )
    for (program, text), answer in zip(documents, results, strict=True):
        assert "error" not in answer, answer
        shown = [
            (f["rule"], f["path"], f["severity"], f["message"]["zh"], f["message"]["en"]) for f in answer["result"]["findings"]
        ]
        assert shown == findings_of(catalog, program, text), (program, text)


def test_drafts_survive_a_reload_and_the_delete_button_removes_this_programs_after_asking(page, site_url):
    other = f"{DRAFT_PREFIX}cn/skill-foundation-base"
    open_validator(page, site_url)
    page.evaluate(
        "([key, text]) => localStorage.setItem(key, JSON.stringify({text, saved: new Date().toISOString()}))", [other, "{}"]
    )
    name = field(page, "/unit/name").locator(".field__control")
    name.fill("草稿单位")
    page.wait_for_function("p => localStorage.getItem(p) !== null", arg=f"{DRAFT_PREFIX}{PROGRAM}")
    saved = page.get_by_test_id("json-input").input_value()
    page.reload()
    open_validator(page, site_url)
    expect(field(page, "/unit/name").locator(".field__control")).to_have_value("草稿单位")
    expect(page.get_by_test_id("json-input")).to_have_value(saved)
    expect(page.get_by_test_id("draft-state")).not_to_be_empty()
    expect(page.get_by_test_id("delete-draft")).to_have_text("删除本项目的草稿")
    page.once("dialog", lambda dialog: dialog.dismiss())  # asked first: "cancel" keeps everything
    page.get_by_test_id("delete-draft").click()
    expect(page.get_by_test_id("json-input")).to_have_value(saved)
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_test_id("delete-draft").click()
    drafts = page.evaluate("p => Object.keys(localStorage).filter(k => k.startsWith(p))", DRAFT_PREFIX)
    assert drafts == [other]  # another program's draft stays
    expect(page.get_by_test_id("json-input")).to_have_value("")
    expect(field(page, "/unit/name").locator(".field__control")).to_have_value("")
    page.get_by_test_id("undo-delete").click()  # and the undo brings it back
    expect(field(page, "/unit/name").locator(".field__control")).to_have_value("草稿单位")
    assert page.evaluate("p => localStorage.getItem(p) !== null", f"{DRAFT_PREFIX}{PROGRAM}")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_test_id("delete-draft").click()
    page.reload()
    open_validator(page, site_url)
    expect(page.get_by_test_id("json-input")).to_have_value("")
    expect(field(page, "/unit/name").locator(".field__control")).to_have_value("")


def test_download_gives_the_text_area_json_named_after_the_program(page, site_url):
    open_validator(page, site_url)
    page.get_by_test_id("json-input").fill(VALID.read_text("utf-8"))
    page.get_by_test_id("load-json").click()
    field(page, "/unit/name").locator(".field__control").fill("下载测试单位")  # form → text area
    with page.expect_download() as download:
        page.get_by_test_id("download").click()
    assert download.value.suggested_filename == "cn-nm-hohhot-master-studio.json"
    body = Path(download.value.path()).read_text("utf-8")
    assert body == page.get_by_test_id("json-input").input_value()
    assert json.loads(body)["unit"]["name"] == "下载测试单位"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_match_table_gives_the_applicants_kind_the_core_verdict_applied_for_first(page, site_url, catalog, lang):
    open_validator(page, site_url, lang=lang)
    expect(page.get_by_test_id("match-table")).to_be_hidden()  # no empty table before a match
    text = VALID.read_text("utf-8")
    page.get_by_test_id("json-input").fill(text)
    page.get_by_test_id("match").click()
    table = page.get_by_test_id("match-table")
    expect(table).to_have_attribute("data-done", "true", timeout=60_000)
    rows = table.locator("tbody tr").evaluate_all("rows => rows.map(r => [r.dataset.program, r.dataset.status, r.textContent])")
    expected = {m.program: m for m in match(catalog, json.loads(text))}  # the CLI's default: the applicant's kind
    assert rows[0][0] == PROGRAM  # the program applied for comes first
    assert sorted(program for program, _, _ in rows) == sorted(expected)
    assert {catalog["programs"][program]["kind"] for program, _, _ in rows} == {"master-studio"}
    for program, status, shown in rows:
        core = expected[program].status
        assert status == core or (core == "review" and status == "not-applicable")
        assert expected[program].title[lang] in shown
        for item in expected[program].funding:  # amounts as core.money writes them, not re-formatted in JS
            assert format_amount(item["amount"], lang) in shown


def test_a_training_school_is_not_applicable_to_studios_it_gave_no_data_for(page, site_url, catalog):
    school = EXAMPLES / "cn-nm/training-base-regional/valid-training-school-at-thresholds.json"
    open_validator(page, site_url, program="cn-nm/training-base-regional")
    page.get_by_test_id("json-input").fill(school.read_text("utf-8"))
    page.get_by_test_id("match").click()
    expect(page.get_by_test_id("match-table")).to_have_attribute("data-done", "true", timeout=60_000)
    rows = (
        page.get_by_test_id("match-table")
        .locator("tbody tr")
        .evaluate_all("rows => rows.map(r => [r.dataset.program, r.dataset.status])")
    )
    assert rows[0][0] == "cn-nm/training-base-regional"
    assert all(catalog["programs"][program]["kind"] == "training-base" for program, _ in rows)
    assert "master-studio" not in " ".join(program for program, _ in rows)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_input_over_the_core_limit_is_refused_in_the_page_without_posting_it(page, site_url, lang):
    open_validator(page, site_url, lang=lang)
    # Fewer characters than the limit, more bytes (字 is three bytes in UTF-8): bytes count.
    characters = MAX_BYTES // 3 + 1
    page.get_by_test_id("json-input").evaluate('(area, n) => { area.value = `{"x": "${\'字\'.repeat(n)}"}`; }', characters)
    shown = run_check(page)
    assert [f["severity"] for f in shown] == ["unusable"]
    limit = f"{MAX_BYTES:,}"
    assert limit in shown[0]["text"]
    assert ("超过上限" if lang == "zh" else "over the limit") in shown[0]["text"]
    assert "check" not in page.evaluate("window.__posted")


def test_pages_load_the_validator_under_the_policy(page, site_url):
    """Home, a document, a program with its diagram, the validator loading, checking, matching."""
    for path in ("", "documents/cn-nm-hohhot/master-studio-rules/", "en/programs/cn-nm-hohhot/master-studio/"):
        page.goto(site_url + path)
        assert page.evaluate("document.head.firstElementChild.httpEquiv") == "Content-Security-Policy"
        page.wait_for_load_state("networkidle")
    expect(page.locator(".procedure-diagram svg")).to_have_count(1, timeout=30_000)
    open_validator(page, site_url)
    page.get_by_test_id("json-input").fill(VALID.read_text("utf-8"))
    run_check(page)
    page.get_by_test_id("match").click()
    expect(page.get_by_test_id("match-table")).to_have_attribute("data-done", "true", timeout=60_000)


def wasm_requests() -> list[str]:
    """Who asked for the Pyodide wasm since the test began: the Referer of each request."""
    # The runtime is asked for as ?v=<bundle version> (web/worker.mjs, web/warm.js).
    return [referer for path, referer in _RecordingHandler.served if path.split("?")[0].endswith("/pyodide.asm.wasm")]


SAVE_DATA = "Object.defineProperty(navigator, 'connection', { value: { saveData: true, effectiveType: '4g' } });"
DOCUMENT = "documents/cn-nm-hohhot/master-studio-rules/"


def test_a_reader_sparing_data_fetches_nothing_of_the_validator(browser, site_url):
    _RecordingHandler.served.clear()
    context = browser.new_context()
    try:
        context.add_init_script(SAVE_DATA)
        page = context.new_page()
        page.goto(site_url + DOCUMENT)
        expect(page.locator("html")).to_have_attribute("data-validator-runtime", "save-data", timeout=30_000)
        page.wait_for_load_state("networkidle")
    finally:
        context.close()
    assert wasm_requests() == []


def test_on_a_fast_connection_other_pages_fetch_the_runtime_once_for_the_validator(browser, site_url):
    _RecordingHandler.served.clear()
    context = browser.new_context(service_workers="block")  # the cache works without one
    try:
        page = context.new_page()
        page.goto(site_url + DOCUMENT)
        if page.evaluate("navigator.connection?.effectiveType") != "4g":
            pytest.skip("this Chromium reports no 4G connection: nothing is fetched ahead")
        expect(page.locator("html")).to_have_attribute("data-validator-runtime", "prefetched", timeout=60_000)
        page.goto(site_url + "en/" + DOCUMENT)
        expect(page.locator("html")).to_have_attribute("data-validator-runtime", "cached", timeout=60_000)
        open_validator(page, site_url)
    finally:
        context.close()
    assert wasm_requests() == [site_url + DOCUMENT]  # once, by the first page, not by the worker


# ---- the journey: program, draft and findings kept; the verdict first; a phone ---------------


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_switching_language_keeps_the_program_the_draft_and_the_findings(page, site_url, lang):
    program = "cn/skill-foundation-base"
    open_validator(page, site_url, lang, program)
    invalid = EXAMPLES / program / "invalid-two-occupations.json"
    page.get_by_test_id("json-input").fill(invalid.read_text("utf-8"))
    page.get_by_test_id("load-json").click()
    before = run_check(page)
    assert any(f["severity"] == "error" for f in before)
    other = "en" if lang == "zh" else "zh"
    page.locator(".md-header__option .md-select").first.hover()  # the theme's language menu opens on hover
    page.locator(f'a[hreflang="{other}"]').first.click()
    expect(page.get_by_test_id("status")).to_have_attribute("data-state", "ready", timeout=READY_TIMEOUT)
    assert f"program={program}".replace("/", "%2F") in page.url or f"program={program}" in page.url
    expect(page.get_by_test_id("program")).to_have_value(program)
    expect(page.get_by_test_id("findings")).to_have_attribute("data-done", "true", timeout=30_000)
    after = page.locator("[data-testid=findings] > li").evaluate_all(
        "items => items.map(i => ({rule: i.dataset.ruleId, path: i.dataset.path}))"
    )
    assert after == [{"rule": f["rule"], "path": f["path"]} for f in before]
    assert json.loads(page.get_by_test_id("json-input").input_value()) == json.loads(invalid.read_text("utf-8"))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_an_unknown_program_in_the_address_says_so_and_offers_the_list(page, site_url, catalog, lang):
    page.goto(f"{site_url}{'en/' if lang == 'en' else ''}validate/?program=cn/no-such-program")
    notice = page.get_by_test_id("program-notice")
    expect(notice).to_be_visible()
    expect(notice).to_contain_text("cn/no-such-program")
    offered = notice.locator("li").evaluate_all("items => items.map(i => i.dataset.program)")
    assert sorted(offered) == sorted(catalog["programs"])
    notice.locator('li[data-program="cn/master-studio"] a').click()
    expect(page.get_by_test_id("status")).to_have_attribute("data-state", "ready", timeout=READY_TIMEOUT)
    expect(page.get_by_test_id("program")).to_have_value("cn/master-studio")
    expect(page.get_by_test_id("program-notice")).to_be_hidden()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_file_written_for_another_program_offers_to_switch_to_it(page, site_url, lang):
    open_validator(page, site_url, lang, "cn/master-studio")
    page.get_by_test_id("file-input").set_input_files(str(VALID))
    notice = page.get_by_test_id("program-notice")
    expect(notice).to_contain_text(PROGRAM)
    notice.get_by_test_id("switch-program").click()
    expect(page.get_by_test_id("program")).to_have_value(PROGRAM)
    expect(page.get_by_test_id("form")).to_have_attribute("data-program", PROGRAM)
    assert json.loads(page.get_by_test_id("json-input").input_value()) == json.loads(VALID.read_text("utf-8"))
    assert PROGRAM in page.url or PROGRAM.replace("/", "%2F") in page.url


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_verdict_comes_first_with_funding_window_and_next_steps(page, site_url, catalog, lang):
    open_validator(page, site_url, lang)
    page.get_by_test_id("json-input").fill(VALID.read_text("utf-8"))
    run_check(page)
    verdict = page.get_by_test_id("verdict")
    expect(verdict).to_have_attribute("data-status", "ready")
    expect(verdict.get_by_test_id("verdict-line")).to_contain_text("可以报送" if lang == "zh" else "Ready to file")
    expect(verdict.get_by_test_id("verdict-funding")).to_contain_text(format_amount({"min": 50000, "max": 50000}, lang))
    other_brackets = "（" if lang == "en" else "("  # each language's own brackets around the funding text
    expect(verdict.get_by_test_id("verdict-funding")).not_to_contain_text(other_brackets)
    expect(verdict.get_by_test_id("verdict-next").locator("a")).to_have_count(2)  # the papers, the materials
    assert verdict.evaluate("v => v.compareDocumentPosition(document.querySelector('[data-testid=findings]')) & 4") == 4
    page.get_by_test_id("json-input").fill(
        (EXAMPLES / PROGRAM / "invalid-education-fund-share-below-half.json").read_text("utf-8")
    )
    run_check(page)
    expect(verdict).to_have_attribute("data-status", "errors")
    expect(verdict.get_by_test_id("verdict-line")).to_contain_text("暂不宜报送" if lang == "zh" else "Not ready to file")
    foundation = "cn/skill-foundation-base"
    page.get_by_test_id("program").select_option(foundation)
    expect(page.get_by_test_id("form")).to_have_attribute("data-program", foundation)
    page.get_by_test_id("json-input").fill((EXAMPLES / foundation / "valid-leading-enterprise.json").read_text("utf-8"))
    run_check(page)
    window = verdict.get_by_test_id("verdict-window")
    expect(window).to_have_attribute("data-states", "closed")  # 2022-11-30, as of today
    expect(window).to_contain_text("2022-11-30")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_on_a_phone_nothing_overflows_the_check_stays_at_hand_and_the_match_reads(browser, site_url, lang):
    phone = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True, has_touch=True)
    page = phone.new_page()
    try:
        open_validator(page, site_url, lang)
        width = page.evaluate("() => document.documentElement.scrollWidth")
        assert width <= 390, f"the page is {width} px wide on a 390 px screen"
        page.get_by_test_id("json-input").fill(VALID.read_text("utf-8"))
        page.get_by_test_id("load-json").tap()
        page.locator('[data-pointer="/unit/name"] .field__control').scroll_into_view_if_needed()
        check = page.get_by_test_id("check")
        expect(check).to_be_in_viewport()  # sticky: reachable from the middle of the form
        box = check.bounding_box()
        assert box["height"] >= 40, "a touch target of at least 40 px"
        check.tap()
        expect(page.get_by_test_id("findings")).to_have_attribute("data-done", "true", timeout=30_000)
        page.get_by_test_id("match").tap()
        expect(page.get_by_test_id("match-table")).to_have_attribute("data-done", "true", timeout=60_000)
        assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
        cell = page.get_by_test_id("match-table").locator("tbody tr").first.bounding_box()
        assert cell["width"] <= 390
    finally:
        phone.close()


PASTE = """(target, text) => {
  const data = new DataTransfer();
  data.setData("text/plain", text);
  target.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
}"""


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_rows_paste_from_a_spreadsheet_with_each_bad_cell_named_and_totals_computed(page, site_url, lang):
    program = "cn-nm-chifeng/training-base"
    open_validator(page, site_url, lang, program)
    page.get_by_test_id("json-input").fill(
        (EXAMPLES / program / "valid-small-school-below-advisory-figures.json").read_text("utf-8")
    )
    page.get_by_test_id("load-json").click()
    total = field(page, "/training_totals/total").locator(".field__control")
    expect(total).to_have_attribute("readonly", "")  # computed, not typed
    # Three rows as Excel or WPS copies them: tab-separated, one line a row; one bad cell.
    first = field(page, "/training/0/year").locator(".field__control")
    first.evaluate(PASTE, "2022\t300\t80\r\n2023\t三百\t90\r\n2024\t200\t50\r\n")
    expect(page.get_by_test_id("findings")).to_have_attribute("data-done", "true", timeout=30_000)
    document = form_json(page)
    assert [row["year"] for row in document["training"]] == [2022, 2023, 2024]
    assert document["training"][0]["total"] == 300 and document["training"][1]["total"] == "三百"
    bad = field(page, "/training/1/total")
    expect(bad.locator(".field__message--error")).to_have_count(1)  # the core names the bad cell
    assert "/training/1/total" in [f["path"] for f in run_check(page) if f["severity"] == "error"]
    expect(total).to_have_value("")  # no total while a row lacks its figure
    bad.locator(".field__control").fill("100")
    expect(total).to_have_value("600")
    expect(field(page, "/training_totals/advanced").locator(".field__control")).to_have_value("220")
    assert form_json(page)["training_totals"] == {"total": 600, "advanced": 220}
