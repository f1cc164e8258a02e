"""YAML loading that remembers where every value came from.

Dates stay strings (as check-jsonschema's YAML parser does), so the meta-schema's
``format: date`` still applies and nothing turns into ``datetime.date`` behind our back.
Each loaded file yields its data and a map from JSON pointer to line number, so a
definition error can name the file, the line and the field.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from generator.core.pointers import escape_token
from generator.errors import DefinitionError

# libyaml's parser when PyYAML was built with it (the wheels are): four times faster than the
# pure-Python one, which was a third of the site build's `policy-site pages` step.
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _StringDatesLoader(_SafeLoader):
    """SafeLoader without the timestamp resolver, ``2022-04-27`` staying a string, and with
    YAML 1.2 booleans: only true/false, so a key such as ``on:`` (a rule's date) stays "on"."""


_DROPPED = {"tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool"}
_StringDatesLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag not in _DROPPED]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_StringDatesLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def nearest_line(lines: dict[str, int], pointer: str) -> int | None:
    """The line of the value at ``pointer``, or of its nearest ancestor that has one."""
    while pointer and pointer not in lines:
        pointer = pointer.rsplit("/", 1)[0]
    return lines.get(pointer)


def _convert(node: yaml.Node, loader: _StringDatesLoader, pointer: str, lines: dict[str, int], path: Path):
    lines[pointer] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        result = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node)
            if not isinstance(key, str):
                raise DefinitionError(path, node.start_mark.line + 1, pointer, f"keys must be strings, got {key!r}")
            if key in result:
                raise DefinitionError(path, key_node.start_mark.line + 1, pointer, f"duplicate key {key!r}: remove one of them")
            result[key] = _convert(value_node, loader, f"{pointer}/{escape_token(key)}", lines, path)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_convert(item, loader, f"{pointer}/{index}", lines, path) for index, item in enumerate(node.value)]
    return loader.construct_object(node)


def load_yaml(path: Path) -> tuple[object, dict[str, int]]:
    """Return ``(data, lines)`` for one YAML file; ``lines`` maps JSON pointers to line numbers."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise DefinitionError(path, None, "", f"cannot read the file ({error})") from None
    loader = _StringDatesLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise DefinitionError(path, 1, "", "the file is empty")
        lines: dict[str, int] = {}
        return _convert(node, loader, "", lines, path), lines
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark else None
        raise DefinitionError(path, line, "", f"not valid YAML: {getattr(error, 'problem', error)}") from None
    finally:
        loader.dispose()
