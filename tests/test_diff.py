"""The policy diff: each change of a rule classified, the command on a real git history, and the
compatibility gate refusing a tightened threshold without a major version and a changelog entry."""

from __future__ import annotations

import copy
import io
import json
import re
import shutil
import subprocess

import pytest
import yaml

from generator.cli import run
from generator.schemas.diff import LOOSENING, NEUTRAL, TIGHTENING, compare_checks, compare_rules, diff_catalogs
from tests.conftest import ROOT

PROGRAM = "cn-nm-hohhot/master-studio"
FUND_RULE = f"{PROGRAM}/host-fund-share"
needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


def _directions(old, new):
    return [(step.param, step.direction) for step in compare_checks(old, new)]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ({"at_least": {"path": "/a", "value": 50}}, {"at_least": {"path": "/a", "value": 60}}, [("at_least/value", TIGHTENING)]),
        ({"at_least": {"path": "/a", "value": 50}}, {"at_least": {"path": "/a", "value": 40}}, [("at_least/value", LOOSENING)]),
        ({"at_most": {"path": "/a", "value": 5}}, {"at_most": {"path": "/a", "value": 4}}, [("at_most/value", TIGHTENING)]),
        ({"at_most": {"path": "/a", "value": 5}}, {"at_most": {"path": "/a", "value": 6}}, [("at_most/value", LOOSENING)]),
        (
            {"at_least": {"path": "/a", "value": 5}},
            {"at_least": {"path": "/a", "value": 5, "exclusive": True}},
            [("at_least/exclusive", TIGHTENING)],
        ),
        ({"count_at_least": {"path": "/a", "value": 3}}, {"count_at_least": {"path": "/a", "value": 5}}, [("count_at_least/value", TIGHTENING)]),
        ({"share_at_least": {"part": "/p", "whole": "/w", "value": 60}}, {"share_at_least": {"part": "/p", "whole": "/w", "value": 50}}, [("share_at_least/value", LOOSENING)]),
        (
            {"ratio_between": {"per": "/t", "count": "/s", "min": 16, "max": 20}},
            {"ratio_between": {"per": "/t", "count": "/s", "min": 17, "max": 21}},
            [("ratio_between/max", LOOSENING), ("ratio_between/min", TIGHTENING)],
        ),
        ({"age_at_most": {"birth": "/b", "on": "/d", "value": 65}}, {"age_at_most": {"birth": "/b", "on": "/d", "value": 60}}, [("age_at_most/value", TIGHTENING)]),
        ({"average_at_least": {"items": "/i", "field": "n", "value": 100}}, {"average_at_least": {"items": "/i", "field": "n", "value": 120}}, [("average_at_least/value", TIGHTENING)]),
        ({"includes_all": {"path": "/a", "values": ["x"]}}, {"includes_all": {"path": "/a", "values": ["x", "y"]}}, [("includes_all/values", TIGHTENING)]),
        ({"includes_all": {"path": "/a", "values": ["x", "y"]}}, {"includes_all": {"path": "/a", "values": ["x"]}}, [("includes_all/values", LOOSENING)]),
        ({"includes_any": {"path": "/a", "values": ["x"]}}, {"includes_any": {"path": "/a", "values": ["x", "y"]}}, [("includes_any/values", LOOSENING)]),
        ({"one_of_values": {"path": "/a", "values": ["x", "y"]}}, {"one_of_values": {"path": "/a", "values": ["x"]}}, [("one_of_values/values", TIGHTENING)]),
        ({"one_of_values": {"path": "/a", "values": ["x"]}}, {"one_of_values": {"path": "/a", "values": ["y"]}}, [("one_of_values/values", TIGHTENING)]),
        ({"at_least": {"path": "/a", "value": 5, "unit": {"zh": "人", "en": ""}}}, {"at_least": {"path": "/a", "value": 5, "unit": {"zh": "名", "en": ""}}}, [("at_least/unit", NEUTRAL)]),
        ({"at_least": {"path": "/a", "value": 5}}, {"at_least": {"path": "/b", "value": 5}}, [("at_least/path", TIGHTENING)]),
        ({"matches_template": {"path": "/a", "template": "x{/b}"}}, {"matches_template": {"path": "/a", "template": "y{/b}"}}, [("matches_template/template", TIGHTENING)]),
        ({"at_least": {"path": "/a", "value": 5}}, {"at_most": {"path": "/a", "value": 5}}, [("", TIGHTENING)]),
    ],
)  # fmt: skip
def test_each_kind_knows_which_way_its_parameters_tighten(old, new, expected):
    assert sorted(_directions(old, new)) == sorted(expected)


