"""JSON Pointers (RFC 6901): the one place that escapes and splits them."""

from __future__ import annotations

from collections.abc import Iterable


def escape_token(token: object) -> str:
    return str(token).replace("~", "~0").replace("/", "~1")


def unescape_token(token: str) -> str:
    return token.replace("~1", "/").replace("~0", "~")


def join_pointer(tokens: Iterable[object]) -> str:
    """``["a", 0, "b/c"]`` → ``/a/0/b~1c``."""
    return "".join(f"/{escape_token(token)}" for token in tokens)


def split_pointer(pointer: str) -> list[str]:
    """``/a/0/b~1c`` → ``["a", "0", "b/c"]``; the empty pointer is the whole document."""
    if not pointer:
        return []
    return [unescape_token(token) for token in pointer.lstrip("/").split("/")]
