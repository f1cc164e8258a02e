"""Reading an application by JSON pointer, remembering what was read.

Rule kinds read the application only through a Reader, so every finding can show the data
it was decided on (the explanation trail) and the engine can tell "not met" from
"cannot be decided because a value is missing".
"""

from __future__ import annotations

from collections.abc import Callable

from generator.core.pointers import split_pointer

MISSING = object()  # the one name for a value the application does not give (the trail writes it null)


class Reader:
    """Values of one application, each read remembered in ``trail``."""

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

    def label(self, pointer: str) -> dict[str, str]:
        return self.label_of(pointer)
