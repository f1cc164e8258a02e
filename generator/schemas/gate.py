"""The release gate: may each newly generated schema replace its published version?

A breaking change passes only with a major bump of ``x-version`` (the program's
``schema_version``), and every new version needs an entry in ``policies/changelog.yaml``.

The schema comparison (``compat.schema_changes``) is one source of changes. Others plug in
through ``extra``: a mapping from program id to more ``Change``s (a threshold tightened inside
a rule is as breaking as a bound raised in the schema), judged by the same rules.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from generator.schemas.compat import Change, schema_changes
from generator.schemas.versions import version_of, version_text, versions_recorded


@dataclass(frozen=True)
class Verdict:
    program: str
    base_version: str | None  # None: a new program
    version: str | None  # None: the program was removed
    changes: tuple[Change, ...] = ()
    problems: tuple[tuple[str, str], ...] = ()  # why the check fails, each (zh, en)

    @property
    def passed(self) -> bool:
        return not self.problems


_ENTRY_HINT = (
    "在 policies/changelog.yaml 添加一条 {date, program, version, change: {zh, en}}",
    "add {date, program, version, change: {zh, en}} to policies/changelog.yaml",
)


def _removed(program: str, base: dict, changelog: list[dict]) -> Verdict:
    was = version_of(base)
    removal = Change(
        "", True, "项目已删除，其已发布的 schema 不再有后继版本", "program removed: its published schema has no successor"
    )
    if any(entry[0] > was[0] for entry in versions_recorded(changelog, program)):
        return Verdict(program, version_text(was), None, (removal,))
    problem = (
        f"项目 {program} 已删除：若是有意停用，请在 policies/changelog.yaml 以 {was[0] + 1}.0.0 记录停用原因",
        f"program {program} was removed: if it is withdrawn on purpose, record why in policies/changelog.yaml as version {was[0] + 1}.0.0",
    )
    return Verdict(program, version_text(was), None, (removal,), (problem,))


def judge(program: str, base: dict | None, new: dict | None, changelog: list[dict], extra: Iterable[Change] = ()) -> Verdict:
    """Whether the new schema of one program may replace its published one.

    ``extra``: changes found by other checks than the schema comparison, judged alike.
    """
    if base is None:
        return Verdict(program, None, new.get("x-version") if new else None, tuple(extra))
    if new is None:
        return _removed(program, base, changelog)
    was, now = version_of(base), version_of(new)
    changes = (*schema_changes(base, new), *extra)
    problems = []
    definition = f"policies/programs/{program}.yaml"
    if now < was:
        problems.append(
            (
                f"x-version 从 {version_text(was)} 降到了 {version_text(now)}：版本号只能增加",
                f"x-version went down from {version_text(was)} to {version_text(now)}: versions only go up",
            )
        )
    elif any(change.breaking for change in changes) and now[0] <= was[0]:
        count, bumped, went = (
            sum(change.breaking for change in changes),
            f"{was[0] + 1}.0.0",
            f"{version_text(was)} → {version_text(now)}",
        )
        problems.append(
            (
                f"有 {count} 项破坏性变更，但 x-version 的主版本未提升（{went}）：请在 {definition} 把 schema_version 改为 {bumped}，并{_ENTRY_HINT[0]}",
                f"{count} breaking change(s) but the major version of x-version was not bumped ({went}): set schema_version to {bumped} in {definition} and {_ENTRY_HINT[1]}",
            )
        )
    if now != was and now not in versions_recorded(changelog, program):
        problems.append(
            (
                f"版本 {version_text(now)} 在 changelog 中没有记录：请{_ENTRY_HINT[0]}",
                f"version {version_text(now)} has no changelog entry: {_ENTRY_HINT[1]}",
            )
        )
    return Verdict(program, version_text(was), version_text(now), changes, tuple(problems))


def compare(
    base: dict[str, dict], new: dict[str, dict], changelog: list[dict], extra: Mapping[str, Iterable[Change]] | None = None
) -> list[Verdict]:
    """A verdict for every program published at the base or generated now.

    ``extra``: more changes per program id (e.g. the policy diff's tightened thresholds).
    """
    extra = extra or {}
    programs = sorted(base.keys() | new.keys())
    return [judge(program, base.get(program), new.get(program), changelog, extra.get(program, ())) for program in programs]
