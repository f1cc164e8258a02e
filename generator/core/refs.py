"""Local ``$ref`` resolution in a generated schema: the one resolver."""

from __future__ import annotations

from generator.core.pointers import unescape_token


def as_object(node: object) -> dict:
    """A subschema as an object: ``true`` accepts anything (``{}``), ``false`` nothing."""
    return {} if node is True else {"not": {}} if node is False else node if isinstance(node, dict) else {}


def resolve_ref(schema: dict, node: object) -> dict:
    """Follow local ``#/$defs/`` references; keywords beside a ``$ref`` (a field's own title) win.

    The one resolver (the site pages and the compatibility check use it too): a
    boolean subschema reads as ``{}`` (true) or ``{"not": {}}`` (false); a missing or circular
    target ends the walk at the node that names it.
    """
    node = as_object(node)
    seen: set[str] = set()
    while isinstance(node.get("$ref"), str) and node["$ref"].startswith("#/$defs/"):
        name = unescape_token(node["$ref"][len("#/$defs/") :])
        if name in seen or name not in schema.get("$defs", {}):
            break
        seen.add(name)
        node = {**as_object(schema["$defs"][name]), **{k: v for k, v in node.items() if k != "$ref"}}
    return node
