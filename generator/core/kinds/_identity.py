"""Kinds about who applies: identity numbers, credit codes, names built from other fields, age.

The resident identity number (GB 11643) holds the birth date in characters 7-14, so the age
limit is judged on it when it is well formed, and a typed birth date that disagrees with it
is a finding of its own (``birth_matches_id``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from generator.core._reader import Reader
from generator.core.identifiers import (
    credit_code_problem,
    resident_id_birth_date,
    resident_id_problem,
)
from generator.core.kinds._base import (
    Kind,
    Message,
    Param,
    Undecidable,
    Undecided,
    number,
    parse_date,
    pointer,
    quote,
    read_date,
    read_text,
)

TEMPLATE_FIELD = re.compile(r"\{(/[^}]*)\}")

_ID_TEXTS = {
    "shape": ("应为 18 位（前 17 位为数字，末位为数字或 X）", "must have 18 characters: 17 digits, then a digit or X"),
    "birth-date": ("中的出生日期（第 7–14 位）不是有效日期", "holds no valid birth date in characters 7-14"),
    "check": ("的校验码（第 18 位）不符合 GB 11643，请核对号码", "fails the GB 11643 check character (18th): check the number"),
}
_CODE_TEXTS = {
    "shape": (
        "应为 18 位，由数字和大写字母组成（不含 I、O、Z、S、V）",
        "must have 18 digits or capital letters (no I, O, Z, S, V)",
    ),
    "check": ("的校验码（第 18 位）不符合 GB 32100，请核对代码", "fails the GB 32100 check character (18th): check the code"),
}


def resident_id(reader: Reader, params: dict) -> Iterator[Message]:
    """GB 11643 identity number: shape, birth date and check character."""
    problem = resident_id_problem(read_text(reader, params["path"]))
    if problem:
        zh, en = quote(reader, params["path"])
        yield Message(f"{zh}{_ID_TEXTS[problem][0]}", f"{en} {_ID_TEXTS[problem][1]}")


def credit_code(reader: Reader, params: dict) -> Iterator[Message]:
    """GB 32100 unified social credit code: alphabet, shape and check character."""
    problem = credit_code_problem(read_text(reader, params["path"]))
    if problem:
        zh, en = quote(reader, params["path"])
        yield Message(f"{zh}{_CODE_TEXTS[problem][0]}", f"{en} {_CODE_TEXTS[problem][1]}")


def matches_template(reader: Reader, params: dict) -> Iterator[Message]:
    """A text built from other fields: 呼和浩特市 + 领办人姓名 + 技能大师工作室."""
    value = read_text(reader, params["path"])
    parts = {pointer: read_text(reader, pointer) for pointer in TEMPLATE_FIELD.findall(params["template"])}
    expected = TEMPLATE_FIELD.sub(lambda m: parts[m[1]], params["template"])
    if value != expected:
        zh, en = quote(reader, params["path"])
        yield Message(f"{zh}为“{value}”，应为“{expected}”", f"{en} is “{value}”; expected “{expected}”")


def _template_summary(params: dict, lang: str, field_at) -> str:
    """``呼和浩特市＋姓名＋技能大师工作室``: literal text quoted, each field by its title."""
    shown = []
    for index, piece in enumerate(TEMPLATE_FIELD.split(params["template"])):
        if index % 2:
            field = field_at(piece)
            title = field.get("x-title") or {}
            shown.append(title.get(lang) or piece.rsplit("/", 1)[-1])
        elif piece:
            shown.append(f"“{piece}”")
    if len(shown) == 1:
        return ("同" if lang == "zh" else "same as ") + shown[0]
    return ("＋" if lang == "zh" else " + ").join(shown)


def _id_birth(reader: Reader, params: dict) -> tuple[int, int, int] | None:
    """The birth date held by the identity number at ``id``, when it is well formed."""
    if "id" not in params:
        return None
    value = reader.get(params["id"])
    if not isinstance(value, str) or resident_id_problem(value):
        return None
    return parse_date(resident_id_birth_date(value))


def age_at_most(reader: Reader, params: dict) -> Iterator[Message]:
    """Age in full years on the date at ``on`` is at most ``value`` (65周岁以下 includes 65).

    With ``id``, the birth date is read from the identity number when it is well formed."""
    on = read_date(reader, params["on"])
    from_id = _id_birth(reader, params)
    typed = parse_date(reader.get(params["birth"]))
    agree = from_id is None or (typed is not None and typed[:2] == from_id[:2] and typed[2] in (None, from_id[2]))
    birth = (typed if agree else from_id) or read_date(reader, params["birth"])
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
    source = params["birth"] if agree else params["id"]
    zh, en = quote(reader, source)
    if youngest <= limit:
        raise Undecidable(
            Undecided(
                f"按{zh}，申报时年龄为 {youngest} 或 {oldest} 周岁，取决于出生日；要求 {limit} 周岁以下（含）",
                f"By {en}, the age on application is {youngest} or {oldest} depending on the day of birth; required: aged {limit} or under",
                source,
            )
        )
    yield Message(
        f"按{zh}，申报时年龄为 {oldest} 周岁，要求 {limit} 周岁以下（含 {limit} 周岁）",
        f"By {en}, the age on application is {oldest}; required: aged {limit} or under",
        source,
    )


def _age_summary(params: dict, lang: str, field_at) -> str:
    return f"≤ {params['value']} 周岁" if lang == "zh" else f"aged ≤ {params['value']}"


def birth_matches_id(reader: Reader, params: dict) -> Iterator[Message]:
    """The typed birth date (or month) agrees with characters 7-14 of the identity number.

    A malformed number is left to the ``resident_id`` rule; this one then has nothing to compare."""
    typed = read_date(reader, params["birth"])
    from_id = _id_birth(reader, params)
    if from_id is None:
        return
    if typed[:2] == from_id[:2] and typed[2] in (None, from_id[2]):
        return
    (bzh, ben), (izh, ien) = quote(reader, params["birth"]), quote(reader, params["id"])
    shown = "-".join(f"{part:02d}" for part in (from_id if typed[2] else from_id[:2]))
    yield Message(
        f"{bzh}与{izh}中的出生日期（{shown}）不一致",
        f"{ben} disagrees with the birth date in {ien} ({shown})",
        params["birth"],
    )


KINDS = [
    Kind(
        "resident_id",
        resident_id,
        {"path": pointer()},
        lambda params, lang, field_at: "GB 11643 校验" if lang == "zh" else "GB 11643 check",
        main="path",
    ),
    Kind(
        "credit_code",
        credit_code,
        {"path": pointer()},
        lambda params, lang, field_at: "GB 32100 校验" if lang == "zh" else "GB 32100 check",
        main="path",
    ),
    Kind(
        "matches_template",
        matches_template,
        {"path": pointer(), "template": Param({"type": "string", "minLength": 1})},
        _template_summary,
        main="path",
    ),
    Kind(
        "age_at_most",
        age_at_most,
        {"birth": pointer(), "on": pointer(), "id": pointer(required=False), "value": number(integer=True, bar="max")},
        _age_summary,
        main="birth",
    ),
    Kind(
        "birth_matches_id",
        birth_matches_id,
        {"birth": pointer(), "id": pointer()},
        lambda params, lang, field_at: "出生日期与身份证号一致" if lang == "zh" else "birth date agrees with the ID number",
        main="id",  # one comparison row for every program, whether it asks a birth date or month
    ),
]