def test_inside_combinations_the_direction_follows_the_combination():
    a, b, c = ({"at_least": {"path": f"/{name}", "value": 1}} for name in "abc")
    tighter_b = {"at_least": {"path": "/b", "value": 2}}
    assert _directions({"any_of": [a, b]}, {"any_of": [a, b, c]}) == [("any_of", LOOSENING)]
    assert _directions({"any_of": [a, b]}, {"any_of": [a]}) == [("any_of", TIGHTENING)]
    assert _directions({"all_of": [a, b]}, {"all_of": [a, b, c]}) == [("all_of", TIGHTENING)]
    assert _directions({"all_of": [a, b]}, {"all_of": [b]}) == [("all_of", LOOSENING)]
    assert _directions({"any_of": [a, b]}, {"any_of": [a, tighter_b]}) == [("any_of/0/at_least/value", TIGHTENING)]
    assert _directions({"any_of": [a, b]}, {"any_of": [b, a]}) == []  # reordered, same options


def _rule(**fields):
    rule = {
        "id": "r",
        "full_id": "p/r",
        "severity": "error",
        "text": {"zh": "条件", "en": "condition"},
        "cite": {"doc": "d", "art": "a/b"},
        "check": {"at_least": {"path": "/a", "value": 5}},
    }
    return {**rule, **fields}


def _what(old, new):
    return [(change.what, change.direction, change.breaking) for change in compare_rules(old, new)]


def test_severity_citation_condition_and_wording_are_classified():
    assert _what(_rule(severity="warning"), _rule()) == [("severity", TIGHTENING, True)]
    assert _what(_rule(), _rule(severity="warning")) == [("severity", LOOSENING, False)]
    assert _what(_rule(severity="review"), _rule(severity="warning")) == [("severity", NEUTRAL, False)]
    assert _what(_rule(), _rule(cite={"doc": "d", "art": "a/c"})) == [("recited", NEUTRAL, False)]
    assert _what(_rule(), _rule(text={"zh": "新", "en": "new"})) == [("text", NEUTRAL, False)]
    when = {"path": "/kind", "in": ["x"]}
    assert _what(_rule(when=when), _rule(when={"path": "/kind", "in": ["x", "y"]})) == [("applies", TIGHTENING, True)]
    assert _what(_rule(when=when), _rule()) == [("applies", TIGHTENING, True)]
    assert _what(_rule(), _rule(when=when)) == [("applies", LOOSENING, False)]


def test_added_and_removed_rules_and_thresholds_of_warnings():
    assert _what(None, _rule()) == [("added", TIGHTENING, True)]
    assert _what(None, _rule(severity="warning")) == [("added", NEUTRAL, False)]
    assert _what(_rule(), None) == [("removed", LOOSENING, False)]
    raised = _rule(severity="warning", check={"at_least": {"path": "/a", "value": 9}})
    assert _what(_rule(severity="warning"), raised) == [("threshold", TIGHTENING, False)]  # a warning fails nobody


def test_the_real_corpus_has_no_changes_against_itself_and_names_its_citations(catalog):
    assert all(diff.status == "unchanged" for diff in diff_catalogs(catalog, catalog))
    tightened = copy.deepcopy(catalog)
    rule = next(r for r in tightened["programs"][PROGRAM]["all_rules"] if r["full_id"] == FUND_RULE)
    rule["check"]["at_least"]["value"] = 60
    (diff,) = [d for d in diff_catalogs(catalog, tightened) if d.status == "changed"]
    (change,) = diff.changes
    assert (change.rule, change.old, change.new, change.breaking) == (FUND_RULE, 50, 60, True)
    assert change.citation["label"]["zh"].startswith("第七条") and "#rules-art-7" in change.citation["url"]["en"]
    assert "由 50 提高到 60" in change.zh and "raised from 50 to 60" in change.en


def test_a_rule_of_an_extended_program_changes_every_program_that_extends_it(catalog):
    extended = next(p for p in catalog["programs"].values() if p.get("extends"))
    base_id = extended["extends"][0]
    changed = copy.deepcopy(catalog)
    rule = next(r for r in changed["programs"][base_id]["rules"] if r.get("check"))
    for program in changed["programs"].values():
        for applied in program["all_rules"]:
            if applied["full_id"] == f"{base_id}/{rule['id']}":
                applied["text"] = {"zh": "改写", "en": "reworded"}
    programs = {d.program for d in diff_catalogs(catalog, changed) if d.changes}
    assert {base_id, extended["id"]} <= programs


# ---- a real git history: two commits, the second tightens a threshold inside a rule's check -------
def _git(repo, *args):
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True)


def _commit(repo, message):
    _git(repo, "add", "-A")
    _git(repo, "-c", "user.name=Test", "-c", "user.email=test@example.invalid", "commit", "-q", "-m", message)


