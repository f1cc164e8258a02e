"""Which way one parameter's change moves the bar, and how it reads in both languages.

Each parameter of a rule kind's record declares its ``bar`` (generator/core/kinds/): a
minimum, a maximum, ``exclusive``, values demanded or offered, or wording. A comparer per
bar takes the old and new value and says (direction, zh, en); generator.schemas.diff walks
the checks and calls them.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from generator.core.kinds import KINDS

TIGHTENING, LOOSENING, NEUTRAL = "tightening", "loosening", "neutral"
DIRECTIONS = {
    TIGHTENING: ("收紧", "tightening"),
    LOOSENING: ("放宽", "loosening"),
    NEUTRAL: ("不影响结果", "neutral"),
}


def show(value: object) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, dict) and set(value) == {"zh", "en"}:  # a bilingual text reads as itself
        return value["zh"] if value["zh"] == value["en"] else f"{value['zh']} / {value['en']}"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def same(old: object, new: object) -> bool:
    return json.dumps(old, sort_keys=True) == json.dumps(new, sort_keys=True)


# ---- one parameter of a check: which way does its change go? ----------------------------
# Each comparer takes the old and new value and returns (direction, zh, en) describing it.
Comparer = Callable[[object, object], tuple[str, str, str]]


def _bound(raising_tightens: bool) -> Comparer:
    """A number: a minimum (raising it tightens) or a maximum (lowering it tightens)."""

    def compare(old, new):
        if not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in (old, new)):
            return unknown(old, new)
        up = new > old
        tight = up == raising_tightens
        verb_zh, verb_en = ("提高", "raised") if up else ("降低", "lowered")
        return (
            TIGHTENING if tight else LOOSENING,
            f"由 {show(old)} {verb_zh}到 {show(new)}",
            f"{verb_en} from {show(old)} to {show(new)}",
        )

    return compare


def exclusive(old, new):
    """``exclusive: true`` leaves out the stated number (超过): turning it on tightens."""
    old, new = bool(old), bool(new)
    if new and not old:
        return TIGHTENING, "改为不含本数（边界上的值不再合格）", "now excludes the stated number (a value at the bound now fails)"
    return LOOSENING, "改为包含本数", "now includes the stated number"


def values(adding_tightens: bool) -> Comparer:
    """A list of values: for ``includes_all`` each added value is one more demand; for
    ``includes_any`` / ``one_of_values`` each added value is one more way to pass."""

    def compare(old, new):
        old_set, new_set = set(map(show, old or [])), set(map(show, new or []))
        added, removed = sorted(new_set - old_set), sorted(old_set - new_set)
        if added and removed:
            direction = TIGHTENING
        elif added:
            direction = TIGHTENING if adding_tightens else LOOSENING
        else:
            direction = LOOSENING if adding_tightens else TIGHTENING
        parts_zh = ([f"新增 {'、'.join(added)}"] if added else []) + ([f"删除 {'、'.join(removed)}"] if removed else [])
        parts_en = ([f"added {', '.join(added)}"] if added else []) + ([f"removed {', '.join(removed)}"] if removed else [])
        return direction, "；".join(parts_zh), "; ".join(parts_en)

    return compare


def bare(check: object) -> object:
    """A check without the words it only shows (names of values, units, names), for a short mention."""
    if isinstance(check, list):
        return [bare(item) for item in check]
    if isinstance(check, dict):
        return {key: bare(value) for key, value in check.items() if key not in ("names", "unit", "name")}
    return check


def mention(check: object) -> str:
    """A check in a line of text: ``one_of_values(path=/dual_application, values=["no"])``."""
    if isinstance(check, dict) and len(check) == 1:
        kind, params = next(iter(check.items()))
        if isinstance(params, list):
            return f"{kind}(" + "; ".join(mention(sub) for sub in params) + ")"
        if isinstance(params, dict):
            return f"{kind}(" + ", ".join(f"{key}={show(value)}" for key, value in bare(params).items()) + ")"
    return show(check)


def label(old, new):
    """Words shown in messages (a unit, the names of values): the findings stay the same."""
    if isinstance(old, dict) and isinstance(new, dict) and not {"zh", "en"} >= set(old) | set(new):
        changed = sorted(key for key in set(old) | set(new) if not same(old.get(key), new.get(key)))
        return (
            NEUTRAL,
            f"{'、'.join(changed)} 的名称措辞有改动（仅措辞）",
            f"the wording of the names of {', '.join(changed)} changed (wording only)",
        )
    return NEUTRAL, f"由 {show(old)} 改为 {show(new)}（仅措辞）", f"changed from {show(old)} to {show(new)} (wording only)"


def unknown(old, new):
    """Another field read, another template, an unknown parameter: cannot be proved harmless."""
    return (
        TIGHTENING,
        f"由 {show(old)} 改为 {show(new)}：无法证明原来合格的申请仍然合格，按收紧处理",
        f"changed from {show(old)} to {show(new)}: it cannot be proved that applications that passed still pass, so it counts as tightening",
    )


# How each parameter of each rule kind moves the bar, from the ``bar`` its record declares
# (generator/core/kinds/). A parameter with none (the fields a kind reads: path, part, whole,
# per, count, items, field, birth, on, template) is judged by unknown: reading another field
# may fail any application.
_BY_BAR: dict[str, Comparer] = {
    "min": _bound(True),
    "max": _bound(False),
    "exclusive": exclusive,
    "demands": values(True),
    "options": values(False),
    "wording": label,
}
_PARAMS: dict[str, dict[str, Comparer]] = {
    kind.name: {name: _BY_BAR[param.bar] for name, param in kind.params.items() if param.bar}
    for kind in KINDS.values()
    if kind.params
}


def comparer(kind: str, name: str) -> Comparer:
    return _PARAMS.get(kind, {}).get(name, unknown)
