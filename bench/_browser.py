"""What an applicant feels in the browser: first and returning visits to /validate/, one check.

Headless Debian Chromium with the browser tests' launch arguments, the built site served
on loopback. A first visit is a fresh browser context (empty HTTP cache, no service
worker); a returning visit is a new tab in the same context once the worker has cached the
runtime (and its memory snapshot). Each start-up path is measured on its own:

* ``made``: a first visit; the worker starts normally, then makes a memory snapshot;
* ``restored``: a returning visit that restores that snapshot;
* ``normal``: ``?snapshot=off``, the normal start with no snapshot, on a first and a
  returning visit (the fallback a failed restore takes).

The contexts bypass the site's Content-Security-Policy: the probe is Playwright's string
evaluation, which the policy's script-src refuses (the browser tests keep one test with
the policy enforced).
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
# The worker's stages on each path, in order (web/worker.mjs).
STAGES = {"normal": ("runtime", "packages", "core"), "made": ("runtime", "packages", "core"), "restored": ("snapshot",)}
# (results key, path, visit, query): the rows of the start-up table.
PATHS = (
    ("made_first", "made", "first", ""),
    ("restored_returning", "restored", "returning", ""),
    ("normal_first", "normal", "first", "&snapshot=off"),
    ("normal_returning", "normal", "returning", "&snapshot=off"),
)
SETTLE_MS = 2_000
# Durations between the worker's performance marks on a restore: (from, to).
RESTORE_PARTS = {
    "restore_read": ("snapshot-found", "snapshot-read"),
    "restore_compile": ("snapshot-found", "wasm-compiled"),
    "restore_module": ("snapshot-found", "module-created"),
    "restore_memory": ("module-created", "restored"),
}


class BrowserBenchError(Exception):
    """The validator did not come up or disagreed; the message says what to look at."""


@dataclass(frozen=True)
class Workload:
    """One application to check, and the program it is for."""

    program: str
    text: str
    check_repeats: int


def stage_seconds(messages: list[dict], ready_ms: float, startup: str = "normal") -> dict[str, float]:
    """Durations between the worker's messages, as the page received them.

    ``page_to_worker_start``: navigation until the worker reports its first stage (HTML,
    CSS, page script, worker module, manifest); then each stage of the path until the next
    message; the last ends when the status shows ready.
    """
    stages = STAGES.get(startup)
    if stages is None:
        raise BrowserBenchError(f"the worker reported an unknown start-up path {startup!r}: has web/worker.mjs changed?")
    seen = {m["stage"]: m["t"] for m in messages if m["type"] == "progress"}
    missing = [stage for stage in stages if stage not in seen]
    if missing:
        raise BrowserBenchError(
            f"the worker never reported stage(s) {missing}: has web/worker.mjs changed its progress messages?"
        )
    marks = [0.0, *(seen[stage] for stage in stages), ready_ms]
    names = ["page_to_worker_start", *stages]
    return {name: round((marks[i + 1] - marks[i]) / 1000, 4) for i, name in enumerate(names)}


def median_of(runs: list[dict[str, float]]) -> dict[str, float]:
    """Per key, the median over the runs that have it (a file read from a cache has no fetch time)."""
    keys = dict.fromkeys(key for run in runs for key in run)
    return {key: round(statistics.median(run[key] for run in runs if key in run), 4) for key in keys}


def _visit(context: BrowserContext, url: str, expected: str | None = None) -> tuple[Page, dict]:
    page = context.new_page()
    page.goto(url, wait_until="commit")
    page.wait_for_function(_probe.SETTLED, timeout=READY_TIMEOUT_MS, polling=20)
    record = page.evaluate(_probe.RECORD)
    failed = next((s for s in record["states"] if s["state"] == "failed"), None)
    if failed:
        raise BrowserBenchError(f"the validator failed to start: {failed['text']!r} (run the browser tests: make test)")
    record["ready_ms"] = next(s["t"] for s in record["states"] if s["state"] == "ready")
    record["startup"] = page.get_attribute("[data-validator]", "data-startup")
    if expected and record["startup"] != expected:
        raise BrowserBenchError(
            f"expected the {expected!r} start-up path, the worker took {record['startup']!r} (see web/worker.mjs)"
        )
    return page, record


def _fetch_seconds(page: Page, page_origin_ms: float) -> dict[str, float]:
    """When the worker's fetches of the wasm and the stdlib started, and how long they took."""
    worker = next((w for w in page.workers if "/worker.mjs" in w.url), None)
    if worker is None:
        raise BrowserBenchError("no validator worker in the page: has web/validate.js stopped starting web/worker.mjs?")
    timing = worker.evaluate(_probe.WORKER_RESOURCES)
    shift = timing["timeOrigin"] - page_origin_ms  # worker clock -> page clock
    seconds = {}
    for name, file_name in (("wasm", "pyodide.asm.wasm"), ("stdlib", "python_stdlib.zip")):
        entry = next((e for e in timing["entries"] if e["name"].endswith(file_name)), None)
        if entry is None:
            continue  # read from Cache Storage: no network fetch to time
        seconds[f"{name}_fetch_start"] = round((entry["startTime"] + shift) / 1000, 4)
        seconds[f"{name}_fetch"] = round((entry["responseEnd"] - entry["startTime"]) / 1000, 4)
    marks = {name: (t + shift) / 1000 for name, t in timing["marks"].items()}
    seconds["worker_created"] = round(page.evaluate(_probe.WORKER_CREATED) / 1000, 4)
    # A restore's parts (web/worker.mjs): the first two run at once, from when the snapshot was found.
    for name, (start, end) in RESTORE_PARTS.items():
        if start in marks and end in marks:
            seconds[name] = round(marks[end] - marks[start], 4)
    return seconds


