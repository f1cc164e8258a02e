"""What the project aims for, and whether this run met it. Reported, never asserted."""

from __future__ import annotations

from dataclasses import dataclass

from bench._build import LINEAR_TOLERANCE


@dataclass(frozen=True)
class Target:
    figure: str  # the results.json key the target is about
    path: tuple[str, ...]  # where the judged number sits in results.json
    limit: float  # met when the measured number is at most this
    unit: str  # s, ms, bytes, ratio or points
    at_least: bool = False  # met when the measured number is at least the limit (a score)


TARGETS = (
    Target("cold_ready_s", ("cold_ready_s",), 3.0, "s"),
    Target("warm_ready_s", ("warm_ready_s",), 1.0, "s"),
    Target("validate_ms_pyodide", ("validate_ms_pyodide",), 10.0, "ms"),
    # Everything on the wire before the validator is ready, as a host sending gzip would send it.
    Target("first_visit_bytes", ("first_visit_bytes", "until_ready", "all", "gzip_bytes"), 6_000_000, "bytes"),
    # On a phone network (bench/_phone.py, issue #20): type at once, return quickly.
    Target("phone_typeable_s", ("phone", "first", "typeable_s"), 3.0, "s"),
    Target("phone_returning_ready_s", ("phone", "returning", "ready_s"), 2.0, "s"),
    # A bureau's intake: 1,000 files at 500 a second or more (2 ms each), the per-file cost flat from 10 files.
    Target("intake_ms_per_file", ("intake", "ms_per_file"), 2.0, "ms"),
    Target("intake_per_file_growth", ("intake", "per_file_growth"), 1.5, "ratio"),
    # Measured 100× time over what a line through 1× and 10× predicts.
    Target("build_s", ("build_s", "growth", "superlinearity"), LINEAR_TOLERANCE, "ratio"),
    # The same for the built site's bytes (issue #12: it grew with the square of the corpus).
    Target("site_bytes", ("build_s", "growth_by_step", "site_bytes", "superlinearity"), LINEAR_TOLERANCE, "ratio"),
    Target("build_1x_s", ("build_s", "smallest_total_s"), 5.0, "s"),
    # Lighthouse on a phone: the lowest score over every page type in both languages.
    Target("lighthouse_performance", ("lighthouse", "lowest", "performance"), 90, "points", at_least=True),
    Target("lighthouse_accessibility", ("lighthouse", "lowest", "accessibility"), 100, "points", at_least=True),
    Target("lighthouse_best_practices", ("lighthouse", "lowest", "best-practices"), 100, "points", at_least=True),
    Target("lighthouse_seo", ("lighthouse", "lowest", "seo"), 100, "points", at_least=True),
)


def lookup(results: dict, path: tuple[str, ...]) -> float | None:
    value = results
    for key in path:
        if not isinstance(value, dict) or key not in value:
            return None
        value = value[key]
    return value if isinstance(value, int | float) and not isinstance(value, bool) else None


def evaluate(results: dict) -> list[dict]:
    """One row per target: the measured number, the limit, and met (None when not measured)."""
    rows = []
    for target in TARGETS:
        measured = lookup(results, target.path)
        rows.append(
            {
                "figure": target.figure,
                "measured_at": "/".join(target.path),
                "measured": measured,
                "limit": target.limit,
                "unit": target.unit,
                "at_least": target.at_least,
                "met": None if measured is None else measured >= target.limit if target.at_least else measured <= target.limit,
            }
        )
    return rows
