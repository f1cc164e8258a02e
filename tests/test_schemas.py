"""Application schemas: valid draft 2020-12, bilingual on every field, committed without drift."""

from __future__ import annotations

import json

import jsonschema

from generator.core.schema import application_schema
from generator.schemas.write import render_schema
from tests.conftest import EXAMPLES, ROOT


def _fields(node, pointer=""):
    if not isinstance(node, dict):
        return
    for name, sub in node.get("properties", {}).items():
        yield f"{pointer}/{name}", sub
        yield from _fields(sub, f"{pointer}/{name}")
    if isinstance(node.get("items"), dict):
        yield from _fields(node["items"], f"{pointer}/*")
    for name, sub in node.get("$defs", {}).items():
        yield from _fields(sub, f"#/$defs/{name}")


def test_schemas_are_valid_draft_2020_12_with_ids(catalog):
    for program_id in catalog["programs"]:
        schema = application_schema(catalog, program_id)
        jsonschema.Draft202012Validator.check_schema(schema)
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        assert schema["$id"] == f"{catalog['site_url']}schemas/{program_id}.schema.json"


def test_every_property_has_zh_and_en_title(catalog):
    for program_id in catalog["programs"]:
        schema = application_schema(catalog, program_id)
        for pointer, field in _fields(schema):
            if "$ref" in field and "x-title" not in field:
                continue  # titled by the part it references
            assert field.get("x-title", {}).get("zh") and field["x-title"].get("en"), f"{program_id} {pointer}"
            if "description" in field:
                assert field["x-description"]["zh"] and field["x-description"]["en"], f"{program_id} {pointer}"


def test_shared_parts_are_referenced_not_copied(catalog):
    schema = application_schema(catalog, "cn-nm-hohhot/master-studio")
    assert (
        schema["properties"]["contact"]["$ref"] == "#/$defs/contact-person"
    )  # the form may add its own required boxes beside it
    assert "properties" not in schema["properties"]["contact"]
    assert "postcode" in schema["$defs"]


def test_committed_schemas_match_the_definitions(catalog):
    for program_id in catalog["programs"]:
        committed = ROOT / "schemas" / f"{program_id}.schema.json"
        assert committed.is_file(), f"run `make schemas`: {committed} is missing"
        drift = f"schemas/ drifted from policies/ for {program_id}: run `make schemas`"
        assert committed.read_text("utf-8") == render_schema(catalog, program_id), drift


def test_no_committed_schema_without_a_program(catalog):
    paths = sorted((ROOT / "schemas").glob("*/*.schema.json"))
    assert len(paths) == len(catalog["programs"])
    for path in paths:
        program_id = f"{path.parent.name}/{path.name.removesuffix('.schema.json')}"
        assert program_id in catalog["programs"], f"{path} belongs to no program"


def test_valid_examples_satisfy_their_schema(catalog):
    paths = sorted(EXAMPLES.glob("*/*/valid-*.json"))
    assert {path.parent.relative_to(EXAMPLES).as_posix() for path in paths} == set(catalog["programs"])  # every program has one
    for path in paths:
        program_id = path.parent.relative_to(EXAMPLES).as_posix()
        schema = application_schema(catalog, program_id)
        validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
        assert list(validator.iter_errors(json.loads(path.read_text("utf-8")))) == [], path
