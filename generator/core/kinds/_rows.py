"""Kinds that read itemised rows (one row a year, one row an occupation), not only totals.

The form's rows are what the applicant itemised; a total typed beside them must agree with
them (``rows_agree``), shares are computed on the rows (``rows_share_at_least``), each row
meets a per-row threshold (``each_at_least``), and 近三年 rows lie in the three years before
the application date (``years_within``).
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.core._reader import Reader
from generator.core.kinds._base import (
    UNIT,
    Kind,
    Message,
    Param,
    Undecidable,
    Undecided,
    exact,
    field_name,
    is_number,
    number,
    pointer,
    quote,
    read_date,
    read_number,
    read_rows,
    show,
    text,
    title,
    unit,
)
from generator.core.kinds._numbers import share_findings


def _is_year(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def latest_rows(rows: list, last: int | None) -> list[tuple[int, dict]]:
    """``(index, row)`` of the ``last`` rows with the latest years (all rows when None)."""
    dated = [(i, r) for i, r in enumerate(rows) if isinstance(r, dict) and _is_year(r.get("year"))]
    dated.sort(key=lambda pair: pair[1]["year"])
    return dated[-last:] if last else dated


def _field_values(reader: Reader, params: dict, field: str, last: int | None) -> list[float]:
    rows = read_rows(reader, params["items"])
    chosen = latest_rows(rows, last) if last else [(i, r) for i, r in enumerate(rows)]
    values = [row.get(field) if isinstance(row, dict) else None for _, row in chosen]
    if (last and len(chosen) < last) or not all(is_number(v) for v in values):
        (zh, en), name = quote(reader, params["items"]), reader.label(f"{params['items']}/*/{field}")
        wanted_zh, wanted_en = (f"近 {last} 年的", f"for each of the last {last} years") if last else ("每一行的", "in every row")
        raise Undecidable(
            Undecided(
                f"{zh}须填满{wanted_zh}“{name['zh']}”，才能计算",
                f"{en} needs “{name['en']}” {wanted_en} to compute this",
                params["items"],
            )
        )
    return values


def average_at_least(reader: Reader, params: dict) -> Iterator[Message]:
    """Average of ``field`` over the ``last`` rows of ``items`` (by ``year``) is at least ``value``; ``within``: the row field that ``field`` is 其中 of, never exceeded."""
    rows = read_rows(reader, params["items"])
    last = params.get("last", len(rows))
    values = _field_values(reader, params, params["field"], last)
    if params.get("within"):
        yield from within_rows(reader, params, params["field"], params["within"], last)
    average = sum(map(exact, values)) / len(values)
    if average >= params["value"]:
        return
    uzh, uen = unit(params)
    yield Message(
        f"{params['name']['zh']} {show(average, 1)}{uzh}，要求不少于 {show(params['value'])}{uzh}",
        f"{params['name']['en']}: {show(average, 1)}{uen}; required: at least {show(params['value'])}{uen}",
        params["items"],
    )


def within_rows(reader: Reader, params: dict, part: str, whole: str, last: int | None) -> Iterator[Message]:
    """A 其中 figure of a row is part of the row's ``whole``: it cannot exceed it."""
    rows = read_rows(reader, params["items"])
    chosen = latest_rows(rows, last) if last else list(enumerate(rows))
    for index, row in chosen:
        value, total = (row.get(part), row.get(whole)) if isinstance(row, dict) else (None, None)
        if is_number(value) and is_number(total) and exact(value) > exact(total):
            where = f"{params['items']}/{index}/{part}"
            (zh, en), (wzh, wen) = quote(reader, where), quote(reader, f"{params['items']}/{index}/{whole}")
            yield Message(
                f"{zh}为 {show(value)}，超过{wzh} {show(total)}：其中数不能大于总数",
                f"{en} is {show(value)}, more than {wen} ({show(total)}): a part cannot exceed its whole",
                where,
            )


