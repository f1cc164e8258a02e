"""What a policy change does, rule by rule: the rules of two versions of ``policies/`` compared.

For each program, over the rules that apply to it (its own and those of the programs it
extends): rules added or removed, re-cited, changed in severity, in when they apply, in
wording, and each threshold's old → new value. Every change is classified:

- **tightening**: an application that passed before may now fail (a minimum raised, a limit
  lowered, a list of accepted values shortened, a rule that now applies to more applicants…);
  in an ``error`` rule it is **breaking**;
- **loosening**: every application that passed still passes;
- **neutral**: the findings do not change (a citation, a wording, a label, a unit).

A change this module cannot judge (another field read, a new kind of check) counts as
tightening: it cannot prove otherwise, as the schema check does for an unknown keyword.

The direction of a threshold depends on the rule kind: each parameter of a kind's record
declares its ``bar`` (``_comparers`` reads them), which way a change of it moves the bar.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace

from generator.core.severity import CHANGE_WORDS, ERROR
from generator.schemas._comparers import DIRECTIONS as DIRECTIONS
from generator.schemas._comparers import (
    LOOSENING,
    NEUTRAL,
    TIGHTENING,
    comparer,
    exclusive,
    label,
    mention,
    same,
    show,
    unknown,
    values,
)

# Keys the catalogue adds to each rule; they say where a rule sits, not what it requires.
_PLACEMENT = {"program", "index", "full_id"}


@dataclass(frozen=True)
class RuleChange:
    rule: str  # full rule id: <program that defines it>/<rule id>
    what: str  # added | removed | recited | quote | severity | applies | threshold | check | text | field
    direction: str  # tightening | loosening | neutral
    zh: str
    en: str
    old: object = None
    new: object = None
    param: str = ""  # where in the check, e.g. "at_least/value" or "any_of/1/includes_any/values"
    cite: dict | None = None  # the rule's citation now (its last one when it was removed)
    requirement: bool = True  # the rule is an error, a requirement (now, or before when removed)
    citation: dict | None = None  # ``cite`` resolved (title, label, url: core.citations), when a catalogue has it

    @property
    def breaking(self) -> bool:
        """A tightening that can turn a valid application invalid (warnings and reviews never do)."""
        return self.direction == TIGHTENING and self.requirement

    def as_json(self) -> dict:
        return {
            "rule": self.rule,
            "what": self.what,
            "direction": self.direction,
            "breaking": self.breaking,
            "param": self.param or None,
            "old": self.old,
            "new": self.new,
            "message": {"zh": self.zh, "en": self.en},
            "cite": self.cite,
            "citation": self.citation,
        }


@dataclass(frozen=True)
class ProgramDiff:
    program: str
    title: dict  # {zh, en}, the newest known
    status: str  # changed | unchanged | added | removed
    base_version: str | None = None
    version: str | None = None
    changes: tuple[RuleChange, ...] = field(default=())

    @property
    def breaking(self) -> tuple[RuleChange, ...]:
        return tuple(change for change in self.changes if change.breaking)

    def as_json(self) -> dict:
        return {
            "program": self.program,
            "title": self.title,
            "status": self.status,
            "base_version": self.base_version,
            "version": self.version,
            "breaking": bool(self.breaking),
            "changes": [change.as_json() for change in self.changes],
        }


# Combinations: which way adding one more check moves the bar.
_COMBINATIONS = {"all_of": TIGHTENING, "any_of": LOOSENING}
_OPPOSITE = {TIGHTENING: LOOSENING, LOOSENING: TIGHTENING, NEUTRAL: NEUTRAL}


@dataclass(frozen=True)
class _Step:
    param: str
    direction: str
    zh: str
    en: str
    old: object
    new: object


def _kind(check: object) -> tuple[str, object]:
    if isinstance(check, dict) and len(check) == 1:
        return next(iter(check.items()))
    return "?", check


def compare_checks(old: object, new: object, at: str = "") -> Iterator[_Step]:
    """Every difference between two ``check`` values, each with its direction."""
    if same(old, new):
        return
    if old is None or new is None:  # a check given to a rule (or taken away)
        direction, verb_zh, verb_en = (
            (TIGHTENING, "新增检查", "check added") if old is None else (LOOSENING, "取消检查", "check removed")
        )
        yield _Step(
            at,
            direction,
            f"{verb_zh} {mention(new if old is None else old)}",
            f"{verb_en}: {mention(new if old is None else old)}",
            old,
            new,
        )
        return
    (old_kind, old_params), (new_kind, new_params) = _kind(old), _kind(new)
    if old_kind != new_kind:
        direction, zh, en = unknown(old_kind, new_kind)
        yield _Step(at, direction, f"检查方式{zh}", f"kind of check {en}", old, new)
        return
    prefix = f"{at}/{old_kind}" if at else old_kind
    if old_kind in _COMBINATIONS:
        yield from _compare_combination(old_kind, old_params or [], new_params or [], prefix)
        return
    if not (isinstance(old_params, dict) and isinstance(new_params, dict)):
        direction, zh, en = unknown(old_params, new_params)
        yield _Step(prefix, direction, zh, en, old_params, new_params)
        return
    for name in sorted(old_params.keys() | new_params.keys()):
        before, after = old_params.get(name), new_params.get(name)
        if same(before, after):
            continue
        compare = comparer(old_kind, name)
        if (before is None or after is None) and compare not in (exclusive, label):
            compare = unknown  # a threshold given where there was none, or dropped: cannot be ordered
        direction, zh, en = compare(before, after)
        yield _Step(f"{prefix}/{name}", direction, zh, en, before, after)


def _compare_combination(kind: str, old: list, new: list, prefix: str) -> Iterator[_Step]:
    """Checks matched by equality; the rest paired in order, the surplus added or removed."""
    unmatched_new = list(new)
    left_old = []
    for check in old:
        twin = next((i for i, other in enumerate(unmatched_new) if same(check, other)), None)
        if twin is None:
            left_old.append(check)
        else:
            unmatched_new.pop(twin)
    for index, (before, after) in enumerate(zip(left_old, unmatched_new, strict=False)):
        yield from compare_checks(before, after, f"{prefix}/{index}")
    added_direction = _COMBINATIONS[kind]
    for check in unmatched_new[len(left_old) :]:
        yield _Step(prefix, added_direction, f"新增一项条件 {show(check)}", f"condition added: {show(check)}", None, check)
    for check in left_old[len(unmatched_new) :]:
        yield _Step(
            prefix, _OPPOSITE[added_direction], f"删除一项条件 {show(check)}", f"condition removed: {show(check)}", check, None
        )


def _compare_when(old: dict | None, new: dict | None) -> tuple[str, str, str] | None:
    """When a rule applies: to more applications tightens, to fewer loosens."""
    if same(old, new):
        return None
    if old is None:
        return LOOSENING, "新增适用条件，只对部分申请适用", "now applies only under a condition"
    if new is None:
        return TIGHTENING, "取消适用条件，对所有申请适用", "now applies to every application"
    if old.get("path") == new.get("path") and "in" in old and "in" in new:
        return values(True)(old["in"], new["in"])  # more values in `in`: the rule applies to more
    return unknown(old, new)


def _severity(old: str, new: str) -> str:
    """Only errors make an application fail."""
    if new == ERROR:
        return TIGHTENING
    return LOOSENING if old == ERROR else NEUTRAL


# ---- one rule, one program, two catalogues -------------------------------------------------
def cite_text(cite: dict | None) -> str:
    """A raw citation as text, when no catalogue is at hand to resolve it."""
    if not cite:
        return "—"
    return " ".join(str(cite.get(key)) for key in ("doc", "art", "clause") if cite.get(key))


Label = Callable[[dict | None], tuple[str, str]]


def _raw_label(cite: dict | None) -> tuple[str, str]:
    return cite_text(cite), cite_text(cite)


def _resolve(catalog: dict, cite: dict | None) -> dict | None:
    from generator.core.citations import citation

    try:
        return citation(catalog, cite)
    except (KeyError, StopIteration, ValueError):  # cited into a document this catalogue lacks
        return None


def catalog_label(catalog: dict) -> Label:
    """Citations of one catalogue as readers see them: 《short title》第七条（二）."""

    def label(cite):
        found = _resolve(catalog, cite)
        if not found:
            return _raw_label(cite)
        title, where = found["title"], found["label"]
        if not found.get("url"):  # a form check: its label says it all
            return where["zh"], where["en"]
        return f"《{title['zh']}》{where['zh']}", f"{title['en']}, {where['en']}"

    return label


def compare_rules(
    old: dict | None, new: dict | None, old_label: Label = _raw_label, new_label: Label = _raw_label
) -> list[RuleChange]:
    """The changes of one rule between two versions (either may be None: added or removed);
    ``old_label`` / ``new_label`` show a citation of the old / new version."""
    rule = (new or old)["full_id"]
    if old is None:
        direction = TIGHTENING if new["severity"] == ERROR else NEUTRAL  # a new warning fails nobody
        return [
            RuleChange(
                rule, "added", direction, f"新增条件：{new['text']['zh']}", f"rule added: {new['text']['en']}", None, new.get("check"),
                cite=new.get("cite"), requirement=new["severity"] == ERROR,
            )
        ]  # fmt: skip
    if new is None:
        requirement = old["severity"] == ERROR
        return [
            RuleChange(
                rule, "removed", LOOSENING if requirement else NEUTRAL, f"删除条件：{old['text']['zh']}",
                f"rule removed: {old['text']['en']}", old.get("check"), None, cite=old.get("cite"), requirement=requirement,
            )
        ]  # fmt: skip
    changes = []
    cite, requirement = new.get("cite"), new["severity"] == ERROR

    def add(what, direction, zh, en, before=None, after=None, param="", is_requirement=requirement):
        changes.append(RuleChange(rule, what, direction, zh, en, before, after, param, cite, is_requirement))

    if old["severity"] != new["severity"]:
        (ozh, oen), (nzh, nen) = (
            CHANGE_WORDS.get(old["severity"], (old["severity"],) * 2),
            CHANGE_WORDS.get(new["severity"], (new["severity"],) * 2),
        )
        add("severity", _severity(old["severity"], new["severity"]), f"性质由“{ozh}”改为“{nzh}”", f"severity changed from {oen} to {nen}",
            old["severity"], new["severity"], is_requirement=True)  # fmt: skip
    applies = _compare_when(old.get("when"), new.get("when"))
    if applies:
        add(
            "applies",
            applies[0],
            f"适用条件{applies[1]}",
            f"condition of application: {applies[2]}",
            old.get("when"),
            new.get("when"),
        )
    for step in compare_checks(old.get("check"), new.get("check")):
        what = "threshold" if step.param.rsplit("/", 1)[-1] in ("value", "min", "max", "values", "exclusive", "last") else "check"
        where = f"{step.param}：" if step.param else ""
        add(what, step.direction, f"{where}{step.zh}", f"{where.replace('：', ': ')}{step.en}", step.old, step.new, step.param)
    if not same(old.get("cite"), new.get("cite")):
        (ozh, oen), (nzh, nen) = old_label(old.get("cite")), new_label(cite)
        add("recited", NEUTRAL, f"依据由 {ozh} 改为 {nzh}", f"now cited to {nen} (was {oen})", old.get("cite"), cite)
    if old.get("path") != new.get("path"):
        add("field", NEUTRAL, f"审核的字段由 {old.get('path')} 改为 {new.get('path')}",
            f"field for review changed from {old.get('path')} to {new.get('path')}", old.get("path"), new.get("path"))  # fmt: skip
    if not same(old.get("quote"), new.get("quote")):
        add(
            "quote",
            NEUTRAL,
            "所依据的原文摘录已修改",
            "the quoted words of the source changed",
            old.get("quote"),
            new.get("quote"),
        )
    if not same(old.get("text"), new.get("text")):
        add("text", NEUTRAL, "条文表述已修改", "wording revised", old.get("text"), new.get("text"))
    known = {"id", "severity", "when", "check", "cite", "quote", "path", "text"} | _PLACEMENT
    for key in sorted((old.keys() | new.keys()) - known):
        if not same(old.get(key), new.get(key)):
            direction, zh, en = unknown(old.get(key), new.get(key))
            add("check", direction, f"{key}：{zh}", f"{key}: {en}", old.get(key), new.get(key), key)
    return changes


def _rules(program: dict) -> dict[str, dict]:
    return {rule["full_id"]: rule for rule in program.get("all_rules", [])}


def diff_catalogs(old: dict, new: dict) -> list[ProgramDiff]:
    """A ProgramDiff for every program of either catalogue, sorted by id."""
    diffs = []
    old_programs, new_programs = old.get("programs", {}), new.get("programs", {})
    old_label, new_label = catalog_label(old), catalog_label(new)
    for program_id in sorted(old_programs.keys() | new_programs.keys()):
        before, after = old_programs.get(program_id), new_programs.get(program_id)
        title = (after or before)["title"]
        if before is None:
            diffs.append(ProgramDiff(program_id, title, "added", None, after.get("schema_version")))
            continue
        if after is None:
            diffs.append(ProgramDiff(program_id, title, "removed", before.get("schema_version"), None))
            continue
        old_rules, new_rules = _rules(before), _rules(after)
        changes = [
            replace(change, citation=_resolve(old if change.what == "removed" else new, change.cite))
            for rule_id in [*old_rules, *(r for r in new_rules if r not in old_rules)]
            for change in compare_rules(old_rules.get(rule_id), new_rules.get(rule_id), old_label, new_label)
        ]
        status = "changed" if changes else "unchanged"
        diffs.append(
            ProgramDiff(program_id, title, status, before.get("schema_version"), after.get("schema_version"), tuple(changes))
        )
    return diffs
