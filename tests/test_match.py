"""policy-site match: one applicant against every program of its kind."""

from __future__ import annotations

import json

from generator.core.match import MEETS, MISSES, NOT_ELIGIBLE, REVIEW, jurisdiction_of, match, open_programs
from tests.conftest import EXAMPLES
from tests.test_cli import policy_site

HOHHOT = EXAMPLES / "cn-nm-hohhot/master-studio"


def _load(name):
    return json.loads((HOHHOT / name).read_text("utf-8"))


def test_a_valid_application_is_not_missed_by_its_own_program(catalog):
    verdicts = {m.program: m for m in match(catalog, _load("valid-enterprise-national-expert.json"), as_of="2025-03-15")}
    assert verdicts["cn-nm-hohhot/master-studio"].status in (MEETS, REVIEW)
    assert verdicts["cn-nm-hohhot/master-studio"].funding[0]["amount"] == {"min": 50000, "max": 50000}


def test_a_failed_requirement_makes_the_program_missed_with_the_reason(catalog):
    verdicts = {m.program: m for m in match(catalog, _load("invalid-education-fund-share-below-half.json"), as_of="2025-03-15")}
    hohhot = verdicts["cn-nm-hohhot/master-studio"]
    assert hohhot.status == MISSES
    assert [e["rule"] for e in hohhot.errors] == ["cn-nm-hohhot/master-studio/host-fund-share"]


def test_only_programs_of_the_named_kind_by_default(catalog):
    kinds = {m.kind for m in match(catalog, _load("valid-enterprise-national-expert.json"))}
    assert kinds == {"master-studio"}
    everything = match(catalog, _load("valid-enterprise-national-expert.json"), kind="all")
    assert len(everything) == len(catalog["programs"])


def test_missing_data_is_review_not_met(catalog):
    (verdict,) = [
        m for m in match(catalog, {"program": "cn-nm-hohhot/master-studio"}) if m.program == "cn-nm-hohhot/master-studio"
    ]
    assert verdict.status == REVIEW
    assert verdict.errors == []


def test_the_cli_prints_verdicts_and_funding_in_both_languages():
    run = policy_site("match", "--as-of", "2025-03-15", HOHHOT / "invalid-education-fund-share-below-half.json")
    assert run.returncode == 0, run.stderr
    assert "✗ 不符合  呼和浩特市市级技能大师工作室" in run.stdout
    assert "✗ misses  Hohhot city-level skill master studio" in run.stdout
    assert "5万元" in run.stdout and "50,000 yuan" in run.stdout


def test_the_cli_json_lists_every_program_with_kind_all():
    run = policy_site("match", "--kind", "all", "--format", "json", HOHHOT / "valid-enterprise-national-expert.json")
    programs = json.loads(run.stdout)["programs"]
    assert {p["status"] for p in programs} <= {MEETS, MISSES, REVIEW}
    assert "cn-nm-hohhot/master-studio" in {p["program"] for p in programs}


def test_a_unit_outside_chifeng_is_not_eligible_for_chifeng_naming_the_area(catalog):
    ordos = json.loads((EXAMPLES / "cn-nm-chifeng/training-base/invalid-school-in-ordos.json").read_text("utf-8"))
    verdicts = {m.program: m for m in match(catalog, ordos, as_of="2025-03-15")}
    chifeng = verdicts["cn-nm-chifeng/training-base"]
    assert chifeng.status == NOT_ELIGIBLE
    assert chifeng.area == {"zh": "赤峰市", "en": "Chifeng City"}
    assert chifeng.errors[0]["citation"]["article"] == "plan/s5-1"
    assert verdicts["cn-nm/training-base-regional"].status != NOT_ELIGIBLE
    at_home = {
        m.program: m for m in match(catalog, {**ordos, "unit": {**ordos["unit"], "location": "chifeng"}}, as_of="2025-03-15")
    }
    assert at_home["cn-nm-chifeng/training-base"].status != NOT_ELIGIBLE


def test_programs_open_to_a_jurisdiction_are_its_own_and_every_level_above(catalog):
    assert open_programs(catalog, "cn-nm-hohhot")[0] == "cn-nm-hohhot/master-studio"
    hohhot = set(open_programs(catalog, "cn-nm-hohhot"))
    assert {"cn-nm/master-studio-regional", "cn-nm/master-studio-national", "cn/master-studio"} <= hohhot
    assert not any(p.startswith("cn-nm-chifeng/") for p in hohhot)
    assert jurisdiction_of(catalog, "ordos") == "cn-nm"
    assert jurisdiction_of(catalog, "chifeng") == "cn-nm-chifeng"
    assert jurisdiction_of(catalog, "nowhere") is None


def test_the_cli_says_not_eligible_and_only_units_in_chifeng():
    run = policy_site("match", "--as-of", "2025-03-15", EXAMPLES / "cn-nm-chifeng/training-base/invalid-school-in-ordos.json")
    assert "✗ 不在申报范围  赤峰市市级高技能人才培训基地" in run.stdout
    assert "仅限赤峰市的单位申报" in run.stdout and "only units in Chifeng City" in run.stdout
