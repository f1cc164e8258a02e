"""Schema compatibility: changes that could reject a once-valid application are caught, with
their JSON pointer, and pass only with a major version bump and a changelog entry.

Every case starts from a real generated schema (the Hohhot studio) and edits a copy.
"""

from __future__ import annotations

import copy
import io
import json
import shutil
import subprocess

import pytest

from generator.cli import run
from generator.core.schema import application_schema
from generator.definitions.loaders import load_changelog
from generator.errors import CompatError, DefinitionError
from generator.schemas.compat import COMPARATORS, Change, schema_changes
from generator.schemas.gate import compare, judge
from generator.schemas.sources import schemas_at_ref
from generator.schemas.write import render_schema
from tests.conftest import ROOT

PROGRAM = "cn-nm-hohhot/master-studio"
UNIT = "/properties/unit/properties"


@pytest.fixture
def published(catalog):
    schema = application_schema(catalog, PROGRAM)
    # No source limits the length of a unit's name (issue 11), so the real schema has no bound there:
    # these tests give it one to tighten and loosen.
    schema["properties"]["unit"]["properties"]["name"]["maxLength"] = 100
    schema["x-version"] = "1.0.0"  # the versions these tests bump to are written from 1.0.0
    return schema


@pytest.fixture
def edited(published):
    return copy.deepcopy(published)


def _breaking(old, new):
    return [change for change in schema_changes(old, new) if change.breaking]


def _entry(version, program=PROGRAM):
    return {
        "date": "2026-12-01",
        "program": program,
        "version": version,
        "change": {"zh": "收紧字段长度。", "en": "Field length tightened."},
    }


def test_every_real_schema_is_compatible_with_itself(catalog):
    for program_id in catalog["programs"]:
        schema = application_schema(catalog, program_id)
        assert schema_changes(schema, copy.deepcopy(schema)) == [], program_id


def test_a_raised_min_length_is_breaking_at_its_pointer(published, edited):
    assert published["properties"]["unit"]["properties"]["name"]["minLength"] == 1
    edited["properties"]["unit"]["properties"]["name"]["minLength"] = 4
    (change,) = schema_changes(published, edited)
    assert change.breaking
    assert change.pointer == f"{UNIT}/name/minLength"
    assert "申报单位名称" in change.zh and "由 1 提高到 4" in change.zh
    assert "Name of applying unit" in change.en and "raised from 1 to 4" in change.en


def test_a_raised_minimum_is_breaking_at_its_pointer(published, edited):
    edited["properties"]["unit"]["properties"]["education_fund_high_skill_share"]["minimum"] = 10
    (change,) = _breaking(published, edited)
    assert change.pointer == f"{UNIT}/education_fund_high_skill_share/minimum"
    assert "raised from 0 to 10" in change.en


def test_a_bound_tightened_in_a_shared_part_is_reported_once_under_defs(published, edited):
    edited["$defs"]["contact-person"]["properties"]["name"]["maxLength"] = 20
    assert [change.pointer for change in schema_changes(published, edited)] == ["/$defs/contact-person/properties/name/maxLength"]


def test_a_removed_field_is_breaking(published, edited):
    del edited["properties"]["unit"]["properties"]["credit_code"]
    (change,) = _breaking(published, edited)
    assert change.pointer == f"{UNIT}/credit_code"
    assert "统一社会信用代码" in change.zh and "field removed" in change.en


def test_a_new_required_field_is_breaking(published, edited):
    unit = edited["properties"]["unit"]
    unit["properties"]["website"] = {"type": "string", "x-title": {"zh": "网站", "en": "Website"}}
    unit["required"].append("website")
    (change,) = schema_changes(published, edited)
    assert (change.breaking, change.pointer) == (True, f"{UNIT}/website")
    assert "new required field" in change.en


def test_an_optional_field_made_required_is_breaking(published, edited):
    edited["properties"]["unit"]["required"].append("credit_code")
    (change,) = _breaking(published, edited)
    assert change.pointer == f"{UNIT}/credit_code" and "now required" in change.en


