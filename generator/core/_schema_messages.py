"""Bilingual messages for JSON Schema errors, naming the field by its zh/en title.

jsonschema's own messages are English and name values, not fields; an applicant needs
"缺少必填项“领办人姓名”" / "Required field missing: “Leader's name”".
"""

from __future__ import annotations

import jsonschema

from generator.core.pointers import join_pointer
from generator.core.schema import field_at, label_of

_TYPES = {
    "string": ("文本", "text"),
    "integer": ("整数", "a whole number"),
    "number": ("数字", "a number"),
    "object": ("对象", "an object"),
    "array": ("列表", "a list"),
    "boolean": ("是/否", "true or false"),
    "null": ("空值", "null"),
}

_FORMATS = {
    "date": ("日期（YYYY-MM-DD）", "a date (YYYY-MM-DD)"),
    "email": ("电子邮箱地址", "an e-mail address"),
}

# Size keywords: what they count (a string's characters, an array's items) and its unit.
_SIZES = {
    "minLength": (str, "字", "characters"),
    "maxLength": (str, "字", "characters"),
    "minItems": (list, "项", "items"),
    "maxItems": (list, "项", "items"),
}


def _q(label: dict[str, str]) -> tuple[str, str]:
    return f"“{label['zh']}”", f"“{label['en']}”"


def _enum_titles(schema: dict, error: jsonschema.ValidationError, pointer: str) -> dict:
    """The labels of an enum's values: on the field, or beside ``items`` on its list."""
    if "x-enum-titles" in error.schema:
        return error.schema["x-enum-titles"]
    parent = field_at(schema, pointer.rsplit("/", 1)[0]) if pointer else None
    return (parent or {}).get("x-enum-titles", {})


def _names(validator_value: object, names: dict) -> tuple[str, str]:
    values = validator_value if isinstance(validator_value, list) else [validator_value]
    zh = "、".join(names.get(str(v), {}).get("zh", str(v)) for v in values)
    en = ", ".join(names.get(str(v), {}).get("en", str(v)) for v in values)
    return zh, en


def missing_name(error: jsonschema.ValidationError) -> str:
    """The one property a ``required`` error is about (jsonschema yields one error per name)."""
    names = [name for name in error.validator_value if isinstance(error.instance, dict) and name not in error.instance]
    return next((name for name in names if error.message == f"{name!r} is a required property"), names[0] if names else "")


def only_missing(error: jsonschema.ValidationError) -> bool:
    """An ``anyOf`` whose every alternative fails only because data is missing."""
    return bool(error.context) and all(sub.validator == "required" for sub in error.context)


def _one_of_missing(schema: dict, error: jsonschema.ValidationError, pointer: str) -> tuple[str, str, str]:
    """ "Fill in at least one of …": the alternatives of an ``any_of`` rule, none of them given."""
    branches: dict[object, list[str]] = {}
    for sub in error.context:
        branch = sub.relative_schema_path[0] if sub.relative_schema_path else 0
        branches.setdefault(branch, []).append(f"{join_pointer(sub.absolute_path)}/{missing_name(sub)}")
    labels = [[label_of(schema, p) for p in pointers] for pointers in branches.values()]
    zh = "；或".join("和".join(f"“{label['zh']}”" for label in group) for group in labels)
    en = "; or ".join(" and ".join(f"“{label['en']}”" for label in group) for group in labels)
    first = next(iter(branches.values()))[0]
    return f"请至少填写以下一项：{zh}", f"Fill in at least one of: {en}", first


def schema_message(schema: dict, error: jsonschema.ValidationError, pointer: str) -> tuple[str, str, str]:
    """``(zh, en, pointer)`` for one schema error; the pointer may move to the missing field."""
    keyword, expected = error.validator, error.validator_value
    if keyword == "required":
        pointer = f"{pointer}/{missing_name(error)}"
        zh, en = _q(label_of(schema, pointer))
        return f"缺少必填项{zh}", f"Required field missing: {en}", pointer
    if keyword == "anyOf" and only_missing(error):
        return _one_of_missing(schema, error, pointer)
    zh, en = _q(label_of(schema, pointer))
    if keyword == "type":
        kinds = expected if isinstance(expected, list) else [expected]
        return (
            f"{zh}应为{'或'.join(_TYPES.get(k, (k, k))[0] for k in kinds)}",
            f"{en} must be {' or '.join(_TYPES.get(k, (k, k))[1] for k in kinds)}",
            pointer,
        )
    if keyword in ("minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum"):
        words = {
            "minimum": ("不少于", "at least"),
            "exclusiveMinimum": ("大于", "more than"),
            "maximum": ("不超过", "at most"),
            "exclusiveMaximum": ("小于", "less than"),
        }[keyword]
        return (
            f"{zh}为 {error.instance}，应{words[0]} {expected}",
            f"{en} is {error.instance}; must be {words[1]} {expected}",
            pointer,
        )
    if keyword in _SIZES:
        kind, unit_zh, unit_en = _SIZES[keyword]
        words = ("不少于", "at least") if keyword.startswith("min") else ("不超过", "at most")
        count = len(error.instance) if isinstance(error.instance, kind) else 0
        return (
            f"{zh}共 {count} {unit_zh}，应{words[0]} {expected} {unit_zh}",
            f"{en} has {count} {unit_en}; must have {words[1]} {expected}",
            pointer,
        )
    if keyword == "pattern":
        hint = error.schema.get("x-pattern-hint", {"zh": "格式不正确", "en": "is not in the expected form"})
        return f"{zh}{hint['zh']}", f"{en} {hint['en']}", pointer
    if keyword == "format":
        fzh, fen = _FORMATS.get(expected, (expected, expected))
        return f"{zh}应为有效的{fzh}", f"{en} must be {fen}", pointer
    if keyword in ("enum", "const"):
        names_zh, names_en = _names(expected, _enum_titles(schema, error, pointer))
        return f"{zh}须为以下之一：{names_zh}", f"{en} must be one of: {names_en}", pointer
    if keyword == "additionalProperties":
        extra = sorted(set(error.instance) - set(error.schema.get("properties", {}))) if isinstance(error.instance, dict) else []
        names = "、".join(extra)
        return f"{zh}中有表格未定义的字段：{names}", f"{en} has fields the form does not define: {', '.join(extra)}", pointer
    if keyword == "uniqueItems":
        return f"{zh}中有重复项", f"{en} has duplicate items", pointer
    return f"{zh}不符合要求（{keyword}）", f"{en} does not meet the form's constraint ({keyword})", pointer