HOHHOT = "policies/programs/cn-nm-hohhot/master-studio.yaml"
HOHHOT_RULES = "policies/documents/cn-nm-hohhot/master-studio-rules.yaml"


def _edit(repo, old, new, path=HOHHOT):
    text = (repo / path).read_text("utf-8")
    assert old in text
    (repo / path).write_text(text.replace(old, new), "utf-8")


def _set_fund_share(repo, was: int, now: int):
    """A new text of Article 7(2): the article, the rule's wording, quote and check all say it."""
    _edit(repo, f"不低于{was}%", f"不低于{now}%", HOHHOT_RULES)
    _edit(repo, f"no less than {was}%", f"no less than {now}%", HOHHOT_RULES)
    _edit(repo, f"不低于{was}%", f"不低于{now}%")
    _edit(repo, f"no less than {was}%", f"no less than {now}%")
    _edit(repo, f"education_fund_high_skill_share, value: {was},", f"education_fund_high_skill_share, value: {now},")


@pytest.fixture
def history(tmp_path):
    """Commit 1 (tagged v1): the project as published. Commit 2: Hohhot's 50% raised to 60%."""
    repo = tmp_path / "repo"
    repo.mkdir()
    shutil.copytree(ROOT / "policies", repo / "policies", ignore=shutil.ignore_patterns("sources"))
    (repo / "policies" / "sources").mkdir()  # sources are not re-checked by the diff
    shutil.copytree(ROOT / "schemas", repo / "schemas")
    shutil.copy2(ROOT / "mkdocs.yml", repo / "mkdocs.yml")
    _git(repo, "init", "-q")
    _commit(repo, "publish")
    _git(repo, "tag", "v1")
    _set_fund_share(repo, 50, 60)
    _commit(repo, "raise the fund share")
    return repo


@needs_git
def test_the_command_reports_the_tightened_threshold_since_the_last_tag(history):
    out = io.StringIO()
    assert run(["--policies", str(history / "policies"), "diff", "--format", "json"], out=out) == 0
    report = json.loads(out.getvalue())
    assert report["base"] == "v1"
    changed = [p for p in report["programs"] if p["changes"]]
    assert [p["program"] for p in changed] == [PROGRAM]
    (change,) = [c for c in changed[0]["changes"] if c["what"] == "threshold"]
    others = {(c["what"], c["direction"]) for c in changed[0]["changes"] if c is not change}
    assert others == {("quote", "neutral"), ("text", "neutral")}  # the quote and the wording follow the new text
    assert (change["rule"], change["what"], change["old"], change["new"]) == (FUND_RULE, "threshold", 50, 60)
    assert (change["direction"], change["breaking"]) == ("tightening", True)

    text = io.StringIO()
    assert run(["--policies", str(history / "policies"), "diff", "v1"], out=text) == 0
    assert "收紧" in text.getvalue() and "tightening (breaking)" in text.getvalue() and "第七条" in text.getvalue()
    markdown = io.StringIO()
    assert run(["--policies", str(history / "policies"), "diff", "HEAD~1", "--format", "markdown"], out=markdown) == 0
    assert f"| `{FUND_RULE}` |" in markdown.getvalue() and "](https://" in markdown.getvalue()


@needs_git
def test_an_unknown_ref_exits_2_in_both_languages(history):
    err = io.StringIO()
    assert run(["--policies", str(history / "policies"), "diff", "no-such-tag"], out=io.StringIO(), err=err) == 2
    assert "git fetch" in err.getvalue() and "没有 no-such-tag" in err.getvalue()


@needs_git
def test_a_release_in_the_former_severity_names_compares_equal_to_the_renamed_rules(history):
    # Before issue #24 a rule said `severity: requirement` / `advisory`; a release tagged then
    # must not show every rule as changed against the same rules now named `error` / `warning`.
    for path in sorted((history / "policies" / "programs").glob("*/*.yaml")):
        text = path.read_text("utf-8")
        path.write_text(
            text.replace("severity: error\n", "severity: requirement\n").replace("severity: warning\n", "severity: advisory\n"),
            "utf-8",
        )
    assert "severity: requirement" in (history / HOHHOT).read_text("utf-8")
    _commit(history, "former names")
    _git(history, "tag", "v0")
    _git(history, "checkout", "-q", "HEAD~1", "--", "policies")  # the renamed tree, 60% as in HEAD~1
    out = io.StringIO()
    assert run(["--policies", str(history / "policies"), "diff", "v0", "--format", "json"], out=out) == 0
    assert [p["changes"] for p in json.loads(out.getvalue())["programs"] if p["changes"]] == []


def _gate(repo, ref="v1"):
    out = io.StringIO()
    status = run(["--policies", str(repo / "policies"), "compat", "--base-ref", ref], out=out, err=out)
    return status, out.getvalue()


