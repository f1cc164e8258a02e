"""Turning the bytes an applicant gives into an application, or a clear bilingual refusal.

Shared by the CLI and the browser, so both refuse the same inputs with the same words.
Anything refused here is "unusable input" (exit code 2); a well-formed document that is
wrong in content goes on to the checks and yields findings instead.
"""

from __future__ import annotations

import json

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


def _depth_exceeded(text: str) -> bool:
    """Nesting depth measured on the text, before json.loads could recurse too deep."""
    depth, in_string, escaped = 0, False, False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return True
        elif char in "]}":
            depth -= 1
    return False


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
        document = json.loads(text, object_pairs_hook=_reject_duplicates)
    except json.JSONDecodeError as error:
        raise UnusableInputError(
            f"不是有效的 JSON：第 {error.lineno} 行第 {error.colno} 列，{_reason_zh(error.msg)}",
            f"Not valid JSON: line {error.lineno}, column {error.colno}: {error.msg}",
        ) from None
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
}


def _reason_zh(message: str) -> str:
    return next((zh for en, zh in _REASONS.items() if message.startswith(en)), "格式错误")
