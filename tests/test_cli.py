"""The command line as a user runs it: real files, exit codes 0/1/2, messages in both languages.

``run()`` is called in process (as check-jsonschema's tests do); one test runs the installed script.
"""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.cli import run
from tests.conftest import EXAMPLES

PROGRAM = "cn-nm-hohhot/master-studio"
VALID = EXAMPLES / PROGRAM / "valid-enterprise-national-expert.json"
INVALID = EXAMPLES / PROGRAM / "invalid-education-fund-share-below-half.json"


@dataclass(frozen=True)
class Ran:
    returncode: int
    stdout: str
    stderr: str


def policy_site(*args) -> Ran:
    """``policy-site ARGS`` in this process: its exit code and what it wrote."""
    out, err = io.StringIO(), io.StringIO()
    code = run([str(arg) for arg in args], out=out, err=err)
    return Ran(code, out.getvalue(), err.getvalue())


def test_the_installed_script_runs_a_check():
    script = Path(sys.executable).with_name("policy-site")
    done = subprocess.run(
        [script, "check", "--program", PROGRAM, "--as-of", "2025-03-15", VALID], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert "Result: No errors" in done.stdout


def test_valid_application_exits_0_with_a_bilingual_report():
    run = policy_site("check", "--program", PROGRAM, "--as-of", "2025-03-15", VALID)
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines()[-2:] == [
        "  结果：没有错误：0 项提醒，4 项需人工审核",
        "  Result: No errors: 0 warnings, 4 for a person to review",
    ]


def test_invalid_application_exits_1_naming_rule_values_and_article():
    run = policy_site("check", "--program", PROGRAM, "--as-of", "2025-03-15", INVALID)
    assert run.returncode == 1
    assert f"[{PROGRAM}/host-fund-share]" in run.stdout
    assert "49.5%，要求不少于 50%" in run.stdout
    assert "is 49.5%; required: at least 50%" in run.stdout
    assert "第七条（二）" in run.stdout and "Article 7 (2)" in run.stdout


def test_json_format_has_the_documented_finding_fields():
    run = policy_site("check", "--program", PROGRAM, "--format", "json", "--as-of", "2025-03-15", INVALID)
    assert run.returncode == 1
    findings = json.loads(run.stdout)["findings"]
    error = next(f for f in findings if f["severity"] == "error")
    assert error["path"] == "/unit/education_fund_high_skill_share"
    assert error["rule"] == f"{PROGRAM}/host-fund-share"
    assert set(error["message"]) == {"zh", "en"}
    assert error["citation"]["document"] == "cn-nm-hohhot/master-studio-rules"
    assert error["citation"]["article"] == "rules/art-7"
    assert error["citation"]["url"]["zh"].endswith("documents/cn-nm-hohhot/master-studio-rules/#rules-art-7")
    # the trail shows what made the rule apply (the host type) and the value it judged
    assert error["trail"]["read"] == {"/unit/host_type": "enterprise", "/unit/education_fund_high_skill_share": 49.5}


def test_explain_lists_passed_rules_with_the_data_they_read():
    run = policy_site("check", "--program", PROGRAM, "--format", "json", "--explain", "--as-of", "2025-03-15", VALID)
    passed = {f["rule"]: f for f in json.loads(run.stdout)["passed"]}
    assert passed[f"{PROGRAM}/host-fund-share"]["trail"]["read"]["/unit/education_fund_high_skill_share"] == 55


def _assert_unusable(run, *words):
    assert run.returncode == 2
    assert "Traceback" not in run.stderr + run.stdout
    for word in words:
        assert word in run.stderr, run.stderr


@pytest.mark.parametrize(
    ("content", "zh", "en"),
    [
        (b"{not json", "不是有效的 JSON", "Not valid JSON: line 1"),
        (b"", "文件为空", "The file is empty"),
        (b"[1, 2]", "顶层是数组", "an array at the top level"),
        (b"\xff\xfe{\x00}\x00", "不是 UTF-8", "not UTF-8"),
        (b'{"program": "a", "program": "b"}', "重复出现", "appears twice"),
        (b"[" * 10_000 + b"]" * 10_000, "嵌套超过", "nests deeper"),
        (b'{"x": "' + b"a" * (10 * 1024 * 1024) + b'"}', "文件过大", "too large"),
    ],
    ids=["not-json", "empty", "array", "utf16", "duplicate-keys", "deep-nesting", "too-large"],
)
def test_unusable_input_exits_2_with_a_bilingual_message(tmp_path, content, zh, en):
    path = tmp_path / "application.json"
    path.write_bytes(content)
    _assert_unusable(policy_site("check", "--program", PROGRAM, path), zh, en, str(path))


def test_a_byte_order_mark_is_accepted(tmp_path):
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + VALID.read_bytes())
    assert policy_site("check", "--program", PROGRAM, "--as-of", "2025-03-15", path).returncode == 0


