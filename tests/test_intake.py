"""A bureau's intake: ``policy-site check --program ID FOLDER…`` over many files at once."""

from __future__ import annotations

import csv
import io
import json
import shutil
import threading

import pytest

from generator.cli.intake import APPLICANT, PARALLEL_FROM, check_intake
from generator.core.schema import application_schema, field_at
from tests.conftest import EXAMPLES
from tests.test_cli import INVALID, PROGRAM, VALID, policy_site

AS_OF = "2025-03-15"


@pytest.fixture
def intake(tmp_path):
    """A round's folder: two valid applications, one with errors, two that cannot be checked."""
    folder = tmp_path / "round-1"
    (folder / "nested").mkdir(parents=True)
    shutil.copy(VALID, folder / "a-valid.json")
    shutil.copy(EXAMPLES / PROGRAM / "valid-training-institution-folk-craft-master.json", folder / "nested" / "b-valid.json")
    shutil.copy(INVALID, folder / "c-invalid.json")
    (folder / "d-broken.json").write_text('{"program": ', "utf-8")
    (folder / "e-utf16.json").write_bytes('{"program": "x"}'.encode("utf-16"))
    (folder / "notes.txt").write_text("not an application", "utf-8")  # only *.json is taken from folders
    return folder


def _rows(run) -> list[dict]:
    return json.loads(run.stdout)["files"]


def test_every_file_is_a_row_and_one_with_errors_makes_exit_1(intake):
    run = policy_site("check", "--program", PROGRAM, "--as-of", AS_OF, "--format", "json", intake)
    assert run.returncode == 1, run.stderr
    rows = {row["file"].rsplit("/", 1)[-1]: row for row in _rows(run)}
    assert list(rows) == ["a-valid.json", "c-invalid.json", "d-broken.json", "e-utf16.json", "b-valid.json"]
    assert {name: row["verdict"] for name, row in rows.items()} == {
        "a-valid.json": "no-errors",
        "b-valid.json": "no-errors",
        "c-invalid.json": "errors",
        "d-broken.json": "unusable",
        "e-utf16.json": "unusable",
    }
    assert rows["a-valid.json"]["applicant"] == json.loads(VALID.read_text("utf-8"))["unit"]["name"]
    assert rows["c-invalid.json"]["counts"]["error"] == 1
    assert [f["rule"] for f in rows["c-invalid.json"]["findings"] if f["severity"] == "error"] == [f"{PROGRAM}/host-fund-share"]
    assert (
        "Not valid JSON" in rows["d-broken.json"]["reason"]["en"] and "不是有效的 JSON" in rows["d-broken.json"]["reason"]["zh"]
    )
    assert rows["d-broken.json"]["counts"] is None
    assert json.loads(run.stdout)["summary"] == {"files": 5, "no-errors": 2, "errors": 1, "unusable": 2}


def test_the_text_table_names_each_file_its_applicant_and_why_one_was_not_checked(intake):
    run = policy_site("check", "--program", PROGRAM, "--as-of", AS_OF, intake)
    lines = run.stdout.splitlines()
    header = [
        "文件",
        "file",
        "申报单位",
        "applicant",
        "错误",
        "errors",
        "提醒",
        "warnings",
        "待审核",
        "review",
        "结论",
        "verdict",
    ]
    assert lines[0].split() == header
    row = next(line for line in lines if line.startswith(str(intake / "c-invalid.json")))
    assert "✗ 有错误 has errors" in row and "呼和浩特" in row
    assert any(str(intake / "d-broken.json") in line and "Not valid JSON: line 1" in line for line in lines)
    assert any(str(intake / "d-broken.json") in line and "不是有效的 JSON" in line for line in lines)
    assert "5 files, 2 without errors, 1 with errors, 2 not checked" in run.stdout
    assert "共 5 份，无错误 2 份，有错误 1 份，无法检查 2 份" in run.stdout


