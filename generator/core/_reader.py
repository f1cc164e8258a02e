"""Reading an application by JSON pointer, remembering what was read.

Rule kinds read the application only through a Reader, so every finding can show the data
it was decided on (the explanation trail) and the engine can tell "not met" from
"cannot be decided because a value is missing".
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from generator.core.pointers import escape_token, split_pointer

MISSING = object()


class Reader:
    """Values of one application, each read remembered in ``trail``; in ``get_all`` a ``*``
    token stands for every item of an array."""

    def __init__(self, instance: object, label_of: Callable[[str], dict[str, str]]):
        self.instance = instance
        self.label_of = label_of
        self.trail: dict[str, object] = {}

    def get(self, pointer: str) -> object:
        node = self.instance
        for token in split_pointer(pointer):
            if isinstance(node, dict) and token in node:
                node = node[token]
            elif isinstance(node, list) and token.isdigit() and token.isascii() and int(token) < len(node):
                node = node[int(token)]
            else:
                node = MISSING
                break
        self.trail[pointer] = None if node is MISSING else node
        return node

    def get_all(self, pattern: str) -> list[tuple[str, object]]:
        """``(pointer, value)`` for each match of a pattern with ``*``; missing ones omitted."""
        found = list(self._expand(self.instance, split_pointer(pattern), ""))
        for pointer, value in found:
            self.trail[pointer] = value
        if not found:
            self.trail[pattern] = None
        return found

    def _expand(self, node: object, tokens: list[str], prefix: str) -> Iterator[tuple[str, object]]:
        if not tokens:
            yield prefix, node
            return
        head, rest = tokens[0], tokens[1:]
        if head == "*" and isinstance(node, list):
            for index, item in enumerate(node):
                yield from self._expand(item, rest, f"{prefix}/{index}")
        elif isinstance(node, dict) and head in node:
            yield from self._expand(node[head], rest, f"{prefix}/{escape_token(head)}")
        elif isinstance(node, list) and head.isdigit() and head.isascii() and int(head) < len(node):
            yield from self._expand(node[int(head)], rest, f"{prefix}/{head}")

    def label(self, pointer: str) -> dict[str, str]:
        return self.label_of(pointer)