def test_a_wrong_but_wellformed_document_gives_findings_not_exit_2(tmp_path):
    path = tmp_path / "wrong.json"
    path.write_text('{"program": "cn-nm-hohhot/master-studio", "application_date": 5}', "utf-8")
    run = policy_site("check", "--program", PROGRAM, "--format", "json", path)
    assert run.returncode == 1
    rules = {f["rule"] for f in json.loads(run.stdout)["findings"]}
    assert {"schema/type", "schema/required"} <= rules


def test_unknown_program_exits_2_listing_known_ones():
    _assert_unusable(policy_site("check", "--program", "cn/nothing", VALID), "未知的项目", "Unknown program", PROGRAM)


def test_unreadable_file_exits_2(tmp_path):
    _assert_unusable(
        policy_site("check", "--program", PROGRAM, tmp_path / "missing.json"), "无法读取文件", "Cannot read the file"
    )


def test_bad_usage_exits_2_in_both_languages():
    _assert_unusable(policy_site("check", VALID), "用法错误", "Usage error")
    _assert_unusable(policy_site("check", "--program", PROGRAM, "--as-of", "15/03/2025", VALID), "YYYY-MM-DD")


def test_several_files_give_a_summary_row_each_and_exit_1_when_one_has_errors(tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text("{", "utf-8")
    run = policy_site("check", "--program", PROGRAM, "--as-of", "2025-03-15", VALID, INVALID, broken)
    assert run.returncode == 1
    assert "3 files, 1 without errors, 1 with errors, 1 not checked" in run.stdout


def test_match_kinds_come_from_the_catalogue_and_an_unknown_one_exits_2(catalog):
    run = policy_site("match", "--kind", "studio", VALID)
    assert run.returncode == 2
    kinds = sorted({program["kind"] for program in catalog["programs"].values()})
    assert "未知的项目类型" in run.stderr and "Unknown kind 'studio'" in run.stderr
    assert all(kind in run.stderr for kind in kinds)


def test_match_as_csv_has_a_row_per_program_of_the_kind(catalog):
    import csv

    run = policy_site("match", "--as-of", "2025-03-15", "--format", "csv", INVALID)
    rows = list(csv.DictReader(io.StringIO(run.stdout)))
    studios = {pid for pid, program in catalog["programs"].items() if program["kind"] == "master-studio"}
    assert {row["program"] for row in rows} == studios
    assert next(row for row in rows if row["program"] == PROGRAM)["status"] == "misses"


def test_lint_of_named_documents_checks_them_alone(tmp_path):
    document = next(iter(sorted((EXAMPLES.parent / "policies" / "documents").glob("*/*.yaml"))))
    run = policy_site("lint", document)
    assert run.returncode == 0, run.stdout + run.stderr
    assert ": ok" in run.stdout
    broken = tmp_path / "documents" / "cn" / "broken.yaml"
    broken.parent.mkdir(parents=True)
    broken.write_text("id: cn/broken\n", "utf-8")
    failed = policy_site("lint", broken)
    assert failed.returncode == 2 and f"{broken}:1" in failed.stderr


def test_every_subcommand_has_its_help():
    from generator.cli import COMMANDS

    for command in COMMANDS:
        run = policy_site(command.name, "--help")
        assert run.returncode == 0 and f"policy-site {command.name}" in run.stdout, command.name


def test_a_folder_that_holds_no_definitions_exits_2_in_both_languages(tmp_path):
    run = policy_site("--policies", tmp_path, "lint")
    assert run.returncode == 2
    assert "不是政策定义目录" in run.stderr and "is not a policies folder" in run.stderr


# ---- issue 21, item 11 ----------------------------------------------------------------------


@pytest.mark.parametrize("program", [["x"], 7, "no/such-program"])
def test_match_refuses_a_program_that_is_not_a_known_id(tmp_path, program):
    application = tmp_path / "a.json"
    application.write_text(json.dumps({"program": program}), "utf-8")
    run = policy_site("match", application)
    assert run.returncode == 2 and not run.stdout
    assert "“program”应为已知项目编号之一" in run.stderr and "“program” must be one of the known program ids" in run.stderr


def test_papers_out_at_an_existing_file_is_a_bilingual_usage_error(tmp_path):
    taken = tmp_path / "taken"
    taken.write_text("", "utf-8")
    run = policy_site("papers", "--program", PROGRAM, "--out", taken, VALID)
    assert run.returncode == 2
    assert "--out 应为文件夹" in run.stderr and "--out must be a folder" in run.stderr and "EEXIST" not in run.stderr


def test_a_thirteenth_birth_month_is_reported_as_the_form_s_month_not_as_disagreeing_with_the_id(tmp_path):
    application = json.loads(VALID.read_text("utf-8"))
    application["master"]["birth_month"] = "1980-13"
    path = tmp_path / "a.json"
    path.write_text(json.dumps(application, ensure_ascii=False), "utf-8")
    run = policy_site("check", "--program", PROGRAM, "--as-of", "2025-03-15", "--format", "json", path)
    found = [(f["rule"], f["message"]["en"]) for f in json.loads(run.stdout)["findings"] if f["path"] == "/master/birth_month"]
    assert found == [
        ("schema/pattern", "“Year and month of birth” must be written year-month with a month from 01 to 12, e.g. 1975-06")
    ]


@pytest.mark.parametrize(
    ("as_of", "said"),
    [("2023-02-30", "the date does not exist"), ("20230215", "a date must be YYYY-MM-DD"), ("2023-2-1", "YYYY-MM-DD")],
)
def test_as_of_says_whether_the_date_is_misspelt_or_does_not_exist(as_of, said):
    run = policy_site("check", "--program", PROGRAM, "--as-of", as_of, VALID)
    assert run.returncode == 2 and said in run.stderr


@pytest.mark.parametrize("jobs", ["0", "-3", "two"])
def test_jobs_must_be_at_least_one(jobs):
    run = policy_site("check", "--program", PROGRAM, "--jobs", jobs, VALID)
    assert run.returncode == 2 and "at least 1" in run.stderr and "不小于 1" in run.stderr


def test_a_folder_scan_finds_upper_case_json_and_reports_a_broken_link(tmp_path):
    shutil.copy(VALID, tmp_path / "A.JSON")
    (tmp_path / "gone.json").symlink_to(tmp_path / "nowhere.json")
    run = policy_site("check", "--program", PROGRAM, "--as-of", "2025-03-15", "--format", "json", tmp_path)
    files = {Path(row["file"]).name: row for row in json.loads(run.stdout)["files"]}
    assert set(files) == {"A.JSON", "gone.json"}, files
    assert run.returncode == 1


def test_a_dash_reads_the_application_from_standard_input(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(VALID.read_bytes()), encoding="utf-8"))
    run = policy_site("check", "--program", PROGRAM, "--as-of", "2025-03-15", "-")
    assert run.returncode == 0, run.stderr
    assert "Result: No errors" in run.stdout


