"""``policies/changelog.yaml``: one entry per published version of a program's schema.

The one loader of the changelog: the release gate reads it to require an entry for every new
version, the site lists it on its changelog page.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import yaml

from generator.errors import CompatError

_VERSION = re.compile(r"^(\d+)\.(\d+)\.(\d+)$")
Version = tuple[int, int, int]


def parse_version(text: object) -> Version:
    """``"MAJOR.MINOR.PATCH"`` as numbers; anything else (a schema published before versions) is 0.0.0."""
    found = _VERSION.match(str(text or ""))
    return (int(found[1]), int(found[2]), int(found[3])) if found else (0, 0, 0)


def version_of(schema: dict) -> Version:
    """A schema's ``x-version`` (the program's ``schema_version``) as numbers."""
    return parse_version(schema.get("x-version"))


def version_text(version: Version) -> str:
    return ".".join(map(str, version))


def load_changelog(path: Path) -> list[dict]:
    """The entries of ``policies/changelog.yaml``, each checked: {date, program, version, change: {zh, en}},
    and optionally ``rules``: [{id, direction, change: {zh, en}, cite}], the rules the version changed."""
    if not path.is_file():
        return []
    try:
        entries = yaml.safe_load(path.read_text("utf-8")) or []
    except yaml.YAMLError as error:
        raise CompatError(f"{path} 不是有效的 YAML：{error}", f"{path} is not valid YAML: {error}") from None
    if not isinstance(entries, list):
        raise CompatError(f"{path} 应为条目列表", f"{path} must be a list of entries")
    checked = []
    for index, entry in enumerate(entries):
        entry = dict(entry) if isinstance(entry, dict) else {}
        if isinstance(entry.get("date"), dt.date):
            entry["date"] = entry["date"].isoformat()
        change = entry.get("change")
        problems = [
            "date (YYYY-MM-DD)" if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(entry.get("date", ""))) else "",
            "program" if not isinstance(entry.get("program"), str) else "",
            'version ("MAJOR.MINOR.PATCH", quoted)' if not _VERSION.match(str(entry.get("version", ""))) else "",
            "change {zh, en}" if not (isinstance(change, dict) and change.get("zh") and change.get("en")) else "",
            "rules [{id, change: {zh, en}}]" if not _rules_well_formed(entry.get("rules", [])) else "",
        ]
        if any(problems):
            missing = ", ".join(p for p in problems if p)
            raise CompatError(
                f"{path} 第 {index + 1} 条缺少或写错了：{missing}", f"{path} entry {index + 1}: missing or malformed {missing}"
            )
        checked.append(entry)
    return checked


def _rules_well_formed(rules: object) -> bool:
    """An entry's optional ``rules``: the rules the version changed (``policy-site diff --format changelog``)."""
    return isinstance(rules, list) and all(
        isinstance(rule, dict)
        and isinstance(rule.get("id"), str)
        and isinstance(rule.get("change"), dict)
        and bool(rule["change"].get("zh") and rule["change"].get("en"))
        for rule in rules
    )


def versions_recorded(changelog: list[dict], program: str) -> list[Version]:
    """The versions of one program the changelog has an entry for."""
    return [parse_version(entry["version"]) for entry in changelog if entry["program"] == program]
