"""Schema compatibility: does a newly generated application schema still accept every
application its published version accepted?

A change that could reject a previously valid application is *breaking*: a field removed or
newly required; a type narrowed; enum values removed; a const changed; a lower bound
(minimum, exclusiveMinimum, minLength, minItems…) raised or an upper bound lowered; a pattern or
format added or changed; additionalProperties turned false; uniqueItems turned on. A keyword
this check does not know, added or changed, counts as breaking too: it cannot prove otherwise.
Everything else (an optional field, a bound loosened, an enum extended, any annotation) is
compatible and only reported.

A breaking change passes only with a major bump of ``x-version`` (the program's
``schema_version``), and every new version needs an entry in ``policies/changelog.yaml``.
The base is the committed ``schemas/`` of a git ref, or a folder laid out like it.

    python -m generator.site.compat --base-ref origin/main     # or: --base-dir old/schemas
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

from generator.errors import BilingualError, DefinitionError, UnusableInputError

ROOT = Path(__file__).resolve().parents[2]
CHANGELOG = ROOT / "policies" / "changelog.yaml"
SUFFIX = ".schema.json"
_VERSION = re.compile(r"^(\d+)\.(\d+)\.(\d+)$")
_ANNOTATIONS = {"title", "description", "examples", "default", "deprecated", "readOnly", "writeOnly", "$comment", "$id"}
_ANNOTATIONS |= {"$schema", "$anchor", "contentEncoding", "contentMediaType"}
# Each bound family: its keywords, and +1 when raising it tightens (a lower bound), -1 when lowering does.
_BOUNDS = (
    (("minimum", "exclusiveMinimum"), 1),
    (("maximum", "exclusiveMaximum"), -1),
    *((("minLength",), 1), (("maxLength",), -1), (("minItems",), 1), (("maxItems",), -1)),
    *((("minProperties",), 1), (("maxProperties",), -1), (("minContains",), 1), (("maxContains",), -1)),
)
_HANDLED = {"type", "enum", "const", "pattern", "format", "uniqueItems", "required", "properties", "items"}
_HANDLED |= {"additionalProperties", "$defs"} | {keyword for family, _ in _BOUNDS for keyword in family}
_ALL_TYPES = {"null", "boolean", "object", "array", "number", "string", "integer"}


class CompatError(BilingualError):
    """The base or the changelog cannot be read; the message says how to fix it."""


@dataclass(frozen=True)
class Change:
    pointer: str  # JSON pointer into the schema, at the keyword or field that changed
    breaking: bool
    zh: str
    en: str


# ---- comparing two schemas --------------------------------------------------------------
# What each change says, zh and en; the breaking ones say which applications they now reject.
_SAY = {
    "narrowed": (
        "类型由 {old} 收窄为 {new}：其他类型的值会被拒绝",
        "type narrowed from {old} to {new}: values of other types are rejected",
    ),
    "widened": ("类型由 {old} 放宽为 {new}", "type widened from {old} to {new}"),
    "enum": ("新增取值限制，只允许 {new}：其他值会被拒绝", "now restricted to {new}: other values are rejected"),
    "enum-removed": (
        "删除了可选值 {old}：填这些值的申请会被拒绝",
        "allowed values removed: {old}; applications with them are rejected",
    ),
    "enum-added": ("新增可选值 {new}", "allowed values added: {new}"),
    "enum-dropped": ("取消了取值限制", "no longer restricted to a list of values"),
    "const": ("固定值由 {old} 改为 {new}：原来的值会被拒绝", "const changed from {old} to {new}: the former value is rejected"),
    "bound": ("新增 {kw} {new}：超出它的值会被拒绝", "{kw} {new} added: values beyond it are rejected"),
    "raised": (
        "{kw} 由 {old} 提高到 {new}：低于新下限的值会被拒绝",
        "{kw} raised from {old} to {new}: values below the new bound are rejected",
    ),
    "lowered": (
        "{kw} 由 {old} 降低到 {new}：高于新上限的值会被拒绝",
        "{kw} lowered from {old} to {new}: values above the new bound are rejected",
    ),
    "stricter": (
        "{old} 改为更严的 {kw} {new}：边界上的值会被拒绝",
        "{old} replaced by the stricter {kw} {new}: values at the bound are rejected",
    ),
    "loosened": ("{old} 放宽为 {new}", "{old} loosened to {new}"),
    "form": ("新增 {kw} {new}：不符合它的值会被拒绝", "{kw} {new} added: values not of that form are rejected"),
    "form-changed": (
        "{kw} 由 {old} 改为 {new}：只符合旧格式的值会被拒绝",
        "{kw} changed from {old} to {new}: values of the old form only are rejected",
    ),
    "dropped": ("取消了 {kw}", "{kw} removed"),
    "unique": (
        "各项不得再重复：有重复项的申请会被拒绝",
        "items must now be unique: applications with repeated items are rejected",
    ),
    "unique-off": ("各项可以重复了", "items may now repeat"),
    "field-removed": ("字段已删除：填写了它的申请会被拒绝", "field removed: applications that fill it are rejected"),
    "optional-added": ("新增选填字段", "optional field added"),
    "required-added": ("新增必填字段：缺少它的申请会被拒绝", "new required field: applications without it are rejected"),
    "now-required": ("由选填改为必填：缺少它的申请会被拒绝", "now required: applications without it are rejected"),
    "now-optional": ("{kw} 改为选填", "{kw} no longer required"),
    "closed": (
        "不再接受未列出的字段：带有其他字段的申请会被拒绝",
        "no longer accepts fields it does not list: applications with others are rejected",
    ),
    "opened": ("开始接受未列出的字段", "now accepts fields it does not list"),
    "unknown": (
        "关键字 {kw} 新增或改变；本检查无法判断其影响，按破坏性变更处理",
        "keyword {kw} added or changed; this check cannot tell its effect, so it counts as breaking",
    ),
}


def _escape(name: str) -> str:
    return name.replace("~", "~0").replace("/", "~1")


def _dict(node: object) -> dict:
    """Boolean schemas as objects: true accepts anything, false nothing."""
    if node is True:
        return {}
    if node is False:
        return {"not": {}}
    return node if isinstance(node, dict) else {}


def _resolve(root: dict, node: dict) -> dict:
    """Follow local ``#/$defs/`` references; keywords beside a ``$ref`` win, as in the core."""
    seen: set[str] = set()
    while isinstance(node.get("$ref"), str) and node["$ref"].startswith("#/$defs/"):
        name = node["$ref"][len("#/$defs/") :].replace("~1", "/").replace("~0", "~")
        if name in seen or name not in root.get("$defs", {}):
            break
        seen.add(name)
        node = {**_dict(root["$defs"][name]), **{k: v for k, v in node.items() if k != "$ref"}}
    return node


