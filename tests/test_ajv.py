"""The published schemas work in a strict validator: ajv (npm, pinned in web/package.json), the
x- keywords declared from their vocabulary's meta-schema, accepts and refuses exactly the
examples Python's jsonschema does; without the vocabulary, strict ajv refuses them."""

from __future__ import annotations

import json
import shutil
import subprocess

import jsonschema
import pytest

from generator.schemas.vocabulary import KEYWORDS, PATH, render_vocabulary, vocabulary_url
from tests.conftest import EXAMPLES, ROOT

SCHEMAS = ROOT / "schemas"
AJV = ROOT / "web" / "node_modules" / "ajv" / "package.json"
pytestmark = pytest.mark.skipif(
    shutil.which("node") is None or not AJV.is_file(), reason="needs node and web/node_modules (make setup)"
)


def _schemas() -> dict[str, dict]:
    return {
        path.relative_to(SCHEMAS).as_posix().removesuffix(".schema.json"): json.loads(path.read_text("utf-8"))
        for path in sorted(SCHEMAS.glob("*/*.schema.json"))
    }


def _examples() -> list[dict]:
    return [
        {"schema": path.parent.relative_to(EXAMPLES).as_posix(), "name": path.relative_to(EXAMPLES).as_posix(), "data": json.loads(path.read_text("utf-8"))}
        for path in sorted(EXAMPLES.glob("*/*/*.json"))
    ]  # fmt: skip


def _ajv(vocabulary: dict, schemas: dict, instances: list) -> dict:
    payload = json.dumps({"vocabulary": vocabulary, "schemas": schemas, "instances": instances})
    done = subprocess.run(
        ["node", str(ROOT / "tests" / "ajv_check.mjs")], input=payload, capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.fixture(scope="module")
def vocabulary():
    return json.loads((SCHEMAS / PATH).read_text("utf-8"))


def test_the_committed_vocabulary_is_the_generated_one_and_declares_every_x_keyword_used(catalog, vocabulary):
    assert (SCHEMAS / PATH).read_text("utf-8") == render_vocabulary(catalog["site_url"]), "run `make schemas`"
    assert vocabulary["$id"] == vocabulary_url(catalog["site_url"])
    used = set()

    def walk(node):
        if isinstance(node, dict):
            used.update(key for key in node if key.startswith("x-"))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for schema in _schemas().values():
        walk(schema)
    jsonschema.Draft202012Validator.check_schema(vocabulary)
    assert used == set(KEYWORDS) == set(vocabulary["properties"])


def test_every_subschema_satisfies_the_vocabulary_meta_schema(vocabulary):
    validator = jsonschema.Draft202012Validator(vocabulary)

    def subschemas(node, pointer=""):
        if isinstance(node, dict):
            if any(key.startswith("x-") for key in node):
                yield pointer, node
            for key, value in node.items():
                if not key.startswith("x-") and key not in ("examples", "enum", "const", "default"):
                    yield from subschemas(value, f"{pointer}/{key}")
        elif isinstance(node, list):
            for index, value in enumerate(node):
                yield from subschemas(value, f"{pointer}/{index}")

    for program, schema in _schemas().items():
        for pointer, node in subschemas(schema):
            assert not list(validator.iter_errors(node)), f"{program} {pointer}"


def test_strict_ajv_compiles_every_schema_and_agrees_with_jsonschema_on_every_example(vocabulary):
    schemas, examples = _schemas(), _examples()
    report = _ajv(vocabulary, schemas, examples)
    assert report["compiled"] == dict.fromkeys(schemas), report["compiled"]
    assert all("(strictTypes)" in warning for warning in report["warnings"]), report["warnings"]  # type hints only
    checker = jsonschema.Draft202012Validator.FORMAT_CHECKER
    verdicts = {"valid": set(), "refused": set()}
    for example, result in zip(examples, report["results"], strict=True):
        validator = jsonschema.Draft202012Validator(schemas[example["schema"]], format_checker=checker)
        python_valid = not list(validator.iter_errors(example["data"]))
        assert result["valid"] is python_valid, (example["name"], result["errors"])
        verdicts["valid" if python_valid else "refused"].add(example["name"])
    assert {name for name in verdicts["valid"] if name.split("/")[-1].startswith("valid-")} == {
        e["name"] for e in examples if e["name"].split("/")[-1].startswith("valid-")
    }
    assert verdicts["refused"], "some invalid example fails at the schema level, so the agreement is tested both ways"


def test_without_the_vocabulary_strict_ajv_refuses_the_x_keywords():
    schemas = _schemas()
    report = _ajv({"properties": {}}, schemas, [])
    assert all('unknown keyword: "x-' in (error or "") for error in report["compiled"].values()), report["compiled"]


def test_the_vocabulary_rejects_a_malformed_annotation(vocabulary):
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "string", "x-title": {"zh": "名称"}}
    report = _ajv(vocabulary, {"broken": schema}, [])
    assert 'keyword "x-title" value is invalid' in (report["compiled"]["broken"] or ""), report["compiled"]
