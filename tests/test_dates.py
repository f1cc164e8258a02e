"""Dates as applicants write them (generator/core/dates.py): read by the check the CLI and the
browser share, said back as understood, and printed the Chinese way on the papers."""

from __future__ import annotations

import io
import json

import pytest

from generator.cli import run
from generator.core import check
from generator.core.dates import YEAR_MONTH_PATTERN, chinese, day, normalise, year_month
from tests.conftest import EXAMPLES

HOHHOT = "cn-nm-hohhot/master-studio"
VALID = EXAMPLES / HOHHOT / "valid-enterprise-national-expert.json"


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("1972年5月", "1972-05"),
        ("1972 年 5 月", "1972-05"),
        ("1990.07", "1990-07"),
        ("1972-5", "1972-05"),
        ("1972/05", "1972-05"),
        ("１９７２．５", "1972-05"),  # full-width, as a Chinese input method types it
        ("1972年13月", None),
        ("1972", None),
        ("五月", None),
    ],
)
def test_a_year_and_month_in_the_ways_it_is_written(written, read):
    assert year_month(written) == read


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("2026年12月7日", "2026-12-07"),
        ("2026.12.7", "2026-12-07"),
        ("2026/12/07", "2026-12-07"),
        ("2026-12-7", "2026-12-07"),
        ("2026年2月30日", None),
        ("2026年12月", None),
    ],
)
def test_a_day_in_the_ways_it_is_written(written, read):
    assert day(written) == read


def test_dates_print_the_chinese_way():
    assert chinese("2026-12-07", {"format": "date"}) == "2026年12月7日"
    assert chinese("1972-05", {"pattern": YEAR_MONTH_PATTERN}) == "1972年5月"
    assert chinese("1972-05", {"type": "string"}) == "1972-05"  # not a date field: as written


def test_the_check_stays_strict_and_says_how_it_would_read_a_written_date(catalog):
    application = json.loads(VALID.read_text("utf-8"))
    application["master"]["birth_month"] = "1980年3月"
    application["master"]["work_start"] = "1999.07"
    result = check(catalog, HOHHOT, application, as_of="2025-03-15")
    # Every JSON Schema validator refuses such a file (issue 21): so does the check.
    assert {f.path for f in result.findings if f.severity == "error"} >= {"/master/birth_month", "/master/work_start"}
    assert [(u["pointer"], u["value"], u["shown"]["zh"]) for u in result.understood] == [
        ("/master/birth_month", "1980-03", "1980年3月"),
        ("/master/work_start", "1999-07", "1999年7月"),
    ]
    assert application["master"]["birth_month"] == "1980年3月"  # the caller's document is untouched


def test_the_browser_form_reads_written_dates_the_stored_way_and_says_so(catalog):
    from generator.core import browser

    browser.load_catalog(json.dumps(catalog, ensure_ascii=False))
    application = json.loads(VALID.read_text("utf-8"))
    application["master"]["birth_month"] = "1980年3月"
    application["master"]["work_start"] = "1999.07"
    out = json.loads(browser.check_text(HOHHOT, json.dumps(application, ensure_ascii=False), as_of="2025-03-15"))
    assert out["counts"]["error"] == 0
    assert [(u["pointer"], u["typed"], u["value"]) for u in out["understood"]] == [
        ("/master/birth_month", "1980年3月", "1980-03"),
        ("/master/work_start", "1999.07", "1999-07"),
    ]
    application["master"]["birth_month"] = "1980年13月"  # not a date: the schema says so, as before
    out = json.loads(browser.check_text(HOHHOT, json.dumps(application, ensure_ascii=False), as_of="2025-03-15"))
    assert any(f["path"] == "/master/birth_month" for f in out["findings"])


def test_normalise_leaves_other_fields_and_stored_dates_alone(catalog):
    from generator.core.schema import application_schema

    schema = application_schema(catalog, HOHHOT)
    application = json.loads(VALID.read_text("utf-8"))
    application["unit"]["nature"] = "1972年5月"  # not a date field
    same, understood = normalise(schema, application)
    assert same == application and understood == []


def test_the_cli_refuses_a_written_date_and_says_how_it_would_read_it(tmp_path):
    application = json.loads(VALID.read_text("utf-8"))
    application["master"]["birth_month"] = "1980年3月"
    path = tmp_path / "a.json"
    path.write_text(json.dumps(application, ensure_ascii=False), "utf-8")
    out, err = io.StringIO(), io.StringIO()
    code = run(["check", "--program", HOHHOT, str(path), "--as-of", "2025-03-15", "--format", "json"], out, err)
    assert code == 1, out.getvalue()  # the file as written is what a bureau's validator reads
    assert json.loads(out.getvalue())["understood"][0]["value"] == "1980-03"
