"""A program's application schema compiled once, for checking many applications."""

from __future__ import annotations

import jsonschema

from generator.core.pointers import unescape_token


def compile_validator(schema: dict) -> jsonschema.protocols.Validator:
    validator_class = jsonschema.validators.validator_for(schema)
    return validator_class(_inline_lone_refs(schema), format_checker=validator_class.FORMAT_CHECKER)


_DATA_KEYWORDS = {"enum", "const", "default", "examples", "$defs"}  # values that are not subschemas to walk


def _inline_lone_refs(schema: dict) -> dict:
    """``schema`` with each ``{"$ref": "#/$defs/NAME"}`` that has no other keyword replaced by
    its target: the same assertions, the same errors at the same instance paths, without
    jsonschema resolving the reference on every validation (a third of a check's schema time).
    ``$defs`` stays, so what is left (a recursive reference, a ``$ref`` with keywords beside
    it) resolves as before."""
    defs = schema.get("$defs", {})

    def walk(node: object, expanding: frozenset[str]) -> object:
        if isinstance(node, list):
            return [walk(item, expanding) for item in node]
        if not isinstance(node, dict):
            return node
        ref = node.get("$ref")
        if len(node) == 1 and isinstance(ref, str) and ref.startswith("#/$defs/") and "/" not in ref[8:]:
            name = unescape_token(ref[8:])
            if name in defs and name not in expanding:
                return walk(defs[name], expanding | {name})
        return {
            key: value if key in _DATA_KEYWORDS or key.startswith("x-") else walk(value, expanding) for key, value in node.items()
        }

    return walk(schema, frozenset())
