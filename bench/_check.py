"""One check in CPython: the largest example application, against the site's own catalogue.

The catalogue is read from the built site (``assets/validator/catalog.json``), the very
dict the browser's worker loads, so both sides check the same document against the same
rules. Two timings: ``generator.core.check`` on the parsed document (what the brief calls
one check), and ``check_text`` (the worker's entry: parse, check, JSON out), whose ratio
to the browser compares like with like.
"""

from __future__ import annotations

import json
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
