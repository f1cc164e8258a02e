"""`make bench`: what users feel, measured on the machine at hand.

Writes bench/results.json (git-ignored) and docs/performance.md / docs/performance.en.md
(committed, so the site shows the last run). Needs the built site (`make site`) and
Debian's chromium (`make chromium`). Takes about ten minutes on two cores, most of it
building the 100× corpus; ``--build-factors 1,10`` or ``--skip-build`` for a quick look.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
from pathlib import Path

from bench import _browser, _build, _check, _lighthouse, _machine, _page, _phone, _snapshot, _targets
from bench._sizes import COUNTING_RULE

ROOT = Path(__file__).resolve().parents[1]


def _median_run(runs: list[dict]) -> dict:
    """The run whose ready time is the median one (the upper of two for an even count)."""
    return sorted(runs, key=lambda run: run["ready_s"])[len(runs) // 2]


def _median_or_none(values: list[float | None]) -> float | None:
    """The median of the values measured; None when a run saw no figure (an older page)."""
    return None if any(value is None for value in values) or not values else round(statistics.median(values), 3)


def _startup_paths(paths: dict[str, list[dict]]) -> list[dict]:
    """One row per start-up path and visit: median ready time, stages and bytes until ready."""
    rows = []
    for key, path, visit, _query in _browser.PATHS:
        runs = paths.get(key)
        if not runs:
            continue
        representative = _median_run(runs)
        rows.append(
            {
                "key": key,
                "path": path,
                "visit": visit,
                "ready_s": round(statistics.median(run["ready_s"] for run in runs), 3),
                "typeable_s": _median_or_none([run.get("typeable_s") for run in runs]),
                "ready_runs_s": [run["ready_s"] for run in runs],
                "stages_s": _browser.median_of([run["stages_s"] for run in runs]),
                "bytes_until_ready": representative["bytes_until_ready"]["all"],
            }
        )
    return rows


def assemble(
    machine: dict,
    example: _check.Example,
    cpython: dict,
    browser: dict | None,
    build: dict | None,
    intake: dict | None = None,
    phone: dict | None = None,
) -> dict:
    """results.json from the parts; figures carry their unit in their key."""
    results: dict = {"machine": dict(machine)}
    results["validate_example"] = {
        "path": example.path.relative_to(ROOT).as_posix() if example.path.is_relative_to(ROOT) else str(example.path),
        "program": example.program,
        "bytes": example.size,
        "repeats": len(cpython["check_ms"]),
    }
    results["validate_ms_cpython"] = cpython["median_check_ms"]
    results["validate_ms_cpython_check_text"] = cpython["median_check_text_ms"]
    results["validate_ms_cpython_first"] = cpython["first_ms"]
    results["validate_ms_cpython_runs"] = cpython["check_ms"]
    if browser:
        results["machine"]["chromium"] = browser["chromium"]
        cold, warm, checks = browser["cold"], browser["warm"], browser["checks"]
        results["cold_ready_s"] = round(statistics.median(run["ready_s"] for run in cold), 3)
        results["cold_ready_runs_s"] = [run["ready_s"] for run in cold]
        results["cold_stages_s"] = _browser.median_of([run["stages_s"] for run in cold])
        results["warm_ready_s"] = round(statistics.median(run["ready_s"] for run in warm), 3)
        results["warm_ready_runs_s"] = [run["ready_s"] for run in warm]
        results["warm_stages_s"] = _browser.median_of([run["stages_s"] for run in warm])
        results["validate_ms_pyodide"] = round(statistics.median(checks["worker_ms"]), 3)
        results["validate_ms_pyodide_runs"] = checks["worker_ms"]
        results["validate_ms_pyodide_first"] = checks["first_ms"]
        results["validate_ms_page"] = round(statistics.median(checks["page_ms"]), 3)
        results["validate_ms_page_runs"] = checks["page_ms"]
        results["validate_ratio"] = round(results["validate_ms_pyodide"] / results["validate_ms_cpython"], 2)
        results["validate_same_counts"] = checks["counts"] == cpython["counts"]
        results["startup_paths"] = _startup_paths(browser.get("paths", {}))
        representative = _median_run(cold)
        results["first_visit_bytes"] = {
            "until_ready": representative["bytes_until_ready"],
            "with_precache": representative["bytes_with_precache"],
            "counted": COUNTING_RULE,
        }
    if build:
        results["build_s"] = build
    if intake:
        results["intake"] = intake
    if phone:
        results["phone"] = phone
    results["targets"] = _targets.evaluate(results)
    return results


def previous_build(results_path: Path) -> dict | None:
    """The build figures of the last results.json, kept when this run skips the (long) build."""
    try:
        return json.loads(results_path.read_text("utf-8")).get("build_s")
    except (OSError, ValueError, AttributeError):
        return None


def _factors(text: str) -> list[int]:
    try:
        factors = [int(part) for part in text.split(",")]
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"--build-factors takes whole numbers separated by commas, e.g. 1,10,100: {text!r}"
        ) from None
    if len(factors) < 3 or factors != sorted(set(factors)) or factors[0] < 1:
        raise argparse.ArgumentTypeError("--build-factors needs three or more increasing sizes, e.g. 1,10,100")
    return factors


def parse(argv: list[str] | None) -> argparse.Namespace:
    options = _parser().parse_args(argv)
    if options.quick:
        options.cold_runs = options.warm_runs = options.phone_runs = 1
        options.check_repeats = min(options.check_repeats, 3)
        options.build_factors = [1, 2, 3]  # with mkdocs: the site's bytes are a figure too
    options.intake_sizes = (10, 20, 40) if options.quick else _check.INTAKE_SIZES
    return options


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="the built site (make site)")
    parser.add_argument("--examples", type=Path, default=ROOT / "examples")
    parser.add_argument("--cold-runs", type=int, default=3, help="first visits, each in a fresh browser context")
    parser.add_argument("--warm-runs", type=int, default=3, help="returning visits, each a new tab")
    parser.add_argument("--check-repeats", type=int, default=30, help="checks timed, after one not counted")
    parser.add_argument("--build-factors", type=_factors, default=[1, 10, 100], help="corpus sizes, in programs ×")
    parser.add_argument("--build-repeats", type=int, default=1, help="builds per size; the fastest counts")
    parser.add_argument("--pages-only", action="store_true", help="time `policy-site pages` without mkdocs build")
    parser.add_argument("--skip-browser", action="store_true", help="skip every browser figure (fast link and phone)")
    parser.add_argument("--phone-runs", type=int, default=3, help="first and returning visits on the phone-network link")
    parser.add_argument("--skip-phone", action="store_true", help="skip the phone-network (slow 4G) visits")
    parser.add_argument("--skip-fast", action="store_true", help="skip the fast-link visits and the check in the browser")
    parser.add_argument(
        "--quick",
        action="store_true",
        help="the quickest run that still yields every figure: one visit per path, 3 checks, the site built at 1,2,3×, "
        "batches of 10, 20, 40 files",
    )
    parser.add_argument("--skip-intake", action="store_true", help="skip the batch check of 10, 100 and 1,000 files")
    parser.add_argument("--skip-build", action="store_true", help="keep the build figures of the last results.json")
    parser.add_argument("--skip-lighthouse", action="store_true", help="skip the Lighthouse scores of each page type")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results.json")
    parser.add_argument("--docs", type=Path, default=ROOT / "docs", help="where performance.md and .en.md are written")
    return parser


def main(argv: list[str] | None = None) -> int:
    options = parse(argv)
    machine = _machine.describe(ROOT)
    with tempfile.TemporaryDirectory(prefix="bench-site-") as scratch:
        return _measure(options, machine, Path(scratch))


def _measure(options: argparse.Namespace, machine: dict, scratch: Path) -> int:
    try:
        site = _snapshot.snapshot(options.site, scratch / "site")
        catalog = _check.site_catalog(site)
        example = _check.largest_example(options.examples, set(catalog["programs"]))
        print(f"bench: checking {example.path.name} ({example.program}, {example.size} bytes)", flush=True)
        cpython = _check.measure(catalog, example, repeats=options.check_repeats)
        intake = None
        if not options.skip_intake:
            print(f"bench: batch check of {', '.join(map(str, options.intake_sizes))} files", flush=True)
            intake = _check.measure_intake(catalog, example.program, options.examples, scratch, sizes=options.intake_sizes)
        browser = phone = None
        if not options.skip_browser and not options.skip_fast:
            print(f"bench: browser, {options.cold_runs} first and {options.warm_runs} returning visits", flush=True)
            work = _browser.Workload(example.program, example.text, options.check_repeats)
            browser = _browser.measure(site, work, cold_runs=options.cold_runs, warm_runs=options.warm_runs)
        if not options.skip_browser and not options.skip_phone:
            print(f"bench: phone network (slow 4G), {options.phone_runs} first and returning visits", flush=True)
            phone = _phone.measure(site, example.program, runs=options.phone_runs)
        if options.skip_build:
            build = previous_build(options.out)
        else:
            print(f"bench: builds at {options.build_factors}× the programs", flush=True)
            build = _build.measure(ROOT, options.build_factors, with_mkdocs=not options.pages_only, repeats=options.build_repeats)
            build["measured"] = machine["date"]
        lighthouse = None
        if not options.skip_lighthouse:
            print(f"bench: Lighthouse (mobile) on {len(_lighthouse.PAGE_TYPES)} page types in both languages", flush=True)
            lighthouse = _lighthouse.measure(site)
    except (
        _snapshot.SiteSnapshotError,
        _check.ExampleError,
        _browser.BrowserBenchError,
        _build.BuildBenchError,
        _lighthouse.LighthouseBenchError,
    ) as error:
        print(f"bench: {error}", file=sys.stderr)
        return 2
    machine["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    results = assemble(machine, example, cpython, browser, build, intake, phone)
    if lighthouse:
        results["lighthouse"] = lighthouse
        results["targets"] = _targets.evaluate(results)
    options.out.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", "utf-8")
    written = _page.write_pages(results, options.docs)
    for row in results["targets"]:
        verdict = "not measured" if row["met"] is None else "met" if row["met"] else "MISSED"
        print(
            f"  {row['figure']:22} {row['measured']!s:>14} ({'≥' if row.get('at_least') else '≤'} {row['limit']} {row['unit']}) {verdict}"
        )
    print(
        f"bench: wrote {options.out.relative_to(ROOT) if options.out.is_relative_to(ROOT) else options.out}, "
        f"{', '.join(str(p) for p in written)}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