def _show(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _types(node: dict) -> set[str] | None:
    kind = node.get("type")
    return None if kind is None else {kind} if isinstance(kind, str) else set(kind)


def _tightest(node: dict, keywords: tuple[str, ...], direction: int) -> tuple[tuple, str, float] | None:
    """The strictest bound of a family as (tightness, keyword, value); exclusive beats inclusive at one value."""
    best = None
    for keyword in keywords:
        value = node.get(keyword)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            candidate = ((direction * value, keyword.startswith("exclusive")), keyword, value)
            best = candidate if best is None or candidate[0] > best[0] else best
    return best


class _Walk:
    """Walks the old and the new schema side by side, yielding each Change."""

    def __init__(self, old_root: dict, new_root: dict):
        self.old_root, self.new_root = old_root, new_root
        self.following: set[tuple[object, object]] = set()  # $ref pairs being compared, against cycles

    def label(self, root: dict, node: object, pointer: str) -> tuple[str, str]:
        title = _resolve(root, _dict(node)).get("x-title")
        if isinstance(title, dict) and title.get("zh") and title.get("en"):
            return f"“{title['zh']}”", f"“{title['en']}”"
        return pointer or "整个申请", pointer or "the application"

    def say(self, breaking: bool, pointer: str, label: tuple[str, str], key: str, **shown: str) -> Change:
        zh, en = _SAY[key]
        return Change(pointer, breaking, f"{label[0]}：{zh.format(**shown)}", f"{label[1]}: {en.format(**shown)}")

    def node(self, old: object, new: object, pointer: str) -> Iterator[Change]:
        old, new = _dict(old), _dict(new)
        if old.get("$ref") == new.get("$ref"):  # the same $ref: its target is compared once, under /$defs
            yield from self.keywords(old, new, pointer)
            return
        pair = (old.get("$ref"), new.get("$ref"))
        if pair in self.following:
            return
        self.following.add(pair)
        try:
            yield from self.keywords(_resolve(self.old_root, old), _resolve(self.new_root, new), pointer)
        finally:
            self.following.discard(pair)

    def keywords(self, old: dict, new: dict, pointer: str) -> Iterator[Change]:
        label = self.label(self.new_root, new, pointer)
        say = lambda breaking, keyword, key, **values: self.say(breaking, f"{pointer}/{keyword}", label, key, **values)  # noqa: E731
        before, after = _types(old), _types(new)
        if before != after:
            shown = {"old": "/".join(sorted(before or ["any"])), "new": "/".join(sorted(after or ["any"]))}
            lost = after is not None and (before or _ALL_TYPES) - after - ({"integer"} if "number" in after else set())
            yield say(True, "type", "narrowed", **shown) if lost else say(False, "type", "widened", **shown)
        if "enum" in new:
            allowed, had = {_show(v) for v in new["enum"]}, {_show(v) for v in old.get("enum", [])}
            if "enum" not in old and not ("const" in old and _show(old["const"]) in allowed):
                yield say(True, "enum", "enum", new=_show(new["enum"]))
            if removed := [v for v in old.get("enum", []) if _show(v) not in allowed]:
                yield say(True, "enum", "enum-removed", old=_show(removed))
            if "enum" in old and (added := [v for v in new["enum"] if _show(v) not in had]):
                yield say(False, "enum", "enum-added", new=_show(added))
        elif "enum" in old:
            yield say(False, "enum", "enum-dropped")
        if "const" in new and ("const" not in old or _show(old["const"]) != _show(new["const"])):
            yield say(True, "const", "const", old=_show(old["const"]) if "const" in old else "—", new=_show(new["const"]))
        elif "const" in old and "const" not in new:
            yield say(False, "const", "dropped", kw="const")
        yield from self.bounds(old, new, say)
        for keyword in ("pattern", "format"):
            if keyword in new and keyword not in old:
                yield say(True, keyword, "form", kw=keyword, new=_show(new[keyword]))
            elif keyword in new and old[keyword] != new[keyword]:
                yield say(True, keyword, "form-changed", kw=keyword, old=_show(old[keyword]), new=_show(new[keyword]))
            elif keyword in old and keyword not in new:
                yield say(False, keyword, "dropped", kw=keyword)
        if (new.get("uniqueItems") is True) != (old.get("uniqueItems") is True):
            yield say(new.get("uniqueItems") is True, "uniqueItems", "unique" if new.get("uniqueItems") is True else "unique-off")
        yield from self.objects(old, new, pointer, say)
        if "items" in old or "items" in new:
            yield from self.node(old.get("items", True), new.get("items", True), f"{pointer}/items")
        for name in [name for name in old.get("$defs", {}) if name in new.get("$defs", {})]:
            yield from self.node(old["$defs"][name], new["$defs"][name], f"{pointer}/$defs/{_escape(name)}")
        for keyword in sorted((old.keys() | new.keys()) - _HANDLED - _ANNOTATIONS):
            if keyword.startswith("x-") or (keyword == "$ref" and old.get("$ref") == new.get("$ref")):
                continue
            if keyword in new and (keyword not in old or _show(old[keyword]) != _show(new[keyword])):
                yield say(True, keyword, "unknown", kw=keyword)
            elif keyword not in new:
                yield say(False, keyword, "dropped", kw=keyword)

    def bounds(self, old: dict, new: dict, say) -> Iterator[Change]:
        for keywords, direction in _BOUNDS:
            before, after = _tightest(old, keywords, direction), _tightest(new, keywords, direction)
            if before == after:
                continue
            if after is not None and (before is None or after[0] > before[0]):
                (_, keyword, value), raised = after, "raised" if direction > 0 else "lowered"
                if before is None:
                    yield say(True, keyword, "bound", kw=keyword, new=_show(value))
                elif before[1] == keyword:
                    yield say(True, keyword, raised, kw=keyword, old=_show(before[2]), new=_show(value))
                else:
                    yield say(True, keyword, "stricter", kw=keyword, old=f"{before[1]} {_show(before[2])}", new=_show(value))
            elif after is None:
                yield say(False, before[1], "dropped", kw=f"{before[1]} {_show(before[2])}")
            else:
                yield say(
                    False, before[1], "loosened", old=f"{before[1]} {_show(before[2])}", new=f"{after[1]} {_show(after[2])}"
                )

    def objects(self, old: dict, new: dict, pointer: str, say) -> Iterator[Change]:
        old_props, new_props = old.get("properties", {}), new.get("properties", {})
        old_required, new_required = old.get("required", []), new.get("required", [])
        old_additional, new_additional = old.get("additionalProperties", True), new.get("additionalProperties", True)
        for name, field in old_props.items():
            at = f"{pointer}/properties/{_escape(name)}"
            if name not in new_props:
                yield self.say(True, at, self.label(self.old_root, field, at), "field-removed")
            else:
                yield from self.node(field, new_props[name], at)
        for name, field in new_props.items():
            at = f"{pointer}/properties/{_escape(name)}"
            if name not in old_props and name not in new_required:
                yield self.say(False, at, self.label(self.new_root, field, at), "optional-added")
            if name not in old_props and old_additional is not False:  # the name was accepted with any value before
                yield from self.node(old_additional, field, at)
        for name in [name for name in new_required if name not in old_required]:
            at = f"{pointer}/properties/{_escape(name)}" if name in new_props else f"{pointer}/required"
            yield self.say(
                True,
                at,
                self.label(self.new_root, new_props.get(name), at),
                "now-required" if name in old_props else "required-added",
            )
        for name in [name for name in old_required if name not in new_required]:
            yield say(False, "required", "now-optional", kw=name)
        if new_additional is False and old_additional is not False:
            yield say(True, "additionalProperties", "closed")
        elif old_additional is False and new_additional is not False:
            yield say(False, "additionalProperties", "opened")
        elif isinstance(old_additional, dict) or isinstance(new_additional, dict):
            yield from self.node(old_additional, new_additional, f"{pointer}/additionalProperties")


def schema_changes(old: dict, new: dict) -> list[Change]:
    """Every difference between two versions of a schema that matters to validation."""
    return list(_Walk(old, new).node(old, new, ""))


# ---- versions and the changelog --------------------------------------------------------
def version_of(schema: dict) -> tuple[int, int, int]:
    """``x-version`` as numbers; a base published before versions existed counts as 0.0.0."""
    found = _VERSION.match(str(schema.get("x-version", "")))
    return (int(found[1]), int(found[2]), int(found[3])) if found else (0, 0, 0)


def _text(version: tuple[int, int, int]) -> str:
    return ".".join(map(str, version))


def load_changelog(path: Path = CHANGELOG) -> list[dict]:
    """The entries of ``policies/changelog.yaml``, each checked: {date, program, version, change: {zh, en}}."""
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
    """A changelog entry's optional ``rules``: the rules it changed (``policy-site diff --format changelog``)."""
    return isinstance(rules, list) and all(
        isinstance(rule, dict)
        and isinstance(rule.get("id"), str)
        and isinstance(rule.get("change"), dict)
        and rule["change"].get("zh")
        and rule["change"].get("en")
        for rule in rules
    )


def _entries(changelog: list[dict], program: str) -> list[tuple[int, int, int]]:
    return [version_of({"x-version": entry["version"]}) for entry in changelog if entry["program"] == program]


@dataclass(frozen=True)
class Verdict:
    program: str
    base_version: str | None  # None: a new program
    version: str | None  # None: the program was removed
    changes: tuple[Change, ...] = ()
    problems: tuple[tuple[str, str], ...] = ()  # why the check fails, each {zh, en}

    @property
    def passed(self) -> bool:
        return not self.problems

    @property
    def breaking(self) -> tuple[Change, ...]:
        return tuple(change for change in self.changes if change.breaking)


_ENTRY_HINT = (
    "在 policies/changelog.yaml 添加一条 {date, program, version, change: {zh, en}}",
    "add {date, program, version, change: {zh, en}} to policies/changelog.yaml",
)


def judge(program: str, base: dict | None, new: dict | None, changelog: list[dict], rule_changes: tuple = ()) -> Verdict:
    """Whether the new schema of one program may replace its published one; ``rule_changes``
    (Changes made from the policy diff) count like schema changes."""
    if base is None:
        return Verdict(program, None, new.get("x-version") if new else None)
    was = version_of(base)
    if new is None:
        removal = Change(
            "", True, "项目已删除，其已发布的 schema 不再有后继版本", "program removed: its published schema has no successor"
        )
        if any(entry[0] > was[0] for entry in _entries(changelog, program)):
            return Verdict(program, _text(was), None, (removal,))
        problem = (
            f"项目 {program} 已删除：若是有意停用，请在 policies/changelog.yaml 以 {was[0] + 1}.0.0 记录停用原因",
            f"program {program} was removed: if it is withdrawn on purpose, record why in policies/changelog.yaml as version {was[0] + 1}.0.0",
        )
        return Verdict(program, _text(was), None, (removal,), (problem,))
    now, changes = version_of(new), (*schema_changes(base, new), *rule_changes)
    problems = []
    definition = f"policies/programs/{program}.yaml"
    if now < was:
        problems.append(
            (
                f"x-version 从 {_text(was)} 降到了 {_text(now)}：版本号只能增加",
                f"x-version went down from {_text(was)} to {_text(now)}: versions only go up",
            )
        )
    elif any(change.breaking for change in changes) and now[0] <= was[0]:
        count, bumped = sum(change.breaking for change in changes), f"{was[0] + 1}.0.0"
        problems.append(
            (
                f"有 {count} 项破坏性变更，但 x-version 的主版本未提升（{_text(was)} → {_text(now)}）：请在 {definition} 把 schema_version 改为 {bumped}，并{_ENTRY_HINT[0]}",
                f"{count} breaking change(s) but the major version of x-version was not bumped ({_text(was)} → {_text(now)}): set schema_version to {bumped} in {definition} and {_ENTRY_HINT[1]}",
            )
        )
    if now != was and now not in _entries(changelog, program):
        problems.append(
            (
                f"版本 {_text(now)} 在 changelog 中没有记录：请{_ENTRY_HINT[0]}",
                f"version {_text(now)} has no changelog entry: {_ENTRY_HINT[1]}",
            )
        )
    elif now != was:
        named = {
            rule["id"]
            for entry in changelog
            if entry["program"] == program and version_of({"x-version": entry["version"]}) == now
            for rule in entry.get("rules", [])
        }
        unnamed = sorted(
            {change.pointer.removeprefix("rules/").split("#")[0] for change in rule_changes if change.breaking} - named
        )
        if unnamed:
            problems.append(
                (
                    f"changelog 中 {_text(now)} 一条的 rules 未列出收紧的规则 {', '.join(unnamed)}：policy-site diff --format changelog 会列出它们",
                    f"the changelog entry for {_text(now)} does not name the tightened rule(s) {', '.join(unnamed)} under rules: policy-site diff --format changelog prints them",
                )
            )
    return Verdict(program, _text(was), _text(now), changes, tuple(problems))


def compare(base: dict[str, dict], new: dict[str, dict], changelog: list[dict], rules: dict | None = None) -> list[Verdict]:
    """A verdict for every program published at the base or generated now; ``rules`` maps a
    program to the Changes of its rules (``rule_changes``)."""
    rules = rules or {}
    return [
        judge(program, base.get(program), new.get(program), changelog, tuple(rules.get(program, ())))
        for program in sorted(base.keys() | new.keys())
    ]


def rule_changes(repo: Path, ref: str, policies: Path) -> dict[str, list[Change]]:
    """The policy diff since ``ref`` as Changes, program by program: a tightened requirement is breaking."""
    from generator.schemas.diff_command import policy_diff

    _, diffs = policy_diff(policies, ref, repo)
    return {
        diff.program: [
            Change(
                f"rules/{change.rule}#{change.param or change.what}", change.breaking, f"规则：{change.zh}", f"rule: {change.en}"
            )
            for change in diff.changes
            if change.direction != "neutral"
        ]
        for diff in diffs
    }


# ---- where the schemas come from --------------------------------------------------------
def _program_id(relative: str) -> str:
    return relative.removesuffix(SUFFIX)


def schemas_in_dir(folder: Path) -> dict[str, dict]:
    """The schemas of a folder laid out like ``schemas/``: ``<jurisdiction>/<name>.schema.json``."""
    if not folder.is_dir():
        raise CompatError(
            f"找不到目录 {folder}：--base-dir 应指向旧版的 schemas/ 目录",
            f"No folder {folder}: --base-dir takes an old copy of schemas/",
        )
    return {
        _program_id(path.relative_to(folder).as_posix()): _parse(path.read_text("utf-8"), str(path))
        for path in sorted(folder.glob(f"*/*{SUFFIX}"))
    }


def _parse(text: str, where: str) -> dict:
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise CompatError(f"{where} 不是有效的 JSON：{error}", f"{where} is not valid JSON: {error}") from None


def _git(repo: Path, *args: str) -> str:
    try:
        done = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, encoding="utf-8", check=False)
    except FileNotFoundError:
        raise CompatError(
            "找不到 git：请安装 git，或改用 --base-dir", "git is not installed: install it, or use --base-dir"
        ) from None
    if done.returncode:
        detail = done.stderr.strip()
        raise CompatError(f"git {' '.join(args)} 失败：{detail}", f"git {' '.join(args)} failed: {detail}")
    return done.stdout