@needs_git
def test_the_gate_needs_a_major_version_and_a_changelog_entry_naming_the_tightened_rule(history):
    status, report = _gate(history)
    assert status == 1, report
    assert f"rules/{FUND_RULE}#at_least/value" in report  # the schemas alone are unchanged
    was = re.search(r'schema_version: "(\d+)\.\d+\.\d+"', (history / HOHHOT).read_text("utf-8"))
    bumped = f"{int(was[1]) + 1}.0.0"
    assert bumped in report  # the gate says which version to set

    _edit(history, was[0], f'schema_version: "{bumped}"')
    status, report = _gate(history)
    assert status == 1 and bumped in report and "changelog" in report

    entry = {
        "date": "2026-12-01",
        "program": PROGRAM,
        "version": bumped,
        "change": {"zh": "比例提高到60%。", "en": "Share raised to 60%."},
    }
    changelog = history / "policies" / "changelog.yaml"
    entries = yaml.safe_load(changelog.read_text("utf-8"))
    changelog.write_text(yaml.safe_dump([*entries, entry], allow_unicode=True), "utf-8")
    status, report = _gate(history)
    assert status == 1 and FUND_RULE in report and "--format changelog" in report  # the entry must name the rule

    snippet = io.StringIO()
    assert run(["--policies", str(history / "policies"), "diff", "--format", "changelog"], out=snippet) == 0
    (suggested,) = yaml.safe_load(snippet.getvalue())
    assert [rule["id"] for rule in suggested["rules"]] == [FUND_RULE]
    changelog.write_text(yaml.safe_dump([*entries, {**entry, "rules": suggested["rules"]}], allow_unicode=True), "utf-8")
    status, report = _gate(history)
    assert status == 0, report


@needs_git
def test_the_gate_passes_a_loosened_threshold_without_a_bump(history):
    _set_fund_share(history, 60, 40)
    status, report = _gate(history)
    assert status == 0, report
    assert f"rules/{FUND_RULE}#at_least/value" in report and "兼容 compatible" in report


def test_the_changelog_page_lists_each_release_rule_by_rule_and_program_pages_say_changed_on(tmp_path, catalog):
    from generator.site.pages import write_pages

    rule = next(r for r in catalog["programs"][PROGRAM]["all_rules"] if r["full_id"] == FUND_RULE)
    entry = {
        "date": "2026-12-01",
        "program": PROGRAM,
        "version": "9.0.0",
        "change": {"zh": "比例提高到60%。", "en": "Share raised to 60%."},
        "rules": [
            {
                "id": FUND_RULE,
                "direction": "tightening",
                "change": {"zh": "由 50 提高到 60", "en": "raised from 50 to 60"},
                "cite": rule["cite"],
            },
            {"id": f"{PROGRAM}/gone", "direction": "loosening", "change": {"zh": "删除条件", "en": "rule removed"}},
        ],
    }
    write_pages(catalog, tmp_path, as_of="2026-12-01", changelog=[entry])
    zh, en = (tmp_path / "changelog.md").read_text("utf-8"), (tmp_path / "changelog.en.md").read_text("utf-8")
    anchor = "rules-cn-nm-hohhot-master-studio-9-0-0"
    for page, words in (
        (zh, ("规则变化", "收紧", "由 50 提高到 60", "放宽")),
        (en, ("Rule changes", "tightening", "raised from 50 to 60", "loosening")),
    ):
        assert f"{{ #{anchor} }}" in page and all(word in page for word in words), page
        assert "documents/cn-nm-hohhot/master-studio-rules.md#rules-art-7)" in page  # the article
        assert f"{PROGRAM}/gone" in page  # a removed rule keeps its id
    program_zh = (tmp_path / "programs" / f"{PROGRAM}.md").read_text("utf-8")
    program_en = (tmp_path / "programs" / f"{PROGRAM}.en.md").read_text("utf-8")
    assert program_zh.count("修订于 2026-12-01") == 1 and f"#{anchor}" in program_zh
    assert program_en.count("changed on 2026-12-01") == 1
    untouched = (tmp_path / "programs" / "cn" / "training-base.md").read_text("utf-8")
    assert "修订于" not in untouched


def test_a_catalogue_an_older_release_built_itself_is_read_in_the_current_severity_names():
    # When a ref's own loader builds its catalogue (another format change since), its rules come
    # back in the names of its day; they are renamed there, as its files are for this loader.
    from generator.schemas.policy_ref import _current_rules

    old = {
        "programs": {
            "p": {"rules": [{"severity": "requirement"}], "all_rules": [{"severity": "advisory"}, {"severity": "review"}]}
        }
    }
    program = _current_rules(old)["programs"]["p"]
    assert [r["severity"] for r in (*program["rules"], *program["all_rules"])] == ["error", "warning", "review"]