def test_a_removed_enum_value_is_breaking(published, edited):
    edited["properties"]["unit"]["properties"]["host_type"]["enum"].remove("other-carrier")
    (change,) = _breaking(published, edited)
    assert change.pointer == f"{UNIT}/host_type/enum"
    assert '"other-carrier"' in change.en


def test_an_added_pattern_is_breaking(published, edited):
    edited["properties"]["master"]["properties"]["ethnicity"]["pattern"] = "^.+族$"
    (change,) = _breaking(published, edited)
    assert change.pointer == "/properties/master/properties/ethnicity/pattern"


def test_a_changed_pattern_in_a_part_is_breaking(published, edited):
    edited["$defs"]["postcode"]["pattern"] = "^0\\d{5}$"
    (change,) = _breaking(published, edited)
    assert change.pointer == "/$defs/postcode/pattern" and "邮政编码" in change.zh


@pytest.mark.parametrize(
    ("edit", "pointer"),
    [
        (
            lambda s: s["properties"]["studio"]["properties"]["area_m2"].update(type="integer"),
            "/properties/studio/properties/area_m2/type",
        ),
        (lambda s: s["properties"]["program"].update(const="other/program"), "/properties/program/const"),
        (
            lambda s: s["properties"]["master"]["properties"]["achievements"].update(format="uri"),
            "/properties/master/properties/achievements/format",
        ),
        (
            lambda s: s["properties"]["studio"]["properties"]["members"].update(uniqueItems=True),
            "/properties/studio/properties/members/uniqueItems",
        ),
        (
            lambda s: s["properties"]["studio"]["properties"]["members"].update(minItems=3),
            "/properties/studio/properties/members/minItems",
        ),
        (
            lambda s: s["properties"]["studio"]["properties"]["area_m2"].update(exclusiveMinimum=5),
            "/properties/studio/properties/area_m2/exclusiveMinimum",
        ),
        (
            lambda s: s["properties"]["studio"]["properties"]["area_m2"].update(maximum=10000),
            "/properties/studio/properties/area_m2/maximum",
        ),
        (lambda s: s["properties"]["unit"]["properties"]["nature"].update(allOf=[{"minLength": 3}]), f"{UNIT}/nature/allOf"),
    ],
    ids=[
        "type-narrowed",
        "const-changed",
        "format-added",
        "unique-items",
        "min-items",
        "exclusive-minimum",
        "maximum-added",
        "unknown-keyword",
    ],
)
def test_other_narrowing_changes_are_breaking(published, edited, edit, pointer):
    edit(edited)
    assert [change.pointer for change in _breaking(published, edited)] == [pointer]


def test_additional_properties_turned_false_is_breaking(published, edited):
    published["properties"]["studio"]["properties"]["members"]["items"]["additionalProperties"] = True
    (change,) = _breaking(published, edited)
    assert change.pointer == "/properties/studio/properties/members/items/additionalProperties"


def _inclusive_minimum(schema):
    area = schema["properties"]["studio"]["properties"]["area_m2"]
    del area["exclusiveMinimum"]
    area["minimum"] = 0


@pytest.mark.parametrize(
    ("edit", "pointer"),
    [
        (
            lambda s: s["properties"]["unit"]["properties"].update(
                website={"type": "string", "x-title": {"zh": "网站", "en": "Website"}}
            ),
            f"{UNIT}/website",
        ),
        (lambda s: s["properties"]["unit"]["properties"]["name"].update(minLength=0), f"{UNIT}/name/minLength"),
        (_inclusive_minimum, "/properties/studio/properties/area_m2/exclusiveMinimum"),
        (lambda s: s["properties"]["unit"]["properties"]["host_type"]["enum"].append("cooperative"), f"{UNIT}/host_type/enum"),
        (lambda s: s["properties"]["unit"]["required"].remove("bank"), "/properties/unit/required"),
        (
            lambda s: s["properties"]["studio"]["properties"]["area_m2"].update(type=["number", "string"]),
            "/properties/studio/properties/area_m2/type",
        ),
        (lambda s: s["properties"]["unit"]["properties"]["name"].update(title="新 / New", examples=["某公司"]), None),
    ],
    ids=[
        "optional-field-added",
        "bound-loosened",
        "exclusive-to-inclusive",
        "enum-extended",
        "no-longer-required",
        "type-widened",
        "annotations",
    ],
)
def test_loosening_changes_are_compatible(published, edited, edit, pointer):
    edit(edited)
    changes = schema_changes(published, edited)
    assert [(change.breaking, change.pointer) for change in changes] == ([(False, pointer)] if pointer else [])