def _average_summary(params: dict, lang: str, field_at) -> str:
    last, zh = params.get("last"), lang == "zh"
    if last == 1:
        prefix = "最近一年" if zh else "latest year"
    elif last:
        prefix = f"近{last}年年均" if zh else f"{last}-year average"
    else:
        prefix = "年均" if zh else "average"
    return f"{prefix} ≥ {show(params['value'])}{unit(params)[not zh]}"


def each_at_least(reader: Reader, params: dict) -> Iterator[Message]:
    """Every row's ``field`` is at least ``value`` (每个职业（工种）专家不少于3名); ``within``: and at most the row's ``within``."""
    rows = read_rows(reader, params["items"])
    for index in range(len(rows)):
        where = f"{params['items']}/{index}/{params['field']}"
        value = read_number(reader, where)
        if value < params["value"]:
            (zh, en), (uzh, uen) = quote(reader, where), unit(params)
            yield Message(
                f"{zh}为 {show(value)}{uzh}，要求每项不少于 {show(params['value'])}{uzh}",
                f"{en} is {show(value)}{uen}; required: at least {show(params['value'])}{uen} in each",
                where,
            )
    if params.get("within"):
        yield from within_rows(reader, params, params["field"], params["within"], None)


def _each_summary(params: dict, lang: str, field_at) -> str:
    if params.get("within") and not params["value"]:  # only the 其中 bound: say that one
        whole = title(field_at, f"{params['items']}/*/{params['within']}", lang) or params["within"]
        return f"每项 ≤ 同行“{whole}”" if lang == "zh" else f"each ≤ its row's “{whole}”"
    return f"{'每项' if lang == 'zh' else 'each'} ≥ {show(params['value'])}{unit(params)[lang == 'en']}"


def rows_share_at_least(reader: Reader, params: dict) -> Iterator[Message]:
    """Over the rows, the sum of ``part`` as a percentage of the sum of ``whole`` is at least ``value``."""
    parts = _field_values(reader, params, params["part"], params.get("last"))
    wholes = _field_values(reader, params, params["whole"], params.get("last"))
    rows_zh, rows_en = quote(reader, params["items"])
    labels = {p: reader.label(f"{params['items']}/*/{p}") for p in (params["part"], params["whole"])}
    part_label = (f"{rows_zh}中“{labels[params['part']]['zh']}”合计", f"“{labels[params['part']]['en']}” summed over {rows_en}")
    whole_label = (f"“{labels[params['whole']]['zh']}”合计", f"the sum of “{labels[params['whole']]['en']}”")
    yield from share_findings(
        reader, params, sum(map(exact, parts)), sum(map(exact, wholes)), part_label, whole_label, params["items"]
    )


def _combine(values: list[float], how: str):
    return sum(map(exact, values)) if how == "sum" else min(map(exact, values))


def rows_total(reader: Reader, params: dict) -> float | None:
    """The figure ``rows_agree`` wants at ``total``, for the form to show it computed, not typed;
    None while a row lacks the field (the check then says which)."""
    try:
        values = _field_values(reader, params, params["field"], None)
    except Undecidable:
        return None
    if not values:
        return None
    total = _combine(values, params.get("how", "sum"))
    return int(total) if total.denominator == 1 else float(total)


def rows_agree(reader: Reader, params: dict) -> Iterator[Message]:
    """The figure at ``total`` equals the ``sum`` (or ``min``) of ``field`` over the rows."""
    values = _field_values(reader, params, params["field"], None)
    total = read_number(reader, params["total"])
    how = params.get("how", "sum")
    computed = _combine(values, how)
    if computed == total:
        return
    (tzh, ten), (rzh, ren) = quote(reader, params["total"]), quote(reader, params["items"])
    what_zh, what_en = ("之和", "sum") if how == "sum" else ("中的最小值", "smallest value")
    field_label = reader.label(f"{params['items']}/*/{params['field']}")
    yield Message(
        f"{tzh}填为 {show(total)}，与{rzh}各行“{field_label['zh']}”{what_zh} {show(computed)} 不一致",
        f"{ten} is given as {show(total)}, but the {what_en} of “{field_label['en']}” over the rows of {ren} is {show(computed)}",
        params["total"],
    )


