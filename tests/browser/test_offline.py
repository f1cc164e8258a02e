"""Offline for real, and on the rules in force (issue #20).

The site is served from a copy of site/ by a server these tests STOP (or whose chosen
requests they drop unanswered): Playwright's set_offline would not stop the service worker's
own fetches. The server says ``Cache-Control: no-cache``, as a host whose cache lifetime has
run out: nothing is answered by the browser's HTTP cache without asking the server.

A publish is what `make site` does for a rules change: the catalogue changed (Hohhot's fund
share raised from 50% to 60%), the manifest rewritten by the bundle's own ``write_manifest``
(a new version and publication time), the service worker rebuilt by web/build-sw.mjs.
Real Chromium, real Pyodide, the real worker and service worker; nothing mocked.
"""

from __future__ import annotations

import datetime as dt
import functools
import http.server
import json
import os
import shutil
import subprocess
import threading
from pathlib import Path

import docx
import pytest
from playwright.sync_api import Page, expect

from generator.core import check
from generator.site.bundle import write_manifest
from tests.browser._helpers import PROGRAM, READY_TIMEOUT, QuietHandler
from tests.browser.conftest import SITE
from tests.conftest import EXAMPLES, ROOT

VALID = EXAMPLES / PROGRAM / "valid-enterprise-national-expert.json"  # a fund share of 55%
INVALID = EXAMPLES / PROGRAM / "invalid-leader-without-qualification.json"
FUND_RULE = "cn-nm-hohhot/master-studio/host-fund-share"