def test_a_breaking_change_fails_without_a_major_bump(published, edited):
    edited["properties"]["unit"]["properties"]["name"]["minLength"] = 4
    edited["x-version"] = "1.1.0"
    verdict = judge(PROGRAM, published, edited, [_entry("1.1.0")])
    assert not verdict.passed
    assert any("2.0.0" in en and "major version" in en for _, en in verdict.problems)


def test_a_breaking_change_passes_with_a_major_bump_and_a_changelog_entry(published, edited):
    edited["properties"]["unit"]["properties"]["name"]["minLength"] = 4
    edited["x-version"] = "2.0.0"
    verdict = judge(PROGRAM, published, edited, [_entry("1.0.0"), _entry("2.0.0")])
    assert verdict.passed and sum(change.breaking for change in verdict.changes) == 1


def test_a_major_bump_without_its_changelog_entry_fails(published, edited):
    edited["properties"]["unit"]["properties"]["name"]["minLength"] = 4
    edited["x-version"] = "2.0.0"
    verdict = judge(PROGRAM, published, edited, [_entry("1.0.0"), _entry("2.0.0", program="cn/master-studio")])
    assert not verdict.passed
    ((zh, en),) = verdict.problems
    assert "2.0.0" in en and "changelog" in en and "changelog" in zh


def test_compatible_changes_pass_without_a_bump(published, edited):
    edited["properties"]["unit"]["properties"]["name"]["minLength"] = 0
    assert judge(PROGRAM, published, edited, []).passed


def test_a_version_going_down_fails(published, edited):
    published["x-version"] = "1.2.0"
    assert not judge(PROGRAM, published, edited, [_entry("1.0.0")]).passed


def test_new_programs_pass_and_removed_ones_need_a_changelog_entry(published):
    (verdict,) = compare({}, {PROGRAM: published}, [])
    assert verdict.passed and verdict.base_version is None
    (removed,) = compare({PROGRAM: published}, {}, [])
    assert not removed.passed and [(c.breaking, c.pointer) for c in removed.changes] == [(True, "")]
    (withdrawn,) = compare({PROGRAM: published}, {}, [_entry("2.0.0")])
    assert withdrawn.passed


def test_the_committed_changelog_records_each_published_schema_version(corpus):
    recorded = {(entry["program"], entry["version"]) for entry in corpus.changelog}
    for path in sorted((ROOT / "schemas").glob("*/*.schema.json")):
        program = path.relative_to(ROOT / "schemas").as_posix().removesuffix(".schema.json")
        assert (program, json.loads(path.read_text("utf-8"))["x-version"]) in recorded, program


def test_a_malformed_changelog_entry_is_named_with_its_line(tmp_path):
    (tmp_path / "changelog.yaml").write_text(
        '- {date: "2026-12-01", program: cn/x, version: "1.0.0", change: {zh: 改, en: Changed.}}\n'
        '- {date: "2026-12-01", program: cn/x, version: "2.0", change: {zh: 改, en: Changed.}}\n',
        "utf-8",
    )
    with pytest.raises(DefinitionError) as raised:
        load_changelog(tmp_path, {})
    assert raised.value.line == 2 and raised.value.field == "/1/version"


