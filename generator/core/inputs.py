"""Turning the bytes an applicant gives into an application, or a clear bilingual refusal.

Shared by the CLI and the browser, so both refuse the same inputs with the same words.
Anything refused here is "unusable input" (exit code 2); a well-formed document that is
wrong in content goes on to the checks and yields findings instead.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator

from generator.errors import UnusableInputError

MAX_BYTES = 2 * 1024 * 1024  # an application with every narrative section full is < 200 KB
MAX_DEPTH = 64  # the deepest form nests 5 levels


def _reject_duplicates(pairs: list[tuple[str, object]]) -> dict:
    seen: dict[str, object] = {}
    for key, value in pairs:
        if key in seen:
            raise UnusableInputError(
                f"JSON 中字段“{key}”重复出现，请只保留一个", f"The key {key!r} appears twice in an object: keep only one"
            )
        seen[key] = value
    return seen


def _outside_strings(text: str) -> Iterator[tuple[int, str]]:
    """Each character of JSON text that stands outside a string, with its index."""
    in_string = escaped = False
    for index, char in enumerate(text):
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        else:
            yield index, char


def _depth_exceeded(text: str) -> bool:
    """Nesting depth measured on the text, before json.loads could recurse too deep."""
    if text.count("[") + text.count("{") <= MAX_DEPTH:  # no deeper than its brackets: the usual case, 40× faster
        return False
    depth = 0
    for _, char in _outside_strings(text):
        if char in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return True
        elif char in "]}":
            depth -= 1
    return False


class _NotJsonNumber(ValueError):
    """NaN, Infinity or a number beyond double range: Python reads them, RFC 8259 does not.
    Raised with the literal as written."""

    @property
    def literal(self) -> str:
        return self.args[0]


def _refuse_constant(literal: str) -> object:
    raise _NotJsonNumber(literal)


def _finite_float(literal: str) -> float:
    value = float(literal)
    if math.isinf(value):  # 1e400: no double holds it; a browser's JSON.parse makes it Infinity
        raise _NotJsonNumber(literal)
    return value


def _bounded_int(literal: str) -> int:
    """An integer a double can hold (Python's own int() refuses 4,300 digits and more)."""
    if len(literal) > 400:
        raise _NotJsonNumber(literal)
    value = int(literal)
    try:
        float(value)
    except OverflowError:
        raise _NotJsonNumber(literal) from None
    return value


def _position(text: str, literal: str) -> tuple[int, int]:
    """Line and column (1-based) of the first ``literal`` outside a string, as a whole token."""
    for index, _ in _outside_strings(text):
        if text.startswith(literal, index) and not (index and (text[index - 1].isalnum() or text[index - 1] in ".-+")):
            end = index + len(literal)
            if end >= len(text) or not (text[end].isalnum() or text[end] in ".+-"):
                return _line_column(text, index)
    return 1, 1  # not reached: json.loads read the literal from the text


def _line_column(text: str, index: int) -> tuple[int, int]:
    """Line and column (1-based) of ``index`` in ``text``, as json's own errors count them."""
    before = text[:index]
    return before.count("\n") + 1, index - before.rfind("\n")


def _not_json_number(text: str, literal: str) -> UnusableInputError:
    line, column = _position(text, literal)
    shown = literal if len(literal) <= 24 else f"{literal[:20]}…"
    return UnusableInputError(
        f"不是有效的 JSON：第 {line} 行第 {column} 列的 {shown} 不是 JSON 允许的数值"
        "（JSON 没有 NaN、Infinity，数值也不能超出 ±1.8×10³⁰⁸）：请填写一个普通数字",
        f"Not valid JSON: {shown} at line {line}, column {column} is not a number JSON allows"
        " (JSON has no NaN or Infinity, and numbers stay within ±1.8×10³⁰⁸): give an ordinary number",
    )


_LONE_SURROGATE = re.compile(
    r"\\u[dD][89abAB][0-9a-fA-F]{2}(?!\\u[dD][c-fC-F])|(?<!\\u[dD][89abAB][0-9a-fA-F]{2})\\u[dD][c-fC-F][0-9a-fA-F]{2}"
)
_SURROGATE = re.compile("[\ud800-\udfff]")


def _has_lone_surrogate(node: object) -> bool:
    """A ``\\ud800`` escape without its pair: JSON's syntax lets it through, Unicode has no such character."""
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if not item.isascii() and _SURROGATE.search(item):
                return True
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False


def _lone_surrogate_error(text: str) -> UnusableInputError:
    found = _LONE_SURROGATE.search(text)
    index = found.start() if found else 0
    line, column = _line_column(text, index)
    escape = found[0] if found else "\\ud800"
    return UnusableInputError(
        f"不是有效的 JSON 文本：第 {line} 行第 {column} 列的 {escape} 是不成对的 UTF-16 代理码，不代表任何字符：请删除或改为正确的字符",
        f"Not usable JSON text: {escape} at line {line}, column {column} is an unpaired UTF-16 surrogate,"
        " which stands for no character: delete it or write the intended character",
    )


def parse_application(data: bytes | str) -> object:
    """The parsed JSON document, or UnusableInputError saying what is wrong and where."""
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogatepass")
    if len(data) > MAX_BYTES:
        raise UnusableInputError(
            f"文件过大（{len(data):,} 字节），上限为 {MAX_BYTES:,} 字节：申请书 JSON 不应包含附件内容",
            f"The file is too large ({len(data):,} bytes; the limit is {MAX_BYTES:,}): an application JSON holds no attachments",
        )
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]  # a UTF-8 byte order mark, as Windows editors write: harmless, dropped
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise UnusableInputError(
            f"文件不是 UTF-8 编码（第 {error.start + 1} 个字节处无法解码）：请以 UTF-8 保存后重试",
            f"The file is not UTF-8 (undecodable byte at offset {error.start + 1}): save it as UTF-8 and retry",
        ) from None
    if not text.strip():
        raise UnusableInputError("文件为空：请提供申请书 JSON", "The file is empty: provide the application JSON")
    if _depth_exceeded(text):
        raise UnusableInputError(
            f"JSON 嵌套超过 {MAX_DEPTH} 层，不是申请书",
            f"The JSON nests deeper than {MAX_DEPTH} levels: it is not an application",
        )
    try:
        document = json.loads(
            text,
            object_pairs_hook=_reject_duplicates,
            parse_constant=_refuse_constant,
            parse_float=_finite_float,
            parse_int=_bounded_int,
        )
    except _NotJsonNumber as error:
        raise _not_json_number(text, error.literal) from None
    except json.JSONDecodeError as error:
        raise UnusableInputError(
            f"不是有效的 JSON：第 {error.lineno} 行第 {error.colno} 列，{_reason_zh(error.msg)}",
            f"Not valid JSON: line {error.lineno}, column {error.colno}: {error.msg}",
        ) from None
    if _has_lone_surrogate(document):
        raise _lone_surrogate_error(text)
    if not isinstance(document, dict):
        kind = {list: ("数组", "an array"), str: ("字符串", "a string")}.get(type(document), ("单个值", "a single value"))
        raise UnusableInputError(
            f"申请书应为 JSON 对象（{{…}}），而文件顶层是{kind[0]}",
            f"An application must be a JSON object ({{…}}); the file holds {kind[1]} at the top level",
        )
    return document


_REASONS = {
    "Expecting value": "此处应有一个值",
    "Expecting property name enclosed in double quotes": "字段名应使用双引号",
    "Expecting ',' delimiter": "此处缺少逗号",
    "Expecting ':' delimiter": "此处缺少冒号",
    "Extra data": "JSON 结束后还有多余内容",
    "Unterminated string starting at": "字符串没有结束引号",
    "Invalid control character at": "字符串中有控制字符",
    "Illegal trailing comma": "对象或数组末尾多了逗号",
}


def _reason_zh(message: str) -> str:
    return next((zh for en, zh in _REASONS.items() if message.startswith(en)), "格式错误")