def _timings(page: Page, record: dict) -> dict:
    stages = stage_seconds(record["messages"], record["ready_ms"], record["startup"])
    return {
        "ready_s": round(record["ready_ms"] / 1000, 4),
        # The form is drawn from the build's forms while Python starts: typing may begin first.
        "typeable_s": None if record.get("typeable") is None else round(record["typeable"] / 1000, 4),
        "startup": record["startup"],
        "stages_s": {**stages, **_fetch_seconds(page, record["timeOrigin"])},
    }


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


def _new_context(browser: Browser) -> BrowserContext:
    context = browser.new_context(bypass_csp=True)
    context.add_init_script(_probe.INIT)
    return context


def _stored(page: Page) -> None:
    """Waits until the worker has cached the runtime (and the snapshot, if it made one)."""
    page.wait_for_selector("[data-validator][data-stored=true]", state="attached", timeout=READY_TIMEOUT_MS)


def _first_visit(context: BrowserContext, server: SiteServer, url: str, sizes: HostSizes, path: str) -> tuple[dict, Page]:
    mark = server.mark()
    page, record = _visit(context, url, path)
    ready_epoch_ms = record["timeOrigin"] + record["ready_ms"]
    run = _timings(page, record)
    _stored(page)
    page.wait_for_function(_probe.PRECACHED, timeout=READY_TIMEOUT_MS, polling=200)
    served = server.log_since(mark)
    run["bytes_until_ready"] = by_requester(served, ready_epoch_ms, sizes)
    run["bytes_with_precache"] = by_requester(served, float("inf"), sizes)
    return run, page


def _returning_visit(context: BrowserContext, server: SiteServer, url: str, sizes: HostSizes, path: str) -> dict:
    mark = server.mark()
    page, record = _visit(context, url, path)
    run = _timings(page, record)
    run["bytes_until_ready"] = by_requester(server.log_since(mark), record["timeOrigin"] + record["ready_ms"], sizes)
    page.close()
    return run


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
    """Ready times, stage times and bytes of each start-up path; check times in Pyodide.

    ``cold``/``warm`` are the snapshot path's first (made) and returning (restored) visits,
    the figures the targets judge; ``paths`` holds every path's runs (see PATHS).
    """
    sizes = HostSizes(site)
    base = f"validate/?program={work.program}"
    paths: dict[str, list[dict]] = {key: [] for key, *_ in PATHS}
    with SiteServer(site) as server, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS, headless=True)
        try:
            for query, first_key, returning_key, first_path, returning_path in (
                ("", "made_first", "restored_returning", "made", "restored"),
                ("&snapshot=off", "normal_first", "normal_returning", "normal", "normal"),
            ):
                url = server.url + base + query
                for index in range(cold_runs):
                    context = _new_context(browser)
                    run, page = _first_visit(context, server, url, sizes, first_path)
                    paths[first_key].append(run)
                    page.close()
                    if index < cold_runs - 1:
                        context.close()
                # Returning visits: new tabs in the last context, whose caches are filled.
                for _ in range(warm_runs):
                    paths[returning_key].append(_returning_visit(context, server, url, sizes, returning_path))
                if query:
                    context.close()
                else:
                    checked = context
            page, _ = _visit(checked, server.url + base, "restored")
            checks = _checks(page, work)
            checked.close()
            return {
                "chromium": browser.version,
                "cold": paths["made_first"],
                "warm": paths["restored_returning"],
                "paths": paths,
                "checks": checks,
            }
        finally:
            browser.close()
