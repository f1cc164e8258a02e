"""``policy-site diff [REF]``: the rules of ``policies/`` at a git ref against the work tree."""

from __future__ import annotations

from pathlib import Path

import yaml

from generator.definitions import load_corpus
from generator.definitions.catalog import build_catalog, site_url_from
from generator.schemas import diff_report
from generator.schemas.diff import diff_catalogs
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


def changelog_snippet(diffs: list) -> str:
    """Entries to paste into policies/changelog.yaml for every changed program (date and text to fill in)."""
    entries = [
        {
            "date": "YYYY-MM-DD",
            "program": diff.program,
            "version": diff.version or "",
            "change": {"zh": "（说明对申请人的影响）", "en": "(what changed for applicants)"},
            "rules": diff_report.changelog_rules(diff),
        }
        for diff in diffs
        if diff.changes
    ]
    return yaml.safe_dump(entries, allow_unicode=True, sort_keys=False, width=120) if entries else "[]\n"


def diff_command(policies: Path, ref: str | None, output_format: str, lang: str, out) -> int:
    """0 whatever changed (the diff informs; ``make compat`` judges); PolicyRefError → exit 2 in the CLI."""
    ref, diffs = policy_diff(policies, ref)
    if output_format == "json":
        out.write(diff_report.json_report(diffs, ref))
    elif output_format == "markdown":
        out.write(diff_report.markdown_report(diffs, ref))
    elif output_format == "changelog":
        out.write(changelog_snippet(diffs))
    else:
        out.write(diff_report.text_report(diffs, ref, lang))
    return 0
