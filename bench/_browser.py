"""What an applicant feels in the browser: first and returning visits to /validate/, one check.

Headless Debian Chromium with the browser tests' launch arguments, the built site served
on loopback. A first visit is a fresh browser context (empty HTTP cache, no service
worker); a returning visit is a new tab in the same context once the service worker has
precached the runtime.
"""

from __future__ import annotations

import shutil
import statistics
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from bench import _probe
from bench._server import Served, SiteServer
from bench._sizes import HostSizes, totals

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# As tests/browser/conftest.py: the last three stop Chromium's own calls home.
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"]
READY_TIMEOUT_MS = 180_000  # a loaded 2-core machine; a hang is reported, not waited for forever
STAGES = ("runtime", "packages", "core")
SETTLE_MS = 2_000


class BrowserBenchError(Exception):
    """The validator did not come up or disagreed; the message says what to look at."""


@dataclass(frozen=True)
class Workload:
    """One application to check, and the program it is for."""

    program: str
    text: str
    check_repeats: int


def stage_seconds(messages: list[dict], ready_ms: float) -> dict[str, float]:
    """Durations between the worker's messages, as the page received them.

    ``page_to_worker_start``: navigation until the worker reports it started (HTML, CSS,
    page script, worker module); then each stage until the next message; ``core`` ends
    when the status shows ready.
    """
    seen = {m["stage"]: m["t"] for m in messages if m["type"] == "progress"}
    missing = [stage for stage in STAGES if stage not in seen]
    if missing:
        raise BrowserBenchError(
            f"the worker never reported stage(s) {missing}: has web/worker.mjs changed its progress messages?"
        )
    marks = [0.0, *(seen[stage] for stage in STAGES), ready_ms]
    names = ["page_to_worker_start", *STAGES]
    return {name: round((marks[i + 1] - marks[i]) / 1000, 4) for i, name in enumerate(names)}


def median_of(runs: list[dict[str, float]]) -> dict[str, float]:
    return {key: round(statistics.median(run[key] for run in runs), 4) for key in runs[0]}


def _visit(context: BrowserContext, url: str) -> tuple[Page, dict]:
    page = context.new_page()
    page.goto(url, wait_until="commit")
    page.wait_for_function(_probe.SETTLED, timeout=READY_TIMEOUT_MS, polling=20)
    record = page.evaluate(_probe.RECORD)
    failed = next((s for s in record["states"] if s["state"] == "failed"), None)
    if failed:
        raise BrowserBenchError(f"the validator failed to start: {failed['text']!r} (run the browser tests: make test)")
    record["ready_ms"] = next(s["t"] for s in record["states"] if s["state"] == "ready")
    return page, record


def _fetch_seconds(page: Page, page_origin_ms: float) -> dict[str, float]:
    """When the worker's fetches of the wasm and the stdlib started, and how long they took."""
    worker = next((w for w in page.workers if w.url.endswith("worker.mjs")), None)
    if worker is None:
        raise BrowserBenchError("no validator worker in the page: has web/validate.js stopped starting web/worker.mjs?")
    timing = worker.evaluate(_probe.WORKER_RESOURCES)
    shift = timing["timeOrigin"] - page_origin_ms  # worker clock -> page clock
    seconds = {}
    for name, file_name in (("wasm", "pyodide.asm.wasm"), ("stdlib", "python_stdlib.zip")):
        entry = next((e for e in timing["entries"] if e["name"].endswith(file_name)), None)
        if entry is None:
            raise BrowserBenchError(f"the worker's resource timing lists no {file_name}: has the Pyodide bundle changed?")
        seconds[f"{name}_fetch_start"] = round((entry["startTime"] + shift) / 1000, 4)
        seconds[f"{name}_fetch"] = round((entry["responseEnd"] - entry["startTime"]) / 1000, 4)
    return seconds


def _timings(page: Page, record: dict) -> dict:
    stages = stage_seconds(record["messages"], record["ready_ms"])
    return {"ready_s": round(record["ready_ms"] / 1000, 4), "stages_s": {**stages, **_fetch_seconds(page, record["timeOrigin"])}}


def by_requester(served: list[Served], until_ms: float, sizes: HostSizes) -> dict:
    """Responses finished by ``until_ms``: all, the page's and its workers', the service worker's.

    The service worker's precache requests carry ``Referer: .../sw.js``; the page's, its
    validator worker's and the search worker's carry their own URLs.
    """
    done = [s for s in served if s.finished_ms <= until_ms]
    from_sw = [s for s in done if s.referer.endswith("/sw.js")]
    own = [s for s in done if not s.referer.endswith("/sw.js")]
    return {
        "all": totals(((s.path, s.body_bytes) for s in done), sizes),
        "page_and_workers": totals(((s.path, s.body_bytes) for s in own), sizes),
        "service_worker_precache": totals(((s.path, s.body_bytes) for s in from_sw), sizes),
    }


def _cold_visit(browser: Browser, server: SiteServer, url: str, sizes: HostSizes) -> tuple[dict, BrowserContext, Page]:
    context = browser.new_context()
    context.add_init_script(_probe.INIT)
    mark = server.mark()
    page, record = _visit(context, url)
    ready_epoch_ms = record["timeOrigin"] + record["ready_ms"]
    run = _timings(page, record)
    page.wait_for_function(_probe.PRECACHED, timeout=READY_TIMEOUT_MS, polling=200)
    served = server.log_since(mark)
    run["bytes_until_ready"] = by_requester(served, ready_epoch_ms, sizes)
    run["bytes_with_precache"] = by_requester(served, float("inf"), sizes)
    return run, context, page


def _checks(page: Page, work: Workload) -> dict:
    # Let the page finish what it does after ready (the site search builds its index in a
    # worker) so the checks do not share two cores with it.
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(SETTLE_MS)
    page.get_by_test_id("json-input").fill(work.text)
    arguments = {"program": work.program, "text": work.text}
    first = page.evaluate(_probe.FIRST_CHECK, arguments)
    timed = page.evaluate(_probe.CHECKS, {**arguments, "repeats": work.check_repeats})
    for outcome in (first, timed):
        if outcome["error"] or not outcome["result"] or "findings" not in outcome["result"]:
            raise BrowserBenchError(f"the check in the browser gave no findings: {outcome['error'] or outcome['result']}")
    return {
        "first_ms": round(first["ms"], 3),
        "worker_ms": [round(t, 3) for t in timed["worker"]],
        "page_ms": [round(t, 3) for t in timed["page"]],
        "counts": timed["result"]["counts"],
    }


def measure(site: Path, work: Workload, *, cold_runs: int, warm_runs: int) -> dict:
    """Cold and warm ready times, stage times, bytes, and check times in Pyodide."""
    sizes = HostSizes(site)
    url_path = f"validate/?program={work.program}"
    with SiteServer(site) as server, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS, headless=True)
        try:
            cold, warm = [], []
            for index in range(cold_runs):
                run, context, page = _cold_visit(browser, server, server.url + url_path, sizes)
                cold.append(run)
                if index < cold_runs - 1:
                    context.close()
            # Returning visits: new tabs in the last context, whose service worker has precached.
            page.close()
            for _ in range(warm_runs):
                page, record = _visit(context, server.url + url_path)
                warm.append(_timings(page, record))
                page.close()
            page, _ = _visit(context, server.url + url_path)
            checks = _checks(page, work)
            context.close()
            return {"chromium": browser.version, "cold": cold, "warm": warm, "checks": checks}
        finally:
            browser.close()
