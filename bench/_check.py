"""One check in CPython: the largest example application, against the site's own catalogue.

The catalogue is read from the built site (``assets/validator/catalog.json``), the very
dict the browser's worker loads, so both sides check the same document against the same
rules. Two timings: ``generator.core.check`` on the parsed document (what the brief calls
one check), and ``check_text`` (the worker's entry: parse, check, JSON out), whose ratio
to the browser compares like with like.
"""

from __future__ import annotations

import json
import resource
import statistics
import time
from dataclasses import dataclass
from pathlib import Path

from generator.core import browser as core_browser
from generator.core import check, parse_application


class ExampleError(Exception):
    """No example application fits the built site; the message says what to rebuild."""


@dataclass(frozen=True)
class Example:
    path: Path
    program: str
    text: str

    @property
    def size(self) -> int:
        return len(self.text.encode("utf-8"))


def largest_example(examples: Path, programs: set[str]) -> Example:
    """The largest ``examples/<jurisdiction>/<program>/*.json`` (by bytes) whose program the site has.

    Ties go to the first path in sorted order, so the choice never depends on the file system.
    """
    candidates = []
    for path in sorted(examples.glob("*/*/*.json")):
        program = f"{path.parent.parent.name}/{path.parent.name}"
        if program in programs:
            candidates.append((-path.stat().st_size, str(path), path, program))
    if not candidates:
        raise ExampleError(
            f"no example under {examples} is for a program the built site has ({sorted(programs)}): run `make site`"
        )
    _, _, path, program = min(candidates)
    return Example(path=path, program=program, text=path.read_text("utf-8"))


def site_catalog(site: Path) -> dict:
    path = site / "assets" / "validator" / "catalog.json"
    if not path.is_file():
        raise ExampleError(f"{path} is missing: build the site with the validator bundle (`make site`)")
    return json.loads(path.read_text("utf-8"))


def _timed_ms(call, repeats: int) -> tuple[float, list[float]]:
    """The first call's time, then ``repeats`` more, in milliseconds."""
    times = []
    for _ in range(repeats + 1):
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1000)
    return times[0], times[1:]


def measure(catalog: dict, example: Example, *, repeats: int) -> dict:
    """Check times in this Python, and the findings counts to compare with the browser's."""
    application = parse_application(example.text)
    first_ms, check_ms = _timed_ms(lambda: check(catalog, example.program, application), repeats)
    core_browser.load_catalog(json.dumps(catalog))
    _, text_ms = _timed_ms(lambda: core_browser.check_text(example.program, example.text), repeats)
    return {
        "first_ms": round(first_ms, 3),
        "check_ms": [round(t, 3) for t in check_ms],
        "check_text_ms": [round(t, 3) for t in text_ms],
        "median_check_ms": round(statistics.median(check_ms), 3),
        "median_check_text_ms": round(statistics.median(text_ms), 3),
        "counts": check(catalog, example.program, application).counts(),
    }


# ---- a bureau's intake: many files in one run ---------------------------------------------
INTAKE_SIZES = (10, 100, 1000)


def generated_intake(folder: Path, examples: list[Path], count: int) -> list[Path]:
    """``count`` applications, the program's examples (valid and invalid) in turn, each from its own unit."""
    folder.mkdir(parents=True, exist_ok=True)
    sources = [json.loads(path.read_text("utf-8")) for path in examples]
    written = []
    for index in range(count):
        application = json.loads(json.dumps(sources[index % len(sources)]))
        if isinstance(application.get("unit"), dict):
            application["unit"]["name"] = f"{application['unit'].get('name', '')}（{index + 1:04}）"
        path = folder / f"application-{index + 1:04}.json"
        path.write_text(json.dumps(application, ensure_ascii=False, indent=1), "utf-8")
        written.append(path)
    return written


def measure_intake(catalog: dict, program: str, examples: Path, scratch: Path, *, sizes=INTAKE_SIZES, jobs=None) -> dict:
    """Applications checked per second by ``policy-site check`` over a folder, at each size.

    Timed from the files on disk to the rows (reading, parsing, checking, in parallel across
    cores); the catalogue is built before, once, as the command does before it starts.
    The per-file cost should stay flat from the smallest size to the largest.
    """
    from generator.cli.intake import check_intake, default_jobs

    program_examples = sorted((examples / program).glob("*.json"))
    if not program_examples:
        raise ExampleError(f"no example applications in {examples / program}")
    jobs = default_jobs() if jobs is None else jobs
    runs = {}
    for size in sizes:
        folder = scratch / f"intake-{size}"
        generated_intake(folder, program_examples, size)
        start, cpu_start = time.perf_counter(), _cpu_seconds()
        intake = check_intake(catalog, program, [folder], as_of="2025-03-15", jobs=jobs)
        seconds, cpu = time.perf_counter() - start, _cpu_seconds() - cpu_start
        runs[str(size)] = {
            "seconds": round(seconds, 3),
            "ms_per_file": round(seconds * 1000 / size, 3),
            # CPU time of this process and its workers: what a file costs whatever else the machine runs
            "cpu_ms_per_file": round(cpu * 1000 / size, 3),
            "per_s": round(size / seconds, 1),
            "tally": intake.tally(),
        }
    smallest, largest = runs[str(min(sizes))], runs[str(max(sizes))]
    return {
        "program": program,
        "jobs": jobs,
        "runs": runs,
        "per_s": largest["per_s"],
        "ms_per_file": largest["ms_per_file"],
        "cpu_ms_per_file": largest["cpu_ms_per_file"],
        "per_file_growth": round(largest["ms_per_file"] / smallest["ms_per_file"], 3),
    }


def _cpu_seconds() -> float:
    """User + system time of this process and of its children that have ended (the pool's workers)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime
