"""Validation of definition files against their meta-schemas, errors located by line."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from pathlib import Path

import jsonschema

from generator.core.kinds import check_metaschema
from generator.core.pointers import join_pointer
from generator.definitions._yaml import nearest_line
from generator.errors import DefinitionError

KINDS = tuple(
    sorted(entry.name.removesuffix(".schema.json") for entry in resources.files(__package__).joinpath("metaschema").iterdir())
)


def metaschema(kind: str) -> dict:
    """The meta-schema of one kind of definition file, with the rule kinds' checks in it."""
    schema = json.loads(resources.files(__package__).joinpath(f"metaschema/{kind}.schema.json").read_text("utf-8"))
    if kind == "program":  # a rule's check: one record per kind in the core, its parameters declared there
        schema["$defs"]["check"] = check_metaschema()
    return schema


@cache
def _validator(kind: str) -> jsonschema.protocols.Validator:
    # The meta-schemas are the tool's own files: tests/test_definitions.py proves each a valid
    # 2020-12 schema once, rather than every build (0.13 s of a 5 s build).
    schema = metaschema(kind)
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def _explain(error: jsonschema.ValidationError) -> str:
    if error.validator == "additionalProperties":
        return f"unknown key: {error.message.split('(')[-1].rstrip(')')}; see generator/definitions/metaschema/"
    if error.validator == "required":
        return (
            f"missing {error.message.split(' is a required')[0]}; every text needs both zh and en"
            if ("'zh'" in error.message or "'en'" in error.message)
            else f"missing {error.message.split(' is a required')[0]}"
        )
    return error.message[:300]


def check_against_metaschema(kind: str, data: object, lines: dict[str, int], path: Path) -> None:
    """Raise a DefinitionError naming file, line and field for the first problem found."""
    errors = sorted(_validator(kind).iter_errors(data), key=lambda e: (len(e.absolute_path), list(map(str, e.absolute_path))))
    if errors:
        error = errors[0]
        pointer = join_pointer(error.absolute_path)
        raise DefinitionError(path, nearest_line(lines, pointer), pointer or "/", _explain(error))