def schemas_at_ref(repo: Path, ref: str, folder: str = "schemas") -> dict[str, dict]:
    """The schemas committed under ``folder`` at a git ref (read with ``git show REF:path``)."""
    try:
        _git(repo, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    except CompatError:
        raise CompatError(
            f"git 仓库 {repo} 中没有 {ref}：请先 git fetch（如 git fetch origin main），或用 --base-ref HEAD",
            f"{ref} is not a commit in the git repository {repo}: git fetch it first (e.g. git fetch origin main), or use --base-ref HEAD",
        ) from None
    names = _git(repo, "ls-tree", "-r", "-z", "--full-tree", "--name-only", ref, "--", f"{folder}/").split("\0")
    prefix = f"{folder}/"
    return {
        _program_id(name.removeprefix(prefix)): _parse(_git(repo, "show", f"{ref}:{name}"), f"{ref}:{name}")
        for name in sorted(names)
        if name.endswith(SUFFIX) and name.count("/") == 2
    }


def generated_schemas(policies: Path) -> dict[str, dict]:
    """The schemas the definitions give now (what ``make schemas`` would write)."""
    from generator.core.schema import application_schema
    from generator.definitions import load_corpus
    from generator.definitions.catalog import build_catalog, site_url_from

    catalog = build_catalog(load_corpus(policies, check_sources=False), site_url=site_url_from(policies.parent / "mkdocs.yml"))
    return {program: application_schema(catalog, program) for program in catalog["programs"]}


# ---- report and command line -------------------------------------------------------------
def report(verdicts: list[Verdict]) -> str:
    lines = []
    for verdict in verdicts:
        if verdict.base_version is None:
            lines.append(f"{verdict.program}  {verdict.version}: 新项目，通过 / new program, passes")
            continue
        versions = f"{verdict.base_version} → {verdict.version or '已删除 removed'}"
        if not verdict.changes:
            lines.append(f"{verdict.program}  {versions}: 无变化 / unchanged")
            continue
        lines.append(f"{verdict.program}  {versions}")
        for change in verdict.changes:
            mark = "✗ 破坏性 breaking" if change.breaking else "· 兼容 compatible"
            lines.append(f"  {mark}  {change.pointer or '/'}\n      {change.zh}\n      {change.en}")
        for zh, en in verdict.problems:
            lines.append(f"  ✗ 未通过：{zh}\n    Fails: {en}")
    failed = [verdict.program for verdict in verdicts if not verdict.passed]
    if failed:
        lines.append(f"兼容性检查未通过：{', '.join(failed)}\nCompatibility check failed: {', '.join(failed)}")
    else:
        lines.append(f"兼容性检查通过（{len(verdicts)} 个项目）\nCompatibility check passed ({len(verdicts)} programs)")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None, out=None, err=None) -> int:
    """0: compatible; 1: a breaking change without a major bump, or a missing changelog entry; 2: unusable input."""
    out, err = out or sys.stdout, err or sys.stderr
    parser = argparse.ArgumentParser(prog="python -m generator.site.compat", description=__doc__.split("\n\n")[0])
    base = parser.add_mutually_exclusive_group(required=True)
    base.add_argument("--base-ref", help="git ref whose committed schemas/ are the published versions, e.g. origin/main")
    base.add_argument("--base-dir", type=Path, help="a folder laid out like schemas/ holding the published versions")
    parser.add_argument("--repo", type=Path, default=ROOT, help="the git repository for --base-ref (default: this project)")
    parser.add_argument("--policies", type=Path, default=ROOT / "policies", help="the policies/ folder the new schemas come from")
    parser.add_argument("--changelog", type=Path, default=CHANGELOG)
    options = parser.parse_args(argv)
    try:
        published = schemas_at_ref(options.repo, options.base_ref) if options.base_ref else schemas_in_dir(options.base_dir)
        rules = rule_changes(options.repo, options.base_ref, options.policies) if options.base_ref else {}
        verdicts = compare(published, generated_schemas(options.policies), load_changelog(options.changelog), rules)
    except (CompatError, UnusableInputError) as error:
        err.write(f"{error.zh}\n{error.en}\n")
        return 2
    except DefinitionError as error:
        err.write(f"政策定义有误，请修正：{error}\nA policy definition is broken: {error}\n")
        return 2
    out.write(report(verdicts))
    return 0 if all(verdict.passed for verdict in verdicts) else 1


if __name__ == "__main__":
    sys.exit(main())