def test_a_closed_program_is_an_error_whose_verdict_says_since_when_and_cites_the_article():
    application = EXAMPLES / "cn-nm/master-studio-regional" / "valid-public-institution-fund-share-exactly-half.json"
    run = policy_site("check", "--program", "cn-nm/master-studio-regional", "--as-of", "2026-01-05", application)
    assert run.returncode == 1
    verdict_zh, verdict_en = run.stdout.strip().splitlines()[-2:]
    assert (
        "本项目已结束：实施期至 2025-12-31 止" in verdict_zh
        and "This program is closed: its period ended on 2025-12-31" in verdict_en
    )
    assert "第二十二条" in run.stdout and "Article 22" in run.stdout
    assert policy_site("check", "--program", "cn-nm/master-studio-regional", "--as-of", "2025-12-31", application).returncode == 0


def test_the_browser_verdict_says_the_program_is_closed(catalog):
    from generator.core import browser

    browser.load_catalog(json.dumps(catalog, ensure_ascii=False))
    text = (EXAMPLES / "cn-nm/master-studio-regional" / "valid-public-institution-fund-share-exactly-half.json").read_text(
        "utf-8"
    )
    verdict = json.loads(browser.check_text("cn-nm/master-studio-regional", text, as_of="2026-01-05"))["verdict"]
    assert verdict["status"] == "errors" and verdict["message"]["zh"].startswith("本项目已结束")
    assert verdict["message"]["en"].startswith("This program is closed")
