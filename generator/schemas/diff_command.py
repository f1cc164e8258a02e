"""``policy-site diff [REF]``: the rules of ``policies/`` at a git ref against the work tree."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import yaml

from generator.definitions import load_corpus
from generator.definitions.catalog import build_catalog, site_url_from
from generator.schemas import diff_report
from generator.schemas.diff import DIRECTIONS, NEUTRAL, diff_catalogs
from generator.schemas.policy_ref import catalog_at, default_ref


def policy_diff(policies: Path, ref: str | None = None, repo: Path | None = None) -> tuple[str, list]:
    """(the ref compared with, a ProgramDiff per program): ``policies`` as committed at ``ref`` in
    ``repo`` (default: the folder holding ``policies``) against ``policies`` as it is now.
    PolicyRefError when the ref is unusable."""
    policies = policies.resolve()
    repo = (repo or policies.parent).resolve()
    ref = ref or default_ref(repo)
    site_url = site_url_from(policies.parent / "mkdocs.yml")
    folder = policies.relative_to(repo).as_posix() if policies.is_relative_to(repo) else "policies"
    old = catalog_at(repo, ref, folder)
    old["site_url"] = site_url  # the same links on both sides: the published site's
    new = build_catalog(load_corpus(policies, check_sources=False), site_url=site_url)
    return ref, diff_catalogs(old, new)


def changelog_snippet(diffs: list, texts: dict | None = None) -> str:
    """Entries to paste into policies/changelog.yaml for every changed program (date and text to
    fill in), each rule's change told in the rule's own words (``texts``: full rule id → text)."""
    entries = [
        {
            "date": "YYYY-MM-DD",
            "program": diff.program,
            "version": diff.version or "",
            "change": {"zh": "（说明对申请人的影响）", "en": "(what changed for applicants)"},
            "rules": diff_report.changelog_rules(diff, texts),
        }
        for diff in diffs
        if diff.changes
    ]
    return yaml.safe_dump(entries, allow_unicode=True, sort_keys=False, width=120) if entries else "[]\n"


def diff_command(policies: Path, ref: str | None, output_format: str, lang: str, out, repo: Path | None = None) -> int:
    """0 whatever changed (the diff informs; ``make compat`` judges); PolicyRefError → exit 2 in the CLI."""
    ref, diffs = policy_diff(policies, ref, repo)
    if output_format == "json":
        out.write(diff_report.json_report(diffs, ref))
    elif output_format == "markdown":
        out.write(diff_report.markdown_report(diffs, ref))
    elif output_format == "changelog":
        catalog = build_catalog(load_corpus(policies, check_sources=False))
        texts = {rule["full_id"]: rule["text"] for program in catalog["programs"].values() for rule in program["all_rules"]}
        out.write(changelog_snippet(diffs, texts))
    else:
        out.write(diff_report.text_report(diffs, ref, lang))
    return 0


# ---- the release gate's use of the diff ------------------------------------------------------
def rule_changes(policies: Path, ref: str, repo: Path | None = None) -> dict[str, list]:
    """The policy diff since ``ref`` as the gate's Changes, per program: a tightened requirement is
    breaking, a loosening is reported; neutral changes (wording, citations) are left to the diff."""
    from generator.schemas.compat import Change

    _, diffs = policy_diff(policies, ref, repo)
    return {
        diff.program: [
            Change(
                _pointer(change),
                change.breaking,
                f"规则{DIRECTIONS[change.direction][0]}：{change.zh}",
                f"rule {DIRECTIONS[change.direction][1]}: {change.en}",
            )
            for change in diff.changes
            if change.direction != NEUTRAL
        ]
        for diff in diffs
    }


def _pointer(change) -> str:
    return f"rules/{change.rule}#{change.param or change.what}"


def _rule_of(pointer: str) -> str | None:
    return pointer.removeprefix("rules/").split("#", 1)[0] if pointer.startswith("rules/") else None


def name_the_rules(verdicts: list, changelog: list[dict]) -> list:
    """A new version with tightened rules passes only when its changelog entry names them under
    ``rules`` (``--format changelog`` prints them): the site lists each release rule by rule."""
    from generator.schemas.versions import parse_version

    checked = []
    for verdict in verdicts:
        tightened = sorted({_rule_of(c.pointer) for c in verdict.changes if c.breaking and _rule_of(c.pointer)})
        entries = [
            entry
            for entry in changelog
            if entry["program"] == verdict.program
            and verdict.version
            and parse_version(entry["version"]) == parse_version(verdict.version)
        ]
        named = {rule["id"] for entry in entries for rule in entry.get("rules", [])}
        unnamed = [rule for rule in tightened if rule not in named]
        if entries and unnamed and verdict.version != verdict.base_version:
            problem = (
                f"changelog 中 {verdict.program} {verdict.version} 一条未在 rules 下列出收紧的规则 {', '.join(unnamed)}：policy-site diff --format changelog 会列出它们",
                f"the changelog entry of {verdict.program} {verdict.version} does not name the tightened rule(s) {', '.join(unnamed)} under rules: policy-site diff --format changelog prints them",
            )
            verdict = replace(verdict, problems=(*verdict.problems, problem))
        checked.append(verdict)
    return checked
