"""Kinds that compare figures with a threshold: 不少于, 不超过, shares, ratios, averages.

以上/以下/不少于/不低于/以内 include the stated number, so ``at_least`` and ``at_most`` are
inclusive unless ``exclusive: true`` (for 超过, 高于, 不足).
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from generator.core._reader import Reader
from generator.core.kinds._base import (
    EXCLUSIVE,
    UNIT,
    Kind,
    Message,
    Param,
    Undecidable,
    Undecided,
    exact,
    number,
    pointer,
    pointer_list,
    quote,
    read_number,
    read_present,
    show,
    text,
    title,
    unit,
)


def _big(value: float) -> str:
    return f"{value:,}" if isinstance(value, int) and value >= 10000 else show(value)


def _compare(reader: Reader, params: dict, value: float, *, upward: bool, label=None) -> Iterator[Message]:
    required, exclusive = params["value"], params.get("exclusive", False)
    if (value > required if upward else value < required) or (value == required and not exclusive):
        return
    zh, en = label or quote(reader, params["path"])
    uzh, uen = unit(params)
    need_zh, need_en = {
        (True, False): ("不少于", "at least"),
        (True, True): ("高于", "more than"),
        (False, False): ("不超过", "at most"),
        (False, True): ("低于", "less than"),
    }[upward, exclusive]
    yield Message(
        f"{zh}为 {show(value)}{uzh}，要求{need_zh} {show(required)}{uzh}",
        f"{en} is {show(value)}{uen}; required: {need_en} {show(required)}{uen}",
    )


def at_least(reader: Reader, params: dict) -> Iterator[Message]:
    """The figure at ``path`` is at least ``value`` (不少于, 以上; ``exclusive``: 超过, 高于)."""
    yield from _compare(reader, params, read_number(reader, params["path"]), upward=True)


def at_most(reader: Reader, params: dict) -> Iterator[Message]:
    """The figure at ``path`` is at most ``value`` (不超过, 以下, 以内; ``exclusive``: 低于, 不足)."""
    yield from _compare(reader, params, read_number(reader, params["path"]), upward=False)


def _threshold_summary(sign: str, strict: str, params: dict, lang: str, field_at) -> str:  # bound by partial (see _choices)
    return f"{strict if params.get('exclusive') else sign} {_big(params['value'])}{unit(params)[lang == 'en']}"


_AT_LEAST = {"path": pointer(), "value": number(bar="min"), "exclusive": EXCLUSIVE, "unit": UNIT}
_AT_MOST = {"path": pointer(), "value": number(bar="max"), "exclusive": EXCLUSIVE, "unit": UNIT}


def sum_at_least(reader: Reader, params: dict) -> Iterator[Message]:
    """The sum of several figures is at least ``value`` (设备总价值: each kind of equipment)."""
    values = [exact(read_number(reader, p)) for p in params["paths"]]
    labels = [quote(reader, p) for p in params["paths"]]
    label = ("与".join(zh for zh, _ in labels) + "之和", "The sum of " + " and ".join(en for _, en in labels))
    yield from (
        Message(m.zh, m.en, params["paths"][0])
        for m in _compare(reader, {**params, "path": params["paths"][0]}, sum(values), upward=True, label=label)
    )


def _sum_summary(params: dict, lang: str, field_at) -> str:
    names = [title(field_at, p, lang) for p in params["paths"]]
    lead = ("＋" if lang == "zh" else " + ").join(names) if all(names) else ("合计" if lang == "zh" else "sum")
    return f"{lead} ≥ {_big(params['value'])}{unit(params)[lang == 'en']}"


def count_at_least(reader: Reader, params: dict) -> Iterator[Message]:
    """At least ``value`` items; with ``where``, only items whose ``field`` is ``in`` the list
    count (3个以上合作企业: partners whose kind is enterprise); with ``distinct``, items of the same name count once."""
    items = read_present(reader, params["path"])
    items = items if isinstance(items, list) else []  # not a list: no items (the schema says so)
    where, distinct = params.get("where"), params.get("distinct")
    counted, unknown = len(items), 0
    if where:
        kinds = [item.get(where["field"]) if isinstance(item, dict) else None for item in items]
        unknown = sum(1 for k in kinds if k is None)
        items = [item for item, k in zip(items, kinds, strict=True) if isinstance(k, str) and k in where["in"]]
        counted = len(items)
    if distinct:  # the same partner or specialty listed twice is one
        counted = len({_same(_within_item(item, distinct)) for item in items})
    if counted >= params["value"]:
        return
    (zh, en), (uzh, uen) = quote(reader, params["path"]), unit(params)
    if counted + unknown >= params["value"]:
        raise Undecidable(
            Undecided(
                f"{zh}中有 {unknown} 项未填写类别，无法判断是否满 {params['value']}{uzh}",
                f"{en}: {unknown} items give no kind, so whether there are {params['value']}{uen} cannot be decided",
                params["path"],
            )
        )
    which_zh, which_en = ("", "") if not where else ("（按类别计）", " (counted by kind)")
    if distinct:
        which_zh, which_en = f"{which_zh}（同名只计一次）", f"{which_en} (the same name counted once)"
    yield Message(
        f"{zh}{which_zh}共 {counted}{uzh}，要求不少于 {params['value']}{uzh}",
        f"{en}{which_en}: {counted}{uen}; required: at least {params['value']}{uen}",
    )


def _within_item(item: object, field: str) -> object:
    """The value at ``field`` (``name``, or ``occupation/name`` a level down) of one item."""
    for token in field.split("/"):
        item = item.get(token) if isinstance(item, dict) else None
    return item


def _same(value: object) -> str:
    """How two listed names compare: white space and letter case do not make another one."""
    return "".join(value.split()).casefold() if isinstance(value, str) else repr(value)


def _count_summary(params: dict, lang: str, field_at) -> str:
    shown = unit(params)[lang == "en"] or (" 项" if lang == "zh" else " items")
    return f"≥ {params['value']}{shown}"


# 其中: ``part`` is counted within ``whole`` (a part cannot exceed it; a whole of 0 fails the share)
WITHIN = Param({"type": "boolean"}, required=False)

_WHERE = {
    "type": "object",
    "additionalProperties": False,
    "required": ["field", "in"],
    "properties": {"field": {"type": "string"}, "in": {"type": "array", "minItems": 1, "items": {"type": "string"}}},
}


def share_at_least(reader: Reader, params: dict) -> Iterator[Message]:
    """``part`` as a percentage of ``whole`` is at least ``value``; ``within``: part is 其中 of whole, never above it, and a whole of 0 fails."""
    part, whole = read_number(reader, params["part"]), read_number(reader, params["whole"])
    part_label, whole_label = quote(reader, params["part"]), quote(reader, params["whole"])
    if params.get("within") and exact(part) > exact(whole):
        yield Message(
            f"{part_label[0]}为 {show(part)}，超过{whole_label[0]} {show(whole)}：其中数不能大于总数",
            f"{part_label[1]} is {show(part)}, more than {whole_label[1]} ({show(whole)}): a part cannot exceed its whole",
            params["part"],
        )
        return
    yield from share_findings(reader, params, part, whole, part_label, whole_label)


def share_findings(reader, params, part, whole, part_label, whole_label, path=None) -> Iterator[Message]:
    if whole == 0 and params.get("within") and params["value"] > 0:
        # 其中: with none of the whole there is no part, and no share can reach the bar
        yield Message(
            f"{whole_label[0]}为 0，{part_label[0]}的占比达不到 {show(params['value'])}%",
            f"{whole_label[1]} is 0, so {part_label[1]} cannot make up {show(params['value'])}%",
            path or params["whole"],
        )
        return
    if whole == 0:
        raise Undecidable(
            Undecided(
                f"{whole_label[0]}为 0，无法计算占比",
                f"{whole_label[1]} is 0, so the share cannot be computed",
                path or params["whole"],
            )
        )
    share = 100 * exact(part) / exact(whole)
    if share >= params["value"]:
        return
    yield Message(
        f"{part_label[0]}占{whole_label[0]}的 {show(share)}%，要求不低于 {show(params['value'])}%",
        f"{part_label[1]} is {show(share)}% of {whole_label[1]}; required: at least {show(params['value'])}%",
        path or params["part"],
    )


def _percent_summary(params: dict, lang: str, field_at) -> str:
    return f"≥ {show(params['value'])}%"


def ratio_between(reader: Reader, params: dict) -> Iterator[Message]:
    """``count`` per one of ``per`` lies within [min, max]: 师生比 1:16-1:20."""
    per, count = read_number(reader, params["per"]), read_number(reader, params["count"])
    if per == 0:
        zh, en = quote(reader, params["per"])
        yield Message(f"{zh}为 0", f"{en} is 0", params["per"])
        return
    ratio = exact(count) / exact(per)
    if params["min"] <= ratio <= params["max"]:
        return
    wanted = f"1:{show(params['min'])}" + ("" if params["min"] == params["max"] else f"-1:{show(params['max'])}")
    yield Message(
        f"{params['name']['zh']}为 1:{show(ratio)}，要求 {wanted}",
        f"{params['name']['en']} is 1:{show(ratio)}; required: {wanted}",
        params["per"],
    )


def _ratio_summary(params: dict, lang: str, field_at) -> str:
    low, high = show(params["min"]), show(params["max"])
    return f"1:{low}" if low == high else f"1:{low}–1:{high}"


KINDS = [
    Kind("at_least", at_least, _AT_LEAST, partial(_threshold_summary, "≥", ">"), main="path"),
    Kind("at_most", at_most, _AT_MOST, partial(_threshold_summary, "≤", "<"), main="path"),
    Kind(
        "sum_at_least",
        sum_at_least,
        {"paths": pointer_list(), "value": number(bar="min"), "unit": UNIT},
        _sum_summary,
        main="paths",
    ),
    Kind(
        "count_at_least",
        count_at_least,
        {
            "path": pointer(),
            "value": number(integer=True, bar="min"),
            "unit": UNIT,
            "where": Param(_WHERE, required=False, row_filter=True),
            # the field of each item (``name``; ``occupation/name`` a level down) that tells one
            # from another: items with the same one count once
            "distinct": Param({"type": "string", "pattern": "^[a-z_]+(/[a-z_]+)*$"}, required=False),
        },
        _count_summary,
        main="path",
    ),
    Kind(
        "share_at_least",
        share_at_least,
        {"part": pointer(), "whole": pointer(), "value": number(bar="min"), "within": WITHIN},
        _percent_summary,
        main="part",
    ),
    Kind(
        "ratio_between",
        ratio_between,
        {"per": pointer(), "count": pointer(), "min": number(bar="min"), "max": number(bar="max"), "name": text()},
        _ratio_summary,
        main="per",
    ),
]