def _git(repo, *args):
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path, monkeypatch, catalog):
    """A git repository whose one commit holds the Hohhot schema as published."""
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "no-global-gitconfig"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    target = tmp_path / "repo" / "schemas" / f"{PROGRAM}.schema.json"
    target.parent.mkdir(parents=True)
    target.write_text(render_schema(catalog, PROGRAM), "utf-8")
    _git(tmp_path / "repo", "init", "-q")
    _git(tmp_path / "repo", "add", "schemas")
    _git(tmp_path / "repo", "-c", "user.name=Test", "-c", "user.email=test@example.invalid", "commit", "-q", "-m", "publish")
    return tmp_path / "repo"


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_the_base_is_read_from_a_git_ref(repo, catalog):
    base = schemas_at_ref(repo, "HEAD")
    assert base == {PROGRAM: application_schema(catalog, PROGRAM)}
    edited = application_schema(catalog, PROGRAM)
    edited["properties"]["studio"]["properties"]["name"]["minLength"] = 8
    (verdict,) = compare(base, {PROGRAM: edited}, [])
    assert not verdict.passed
    assert [change.pointer for change in verdict.changes if change.breaking] == ["/properties/studio/properties/name/minLength"]


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_an_unknown_ref_says_how_to_fetch_it(repo):
    with pytest.raises(CompatError) as raised:
        schemas_at_ref(repo, "origin/main")
    assert "git fetch" in raised.value.en and "git fetch" in raised.value.zh


def test_the_command_fails_on_a_breaking_change_and_passes_when_unchanged(tmp_path, catalog):
    base = tmp_path / "base" / f"{PROGRAM}.schema.json"
    base.parent.mkdir(parents=True)
    base.write_text(render_schema(catalog, PROGRAM), "utf-8")
    out = io.StringIO()
    status = run(["compat", "--base-dir", str(tmp_path / "base")], out=out)
    assert status == 0, out.getvalue()
    looser = json.loads(base.read_text("utf-8"))
    del looser["properties"]["unit"]["properties"]["name"]["minLength"]  # so the current minLength 1 is a tightening
    base.write_text(json.dumps(looser, ensure_ascii=False), "utf-8")
    out = io.StringIO()
    assert run(["compat", "--base-dir", str(tmp_path / "base")], out=out) == 1
    assert f"{UNIT}/name/minLength" in out.getvalue() and "2.0.0" in out.getvalue()


def test_the_command_reports_an_unusable_base_with_exit_2(tmp_path):
    err = io.StringIO()
    assert run(["compat", "--base-dir", str(tmp_path / "missing")], out=io.StringIO(), err=err) == 2
    assert "--base-dir" in err.getvalue()


def test_changes_from_another_check_are_judged_like_schema_changes(published, edited):
    """The seam the policy diff plugs into: a tightening it reports needs the same major bump."""
    tightened = Change("/rules/host-fund-share/check/min", True, "门槛提高", "threshold raised")
    (verdict,) = compare({PROGRAM: published}, {PROGRAM: edited}, [], extra={PROGRAM: [tightened]})
    assert not verdict.passed and verdict.changes == (tightened,)
    assert "1 breaking change(s)" in verdict.problems[0][1]
    edited["x-version"] = "2.0.0"
    (bumped,) = compare({PROGRAM: published}, {PROGRAM: edited}, [_entry("2.0.0")], extra={PROGRAM: [tightened]})
    assert bumped.passed


def test_the_keywords_the_walk_handles_are_its_comparators_table():
    assert {"type", "enum", "required", "properties", "minimum", "exclusiveMinimum", "maxLength"} <= set(COMPARATORS)
    old = {"properties": {"a": {"minimum": 1}}}
    assert [c.pointer for c in schema_changes(old, {"properties": {"a": {"exclusiveMinimum": 1}}})] == [
        "/properties/a/exclusiveMinimum"
    ]  # a family (minimum with exclusiveMinimum) is compared once, as one bound


def test_the_command_writes_json_verdicts(tmp_path, catalog):
    base = tmp_path / "base" / f"{PROGRAM}.schema.json"
    base.parent.mkdir(parents=True)
    base.write_text(render_schema(catalog, PROGRAM), "utf-8")
    out = io.StringIO()
    assert run(["compat", "--base-dir", str(tmp_path / "base"), "--format", "json"], out=out) == 0
    report = json.loads(out.getvalue())
    assert report["passed"] is True and PROGRAM in {entry["program"] for entry in report["programs"]}