def test_csv_has_one_row_per_file_with_the_summary_columns(intake):
    run = policy_site("check", "--program", PROGRAM, "--as-of", AS_OF, "--format", "csv", intake)
    rows = list(csv.DictReader(io.StringIO(run.stdout)))
    assert list(rows[0]) == ["file", "applicant", "errors", "warnings", "review", "verdict", "reason_zh", "reason_en"]
    by_name = {row["file"].rsplit("/", 1)[-1]: row for row in rows}
    assert by_name["c-invalid.json"]["errors"] == "1" and by_name["c-invalid.json"]["verdict"] == "errors"
    assert by_name["e-utf16.json"]["errors"] == "" and "not UTF-8" in by_name["e-utf16.json"]["reason_en"]
    assert run.returncode == 1


def test_a_named_file_that_does_not_exist_is_a_row_not_an_abort(tmp_path):
    missing = tmp_path / "missing.json"
    run = policy_site("check", "--program", PROGRAM, "--as-of", AS_OF, "--format", "json", VALID, missing)
    assert run.returncode == 1
    (row,) = [row for row in _rows(run) if row["file"] == str(missing)]
    assert row["verdict"] == "unusable" and "Cannot read the file" in row["reason"]["en"]


def test_exit_0_when_every_file_is_checked_without_errors(tmp_path):
    for name in ("one.json", "two.json"):
        shutil.copy(VALID, tmp_path / name)
    assert policy_site("check", "--program", PROGRAM, "--as-of", AS_OF, tmp_path).returncode == 0


def test_exit_2_only_when_no_file_could_be_read(tmp_path):
    (tmp_path / "a.json").write_text("", "utf-8")
    (tmp_path / "b.json").write_text("[1]", "utf-8")
    run = policy_site("check", "--program", PROGRAM, "--format", "csv", tmp_path)
    assert run.returncode == 2
    assert len(list(csv.DictReader(io.StringIO(run.stdout)))) == 2  # the rows still say why


def test_a_folder_without_applications_exits_2_in_both_languages(tmp_path):
    run = policy_site("check", "--program", PROGRAM, tmp_path)
    assert run.returncode == 2
    assert "没有找到" in run.stderr and "No .json files" in run.stderr


def test_files_checked_in_parallel_give_the_rows_of_a_serial_run(tmp_path, catalog):
    for index in range(PARALLEL_FROM + 4):
        shutil.copy(INVALID if index % 3 == 0 else VALID, tmp_path / f"{index:03}.json")
    (tmp_path / "999.json").write_text("{", "utf-8")
    serial = check_intake(catalog, PROGRAM, [tmp_path], as_of=AS_OF, jobs=1)
    parallel = check_intake(catalog, PROGRAM, [tmp_path], as_of=AS_OF, jobs=2)
    assert [(row.file, row.verdict, row.counts, row.reason) for row in parallel.rows] == [
        (row.file, row.verdict, row.counts, row.reason) for row in serial.rows
    ]
    assert serial.tally() == {"files": PARALLEL_FROM + 5, "no-errors": 24, "errors": 12, "unusable": 1}


def test_every_program_form_names_the_applicant_where_the_summary_reads_it(catalog):
    for program in catalog["programs"]:
        field = field_at(application_schema(catalog, program), APPLICANT)
        assert field and field.get("type") == "string", program


def test_a_process_running_threads_checks_in_parallel_without_forking_it(tmp_path, catalog):
    for index in range(PARALLEL_FROM):
        shutil.copy(INVALID if index % 2 else VALID, tmp_path / f"{index:03}.json")
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait, daemon=True)  # as a session's site server runs beside the tests
    thread.start()
    try:
        intake = check_intake(catalog, PROGRAM, [tmp_path], as_of=AS_OF, jobs=2)  # a fork server, not fork
    finally:
        stop.set()
        thread.join()
    assert intake.tally() == {
        "files": PARALLEL_FROM,
        "no-errors": PARALLEL_FROM // 2,
        "errors": PARALLEL_FROM // 2,
        "unusable": 0,
    }
