"""The vocabulary of rule kinds that policy definitions use.

Each kind is a small pure function ``kind(reader, params)`` that yields a Message for each
way the application fails the rule, and nothing when it passes (as jsonschema's keyword
functions do). It reads the application only through the Reader. The engine attaches the
rule id, severity, citation and trail. A kind yields ``Undecided`` when a value it needs is
missing or cannot decide the rule (e.g. a birth month whose day would change the answer).

Thresholds follow Chinese drafting convention: 以上/以下/不少于/不低于/以内 include the
stated number, so ``at_least`` and ``at_most`` are inclusive unless ``exclusive: true``
(for 超过, 高于, 不足).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from generator.core._reader import MISSING, Reader
from generator.core.identifiers import credit_code_problem, resident_id_problem


@dataclass(frozen=True)
class Message:
    zh: str
    en: str
    path: str | None = None


class Undecided(Message):
    """The rule cannot be decided from the data given."""


def _number(value: float) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".")
    return str(value)


def _unit(params: dict) -> tuple[str, str]:
    unit = params.get("unit") or {}
    return unit.get("zh", ""), unit.get("en", "")


def _quote(label: dict[str, str]) -> tuple[str, str]:
    return f"“{label['zh']}”", f"“{label['en']}”"


def _missing(reader: Reader, pointer: str) -> Undecided:
    zh, en = _quote(reader.label(pointer))
    return Undecided(f"未填写{zh}，无法判断本项要求", f"{en} is not given, so this requirement cannot be decided", pointer)


def _numeric(reader: Reader, pointer: str) -> float | Undecided:
    value = reader.get(pointer)
    if value is MISSING or value is None:
        return _missing(reader, pointer)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        zh, en = _quote(reader.label(pointer))
        return Undecided(f"{zh}应为数字", f"{en} must be a number", pointer)
    return value


def at_least(reader: Reader, params: dict) -> Iterator[Message]:
    value = _numeric(reader, params["path"])
    if isinstance(value, Undecided):
        yield value
        return
    required, exclusive = params["value"], params.get("exclusive", False)
    if value > required or (value == required and not exclusive):
        return
    (zh, en), (uzh, uen) = _quote(reader.label(params["path"])), _unit(params)
    need_zh, need_en = ("高于", "more than") if exclusive else ("不少于", "at least")
    yield Message(
        f"{zh}为 {_number(value)}{uzh}，要求{need_zh} {_number(required)}{uzh}",
        f"{en} is {_number(value)}{uen}; required: {need_en} {_number(required)}{uen}",
    )


def at_most(reader: Reader, params: dict) -> Iterator[Message]:
    value = _numeric(reader, params["path"])
    if isinstance(value, Undecided):
        yield value
        return
    limit, exclusive = params["value"], params.get("exclusive", False)
    if value < limit or (value == limit and not exclusive):
        return
    (zh, en), (uzh, uen) = _quote(reader.label(params["path"])), _unit(params)
    need_zh, need_en = ("低于", "less than") if exclusive else ("不超过", "at most")
    yield Message(
        f"{zh}为 {_number(value)}{uzh}，要求{need_zh} {_number(limit)}{uzh}",
        f"{en} is {_number(value)}{uen}; required: {need_en} {_number(limit)}{uen}",
    )


def count_at_least(reader: Reader, params: dict) -> Iterator[Message]:
    items = reader.get(params["path"])
    if items is MISSING:
        yield _missing(reader, params["path"])
        return
    count = len(items) if isinstance(items, list) else 0
    if count >= params["value"]:
        return
    (zh, en), (uzh, uen) = _quote(reader.label(params["path"])), _unit(params)
    yield Message(
        f"{zh}共 {count}{uzh}，要求不少于 {params['value']}{uzh}",
        f"{en}: {count}{uen}; required: at least {params['value']}{uen}",
    )


def share_at_least(reader: Reader, params: dict) -> Iterator[Message]:
    """``part`` as a percentage of ``whole`` is at least ``value``."""
    part, whole = _numeric(reader, params["part"]), _numeric(reader, params["whole"])
    for value in (part, whole):
        if isinstance(value, Undecided):
            yield value
            return
    if whole == 0:
        zh, en = _quote(reader.label(params["whole"]))
        yield Undecided(f"{zh}为 0，无法计算占比", f"{en} is 0, so the share cannot be computed", params["whole"])
        return
    share = 100 * part / whole
    if share >= params["value"]:
        return
    (pzh, pen), (wzh, wen) = _quote(reader.label(params["part"])), _quote(reader.label(params["whole"]))
    yield Message(
        f"{pzh}占{wzh}的 {_number(round(share, 2))}%，要求不低于 {_number(params['value'])}%",
        f"{pen} is {_number(round(share, 2))}% of {wen}; required: at least {_number(params['value'])}%",
        params["part"],
    )


def ratio_between(reader: Reader, params: dict) -> Iterator[Message]:
    """``count`` per one of ``per`` lies within [min, max]: 师生比 1:16-1:20."""
    per, count = _numeric(reader, params["per"]), _numeric(reader, params["count"])
    for value in (per, count):
        if isinstance(value, Undecided):
            yield value
            return
    if per == 0:
        zh, en = _quote(reader.label(params["per"]))
        yield Message(f"{zh}为 0", f"{en} is 0", params["per"])
        return
    ratio = count / per
    if params["min"] <= ratio <= params["max"]:
        return
    name_zh, name_en = params["name"]["zh"], params["name"]["en"]
    wanted = f"1:{_number(params['min'])}" + ("" if params["min"] == params["max"] else f"-1:{_number(params['max'])}")
    yield Message(
        f"{name_zh}为 1:{_number(round(ratio, 2))}，要求 {wanted}",
        f"{name_en} is 1:{_number(round(ratio, 2))}; required: {wanted}",
        params["per"],
    )


def average_at_least(reader: Reader, params: dict) -> Iterator[Message]:
    """Average of ``field`` over the ``last`` items of ``items`` (by ``year``) is at least ``value``."""
    records = reader.get(params["items"])
    if not isinstance(records, list) or not records:
        yield _missing(reader, params["items"])
        return
    last = params.get("last", len(records))
    dated = [r for r in records if isinstance(r, dict) and isinstance(r.get("year"), int) and not isinstance(r.get("year"), bool)]
    chosen = sorted(dated, key=lambda record: record["year"])[-last:]
    values = [record.get(params["field"]) for record in chosen]
    if len(chosen) < last or any(not isinstance(v, (int, float)) or isinstance(v, bool) for v in values):
        zh, en = _quote(reader.label(params["items"]))
        yield Undecided(
            f"{zh}须填满近 {last} 年的数据，才能计算年均值",
            f"{en} needs data for each of the last {last} years to compute the yearly average",
            params["items"],
        )
        return
    average = sum(values) / len(values)
    if average >= params["value"]:
        return
    (uzh, uen) = _unit(params)
    name_zh, name_en = params["name"]["zh"], params["name"]["en"]
    yield Message(
        f"{name_zh} {_number(round(average, 1))}{uzh}，要求不少于 {_number(params['value'])}{uzh}",
        f"{name_en}: {_number(round(average, 1))}{uen}; required: at least {_number(params['value'])}{uen}",
        params["items"],
    )


def _date(value: object) -> tuple[int, int, int | None] | None:
    match = re.fullmatch(r"(\d{4})-(\d{2})(?:-(\d{2}))?", value) if isinstance(value, str) else None
    if not match:
        return None
    return int(match[1]), int(match[2]), int(match[3]) if match[3] else None


def age_at_most(reader: Reader, params: dict) -> Iterator[Message]:
    """Age in full years on the date at ``on`` is at most ``value`` (65周岁以下 includes 65)."""
    birth, on = _date(reader.get(params["birth"])), _date(reader.get(params["on"]))
    for parsed, pointer in ((birth, params["birth"]), (on, params["on"])):
        if parsed is None:
            yield _missing(reader, pointer)
            return
    (by, bm, bd), (oy, om, od) = birth, on
    od = od or 1

    def age_with(day: int) -> int:
        return oy - by - ((om, od) < (bm, day))

    oldest, youngest = age_with(1), age_with(31)  # a birth month only: the day is unknown
    if bd is not None:
        oldest = youngest = age_with(bd)
    limit = params["value"]
    if oldest <= limit:
        return
    zh, en = _quote(reader.label(params["birth"]))
    if youngest <= limit:
        yield Undecided(
            f"按{zh}，申报时年龄为 {youngest} 或 {oldest} 周岁，取决于出生日；要求 {limit} 周岁以下（含）",
            f"By {en}, the age on application is {youngest} or {oldest} depending on the day of birth; required: aged {limit} or under",
            params["birth"],
        )
        return
    yield Message(
        f"按{zh}，申报时年龄为 {oldest} 周岁，要求 {limit} 周岁以下（含 {limit} 周岁）",
        f"By {en}, the age on application is {oldest}; required: aged {limit} or under",
        params["birth"],
    )


def _names(params: dict, values: list[str]) -> tuple[str, str]:
    names = params.get("names", {})
    return (
        "、".join(names.get(v, {}).get("zh", v) for v in values),
        ", ".join(names.get(v, {}).get("en", v) for v in values),
    )


def includes_any(reader: Reader, params: dict) -> Iterator[Message]:
    chosen = reader.get(params["path"])
    if chosen is MISSING:
        yield _missing(reader, params["path"])
        return
    if isinstance(chosen, list) and set(chosen) & set(params["values"]):
        return
    (zh, en), (vzh, ven) = _quote(reader.label(params["path"])), _names(params, params["values"])
    yield Message(f"{zh}未包含以下任一项：{vzh}", f"{en} includes none of: {ven}", params["path"])


def includes_all(reader: Reader, params: dict) -> Iterator[Message]:
    chosen = reader.get(params["path"])
    if chosen is MISSING:
        yield _missing(reader, params["path"])
        return
    missing = [v for v in params["values"] if not (isinstance(chosen, list) and v in chosen)]
    if not missing:
        return
    (zh, en), (vzh, ven) = _quote(reader.label(params["path"])), _names(params, missing)
    yield Message(f"{zh}缺少：{vzh}", f"{en} lacks: {ven}", params["path"])


def one_of_values(reader: Reader, params: dict) -> Iterator[Message]:
    value = reader.get(params["path"])
    if value is MISSING:
        yield _missing(reader, params["path"])
        return
    if value in params["values"]:
        return
    (zh, en), (vzh, ven) = _quote(reader.label(params["path"])), _names(params, params["values"])
    yield Message(f"{zh}须为以下之一：{vzh}", f"{en} must be one of: {ven}", params["path"])


def _text_field(reader: Reader, pointer: str) -> str | Undecided:
    value = reader.get(pointer)
    if not isinstance(value, str) or not value:
        return _missing(reader, pointer)
    return value


def resident_id(reader: Reader, params: dict) -> Iterator[Message]:
    """GB 11643 identity number: shape, birth date and check character."""
    value = _text_field(reader, params["path"])
    if isinstance(value, Undecided):
        yield value
        return
    problem = resident_id_problem(value)
    zh, en = _quote(reader.label(params["path"]))
    texts = {
        "shape": ("应为 18 位（前 17 位为数字，末位为数字或 X）", "must have 18 characters: 17 digits, then a digit or X"),
        "birth-date": ("中的出生日期（第 7–14 位）不是有效日期", "holds no valid birth date in characters 7-14"),
        "check": (
            "的校验码（第 18 位）不符合 GB 11643，请核对号码",
            "fails the GB 11643 check character (18th): check the number",
        ),
    }
    if problem:
        yield Message(f"{zh}{texts[problem][0]}", f"{en} {texts[problem][1]}")


def credit_code(reader: Reader, params: dict) -> Iterator[Message]:
    """GB 32100 unified social credit code: alphabet, shape and check character."""
    value = _text_field(reader, params["path"])
    if isinstance(value, Undecided):
        yield value
        return
    problem = credit_code_problem(value)
    zh, en = _quote(reader.label(params["path"]))
    texts = {
        "shape": (
            "应为 18 位，由数字和大写字母组成（不含 I、O、Z、S、V）",
            "must have 18 digits or capital letters (no I, O, Z, S, V)",
        ),
        "check": ("的校验码（第 18 位）不符合 GB 32100，请核对代码", "fails the GB 32100 check character (18th): check the code"),
    }
    if problem:
        yield Message(f"{zh}{texts[problem][0]}", f"{en} {texts[problem][1]}")


_FILL = re.compile(r"\{(/[^}]*)\}")


def matches_template(reader: Reader, params: dict) -> Iterator[Message]:
    """A text built from other fields: 呼和浩特市 + 领办人姓名 + 技能大师工作室."""
    value = _text_field(reader, params["path"])
    if isinstance(value, Undecided):
        yield value
        return
    parts = {}
    for pointer in _FILL.findall(params["template"]):
        filled = _text_field(reader, pointer)
        if isinstance(filled, Undecided):
            yield filled
            return
        parts[pointer] = filled
    expected = _FILL.sub(lambda m: parts[m[1]], params["template"])
    if value == expected:
        return
    zh, en = _quote(reader.label(params["path"]))
    yield Message(f"{zh}为“{value}”，应为“{expected}”", f"{en} is “{value}”; expected “{expected}”")


def any_of(reader: Reader, params: list) -> Iterator[Message]:
    """Met when any one of the listed checks is met (领办人应具备以下条件之一)."""
    failures = []
    for check in params:
        messages = list(run_check(reader, check))
        if not messages:
            return
        failures.extend(messages)
    if all(isinstance(m, Undecided) for m in failures):
        yield failures[0]
        return
    yield Message(
        "以下条件均未满足（满足其一即可）：" + "；".join(m.zh for m in failures),
        "None of these is met (one suffices): " + "; ".join(m.en for m in failures),
        next((m.path for m in failures if m.path), None),
    )


def all_of(reader: Reader, params: list) -> Iterator[Message]:
    for check in params:
        yield from run_check(reader, check)


KINDS: dict[str, Callable[[Reader, object], Iterator[Message]]] = {
    "at_least": at_least,
    "at_most": at_most,
    "count_at_least": count_at_least,
    "share_at_least": share_at_least,
    "ratio_between": ratio_between,
    "average_at_least": average_at_least,
    "age_at_most": age_at_most,
    "includes_any": includes_any,
    "includes_all": includes_all,
    "one_of_values": one_of_values,
    "resident_id": resident_id,
    "credit_code": credit_code,
    "matches_template": matches_template,
    "any_of": any_of,
    "all_of": all_of,
}


def run_check(reader: Reader, check: dict) -> Iterator[Message]:
    """Run one check, a mapping of a single kind name to its parameters."""
    ((kind, params),) = check.items()
    for message in KINDS[kind](reader, params):
        path = message.path or (params.get("path") if isinstance(params, dict) else None)
        yield type(message)(message.zh, message.en, path)


POINTER_PARAMS = ("path", "part", "whole", "per", "count", "items", "birth", "on")


def locate_pointers(check: dict, at: str = "") -> Iterator[tuple[str, str]]:
    """``(pointer, where)`` for every application pointer a check reads, ``where`` being the
    JSON pointer of the parameter inside the check (prefixed by ``at``); placeholders
    ``{/master/name}`` of a template count, and every branch of ``any_of``/``all_of``."""
    ((kind, params),) = check.items()
    if isinstance(params, list):
        for index, sub in enumerate(params):
            yield from locate_pointers(sub, f"{at}/{kind}/{index}")
        return
    for key in POINTER_PARAMS:
        if key in params:
            yield params[key], f"{at}/{kind}/{key}"
    if isinstance(params.get("template"), str):
        for found in _FILL.findall(params["template"]):
            yield found, f"{at}/{kind}/template"


def read_pointers(check: dict) -> Iterator[str]:
    """Every application pointer a check reads (template placeholders included), in order."""
    for pointer, _ in locate_pointers(check):
        yield pointer


def condition_holds(reader: Reader, condition: dict) -> bool:
    """``when: {path, in: [...]}`` or ``{path, present: true}``: whether a rule applies."""
    value = reader.get(condition["path"])
    if value is MISSING:
        return False
    return condition.get("present", False) or value in condition["in"]


def age_on(birth: str, on: str) -> int | None:
    """Full years between two ISO dates; a helper for pages and tests."""
    try:
        b, o = dt.date.fromisoformat(birth), dt.date.fromisoformat(on)
    except ValueError:
        return None
    return o.year - b.year - ((o.month, o.day) < (b.month, b.day))
