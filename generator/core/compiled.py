"""A program compiled once, for checking many applications: its schema's validator, and the
citations its findings share.

Compiling the schema is half of a check's time, and the citations are the same few dozen on
every check (a tenth of it in the browser), so the browser and the CLI's intake keep one
``CompiledProgram`` per program; a single ``check`` compiles its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import jsonschema

from generator.core.citations import citation
from generator.core.pointers import unescape_token
from generator.core.schema import application_schema

_CITE_KEYS = ("basis", "doc", "art", "clause", "standard")  # what citations.citation reads of a cite


@dataclass(frozen=True)
class CompiledProgram:
    catalog: dict
    program_id: str
    validator: jsonschema.protocols.Validator
    _citations: dict = field(default_factory=dict, repr=False, compare=False)  # cite key -> citation

    @property
    def schema(self) -> dict:
        """The schema as compiled (lone references inlined): what the findings' labels and order read."""
        return self.validator.schema

    def citation(self, cite: dict | None) -> dict | None:
        """``citations.citation``, computed once per cite; findings share the dict, read-only."""
        if not cite:
            return citation(self.catalog, cite)
        key = tuple(cite.get(name) for name in _CITE_KEYS)
        if key not in self._citations:
            self._citations[key] = citation(self.catalog, cite)
        return self._citations[key]


def compile_program(catalog: dict, program_id: str) -> CompiledProgram:
    return CompiledProgram(catalog, program_id, _compile_validator(application_schema(catalog, program_id)))


def _compile_validator(schema: dict) -> jsonschema.protocols.Validator:
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
