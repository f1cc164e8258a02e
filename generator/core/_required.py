"""What the rules read, the form requires: conditional ``required`` generated from the rules.

A requirement (or advisory) rule that cannot read its data can only say "cannot be
decided", and an application missing the data a hard condition needs must not pass. So
the application schema requires every value a rule with a ``check`` reads, whenever that
rule applies: unconditionally for a rule without ``when``, inside ``if``/``then`` built
from the rule's own ``when`` otherwise. Nothing here is written by hand in a definition:
the pointers come from the check (``read_pointers``), the conditions from ``when``.

``any_of`` needs the data of one alternative only, so it becomes an ``anyOf`` of the
alternatives' requirements (an alternative that needs more than another is dropped).
"""

from __future__ import annotations

from generator.core.pointers import split_pointer
from generator.core.reads import Alternative, Need, rules_reading
from generator.core.refs import resolve_ref
from generator.core.when import schema_condition


def _is_array(node: dict) -> bool:
    return node.get("type") == "array" or "items" in node


def _insert(trie: dict, tokens: list[str], rows: int) -> None:
    node = trie
    for token in tokens:
        node = node.setdefault(token, {})
    node[""] = max(node.get("", 0), rows)  # "" is never a property name the forms use


def _merge_trie(into: dict, other: dict) -> None:
    for key, value in other.items():
        if key:
            _merge_trie(into.setdefault(key, {}), value)
        else:
            into[""] = max(into.get("", 0), value)


def _fragment(schema: dict, node: dict, trie: dict) -> dict:
    """The schema fragment that requires, at ``node``, everything ``trie`` lists."""
    node = resolve_ref(schema, node)
    fragment: dict = {}
    if _is_array(node):
        rows = trie.get("", 0)
        items = {t: sub for t, sub in trie.items() if t}
        if any(items):
            rows = max(rows, 1)
        if rows > node.get("minItems", 0):
            fragment["minItems"] = rows
        merged: dict = {}
        for sub in items.values():  # ``*`` (and a stray index) stand for each item
            _merge_trie(merged, sub)
        inner = _fragment(schema, node.get("items", {}), merged) if merged else {}
        if inner:
            fragment["items"] = inner
        return fragment
    properties = node.get("properties", {})
    already = set(node.get("required", []))
    required, nested = [], {}
    for name, sub in trie.items():
        if not name or name not in properties:  # an undefined pointer: the definition check says so
            continue
        if name not in already:
            required.append(name)
        inner = _fragment(schema, properties[name], sub)
        if inner:
            nested[name] = inner
    order = list(properties)
    if required:
        fragment["required"] = sorted(required, key=order.index)
    if nested:
        fragment["properties"] = {name: nested[name] for name in sorted(nested, key=order.index)}
    return fragment


def requirement(schema: dict, needs: Alternative) -> dict:
    trie: dict = {}
    for pointer, rows in sorted(needs):
        _insert(trie, split_pointer(pointer), rows)
    return _fragment(schema, schema, trie)


def rule_requirements(schema: dict, rules: list[dict]) -> list[dict]:
    """``allOf`` entries: what the rules read, required whenever each rule applies."""
    groups: dict[str, tuple[dict | None, list[list[Alternative]]]] = {}
    for rule, alts in rules_reading(rules):
        when = rule.get("when")
        key = repr(sorted(when.items())) if when else ""
        groups.setdefault(key, (when, []))[1].append(alts)
    entries = []
    for when, alternative_lists in groups.values():
        together: set[Need] = set()
        choices: list[dict] = []
        for alts in alternative_lists:
            if len(alts) == 1:
                together |= alts[0]
            else:
                options = [requirement(schema, alt) for alt in alts]
                if all(options):
                    choices.append({"anyOf": options})
        if when:  # the value that decides whether the rule applies is read, never required by it
            together = {(p, r) for p, r in together if p != when["path"]}
        block = requirement(schema, frozenset(together))
        if choices:
            block = {**block, "allOf": choices} if block else (choices[0] if len(choices) == 1 else {"allOf": choices})
        if not block:
            continue
        entries.append({"if": schema_condition(when), "then": block} if when else block)
    return entries
