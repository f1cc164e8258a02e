"""Schema compatibility: does a newly generated application schema still accept every
application its published version accepted?

A change that could reject a previously valid application is *breaking*: a field removed or
newly required; a type narrowed; enum values removed; a const changed; a lower bound
(minimum, exclusiveMinimum, minLength, minItems…) raised or an upper bound lowered; a pattern or
format added or changed; additionalProperties turned false; uniqueItems turned on. A keyword
this check does not know, added or changed, counts as breaking too: it cannot prove otherwise.
Everything else (an optional field, a bound loosened, an enum extended, any annotation) is
compatible and only reported.

The walk is a table, one comparator per keyword (``COMPARATORS``), in the manner of
python-jsonschema's ``_keywords.py``: teaching the check a keyword is one entry.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from generator.core.pointers import escape_token
from generator.core.refs import as_object, resolve_ref
from generator.schemas._messages import SAY

_ANNOTATIONS = {"title", "description", "examples", "default", "deprecated", "readOnly", "writeOnly", "$comment", "$id"}
_ANNOTATIONS |= {"$schema", "$anchor", "contentEncoding", "contentMediaType"}
_ALL_TYPES = {"null", "boolean", "object", "array", "number", "string", "integer"}


@dataclass(frozen=True)
class Change:
    pointer: str  # JSON pointer into the schema, at the keyword or field that changed
    breaking: bool
    zh: str
    en: str


def _show(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


@dataclass(frozen=True)
class _Pair:
    """One node of the old schema and its counterpart in the new one, at one pointer."""

    walk: _Walk
    old: dict
    new: dict
    pointer: str

    @property
    def label(self) -> tuple[str, str]:
        return self.walk.label(self.walk.new_root, self.new, self.pointer)

    def say(self, breaking: bool, keyword: str, key: str, **shown: str) -> Change:
        """A change at ``keyword`` of this node."""
        return self.say_at(breaking, f"{self.pointer}/{keyword}", self.label, key, **shown)

    def say_at(self, breaking: bool, pointer: str, label: tuple[str, str], key: str, **shown: str) -> Change:
        zh, en = SAY[key]
        return Change(pointer, breaking, f"{label[0]}：{zh.format(**shown)}", f"{label[1]}: {en.format(**shown)}")


Comparator = Callable[[_Pair], Iterator[Change]]


# ---- one comparator per keyword ---------------------------------------------------------
def _types(node: dict) -> set[str] | None:
    kind = node.get("type")
    return None if kind is None else {kind} if isinstance(kind, str) else set(kind)


def _type(pair: _Pair) -> Iterator[Change]:
    before, after = _types(pair.old), _types(pair.new)
    if before != after:
        shown = {"old": "/".join(sorted(before or ["any"])), "new": "/".join(sorted(after or ["any"]))}
        lost = after is not None and (before or _ALL_TYPES) - after - ({"integer"} if "number" in after else set())
        yield pair.say(True, "type", "narrowed", **shown) if lost else pair.say(False, "type", "widened", **shown)


def _enum(pair: _Pair) -> Iterator[Change]:
    old, new = pair.old, pair.new
    if "enum" in new:
        allowed, had = {_show(v) for v in new["enum"]}, {_show(v) for v in old.get("enum", [])}
        if "enum" not in old and not ("const" in old and _show(old["const"]) in allowed):
            yield pair.say(True, "enum", "enum", new=_show(new["enum"]))
        if removed := [v for v in old.get("enum", []) if _show(v) not in allowed]:
            yield pair.say(True, "enum", "enum-removed", old=_show(removed))
        if "enum" in old and (added := [v for v in new["enum"] if _show(v) not in had]):
            yield pair.say(False, "enum", "enum-added", new=_show(added))
    elif "enum" in old:
        yield pair.say(False, "enum", "enum-dropped")


def _const(pair: _Pair) -> Iterator[Change]:
    old, new = pair.old, pair.new
    if "const" in new and ("const" not in old or _show(old["const"]) != _show(new["const"])):
        yield pair.say(True, "const", "const", old=_show(old["const"]) if "const" in old else "—", new=_show(new["const"]))
    elif "const" in old and "const" not in new:
        yield pair.say(False, "const", "dropped", kw="const")


def _tightest(node: dict, keywords: tuple[str, ...], direction: int) -> tuple[tuple, str, float] | None:
    """The strictest bound of a family as (tightness, keyword, value); exclusive beats inclusive at one value."""
    best = None
    for keyword in keywords:
        value = node.get(keyword)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            candidate = ((direction * value, keyword.startswith("exclusive")), keyword, value)
            best = candidate if best is None or candidate[0] > best[0] else best
    return best


def _bounds(keywords: tuple[str, ...], direction: int) -> Comparator:
    """A bound family (``minimum`` with ``exclusiveMinimum``…) compared as one: +1 when raising
    it tightens (a lower bound), -1 when lowering it does."""

    def compare(pair: _Pair) -> Iterator[Change]:
        before, after = _tightest(pair.old, keywords, direction), _tightest(pair.new, keywords, direction)
        if before == after:
            return
        if after is not None and (before is None or after[0] > before[0]):
            (_, keyword, value), raised = after, "raised" if direction > 0 else "lowered"
            if before is None:
                yield pair.say(True, keyword, "bound", kw=keyword, new=_show(value))
            elif before[1] == keyword:
                yield pair.say(True, keyword, raised, kw=keyword, old=_show(before[2]), new=_show(value))
            else:
                yield pair.say(True, keyword, "stricter", kw=keyword, old=f"{before[1]} {_show(before[2])}", new=_show(value))
        elif after is None:
            yield pair.say(False, before[1], "dropped", kw=f"{before[1]} {_show(before[2])}")
        else:
            old, new = f"{before[1]} {_show(before[2])}", f"{after[1]} {_show(after[2])}"
            yield pair.say(False, before[1], "loosened", old=old, new=new)

    return compare


def _form(keyword: str) -> Comparator:
    """``pattern`` or ``format``: any new or changed one may reject values the old one accepted."""

    def compare(pair: _Pair) -> Iterator[Change]:
        old, new = pair.old, pair.new
        if keyword in new and keyword not in old:
            yield pair.say(True, keyword, "form", kw=keyword, new=_show(new[keyword]))
        elif keyword in new and old[keyword] != new[keyword]:
            yield pair.say(True, keyword, "form-changed", kw=keyword, old=_show(old[keyword]), new=_show(new[keyword]))
        elif keyword in old and keyword not in new:
            yield pair.say(False, keyword, "dropped", kw=keyword)

    return compare


def _unique(pair: _Pair) -> Iterator[Change]:
    now = pair.new.get("uniqueItems") is True
    if now != (pair.old.get("uniqueItems") is True):
        yield pair.say(now, "uniqueItems", "unique" if now else "unique-off")


def _properties(pair: _Pair) -> Iterator[Change]:
    walk, old, new = pair.walk, pair.old, pair.new
    old_props, new_props = old.get("properties", {}), new.get("properties", {})
    old_additional = old.get("additionalProperties", True)
    for name, field in old_props.items():
        at = f"{pair.pointer}/properties/{escape_token(name)}"
        if name not in new_props:
            yield pair.say_at(True, at, walk.label(walk.old_root, field, at), "field-removed")
        else:
            yield from walk.node(field, new_props[name], at)
    for name, field in new_props.items():
        at = f"{pair.pointer}/properties/{escape_token(name)}"
        if name not in old_props and name not in new.get("required", []):
            yield pair.say_at(False, at, walk.label(walk.new_root, field, at), "optional-added")
        if name not in old_props and old_additional is not False:  # the name was accepted with any value before
            yield from walk.node(old_additional, field, at)


def _required(pair: _Pair) -> Iterator[Change]:
    walk, old, new = pair.walk, pair.old, pair.new
    old_required, new_required, new_props = old.get("required", []), new.get("required", []), new.get("properties", {})
    for name in [name for name in new_required if name not in old_required]:
        at = f"{pair.pointer}/properties/{escape_token(name)}" if name in new_props else f"{pair.pointer}/required"
        key = "now-required" if name in old.get("properties", {}) else "required-added"
        yield pair.say_at(True, at, walk.label(walk.new_root, new_props.get(name), at), key)
    for name in [name for name in old_required if name not in new_required]:
        yield pair.say(False, "required", "now-optional", kw=name)


def _additional_properties(pair: _Pair) -> Iterator[Change]:
    old_additional, new_additional = pair.old.get("additionalProperties", True), pair.new.get("additionalProperties", True)
    if new_additional is False and old_additional is not False:
        yield pair.say(True, "additionalProperties", "closed")
    elif old_additional is False and new_additional is not False:
        yield pair.say(False, "additionalProperties", "opened")
    elif isinstance(old_additional, dict) or isinstance(new_additional, dict):
        yield from pair.walk.node(old_additional, new_additional, f"{pair.pointer}/additionalProperties")


def _items(pair: _Pair) -> Iterator[Change]:
    if "items" in pair.old or "items" in pair.new:
        yield from pair.walk.node(pair.old.get("items", True), pair.new.get("items", True), f"{pair.pointer}/items")


def _defs(pair: _Pair) -> Iterator[Change]:
    old_defs, new_defs = pair.old.get("$defs", {}), pair.new.get("$defs", {})
    for name in [name for name in old_defs if name in new_defs]:
        yield from pair.walk.node(old_defs[name], new_defs[name], f"{pair.pointer}/$defs/{escape_token(name)}")


def _bound_family(keywords: tuple[str, ...], direction: int) -> dict[str, Comparator]:
    compare = _bounds(keywords, direction)  # one comparator for the family, so it runs once
    return dict.fromkeys(keywords, compare)


COMPARATORS: dict[str, Comparator] = {
    "type": _type,
    "enum": _enum,
    "const": _const,
    **_bound_family(("minimum", "exclusiveMinimum"), 1),
    **_bound_family(("maximum", "exclusiveMaximum"), -1),
    **_bound_family(("minLength",), 1),
    **_bound_family(("maxLength",), -1),
    **_bound_family(("minItems",), 1),
    **_bound_family(("maxItems",), -1),
    **_bound_family(("minProperties",), 1),
    **_bound_family(("maxProperties",), -1),
    **_bound_family(("minContains",), 1),
    **_bound_family(("maxContains",), -1),
    "pattern": _form("pattern"),
    "format": _form("format"),
    "uniqueItems": _unique,
    "properties": _properties,
    "required": _required,
    "additionalProperties": _additional_properties,
    "items": _items,
    "$defs": _defs,
}
_HANDLED = set(COMPARATORS)


def _unknown(pair: _Pair) -> Iterator[Change]:
    """A keyword no comparator knows: added or changed is breaking, as the check cannot prove otherwise."""
    old, new = pair.old, pair.new
    for keyword in sorted((old.keys() | new.keys()) - _HANDLED - _ANNOTATIONS):
        if keyword.startswith("x-") or (keyword == "$ref" and old.get("$ref") == new.get("$ref")):
            continue
        if keyword in new and (keyword not in old or _show(old[keyword]) != _show(new[keyword])):
            yield pair.say(True, keyword, "unknown", kw=keyword)
        elif keyword not in new:
            yield pair.say(False, keyword, "dropped", kw=keyword)


# ---- the walk ---------------------------------------------------------------------------
class _Walk:
    """Walks the old and the new schema side by side, yielding each Change."""

    def __init__(self, old_root: dict, new_root: dict):
        self.old_root, self.new_root = old_root, new_root
        self.following: set[tuple[object, object]] = set()  # $ref pairs being compared, against cycles

    def label(self, root: dict, node: object, pointer: str) -> tuple[str, str]:
        title = resolve_ref(root, node).get("x-title")
        if isinstance(title, dict) and title.get("zh") and title.get("en"):
            return f"“{title['zh']}”", f"“{title['en']}”"
        return pointer or "整个申请", pointer or "the application"

    def node(self, old: object, new: object, pointer: str) -> Iterator[Change]:
        old, new = as_object(old), as_object(new)
        if old.get("$ref") == new.get("$ref"):  # the same $ref: its target is compared once, under /$defs
            yield from self.keywords(_Pair(self, old, new, pointer))
            return
        pair = (old.get("$ref"), new.get("$ref"))
        if pair in self.following:
            return
        self.following.add(pair)
        try:
            yield from self.keywords(_Pair(self, resolve_ref(self.old_root, old), resolve_ref(self.new_root, new), pointer))
        finally:
            self.following.discard(pair)

    def keywords(self, pair: _Pair) -> Iterator[Change]:
        for comparator in dict.fromkeys(COMPARATORS.values()):
            yield from comparator(pair)
        yield from _unknown(pair)


def schema_changes(old: dict, new: dict) -> list[Change]:
    """Every difference between two versions of a schema that matters to validation."""
    return list(_Walk(old, new).node(old, new, ""))
