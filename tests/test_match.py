"""policy-site match: one applicant against every program of its kind."""

from __future__ import annotations

import json

from generator.core.match import MEETS, MISSES, REVIEW, match
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