class Site:
    """A copy of the built site on one loopback port, which can be stopped and started again;
    requests whose path contains one of ``drop`` are closed unanswered (the network failing)."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.drop: set[str] = set()
        self.port = 0
        self._server = None
        self.running = False
        self.start()
        self.url = f"http://127.0.0.1:{self.port}/"

    def _handler(self):
        site = self

        class Handler(QuietHandler):
            def do_GET(self):
                if any(part in self.path for part in site.drop):
                    self.close_connection = True
                    return  # nothing sent: the browser sees the connection fail
                super().do_GET()

            def end_headers(self):
                self.send_header("Cache-Control", "no-cache")
                super().end_headers()

        return functools.partial(Handler, directory=str(self.folder))

    def start(self) -> None:
        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", self.port), self._handler())
        self.port = self._server.server_address[1]
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        self.running = True

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self.running = False

    def validator(self, lang: str = "zh") -> str:
        return f"{self.url}{'en/' if lang == 'en' else ''}validate/?program={PROGRAM}"

    def publish(self, fund_share: int) -> str:
        """A new version of the rules, published into the served folder; its version."""
        bundle = self.folder / "assets" / "validator"
        catalog = json.loads((bundle / "catalog.json").read_text("utf-8"))
        [rule] = [r for r in catalog["programs"][PROGRAM]["all_rules"] if r["id"].endswith("host-fund-share")]
        rule["check"]["at_least"]["value"] = fund_share
        for name in ("catalog.json", "manifest.json"):
            (bundle / name).unlink()  # a copy of the file, not the link to site/
        (bundle / "catalog.json").write_text(json.dumps(catalog, ensure_ascii=False, separators=(",", ":")), "utf-8")
        later = (dt.datetime.now(dt.UTC) + dt.timedelta(minutes=1)).replace(microsecond=0)
        manifest = write_manifest(bundle, later.isoformat().replace("+00:00", "Z"))
        (self.folder / "sw.js").unlink()
        subprocess.run(["node", str(ROOT / "web" / "build-sw.mjs"), str(self.folder)], check=True, capture_output=True)
        return manifest["version"]


@pytest.fixture
def site(tmp_path):
    """site/ linked file by file (a publish replaces the files it changes), served."""
    if not (SITE / "assets" / "validator" / "manifest.json").is_file():
        pytest.fail("site/ is not built with the validator bundle: run `make site` (make test does)")
    folder = tmp_path / "site"
    shutil.copytree(SITE, folder, copy_function=os.symlink)
    served = Site(folder)
    yield served
    if served.running:
        served.stop()


def ready(page: Page) -> None:
    expect(page.get_by_test_id("status")).to_have_attribute("data-state", "ready", timeout=READY_TIMEOUT)


def first_visit(context, site: Site, lang: str = "zh") -> Page:
    """A validator visit, waited on until everything it keeps for the next one is kept."""
    page = context.new_page()
    page.goto(site.validator(lang))
    ready(page)
    expect(page.locator("[data-validator]")).to_have_attribute("data-stored", "true", timeout=READY_TIMEOUT)
    expect(page.locator("html")).to_have_attribute("data-offline-kept", "true", timeout=60_000)
    return page


def findings(page: Page, path: Path) -> list[tuple]:
    page.get_by_test_id("json-input").fill(path.read_text("utf-8"))
    page.get_by_test_id("check").click()
    expect(page.get_by_test_id("findings")).to_have_attribute("data-done", "true", timeout=READY_TIMEOUT)
    shown = page.get_by_test_id("findings").locator(":scope > li")
    return sorted(shown.evaluate_all("items => items.map(i => [i.dataset.ruleId, i.dataset.path, i.dataset.severity])"))


def fund_errors(shown: list) -> list:
    return [f for f in shown if f[0] == FUND_RULE and f[2] == "error"]


def rules_line(page: Page):
    return page.get_by_test_id("rules-version")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_with_the_server_stopped_a_new_tab_starts_checks_and_makes_both_papers(browser, site, catalog, tmp_path, lang):
    context = browser.new_context(accept_downloads=True)
    first_visit(context, site, lang).close()
    site.stop()

    page = context.new_page()
    page.goto(site.validator(lang))
    ready(page)
    expect(rules_line(page)).to_have_attribute("data-latest", "false")
    expect(rules_line(page)).to_contain_text("联网即可获取更新的规则" if lang == "zh" else "connect to get any newer ones")
    text = INVALID.read_text("utf-8")
    expected = check(catalog, PROGRAM, json.loads(text), as_of=dt.date.today().isoformat())
    assert findings(page, INVALID) == sorted([f.rule, f.path, f.severity] for f in expected.findings)

    # Both papers, from modules no click had fetched while online.
    page.get_by_test_id("json-input").fill(VALID.read_text("utf-8"))
    page.get_by_test_id("load-json").click()
    unit = json.loads(VALID.read_text("utf-8"))["unit"]["name"]
    with page.expect_download(timeout=60_000) as download:
        page.get_by_test_id("papers-docx").click()
    saved = tmp_path / "papers.docx"
    download.value.save_as(saved)
    assert unit in [c.text for c in docx.Document(saved).tables[0].rows[0].cells]
    with page.expect_popup() as popup:
        page.get_by_test_id("papers-print").click()
    view = popup.value
    view.wait_for_url("blob:**")
    expect(view.locator("body")).to_contain_text(unit)
    context.close()


def test_a_publish_reaches_the_first_visit_after_it_and_the_page_left_open(browser, site):
    context = browser.new_context()
    left_open = first_visit(context, site)
    old = rules_line(left_open).get_attribute("data-version")
    expect(rules_line(left_open)).to_have_attribute("data-latest", "true")
    assert fund_errors(findings(left_open, VALID)) == []  # 55% meets "at least 50%"

    new = site.publish(fund_share=60)
    assert new != old
    page = context.new_page()
    page.goto(site.validator())
    ready(page)
    expect(rules_line(page)).to_have_attribute("data-version", new)
    expect(rules_line(page)).to_have_attribute("data-latest", "true")
    assert len(fund_errors(findings(page, VALID))) == 1  # the first visit after the publish uses it
    page.close()

    # The page left open says so at its next check, and checks again on the new rules.
    assert fund_errors(findings(left_open, VALID)) == []
    expect(left_open.get_by_test_id("rules-notice")).to_be_visible()
    expect(left_open.get_by_test_id("rules-notice")).to_contain_text("新版规则")
    left_open.get_by_test_id("rules-recheck").click()
    ready(left_open)
    expect(rules_line(left_open)).to_have_attribute("data-version", new)
    expect(left_open.get_by_test_id("findings")).to_have_attribute("data-done", "true", timeout=READY_TIMEOUT)
    expect(left_open.locator(f"[data-testid=findings] > li[data-rule-id='{FUND_RULE}']")).to_have_count(1)
    context.close()


def test_an_update_fetched_in_part_leaves_the_last_whole_version_working_online_and_offline(browser, site):
    context = browser.new_context()
    first_visit(context, site).close()
    site.publish(fund_share=60)
    site.drop = {"site-packages.zip"}  # the connection fails while the update is fetched

    for stop in (False, True):
        if stop:
            site.stop()
        page = context.new_page()
        page.goto(site.validator())
        ready(page)
        expect(rules_line(page)).to_have_attribute("data-latest", "false")
        expect(rules_line(page)).to_contain_text("联网即可获取更新的规则")
        assert fund_errors(findings(page, VALID)) == []  # the v1 rules, complete, still at work
        page.close()
    context.close()