def _agree_summary(params: dict, lang: str, field_at) -> str:
    name = title(field_at, f"{params['items']}/*/{params['field']}", lang)
    how = params.get("how", "sum")
    if lang == "zh":
        return f"＝各行{f'“{name}”' if name else ''}{'之和' if how == 'sum' else '的最小值'}"
    return f"= the {'sum' if how == 'sum' else 'smallest'} of {f'“{name}”' if name else 'the rows'}"


def years_within(reader: Reader, params: dict) -> Iterator[Message]:
    """Each row's ``year`` is one of the ``last`` full years before the date at ``on`` (近三年); ``distinct``: no year twice."""
    rows = read_rows(reader, params["items"])
    year = read_date(reader, params["on"])[0]
    first, final = year - params["last"], year - 1
    seen: dict[int, int] = {}
    for index, row in enumerate(rows):
        value = row.get("year") if isinstance(row, dict) else None
        if not _is_year(value):
            continue
        where = f"{params['items']}/{index}/year"
        zh, en = quote(reader, where)
        if not first <= value <= final:
            yield Message(
                f"{zh}为 {value}，不在申报日期前的近 {params['last']} 年（{first}–{final} 年）内",
                f"{en} is {value}, outside the {params['last']} years before the application date ({first}-{final})",
                where,
            )
        elif params.get("distinct") and value in seen:
            yield Message(
                f"{zh}为 {value}，与第 {seen[value] + 1} 行年度相同：近 {params['last']} 年每年一行，年度不得重复",
                f"{en} is {value}, the same year as row {seen[value] + 1}: one row for each of the last {params['last']} years, no year twice",
                where,
            )
        seen.setdefault(value, index)


def _years_summary(params: dict, lang: str, field_at) -> str:
    return f"申报前{params['last']}年内" if lang == "zh" else f"within the {params['last']} years before applying"


_HOW = Param({"enum": ["sum", "min"]}, required=False)
# the field is 其中 of this field of the same row (其中高技能人才): never more than it
_WITHIN_FIELD = Param({"type": "string", "minLength": 1}, required=False, row_field=True)
# 近三年 means three different years: no year given in two rows.
_DISTINCT = Param({"type": "boolean"}, required=False)

KINDS = [
    Kind(
        "average_at_least",
        average_at_least,
        {
            "items": pointer(),
            "field": field_name(),
            "last": Param({"type": "integer", "minimum": 1}, required=False),
            "value": number(bar="min"),
            "name": text(),
            "unit": UNIT,
            "within": _WITHIN_FIELD,
        },
        _average_summary,
        main="items",
        rows_by_year=True,
    ),
    Kind(
        "each_at_least",
        each_at_least,
        {"items": pointer(), "field": field_name(), "value": number(bar="min"), "unit": UNIT, "within": _WITHIN_FIELD},
        _each_summary,
        main=("items", "field"),
    ),
    Kind(
        "rows_share_at_least",
        rows_share_at_least,
        {
            "items": pointer(),
            "part": field_name(),
            "whole": field_name(),
            "last": Param({"type": "integer", "minimum": 1}, required=False),
            "value": number(bar="min"),
        },
        lambda params, lang, field_at: f"≥ {show(params['value'])}%",
        main=("items", "part"),
        rows_by_year=True,
    ),
    Kind(
        "rows_agree",
        rows_agree,
        {"items": pointer(), "field": field_name(), "total": pointer(), "how": _HOW},
        _agree_summary,
        main="total",
    ),
    Kind(
        "years_within",
        years_within,
        {
            "items": pointer(),
            "on": pointer(),
            "last": Param({"type": "integer", "minimum": 1}, bar="max"),
            "distinct": _DISTINCT,
        },
        _years_summary,
        main="items",
        rows_by_year=True,
        last_is_window=True,
    ),
]
